#pragma once
// A lab left standing for people to poke at (`lvslab hw up` / `lvslab hw down`): the
// namespaces are named "lvslab-<host>" and a small background process keeps lvslab's
// HTTP servers answering in the real servers' namespaces; that process is the lab's
// owner (its pid and start time in /run/lvslab/lab.pid, owner.hpp), which `hw down`
// stops, and only if it is still that process.
#include <string>
#include <vector>

#include "sim/scenario/spec.hpp"

namespace lvs::hw {

// How long `hw down` gives the servers' process to end after SIGTERM (then SIGKILL).
inline constexpr int kServerStopMs = 5000;

struct DownReport {
  std::vector<std::string> removed;   // namespaces removed
  std::vector<std::string> kept;      // one line per lab left alone, and why
  std::vector<std::string> warnings;  // one line per thing not done, and why
};

// Brings the lab up and starts the servers' process. Returns what was made (one line
// each). Throws HwUnavailable / HwError (then nothing is left).
std::vector<std::string> hw_up(const ScenarioSpec& spec);

// Stops the servers' process (if it is still the one recorded) and removes the `hw up`
// lab; with `all` also every `hw run` lab whose owner has ended (what a killed run
// left). A lab whose owner still runs is kept.
DownReport hw_down(bool all);

}  // namespace lvs::hw
