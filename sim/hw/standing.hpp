#pragma once
// A lab left standing for people to poke at (`lvslab hw up` / `lvslab hw down`): the
// namespaces are named "lvslab-<host>" and a small background process keeps lvslab's
// HTTP servers answering in the real servers' namespaces; its pid is kept in
// /run/lvslab/lab.pid so that `hw down` can stop it.
#include <string>
#include <vector>

#include "sim/scenario/spec.hpp"

namespace lvs::hw {

inline constexpr const char* kStateDir = "/run/lvslab";
inline constexpr const char* kServerPidFile = "/run/lvslab/lab.pid";

// Brings the lab up and starts the servers' process. Returns what was made (one line
// each). Throws HwUnavailable / HwError (then nothing is left).
std::vector<std::string> hw_up(const ScenarioSpec& spec);

// Stops the servers' process (if it is ours) and removes the `hw up` lab, or with
// `all` every lvslab namespace (also those a killed run left). Returns the names removed.
std::vector<std::string> hw_down(bool all);

}  // namespace lvs::hw
