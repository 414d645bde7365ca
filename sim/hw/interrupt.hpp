#pragma once
// SIGINT / SIGTERM / SIGHUP while a lab stands: the handler only sets a flag; the run
// polls it at every wait, throws Interrupted, and the Lab's destructor removes every
// namespace on the way out (cleanup on success, on error and on a signal alike).
#include <stdexcept>

namespace lvs::hw {

class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted: the lab was removed") {}
};

// Installs the handlers for its lifetime (restores the previous ones after).
class InterruptGuard {
 public:
  InterruptGuard();
  ~InterruptGuard();
  InterruptGuard(const InterruptGuard&) = delete;
  InterruptGuard& operator=(const InterruptGuard&) = delete;
};

bool interrupted();
void throw_if_interrupted();
// Sleeps up to `ns` nanoseconds in short steps; throws Interrupted when a signal came.
void sleep_interruptible(long long ns);

}  // namespace lvs::hw
