// Host configuration as `ip addr`, `ip route` and sysctl see it.
#include <doctest/doctest.h>

#include "tests/unit/net/net_fixture.hpp"

namespace lvs::test {
namespace {

std::optional<std::string> add_route(Host& h, std::string_view text) {
  std::string error;
  const auto spec = parse_route(text, &error);
  REQUIRE_MESSAGE(spec.has_value(), error);
  return h.add_route(*spec);
}

bool contains(const std::vector<std::string>& lines, const std::string& line) {
  for (const auto& l : lines)
    if (l == line) return true;
  return false;
}

}  // namespace

TEST_CASE("a new host has lo with 127.0.0.1/8 and the kernel's local routes") {
  NetFixture f;
  Host& h = f.host("h");
  REQUIRE(h.interfaces().size() == 1);
  CHECK(h.iface(0).name == "lo");
  CHECK(h.is_local_address(ip("127.0.0.1")));
  const auto local = h.show_local_routes();
  CHECK(contains(local, "local 127.0.0.1 dev lo proto kernel scope host src 127.0.0.1"));
  CHECK(contains(local, "local 127.0.0.0/8 dev lo proto kernel scope host src 127.0.0.1"));
  CHECK(contains(local, "broadcast 127.255.255.255 dev lo proto kernel scope link src 127.0.0.1"));
  CHECK(h.show_routes().empty());
}

TEST_CASE("addresses: primary, secondary, labels, scope, deletion and promotion") {
  NetFixture f;
  Segment& lan = f.segment("lan");
  Host& h = f.host("h");
  f.eth(h, "eth0", lan);
  f.addr(h, "eth0", "10.0.0.1/24");
  f.addr(h, "eth0:0", "10.0.0.2/24");      // same subnet: secondary, labelled
  f.addr(h, "eth0", "10.0.1.1/24");        // other subnet: another primary
  f.addr(h, "lo:0", "192.168.10.100/32");  // the DR VIP
  const auto lines = h.show_addresses();
  const std::vector<std::string> expected = {
      "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN",
      "    inet 127.0.0.1/8 scope host lo",
      "    inet 192.168.10.100/32 scope global lo:0",
      "2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP",
      "    inet 10.0.0.1/24 scope global eth0",
      "    inet 10.0.1.1/24 scope global eth0",
      "    inet 10.0.0.2/24 scope global secondary eth0:0",
  };
  CHECK(lines == expected);
  // A secondary gets a local route but no prefix route of its own.
  CHECK(contains(h.show_local_routes(), "local 10.0.0.2 dev eth0 proto kernel scope host src 10.0.0.1"));
  CHECK(h.show_routes() == std::vector<std::string>{"10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1",
                                                    "10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.1"});

  CHECK(h.add_address("eth0", *Ipv4Prefix::parse("10.0.0.1/24")) == "RTNETLINK answers: File exists");
  CHECK(h.add_address("eth7", *Ipv4Prefix::parse("10.0.0.9/24")) == "Cannot find device \"eth7\"");
  CHECK(h.del_address("eth0", ip("10.9.9.9")) == "RTNETLINK answers: Cannot assign requested address");

  SUBCASE("deleting a primary deletes its secondaries") {
    CHECK_FALSE(h.del_address("eth0", ip("10.0.0.1")).has_value());
    CHECK_FALSE(h.is_local_address(ip("10.0.0.2")));
  }
  SUBCASE("with promote_secondaries the secondary becomes primary") {
    f.sysctl(h, "net.ipv4.conf.eth0.promote_secondaries", "1");
    CHECK_FALSE(h.del_address("eth0", ip("10.0.0.1")).has_value());
    const IfAddress* a = h.iface(1).find_address(ip("10.0.0.2"));
    REQUIRE(a != nullptr);
    CHECK_FALSE(a->secondary);
    CHECK(contains(h.show_routes(), "10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.2"));
  }
}

TEST_CASE("an address on lo makes its whole subnet local") {
  NetFixture f;
  Host& h = f.host("h");
  f.addr(h, "lo", "192.168.10.100/24");
  CHECK(contains(h.show_local_routes(), "local 192.168.10.0/24 dev lo proto kernel scope host src 192.168.10.100"));
  const auto r = h.route_output(ip("192.168.10.7"), Ipv4Addr());
  REQUIRE(r.has_value());
  CHECK(r->type == RouteType::kLocal);
  CHECK(r->dev == h.loopback());
}

TEST_CASE("ip route add: device resolution and errors as ip(8) reports them") {
  NetFixture f;
  Segment& lan = f.segment("lan");
  Host& h = f.host("h");
  f.eth(h, "eth0", lan);
  f.addr(h, "eth0", "10.0.0.1/24");
  CHECK(add_route(h, "default via 10.9.9.9") == "Error: Nexthop has invalid gateway.");
  CHECK(add_route(h, "10.1.0.0/16 via 10.0.0.2 dev eth3") == "Cannot find device \"eth3\"");
  CHECK(add_route(h, "10.1.0.0/16 via 10.0.0.2 dev lo") == "Error: Nexthop has invalid gateway.");
  CHECK(add_route(h, "10.1.0.0/16 via 10.0.0.2 src 10.7.7.7") == "Error: Invalid prefsrc address.");
  CHECK_FALSE(add_route(h, "default via 10.0.0.254").has_value());
  CHECK(add_route(h, "default via 10.0.0.253") == "RTNETLINK answers: File exists");
  CHECK_FALSE(add_route(h, "default via 10.0.0.253 metric 100").has_value());
  // A gateway reached only through another gateway is not on-link.
  CHECK_FALSE(add_route(h, "10.1.0.0/16 via 10.0.0.2").has_value());
  CHECK(add_route(h, "10.2.0.0/16 via 10.1.0.1") == "Error: Nexthop has invalid gateway.");
  CHECK_FALSE(add_route(h, "192.168.10.100/32 dev lo").has_value());
  CHECK_FALSE(add_route(h, "blackhole 10.66.0.0/16").has_value());
  const std::vector<std::string> expected = {
      "default via 10.0.0.254 dev eth0",
      "default via 10.0.0.253 dev eth0 metric 100",
      "10.0.0.0/24 dev eth0 proto kernel scope link src 10.0.0.1",
      "10.1.0.0/16 via 10.0.0.2 dev eth0",
      "blackhole 10.66.0.0/16",
      "192.168.10.100 dev lo scope link",
  };
  CHECK(h.show_routes() == expected);
  RouteError err = RouteError::kNone;
  CHECK_FALSE(h.route_output(ip("10.66.1.1"), Ipv4Addr(), &err).has_value());
  CHECK(err == RouteError::kInvalid);
  CHECK(h.user_routes().size() == 5);
}

TEST_CASE("sysctls through the host; base_reachable_time re-draws reachable_time") {
  NetFixture f;
  Segment& lan = f.segment("lan");
  Host& h = f.host("h");
  const IfIndex eth0 = f.eth(h, "eth0", lan);
  CHECK(h.set_sysctl("net.ipv4.conf.eth9.arp_ignore", "1") ==
        "sysctl: cannot stat /proc/sys/net/ipv4/conf/eth9/arp_ignore: No such file or directory");
  CHECK(h.set_sysctl("net.ipv4.conf.eth0.arp_ignore", "9").has_value());
  f.sysctl(h, "net.ipv4.neigh.eth0.base_reachable_time_ms", "2000");
  const SimTime rt = h.neighbours().reachable_time(eth0);
  CHECK(rt >= kSecond);
  CHECK(rt < 3 * kSecond);
}

TEST_CASE("describe_into_trace names hosts, interfaces and segments") {
  NetFixture f;
  Segment& lan = f.segment("lan");
  Host& h = f.host("rs1", "realserver");
  f.eth(h, "eth0", lan);
  f.addr(h, "eth0", "10.0.0.11/24");
  f.world.describe_into_trace("unit");
  const TraceMeta& m = f.world.trace().meta();
  CHECK(m.scenario == "unit");
  REQUIRE(m.hosts.size() == 1);
  CHECK(m.hosts[0].name == "rs1");
  CHECK(m.hosts[0].role == "realserver");
  REQUIRE(m.hosts[0].interfaces.size() == 2);
  CHECK(m.hosts[0].interfaces[1].name == "eth0");
  CHECK(m.hosts[0].interfaces[1].segment == lan.id());
  CHECK(m.hosts[0].interfaces[1].addresses == std::vector<std::string>{"10.0.0.11/24"});
  CHECK(m.hosts[0].interfaces[0].segment == kNoId);
  REQUIRE(m.segments.size() == 1);
  CHECK(m.segments[0].name == "lan");
  CHECK(f.world.find_host("rs1") == &h);
  CHECK(f.world.find_segment("lan") == &lan);
}

TEST_CASE("without tracing nothing is recorded, but frames are counted") {
  NetFixture f(false);
  Segment& lan = f.segment("lan");
  Host& a = f.host("a");
  Host& b = f.host("b");
  f.eth(a, "eth0", lan);
  f.eth(b, "eth0", lan);
  f.addr(a, "eth0", "10.0.0.1/24");
  f.addr(b, "eth0", "10.0.0.2/24");
  PingRecorder ping(a);
  REQUIRE(a.send_echo_request(ip("10.0.0.2"), 1, 1));
  REQUIRE(a.send_echo_request(ip("10.0.0.3"), 1, 1));
  f.run_for(10 * kMillisecond);
  CHECK(ping.replies.size() == 1);
  CHECK(f.world.trace().records().empty());
  CHECK(f.world.trace().frame_count() == 0);
  CHECK(f.world.frames_transmitted == 5);  // ARP req, ARP reply, echo, echo reply, ARP req for .3
  CHECK(f.world.pool().in_use() == 1);     // the packet queued for 10.0.0.3
}

}  // namespace lvs::test
