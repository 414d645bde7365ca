#include "sim/hw/realtime_timer.hpp"

#include <poll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <cerrno>

#include "sim/hw/error.hpp"
#include "sim/hw/interrupt.hpp"

namespace lvs::hw {
namespace {
// Poll's bound: how long a signal that arrives between the flag's test and poll() can
// go unnoticed (poll itself returns EINTR for one that arrives during it).
constexpr int kInterruptCheckMs = 200;
}  // namespace

RealtimeTimer::RealtimeTimer() : fd_(::timerfd_create(CLOCK_REALTIME, TFD_CLOEXEC | TFD_NONBLOCK)) {
  if (fd_ < 0) throw_errno("timerfd_create", errno);
}

RealtimeTimer::~RealtimeTimer() { ::close(fd_); }

bool RealtimeTimer::wait_until(std::int64_t t_ns) {
  if (t_ns <= 0) return !interrupted();
  itimerspec spec{};
  spec.it_value.tv_sec = static_cast<time_t>(t_ns / 1'000'000'000);
  spec.it_value.tv_nsec = static_cast<long>(t_ns % 1'000'000'000);
  if (::timerfd_settime(fd_, TFD_TIMER_ABSTIME, &spec, nullptr) != 0) throw_errno("timerfd_settime", errno);
  for (;;) {
    if (interrupted()) return false;
    pollfd p{fd_, POLLIN, 0};
    const int r = ::poll(&p, 1, kInterruptCheckMs);
    if (r > 0) {
      std::uint64_t expirations = 0;
      if (::read(fd_, &expirations, sizeof expirations) == sizeof expirations) return !interrupted();
    } else if (r < 0 && errno != EINTR) {
      throw_errno("poll on a timerfd", errno);
    }
  }
}

}  // namespace lvs::hw
