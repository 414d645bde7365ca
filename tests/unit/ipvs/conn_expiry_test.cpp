// Connection-table expiry cost (issue 9 §3): expire() must not walk the table. Entries
// fire in (expires, creation) order, and the heap work is a small constant per entry
// however many entries live and however often their timers move.
#include <doctest/doctest.h>

#include <vector>

#include "sim/ipvs/conn.hpp"

using namespace lvs;
using namespace lvs::ipvs;

namespace {

ConnParam client(std::uint32_t n) {
  ConnParam p;
  p.caddr =
      Ipv4Addr(10, static_cast<std::uint8_t>(n >> 16), static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n));
  p.cport = 40000;
  p.vaddr = Ipv4Addr(192, 0, 2, 100);
  p.vport = 80;
  return p;
}

}  // namespace

TEST_CASE("expiry examines a constant number of timer slots per entry, not the whole table") {
  ProtoTimeouts timeouts;
  ConnTable table(&timeouts);
  // 50,000 entries, one per millisecond, each refreshed by 10 packets (timer moved later
  // 10 times) and expiring 3 s after its last packet: ~3,000 entries live at any time,
  // and expire() is called every millisecond, as a busy director does.
  constexpr std::uint32_t kEntries = 50'000;
  std::vector<Conn*> conns;
  std::uint64_t expired_in_order = 0;
  SimTime last_expiry_seen = 0;
  for (std::uint32_t i = 0; i < kEntries + 4000; ++i) {
    const SimTime now = i * kMillisecond;
    table.expire(now);
    if (i < kEntries) {
      Conn* c = table.create(client(i), Ipv4Addr(192, 0, 2, 11), 80, false, false, nullptr, 0, now);
      for (int k = 0; k < 10; ++k) table.put(*c, now);  // 3 s after now
      conns.push_back(c);
    }
    // Entries still in use are exactly those whose time has not come.
    if (i % 997 == 0) {
      const std::size_t expected_live =
          std::min<std::size_t>(i + 1, kEntries) - (i >= 3000 ? std::min<std::size_t>(i - 3000 + 1, kEntries) : 0);
      CHECK(table.size() == expected_live);
    }
    (void)last_expiry_seen;
    (void)expired_in_order;
  }
  CHECK(table.size() == 0);
  // One slot per entry (queued at its first time, which put() never moved earlier).
  CHECK(table.timer_slots_examined() <= 2 * kEntries);
}

TEST_CASE("a timer moved later fires at its new time; one moved earlier fires at once") {
  ProtoTimeouts timeouts;
  ConnTable table(&timeouts);
  Conn* a = table.create(client(1), Ipv4Addr(192, 0, 2, 11), 80, false, false, nullptr, 0, 0);  // expires 3 s
  Conn* b = table.create(client(2), Ipv4Addr(192, 0, 2, 11), 80, false, false, nullptr, 0, 0);
  table.put(*a, seconds(2));  // a now expires at 5 s
  table.expire(seconds(3));
  CHECK(table.size() == 1);  // b went at 3 s
  CHECK(table.in_get(client(2)) == nullptr);
  CHECK(table.in_get(client(1)) == a);
  table.expire(seconds(5) - 1);
  CHECK(table.size() == 1);
  table.expire(seconds(5));
  CHECK(table.size() == 0);

  Conn* c = table.create(client(3), Ipv4Addr(192, 0, 2, 11), 80, false, false, nullptr, 0, seconds(10));
  table.expire_now(*c, seconds(11));
  table.expire(seconds(11));
  CHECK(table.size() == 0);
  (void)b;
}

namespace {

// What the director traces: each fired timer, in firing order. Like the trace, it asks
// the table to run its timers again from inside the callback, which must do nothing.
struct Fired {
  std::uint64_t seq;
  SimTime at;
  bool freed;
  SimTime expires;
  std::int32_t dest_inactive;
};
class Recorder final : public ConnTimerObserver {
 public:
  explicit Recorder(ConnTable& table) : table_(table) {}
  void conn_timer_fired(const Conn& cp, SimTime at, bool freed, const Dest* dest) override {
    fired.push_back({cp.seq, at, freed, cp.expires, dest != nullptr ? dest->inactconns : -1});
    table_.expire(at + seconds(1000));  // nested: ignored
  }
  std::vector<Fired> fired;

 private:
  ConnTable& table_;
};

}  // namespace

TEST_CASE("the timer observer hears every fired timer in firing order: freed, or a template re-armed") {
  ProtoTimeouts timeouts;
  ConnTable table(&timeouts);
  Recorder rec(table);
  table.set_timer_observer(&rec);
  Dest dest;
  Conn* ct = table.create(client(1), Ipv4Addr(192, 0, 2, 11), 80, /*is_template=*/true, false, &dest, 0, 0);
  Conn* a = table.create(client(1), Ipv4Addr(192, 0, 2, 11), 80, false, false, &dest, 0, 0);
  Conn* b = table.create(client(2), Ipv4Addr(192, 0, 2, 11), 80, false, false, &dest, 0, 0);
  table.control_add(*a, *ct);
  table.put(*a, seconds(100));  // a: 103 s; ct and b: 3 s
  table.expire(seconds(200));
  // 3 s: the template (older) controls a -> re-armed to 63 s; then b freed. 63 s: again,
  // to 123 s. 103 s: a freed. 123 s: the template, now alone, freed.
  REQUIRE(rec.fired.size() == 5);
  CHECK(rec.fired[0].seq == ct->seq);
  CHECK(rec.fired[0].at == seconds(3));
  CHECK_FALSE(rec.fired[0].freed);
  CHECK(rec.fired[0].expires == seconds(63));
  CHECK(rec.fired[1].seq == b->seq);
  CHECK(rec.fired[1].freed);
  CHECK(rec.fired[1].dest_inactive == 1);  // a is left (the template counts as persistent)
  CHECK(rec.fired[2].at == seconds(63));
  CHECK(rec.fired[2].expires == seconds(123));
  CHECK(rec.fired[3].at == seconds(103));
  CHECK(rec.fired[3].freed);
  CHECK(rec.fired[3].dest_inactive == 0);
  CHECK(rec.fired[4].at == seconds(123));
  CHECK(rec.fired[4].freed);
  CHECK(table.size() == 0);
  CHECK(dest.persistconns == 0);
}
