// Each direction of a segment port gets the simulator's link model on qdiscs
// (qdisc.hpp): the segment's delay, bandwidth and queue both ways, and the receiving
// host's rx_delay (base + uniform[0, jitter]) on the way to it, as netem's symmetric
// jitter around base + jitter/2.
#include <doctest/doctest.h>

#include "sim/hw/qdisc.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using namespace lvs::hw;

TEST_CASE("a slow server's rx_delay is added on the way to it, not from it") {
  const ScenarioSpec spec = load_scenario_file(std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-lc-slow-server.json");
  const SegmentSpec* lan = spec.find_segment("lan");
  const HostSpec* rs1 = spec.find_host("rs1");
  REQUIRE(lan);
  REQUIRE(rs1);
  const LinkShape out = shape_from_host(*lan);
  CHECK(out == LinkShape{20 * kMicrosecond, 0, 1'000'000'000, lan->link.queue_frames});
  const LinkShape in = shape_towards_host(*lan, *rs1);
  CHECK(in.delay == 150 * kMillisecond + 20 * kMicrosecond);
  CHECK(in.jitter == 0);
  CHECK(shape_text(in) ==
        "netem delay 150020us, tbf rate 1000000000bit limit " + std::to_string(lan->link.queue_frames + 1) + " frames");
  CHECK(shape_error(in).empty());
  CHECK(delays_with_netem(in));
  CHECK_FALSE(delays_with_netem(out));  // 20 us: under kMinNetemDelay
  CHECK(shape_text(out) == "delay 20us not added (under 1ms), tbf rate 1000000000bit limit " +
                               std::to_string(lan->link.queue_frames + 1) + " frames");
}

TEST_CASE("a jittered rx_delay becomes netem's delay and jitter around its middle") {
  SegmentSpec seg;
  seg.link.delay = 50 * kMicrosecond;
  seg.link.bandwidth_bps = 0;
  HostSpec h;
  h.rx_delay = 5 * kMicrosecond;
  h.rx_jitter = 40 * kMicrosecond;
  const LinkShape in = shape_towards_host(seg, h);
  CHECK(in.delay == 75 * kMicrosecond);  // 50 + 5 + 40/2: uniform over [55, 95] us
  CHECK(in.jitter == 20 * kMicrosecond);
  CHECK_FALSE(delays_with_netem(in));                           // under kMinNetemDelay
  CHECK(shape_text(in) == "delay 95us not added (under 1ms)");  // no bandwidth: no tbf
}

TEST_CASE("a rate tbf cannot take through libnl is refused with the reason") {
  SegmentSpec seg;
  seg.link.bandwidth_bps = 17'000'000'000;
  CHECK(shape_error(shape_from_host(seg)).empty());
  seg.link.bandwidth_bps = 18'000'000'000;
  CHECK(shape_error(shape_from_host(seg)).find("at most 17 Gbit/s") != std::string::npos);
}

TEST_CASE("--speed scales the links with the schedule: delays divided, bandwidth multiplied") {
  const LinkShape s{150 * kMillisecond, 20 * kMicrosecond, 1'000'000'000, 1000};
  const LinkShape slow = scaled(s, 0.25);
  CHECK(slow.delay == 600 * kMillisecond);
  CHECK(slow.jitter == 80 * kMicrosecond);
  CHECK(slow.bandwidth_bps == 250'000'000);
  CHECK(slow.queue_frames == 1000);
  CHECK(scaled(s, 1.0) == s);
}
