#pragma once
// A restartable timer on top of the event queue, without cancellation in the queue.
//
// Re-arming to a later deadline costs nothing: the pending event fires, sees the
// deadline moved, and re-schedules itself. Arming earlier (or after disarm) schedules a
// new event and bumps the generation so that the stale event is ignored. This keeps
// the number of queued events low for timers that are pushed back on every packet
// (TCP retransmission, neighbour entries).
#include <cstdint>

#include "sim/core/simulator.hpp"

namespace lvs {

class Timer {
 public:
  // owner->on_event() receives events of `kind` with `a` = id, `b` = generation;
  // it must call Timer::should_fire() and act only when it returns true.
  Timer() = default;
  Timer(EventHandler* owner, std::uint32_t kind, std::uint32_t id = 0) : owner_(owner), kind_(kind), id_(id) {}

  void bind(EventHandler* owner, std::uint32_t kind, std::uint32_t id = 0) {
    owner_ = owner;
    kind_ = kind;
    id_ = id;
  }

  void arm(Simulator& sim, SimTime deadline) {
    armed_ = true;
    deadline_ = deadline;
    if (pending_ && pending_at_ <= deadline) return;  // the pending event will re-arm
    ++generation_;
    pending_ = true;
    pending_at_ = deadline;
    sim.schedule_at(deadline, owner_, kind_, id_, generation_);
  }
  void arm_in(Simulator& sim, SimTime delay) { arm(sim, time_after(sim.now(), delay)); }
  void disarm() { armed_ = false; }

  bool armed() const { return armed_; }
  SimTime deadline() const { return deadline_; }

  // Called by the owner for an event of this timer. Returns true when the timer
  // really expires now (then it is disarmed); false for stale or postponed events.
  bool should_fire(Simulator& sim, std::uint64_t generation) {
    if (generation != generation_) return false;  // superseded by a newer event
    pending_ = false;
    if (!armed_) return false;
    if (deadline_ > sim.now()) {  // pushed back since: follow it
      ++generation_;
      pending_ = true;
      pending_at_ = deadline_;
      sim.schedule_at(deadline_, owner_, kind_, id_, generation_);
      return false;
    }
    armed_ = false;
    return true;
  }

 private:
  EventHandler* owner_ = nullptr;
  std::uint32_t kind_ = 0;
  std::uint32_t id_ = 0;
  std::uint64_t generation_ = 0;
  SimTime deadline_ = 0;
  SimTime pending_at_ = 0;
  bool armed_ = false;
  bool pending_ = false;
};

}  // namespace lvs
