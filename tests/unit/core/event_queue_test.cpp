#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "sim/core/event_queue.hpp"
#include "sim/core/rng.hpp"

namespace {

using lvs::Event;
using lvs::EventQueue;
using lvs::SimTime;

// Reference model: every pushed event, popped in (time, seq) order by a full sort.
struct Pushed {
  SimTime time;
  std::uint64_t seq;
  std::uint64_t tag;
};

bool reference_less(const Pushed& x, const Pushed& y) { return x.time != y.time ? x.time < y.time : x.seq < y.seq; }

// Runs a random monotone workload: interleaved pushes (times >= the last popped time,
// drawn from `span`, many of them equal when span is small) and pops. Checks each pop
// against the reference (the minimum of what is pending).
void check_random_workload(std::uint64_t seed, SimTime span, int operations) {
  lvs::Rng rng(seed);
  EventQueue q;
  std::vector<Pushed> pending;
  SimTime now = 0;
  std::uint64_t tag = 0;
  for (int op = 0; op < operations; ++op) {
    const bool do_push = pending.empty() || rng.below(100) < 55;
    if (do_push) {
      const SimTime t = now + static_cast<SimTime>(rng.below(static_cast<std::uint64_t>(span)));
      const std::uint64_t seq = q.push(t, nullptr, 7, 0, tag);
      pending.push_back(Pushed{t, seq, tag});
      ++tag;
    } else {
      auto it = std::min_element(pending.begin(), pending.end(), reference_less);
      REQUIRE(q.next_time() == it->time);
      const Event ev = q.pop();
      REQUIRE(ev.time == it->time);
      REQUIRE(ev.seq == it->seq);
      REQUIRE(ev.b == it->tag);
      REQUIRE(ev.kind == 7u);
      now = ev.time;
      pending.erase(it);
    }
    REQUIRE(q.size() == pending.size());
  }
  // Drain: the remainder must come out fully sorted.
  std::sort(pending.begin(), pending.end(), reference_less);
  for (const Pushed& p : pending) {
    const Event ev = q.pop();
    CHECK(ev.time == p.time);
    CHECK(ev.seq == p.seq);
  }
  CHECK(q.empty());
}

}  // namespace

TEST_CASE("event queue: push assigns increasing sequence numbers") {
  EventQueue q;
  CHECK(q.empty());
  CHECK(q.push(10, nullptr, 0) == 0u);
  CHECK(q.push(5, nullptr, 0) == 1u);
  CHECK(q.push(5, nullptr, 0) == 2u);
  CHECK(q.size() == 3u);
  CHECK_FALSE(q.empty());
}

TEST_CASE("event queue: pops by time, FIFO among equal times") {
  EventQueue q;
  q.push(30, nullptr, 1, 11, 111);
  q.push(10, nullptr, 2, 22, 222);
  q.push(20, nullptr, 3);
  q.push(10, nullptr, 4);
  q.push(10, nullptr, 5);
  CHECK(q.next_time() == 10);
  Event e = q.pop();
  CHECK(e.time == 10);
  CHECK(e.kind == 2u);
  CHECK(e.a == 22u);
  CHECK(e.b == 222u);
  CHECK(q.pop().kind == 4u);
  CHECK(q.pop().kind == 5u);
  CHECK(q.pop().kind == 3u);
  e = q.pop();
  CHECK(e.kind == 1u);
  CHECK(e.a == 11u);
  CHECK(e.b == 111u);
  CHECK(q.empty());
}

TEST_CASE("event queue: next_time does not stop an earlier push") {
  // The simulator peeks at next_time(), stops at its time limit, then the caller may
  // schedule something between the last popped time and the peeked one.
  EventQueue q;
  q.push(100, nullptr, 1);
  CHECK(q.pop().time == 100);
  q.push(1000, nullptr, 2);
  CHECK(q.next_time() == 1000);
  q.push(500, nullptr, 3);
  CHECK(q.next_time() == 500);
  CHECK(q.pop().kind == 3u);
  CHECK(q.pop().kind == 2u);
}

TEST_CASE("event queue: random workloads match a reference sort") {
  SUBCASE("wide spread of times") { check_random_workload(1, 1'000'000'000, 20'000); }
  SUBCASE("many equal times") { check_random_workload(2, 4, 20'000); }
  SUBCASE("all equal times") { check_random_workload(3, 1, 5'000); }
  SUBCASE("mixed small spans") { check_random_workload(4, 64, 20'000); }
}

TEST_CASE("event queue: bulk equal-time events keep push order") {
  EventQueue q;
  for (std::uint64_t i = 0; i < 10'000; ++i) q.push(static_cast<SimTime>(i % 3) * 1000, nullptr, 0, 0, i);
  std::uint64_t prev_seq = 0;
  SimTime prev_time = -1;
  for (int i = 0; i < 10'000; ++i) {
    const Event e = q.pop();
    if (e.time == prev_time) CHECK(e.seq > prev_seq);
    CHECK(e.time >= prev_time);
    prev_time = e.time;
    prev_seq = e.seq;
    CHECK(e.b == e.seq);
  }
}

TEST_CASE("event queue: zero-delay chains stay FIFO through compaction") {
  // Each pop pushes a new event at the same time: bucket 0 never drains.
  EventQueue q;
  for (std::uint64_t i = 0; i < 100; ++i) q.push(42, nullptr, 0, 0, i);
  std::uint64_t expect = 0;
  for (int i = 0; i < 50'000; ++i) {
    const Event e = q.pop();
    REQUIRE(e.b == expect);
    ++expect;
    q.push(42, nullptr, 0, 0, expect + 99);
  }
  CHECK(q.size() == 100u);
}

TEST_CASE("event queue: clear forgets everything and the queue is reusable") {
  EventQueue q;
  for (int i = 0; i < 1000; ++i) q.push(i * 7, nullptr, 1);
  for (int i = 0; i < 10; ++i) q.pop();
  q.clear();
  CHECK(q.empty());
  CHECK(q.size() == 0u);
  q.push(3, nullptr, 2);
  q.push(1, nullptr, 3);
  CHECK(q.size() == 2u);
  CHECK(q.next_time() == 1);
  CHECK(q.pop().kind == 3u);
  CHECK(q.pop().kind == 2u);
  CHECK(q.empty());
}

TEST_CASE("event queue: extreme times") {
  EventQueue q;
  q.push(lvs::kTimeNever, nullptr, 1);
  q.push(0, nullptr, 2);
  q.push(lvs::kTimeNever - 1, nullptr, 3);
  CHECK(q.pop().kind == 2u);
  CHECK(q.pop().kind == 3u);
  CHECK(q.pop().time == lvs::kTimeNever);
}
