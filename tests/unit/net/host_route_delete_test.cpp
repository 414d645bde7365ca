// Route deletion (fib_table_delete), SIOCADDRT's non-exclusive add, and the broadcast
// route of an address's explicit brd (fib_add_ifaddr).
#include <doctest/doctest.h>

#include "tests/unit/net/net_fixture.hpp"

namespace lvs::test {
namespace {

RouteSpec route(std::string_view text) {
  std::string error;
  const auto spec = parse_route(text, &error);
  REQUIRE_MESSAGE(spec.has_value(), error);
  return *spec;
}

struct TwoNics : NetFixture {
  Segment& lan = segment("lan");
  Host& h = host("h");
  TwoNics() {
    eth(h, "eth0", lan);
    eth(h, "eth1", lan);
    REQUIRE_FALSE(h.add_address("eth0", *Ipv4Prefix::parse("192.168.10.11/24")));
    REQUIRE_FALSE(h.add_address("eth1", *Ipv4Prefix::parse("10.1.2.3/8")));
  }
};

}  // namespace

TEST_CASE("del_route removes the administrator's route that matches the parts given") {
  TwoNics f;
  REQUIRE_FALSE(f.h.add_route(route("default via 192.168.10.1")));
  REQUIRE_FALSE(f.h.add_route(route("172.16.0.0/16 via 192.168.10.254")));
  CHECK(f.h.del_route(route("172.16.0.0/16 via 192.168.10.9")) == "RTNETLINK answers: No such process");
  CHECK_FALSE(f.h.del_route(route("172.16.0.0/16 via 192.168.10.254")));
  CHECK(f.h.user_routes().size() == 1);
  CHECK(f.h.routes().lookup_main(ip("172.16.1.1"))->gateway == ip("192.168.10.1"));
  RouteSpec any_default;  // `ip route del default`: neither via nor dev
  any_default.dst = Ipv4Prefix{Ipv4Addr(), 0};
  CHECK_FALSE(f.h.del_route(any_default));
  CHECK(f.h.routes().lookup_main(ip("8.8.8.8")) == nullptr);
  CHECK(f.h.del_route(any_default) == "RTNETLINK answers: No such process");
}

TEST_CASE("a non-exclusive add (route add) accepts the same prefix on another device, not the same route") {
  TwoNics f;
  // 10.0.0.0/8 is eth1's connected route; `ip route add` (NLM_F_EXCL) refuses it...
  CHECK(f.h.add_route(route("10.0.0.0/8 dev eth0")) == "RTNETLINK answers: File exists");
  // ...SIOCADDRT does not, but refuses an identical second one.
  CHECK_FALSE(f.h.add_route(route("10.0.0.0/8 dev eth0"), false));
  CHECK(f.h.add_route(route("10.0.0.0/8 dev eth0"), false) == "RTNETLINK answers: File exists");
}

TEST_CASE("an explicit broadcast address gets a broadcast route in the local table, once") {
  NetFixture f;
  Host& h = f.host("h");
  Host::AddressConfig c;
  c.dev = "lo";
  c.label = "lo:0";
  c.prefix = *Ipv4Prefix::parse("192.168.10.10/32");
  c.broadcast = ip("192.168.10.10");
  REQUIRE_FALSE(h.add_address(c));
  const auto local = h.show_local_routes();
  CHECK(std::count(local.begin(), local.end(),
                   "broadcast 192.168.10.10 dev lo proto kernel scope link src 192.168.10.10") == 1);
  CHECK(h.iface(0).addresses.back().label == "lo:0");
  CHECK(h.iface(0).addresses.back().broadcast == ip("192.168.10.10"));
  // The subnet's own broadcast given as brd is not added twice.
  Segment& lan = f.segment("lan");
  f.eth(h, "eth0", lan);
  c.dev = "eth0";
  c.label = "";
  c.prefix = *Ipv4Prefix::parse("10.1.2.3/8");
  c.broadcast = ip("10.255.255.255");
  REQUIRE_FALSE(h.add_address(c));
  const auto after = h.show_local_routes();
  CHECK(std::count(after.begin(), after.end(),
                   "broadcast 10.255.255.255 dev eth0 proto kernel scope link src 10.1.2.3") == 1);
}

}  // namespace lvs::test
