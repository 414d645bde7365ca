#pragma once
// A lab pack's lab.json (docs/grading.md "Writing a lab pack"), parsed and checked when it
// is loaded: the scenario (validated with the hidden traffic, as a submission will run
// it), the hosts a student configures, the seeds, and every check with its kind's own
// parameters. Errors name the file and the JSON pointer, like scenario files:
//   lab.json: /checks/3/kind: unknown check kind 'sysctll' (expected one of: sysctl, ...)
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/grade/grade.hpp"

namespace lvs::grade {

// Bounds of an (untrusted) lab pack.
inline constexpr std::size_t kMaxChecks = 200;
inline constexpr std::size_t kMaxSeeds = 100;
inline constexpr std::size_t kMaxConfiguredHosts = 64;
inline constexpr int kMaxPoints = 10000;

struct CheckSpec {
  std::string id;
  std::string kind;
  int points = 0;
  Text title, feedback, hint;
  std::string section;
  nlohmann::json params;  // the whole check object; its kind reads its own keys
  std::string pointer;    // "/checks/3"
};

struct LabPack {
  std::string file;  // lab.json as given
  std::string dir;   // its folder (fixed hosts' files_dir / shell_file are relative to it)
  std::string name;
  Text title;
  std::string section;
  // The scenario document, its visible traffic first, then the hidden traffic (so that
  // a run and its replay number requests and events alike).
  nlohmann::json scenario;
  std::size_t visible_traffic = 0;
  std::size_t hidden_traffic = 0;
  std::vector<std::string> configured_hosts;
  std::vector<std::uint64_t> seeds;
  std::vector<CheckSpec> checks;
  int max_score() const;
};

// Parses a lab.json text; `file` names it in messages and locates relative paths.
// Throws LabError.
LabPack parse_lab_pack_text(std::string_view text, const std::string& file);

}  // namespace lvs::grade
