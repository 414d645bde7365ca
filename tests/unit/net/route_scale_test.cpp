// Routing tables at scale (issue 9 §3): 150,000 routes used to take minutes (every add
// rebuilt and re-sorted the table; every lookup walked it). Adding a route is now O(1)
// and a batch of addresses costs one rebuild; lookups still give the longest prefix,
// lowest metric, first added.
#include <doctest/doctest.h>

#include "sim/core/rng.hpp"
#include "tests/unit/net/net_fixture.hpp"

using namespace lvs;
using namespace lvs::test;

namespace {

std::optional<std::string> add(Host& h, const std::string& text) {
  std::string error;
  const auto spec = parse_route(text, &error);
  REQUIRE_MESSAGE(spec.has_value(), error);
  return h.add_route(*spec);
}

}  // namespace

TEST_CASE("150,000 routes: no rebuild per route, and lookups agree with a walk of the table") {
  NetFixture w;
  Segment& lan = w.segment("lan");
  Host& h = w.host("r", "router");
  w.eth(h, "eth0", lan);
  w.eth(h, "eth1", lan);
  w.addr(h, "eth0", "10.0.0.1/16");
  w.addr(h, "eth1", "10.1.0.1/16");
  REQUIRE_FALSE(add(h, "default via 10.0.0.254").has_value());
  const std::uint64_t rebuilds = h.fib_rebuilds();
  // /24s and /16s over 20.0.0.0/8 .. 22.0.0.0/8, alternating gateways, some with metrics.
  int added = 0;
  for (int a = 20; a <= 22 && added < 150'000; ++a)
    for (int b = 0; b < 256 && added < 150'000; ++b) {
      REQUIRE_FALSE(
          add(h, std::to_string(a) + "." + std::to_string(b) + ".0.0/16 via 10.0.0." + std::to_string(2 + b % 50))
              .has_value());
      ++added;
      for (int c = 0; c < 195 && added < 150'000; ++c, ++added)
        REQUIRE_FALSE(add(h, std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) +
                                 ".0/24 via 10.1.0." + std::to_string(2 + c % 50) + (c % 7 == 0 ? " metric 5" : ""))
                          .has_value());
    }
  CHECK(added == 150'000);
  CHECK(h.fib_rebuilds() == rebuilds);  // was one rebuild (and sort) per route
  CHECK(add(h, "20.7.9.0/24 via 10.0.0.9") == "RTNETLINK answers: File exists");
  CHECK_FALSE(add(h, "20.7.9.0/24 via 10.0.0.9 metric 9").has_value());  // another metric: a second route

  // Reference: the longest prefix, lowest metric, first added, by walking every route.
  const auto& table = h.routes().main_table().in_order();
  auto walk = [&](Ipv4Addr dst) {
    const Route* found = nullptr;
    for (const auto& r : table)
      if (r.dst.contains(dst) &&
          (!found || r.dst.len > found->dst.len || (r.dst.len == found->dst.len && r.metric < found->metric)))
        found = &r;
    return found;
  };
  Rng rng(3);
  for (int i = 0; i < 200; ++i) {
    const Ipv4Addr dst(static_cast<std::uint32_t>((19u << 24) + rng.below(5u << 24)));
    CHECK(h.routes().lookup_main(dst) == walk(dst));
  }
  CHECK(h.routes().lookup_main(Ipv4Addr(20, 7, 9, 1))->gateway == Ipv4Addr(10, 1, 0, 11));
}

TEST_CASE("a batch of addresses costs one rebuild of the routing tables") {
  NetFixture w;
  Segment& lan = w.segment("lan");
  Host& h = w.host("r", "router");
  w.eth(h, "eth0", lan);
  (void)h.routes();
  const std::uint64_t rebuilds = h.fib_rebuilds();
  for (int i = 0; i < 2000; ++i)
    w.addr(h, "eth0", "10." + std::to_string(i / 250) + "." + std::to_string(i % 250) + ".1/24");
  CHECK(h.fib_rebuilds() == rebuilds);
  CHECK(h.is_local_address(Ipv4Addr(10, 7, 249, 1)));
  CHECK(h.routes().lookup_main(Ipv4Addr(10, 7, 249, 77))->dev == h.find_iface("eth0")->index);
  CHECK(h.fib_rebuilds() == rebuilds + 1);
}
