#pragma once
// What the boot-file fuzz targets (boot_*_fuzz.cpp) share: the input cut into files at
// NUL bytes, and the invariants every BootPlan keeps whatever the files say:
//  * the same files give the same plan (deterministic);
//  * each step has a command and comes from a file the host has (or one the boot
//    assumes: CentOS's shipped ifcfg-lo, a unit's wants link), at a line that exists;
//  * each problem names a file the host has ("FILE:" or "FILE:LINE:") or is the bound's;
//  * files_read lists files the host has, each once; the plan keeps its bounds.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "sim/config/files/boot_plan.hpp"
#include "sim/config/files/plan_writer.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs::fuzz {

using FileMap = std::map<std::string, std::string>;

// The input's NUL-separated parts, given to `paths` in order (missing parts: no file).
inline FileMap files_from(std::string_view text, const std::vector<std::string>& paths) {
  FileMap files;
  for (const auto& path : paths) {
    if (text.data() == nullptr) break;
    const auto nul = text.find('\0');
    files[path] = std::string(text.substr(0, nul));
    if (nul == std::string_view::npos) break;
    text.remove_prefix(nul + 1);
  }
  return files;
}

// The words of a line made by shell_word(): blank-separated, '...' quoting, '\'' inside.
inline std::vector<std::string> shell_words(const std::string& line) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false, quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '\'') quoted = false;
      else word += c;
    } else if (c == '\'') {
      quoted = in_word = true;
    } else if (c == '\\' && i + 1 < line.size()) {
      word += line[++i];
      in_word = true;
    } else if (c == ' ') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

inline std::size_t line_count(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) +
         (text.empty() || text.back() == '\n' ? 0 : 1);
}

inline bool same_plan(const config::BootPlan& a, const config::BootPlan& b) {
  if (a.steps.size() != b.steps.size() || a.problems != b.problems || a.files_read != b.files_read) return false;
  for (std::size_t i = 0; i < a.steps.size(); ++i)
    if (a.steps[i].command != b.steps[i].command || a.steps[i].origin.file != b.steps[i].origin.file ||
        a.steps[i].origin.line != b.steps[i].origin.line || a.steps[i].by != b.steps[i].by ||
        a.steps[i].ignore_failure != b.steps[i].ignore_failure)
      return false;
  return true;
}

inline bool names_file(const std::string& problem, const FileMap& files, const std::vector<std::string>& assumed) {
  if (problem.starts_with("more than ")) return true;
  for (const auto& [path, text] : files)
    if (problem.starts_with(path + ":")) return true;
  for (const auto& path : assumed)
    if (problem.starts_with(path + ":")) return true;
  return false;
}

inline config::BootPlan checked_plan(const FileMap& files, const std::vector<std::string>& devices,
                                     const std::map<std::string, config::Unit>& units,
                                     const std::vector<std::string>& assumed) {
  const config::BootPlan plan = config::plan_boot(files, devices, units);
  FUZZ_CHECK(same_plan(plan, config::plan_boot(files, devices, units)), "plan_boot is not deterministic");
  FUZZ_CHECK(plan.steps.size() <= config::files::kMaxSteps, "more steps than the bound");
  for (const auto& step : plan.steps) {
    FUZZ_CHECK(!step.command.empty(), "a step without a command");
    FUZZ_CHECK(!step.by.empty(), "a step without its runner");
    const auto it = files.find(step.origin.file);
    const bool assumed_file = std::find(assumed.begin(), assumed.end(), step.origin.file) != assumed.end() ||
                              step.origin.file.starts_with("/etc/systemd/system/multi-user.target.wants/");
    FUZZ_CHECK(it != files.end() || assumed_file, "a step from a file the host does not have: " + step.origin.file);
    if (it != files.end()) FUZZ_CHECK(step.origin.line <= line_count(it->second), "a step from a line past the end");
  }
  for (const auto& problem : plan.problems) FUZZ_CHECK(names_file(problem, files, assumed), problem);
  for (std::size_t i = 0; i < plan.files_read.size(); ++i) {
    const auto& path = plan.files_read[i];
    FUZZ_CHECK(files.count(path) || std::find(assumed.begin(), assumed.end(), path) != assumed.end(),
               "read a file the host does not have: " + path);
    FUZZ_CHECK(std::find(plan.files_read.begin() + static_cast<long>(i) + 1, plan.files_read.end(), path) ==
                   plan.files_read.end(),
               "a file listed as read twice");
  }
  return plan;
}

}  // namespace lvs::fuzz
