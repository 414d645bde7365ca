// Links allocate their queues as frames arrive (issue 9 §3): a segment of many ports
// with a long queue costs nothing until frames queue up, and the ring never holds more
// than the backlog needs (twice it, doubling) or the queue allows.
#include <doctest/doctest.h>

#include "sim/net/link.hpp"
#include "tests/unit/net/net_fixture.hpp"

using namespace lvs;

TEST_CASE("a transmitter's ring grows with the backlog, not with the configured queue") {
  LinkParams p;
  p.bandwidth_bps = 1'000'000;  // 1 Mbit/s: a 1000-byte frame takes ~8 ms
  p.delay = 0;
  p.queue_frames = 100'000;
  Transmitter tx(p);
  CHECK(tx.slots_allocated() == 0);
  // 1000 frames at once: one on the wire, 999 queued.
  SimTime last = 0;
  for (int i = 0; i < 1000; ++i) {
    const auto t = tx.send(0, 1000);
    REQUIRE(t.has_value());
    CHECK(*t == last + tx.serialisation(1000));  // FIFO finish times survive the growth
    last = *t;
  }
  CHECK(tx.queued() == 1000);
  CHECK(tx.slots_allocated() >= 1000);
  CHECK(tx.slots_allocated() <= 2048);
}

TEST_CASE("drop-tail at queue_frames + 1 frames, with the ring at that size") {
  LinkParams p;
  p.bandwidth_bps = 1'000'000;
  p.queue_frames = 20;
  Transmitter tx(p);
  for (int i = 0; i < 21; ++i) CHECK(tx.send(0, 1000).has_value());
  CHECK_FALSE(tx.send(0, 1000).has_value());
  CHECK(tx.slots_allocated() == 21);
  // Once the first frame is fully sent its slot is free again.
  CHECK(tx.send(tx.serialisation(1000), 1000).has_value());
}

TEST_CASE("a world of 20 hosts x 64 interfaces with queue 100000 allocates no queue slot before traffic") {
  test::NetFixture w;
  LinkParams p;
  p.queue_frames = 100'000;
  Segment& lan = w.segment("lan", p);
  for (int h = 0; h < 20; ++h) {
    Host& host = w.host("h" + std::to_string(h));
    for (int i = 0; i < 64; ++i) w.eth(host, "eth" + std::to_string(i), lan);
  }
  std::size_t slots = 0;
  for (std::uint16_t port = 0; port < lan.port_count(); ++port) slots += lan.port_egress(port).slots_allocated();
  for (const auto& host : w.world.hosts())
    for (const auto& ifc : host->interfaces()) slots += ifc.tx.slots_allocated();
  CHECK(lan.port_count() == 20 * 64);
  CHECK(slots == 0);  // was (100,000 + 1) x 2 x 1,280 = 256 M slots (1.97 GB)
}
