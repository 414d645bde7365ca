#pragma once
// Waiting for an instant of CLOCK_REALTIME with a timerfd armed for that absolute time
// (TFD_TIMER_ABSTIME): the wait ends when the kernel's timer expires, not at the next
// step of a polling loop, so a schedule's items start at their time (plus the kernel's
// wake-up latency). A signal (Ctrl-C) ends the wait early.
#include <cstdint>

namespace lvs::hw {

class RealtimeTimer {
 public:
  RealtimeTimer();  // throws HwError when the kernel gives no timerfd
  ~RealtimeTimer();
  RealtimeTimer(const RealtimeTimer&) = delete;
  RealtimeTimer& operator=(const RealtimeTimer&) = delete;

  // Blocks until CLOCK_REALTIME reaches `t_ns` (at once when it has); false when the
  // run was interrupted first (interrupt.hpp).
  bool wait_until(std::int64_t t_ns);

 private:
  int fd_ = -1;
};

}  // namespace lvs::hw
