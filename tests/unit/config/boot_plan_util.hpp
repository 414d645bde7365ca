#pragma once
// What the boot-file tests ask of a plan: its commands, and whether a problem says something.
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/files/boot_plan.hpp"

namespace lvs::config::test {

inline std::vector<std::string> commands(const BootPlan& plan) {
  std::vector<std::string> out;
  for (const auto& s : plan.steps) out.push_back(s.command);
  return out;
}

inline bool has_problem(const BootPlan& plan, std::string_view text) {
  for (const auto& p : plan.problems)
    if (p.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace lvs::config::test
