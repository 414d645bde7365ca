#include "sim/hw/interrupt.hpp"

#include <csignal>
#include <ctime>

namespace lvs::hw {
namespace {

volatile std::sig_atomic_t g_signal = 0;
struct sigaction g_old[3];
constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};

void on_signal(int sig) { g_signal = sig; }

}  // namespace

InterruptGuard::InterruptGuard() {
  g_signal = 0;
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &sa, &g_old[i]);
}

InterruptGuard::~InterruptGuard() {
  for (int i = 0; i < 3; ++i) sigaction(kSignals[i], &g_old[i], nullptr);
}

bool interrupted() { return g_signal != 0; }

void throw_if_interrupted() {
  if (interrupted()) throw Interrupted();
}

void sleep_interruptible(long long ns) {
  constexpr long long kStep = 50'000'000;
  while (ns > 0) {
    throw_if_interrupted();
    const long long step = ns < kStep ? ns : kStep;
    timespec ts{static_cast<time_t>(step / 1'000'000'000), static_cast<long>(step % 1'000'000'000)};
    nanosleep(&ts, nullptr);
    ns -= step;
  }
  throw_if_interrupted();
}

}  // namespace lvs::hw
