#include "sim/core/simulator.hpp"

#include <stdexcept>

namespace lvs {

const char* stop_reason_name(StopReason r) {
  switch (r) {
    case StopReason::kQueueEmpty: return "no more events";
    case StopReason::kTimeLimit: return "time limit";
    case StopReason::kEventLimit: return "event limit";
    case StopReason::kStopped: return "stopped";
  }
  return "?";
}

std::uint64_t Simulator::schedule_at(SimTime t, EventHandler* target, std::uint32_t kind, std::uint32_t a,
                                     std::uint64_t b) {
  if (t < now_) throw std::logic_error("event scheduled in the past");
  return queue_.push(t, target, kind, a, b);
}

StopReason Simulator::run(const RunLimits& limits) {
  stop_requested_ = false;
  std::uint64_t budget = limits.max_events;
  while (!queue_.empty()) {
    if (queue_.next_time() > limits.until) {
      now_ = limits.until;
      return StopReason::kTimeLimit;
    }
    if (budget == 0) return StopReason::kEventLimit;
    --budget;
    const Event ev = queue_.pop();
    now_ = ev.time;
    ++events_processed_;
    ev.target->on_event(ev);
    if (stop_requested_) return StopReason::kStopped;
  }
  if (limits.until != kTimeNever && now_ < limits.until) now_ = limits.until;
  return StopReason::kQueueEmpty;
}

}  // namespace lvs
