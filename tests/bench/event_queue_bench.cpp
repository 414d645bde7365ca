// Hold-model benchmark of the pending-event set: N events pending; each popped event
// schedules one new event at now + exponential(mean 1 ms). Compares lvs::EventQueue with
// a plain binary heap (std::priority_queue) on the same (time, seq) order and the same
// random delays, and checks both pop the same sequence (a checksum over (time, seq)).
//
//   bench_event_queue [--events N] [--pending N]     (defaults: 50,000,000 / 100,000)
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <queue>
#include <string>
#include <vector>

#include "sim/core/event_queue.hpp"
#include "sim/core/rng.hpp"

namespace {

using lvs::Event;
using lvs::SimTime;

constexpr SimTime kMeanDelay = lvs::milliseconds(1);
constexpr std::uint64_t kSeed = 20240601;

struct Options {
  std::uint64_t events = 50'000'000;
  std::uint64_t pending = 100'000;
};

struct Result {
  double seconds = 0;
  std::uint64_t checksum = 0;  // order-sensitive hash of the popped (time, seq)
  SimTime end_time = 0;
};

inline void mix(std::uint64_t& h, const Event& e) {
  h = (h ^ static_cast<std::uint64_t>(e.time)) * 0x100000001b3ULL;
  h = (h ^ e.seq) * 0x100000001b3ULL;
}

// Baseline: std::priority_queue with the queue's strict order (earliest first).
class BinaryHeapQueue {
 public:
  explicit BinaryHeapQueue(std::size_t reserve) {
    std::vector<Event> storage;
    storage.reserve(reserve);
    heap_ = Heap(Later{}, std::move(storage));
  }
  void push(SimTime t, std::uint32_t kind) { heap_.push(Event{t, next_seq_++, nullptr, kind, 0, 0}); }
  Event pop() {
    Event e = heap_.top();
    heap_.pop();
    return e;
  }

 private:
  struct Later {
    bool operator()(const Event& x, const Event& y) const { return lvs::fires_before(y, x); }
  };
  using Heap = std::priority_queue<Event, std::vector<Event>, Later>;
  Heap heap_;
  std::uint64_t next_seq_ = 0;
};

class RadixQueue {
 public:
  void push(SimTime t, std::uint32_t kind) { q_.push(t, nullptr, kind); }
  Event pop() { return q_.pop(); }

 private:
  lvs::EventQueue q_;
};

template <class Queue>
Result hold(Queue& q, const Options& opt) {
  lvs::Rng rng(kSeed);
  for (std::uint64_t i = 0; i < opt.pending; ++i) q.push(rng.exponential(kMeanDelay), 0);
  Result r;
  r.checksum = 0xcbf29ce484222325ULL;
  const auto start = std::chrono::steady_clock::now();
  for (std::uint64_t i = 0; i < opt.events; ++i) {
    const Event e = q.pop();
    mix(r.checksum, e);
    q.push(e.time + rng.exponential(kMeanDelay), e.kind + 1);
    r.end_time = e.time;
  }
  const auto stop = std::chrono::steady_clock::now();
  r.seconds = std::chrono::duration<double>(stop - start).count();
  return r;
}

bool parse_count(const char* text, std::uint64_t& out) {
  char* end = nullptr;
  const unsigned long long v = std::strtoull(text, &end, 10);
  if (end == text || *end != '\0' || v == 0) return false;
  out = v;
  return true;
}

bool parse_args(int argc, char** argv, Options& opt) {
  for (int i = 1; i < argc; i += 2) {  // each option takes a value
    const std::string arg = argv[i];
    std::uint64_t* target = arg == "--events" ? &opt.events : arg == "--pending" ? &opt.pending : nullptr;
    if (target == nullptr || i + 1 >= argc || !parse_count(argv[i + 1], *target)) {
      std::fprintf(stderr, "usage: %s [--events N] [--pending N]  (N > 0)\n", argv[0]);
      return false;
    }
  }
  return true;
}

void report(const char* name, const Options& opt, const Result& r) {
  std::printf("%-28s %8.3f s  %8.2f M events/s  (simulated %.3f s)\n", name, r.seconds,
              static_cast<double>(opt.events) / r.seconds / 1e6, static_cast<double>(r.end_time) / 1e9);
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_args(argc, argv, opt)) return 2;
  std::printf("hold model: %llu pending, %llu events, delay exponential(mean 1 ms)\n",
              static_cast<unsigned long long>(opt.pending), static_cast<unsigned long long>(opt.events));

  RadixQueue radix;
  const Result rr = hold(radix, opt);
  report("lvs::EventQueue (radix)", opt, rr);

  BinaryHeapQueue heap(opt.pending + 1);
  const Result hr = hold(heap, opt);
  report("std::priority_queue<Event>", opt, hr);

  if (rr.checksum != hr.checksum) {
    std::fprintf(stderr, "MISMATCH: the two queues popped different sequences\n");
    return 1;
  }
  std::printf("same pop order: yes; speed-up radix / binary heap: %.2fx\n", hr.seconds / rr.seconds);
  return 0;
}
