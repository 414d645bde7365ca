// The learning switch of a segment: flooding of broadcast and unknown unicast,
// learning source MACs, filtering to the learnt port.
#include <doctest/doctest.h>

#include <cstring>

#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"
#include "tests/unit/net/net_fixture.hpp"

namespace lvs::test {
namespace {

struct Three : NetFixture {
  Host& a = host("a");
  Host& b = host("b");
  Host& c = host("c");
  Segment& lan = segment("lan");
  Three() {
    eth(a, "eth0", lan);
    eth(b, "eth0", lan);
    eth(c, "eth0", lan);
    addr(a, "eth0", "10.0.0.1/24");
    addr(b, "eth0", "10.0.0.2/24");
    addr(c, "eth0", "10.0.0.3/24");
  }
  std::size_t seen_by(const Host& h) {
    return count<FrameRx>([&](const FrameRx& r) { return r.host == h.id(); }) +
           count<FrameDrop>([&](const FrameDrop& d) { return d.host == h.id() && d.reason == DropReason::kNotForUs; });
  }
};

}  // namespace

TEST_CASE("broadcast floods; after learning, unicast goes only to the right port") {
  Three w;
  PingRecorder ping(w.a);
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 1));
  w.run_for(10 * kMillisecond);
  REQUIRE(ping.replies.size() == 1);
  // c saw only the broadcast ARP request: the reply went to a's learnt port and the
  // echo request/reply to learnt ports too.
  CHECK(w.seen_by(w.c) == 1);
  CHECK(w.drops(w.c, DropReason::kNotForUs) == 0);
  CHECK(w.seen_by(w.b) == 2);  // ARP request + echo request
  CHECK(w.count<FrameWire>() == 4);
}

TEST_CASE("unknown unicast is flooded, and a host drops a frame for another MAC") {
  Three w;
  const IfIndex eth0 = NetFixture::dev(w.a, "eth0");
  // a knows b's MAC statically, so the switch has not seen b yet.
  w.a.neighbours().set_permanent(eth0, ip("10.0.0.2"), NetFixture::mac(w.b, "eth0"));
  PingRecorder ping(w.a);
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 1));
  w.run_for(10 * kMillisecond);
  CHECK(w.drops(w.c, DropReason::kNotForUs) == 1);  // flooded copy
  REQUIRE(ping.replies.size() == 1);
  // Now the switch knows both: the next exchange does not reach c at all.
  const std::size_t before = w.seen_by(w.c);
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 2));
  w.run_for(10 * kMillisecond);
  CHECK(ping.replies.size() == 2);
  CHECK(w.seen_by(w.c) == before);
}

TEST_CASE("a port that is down loses frames; a host link down drops at the host") {
  Three w;
  const IfIndex eth0 = NetFixture::dev(w.b, "eth0");
  w.b.set_link_up(eth0, false);
  PingRecorder ping(w.a);
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 1));
  w.run_for(10 * kMillisecond);
  CHECK(ping.replies.empty());
  CHECK(w.seen_by(w.b) == 0);
  CHECK(w.seen_by(w.c) == 1);
}

TEST_CASE("serialisation and propagation delay add up per hop") {
  NetFixture f;
  LinkParams slow;
  slow.bandwidth_bps = 10'000'000;  // 10 Mbit/s
  slow.delay = 100 * kMicrosecond;
  Segment& lan = f.segment("lan", slow);
  Host& a = f.host("a");
  Host& b = f.host("b");
  f.eth(a, "eth0", lan);
  f.eth(b, "eth0", lan);
  f.addr(a, "eth0", "10.0.0.1/24");
  f.addr(b, "eth0", "10.0.0.2/24");
  a.neighbours().set_permanent(NetFixture::dev(a, "eth0"), ip("10.0.0.2"), NetFixture::mac(b, "eth0"));
  REQUIRE(a.send_echo_request(ip("10.0.0.2"), 1, 1, 56));
  f.run_for(10 * kMillisecond);
  const auto rx = f.records<FrameRx>([&](const FrameRx& r) { return r.host == b.id(); });
  REQUIRE(rx.size() >= 1);
  // 98-byte frame: (98 + 24) bytes * 8 bits at 10 Mbit/s = 97.6 us per link, twice.
  const SimTime per_link = lan.defaults().delay + Transmitter(slow).serialisation(98);
  CHECK(rx[0].first == 2 * per_link);
}

TEST_CASE("a learnt MAC ages out after 300 s: the next frame to it floods, and it is learnt again") {
  Three w;
  // Static neighbours both ways: no ARP, so only the switch's table decides flooding.
  w.a.neighbours().set_permanent(NetFixture::dev(w.a, "eth0"), ip("10.0.0.2"), NetFixture::mac(w.b, "eth0"));
  w.b.neighbours().set_permanent(NetFixture::dev(w.b, "eth0"), ip("10.0.0.1"), NetFixture::mac(w.a, "eth0"));
  PingRecorder ping(w.a);
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 1));
  w.run_for(10 * kMillisecond);
  REQUIRE(ping.replies.size() == 1);
  CHECK(w.drops(w.c, DropReason::kNotForUs) == 1);  // b unknown: flooded
  w.run_for(Segment::kMacAgeing - kSecond);         // last seen 300 s ago, not more
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 2));
  w.run_for(10 * kMillisecond);
  REQUIRE(ping.replies.size() == 2);
  CHECK(w.drops(w.c, DropReason::kNotForUs) == 1);  // still learnt (and refreshed)
  w.run_for(Segment::kMacAgeing + kSecond);         // now older than 300 s
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 3));
  w.run_for(10 * kMillisecond);
  REQUIRE(ping.replies.size() == 3);
  CHECK(w.drops(w.c, DropReason::kNotForUs) == 2);  // aged out: flooded again
  REQUIRE(w.a.send_echo_request(ip("10.0.0.2"), 1, 4));
  w.run_for(10 * kMillisecond);
  REQUIRE(ping.replies.size() == 4);
  CHECK(w.drops(w.c, DropReason::kNotForUs) == 2);  // learnt again from the reply
}

}  // namespace lvs::test
