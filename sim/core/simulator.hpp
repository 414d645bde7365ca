#pragma once
// The discrete-event engine: a clock, the pending-event queue and the run loop.
#include <cstdint>

#include "sim/core/event_queue.hpp"
#include "sim/core/rng.hpp"
#include "sim/core/time.hpp"

namespace lvs {

enum class StopReason { kQueueEmpty, kTimeLimit, kEventLimit, kStopped };

const char* stop_reason_name(StopReason r);

struct RunLimits {
  SimTime until = kTimeNever;             // no event later than this runs
  std::uint64_t max_events = UINT64_MAX;  // a runaway (routing loop, ARP storm) stops here
};

class Simulator {
 public:
  explicit Simulator(std::uint64_t seed = 1) : rng_(seed), seed_(seed) {}
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  SimTime now() const { return now_; }
  std::uint64_t seed() const { return seed_; }
  Rng& rng() { return rng_; }

  // Schedules target->on_event() at absolute time t (>= now). Returns the sequence number.
  std::uint64_t schedule_at(SimTime t, EventHandler* target, std::uint32_t kind, std::uint32_t a = 0,
                            std::uint64_t b = 0);
  std::uint64_t schedule_in(SimTime delay, EventHandler* target, std::uint32_t kind, std::uint32_t a = 0,
                            std::uint64_t b = 0) {
    return schedule_at(time_after(now_, delay), target, kind, a, b);
  }

  // Runs events in order until the queue is empty or a limit is hit. May be called again
  // to continue (e.g. run to T, inspect, run on). The clock ends at `until` when the time
  // limit stops the run, so that "state at time T" means exactly that.
  StopReason run(const RunLimits& limits = {});

  // Asks a running loop to return after the current event.
  void stop() { stop_requested_ = true; }

  std::uint64_t events_processed() const { return events_processed_; }
  std::size_t pending() const { return queue_.size(); }

 private:
  EventQueue queue_;
  SimTime now_ = 0;
  Rng rng_;
  std::uint64_t seed_;
  std::uint64_t events_processed_ = 0;
  bool stop_requested_ = false;
};

}  // namespace lvs
