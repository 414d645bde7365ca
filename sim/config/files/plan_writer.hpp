#pragma once
// What every boot-file reader shares: adding steps, problems and read files to a
// BootPlan, the size bounds (with their refusals), and cutting a file into lines.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/files/boot_plan.hpp"

namespace lvs::config::files {

// Bounds: a boot file larger than this is refused as a whole; a plan stops growing at
// kMaxSteps (the rest of the boot is refused with one problem).
inline constexpr std::size_t kMaxFileBytes = 256 * 1024;
inline constexpr std::size_t kMaxSteps = 20000;
inline constexpr std::size_t kMaxProblems = 1000;

class PlanWriter {
 public:
  explicit PlanWriter(BootPlan& plan) : plan_(plan) {}

  void step(const std::string& file, std::uint32_t line, std::string command, std::string_view by,
            bool ignore_failure = false);
  void step(const Origin& origin, std::string command, std::string_view by, bool ignore_failure = false) {
    step(origin.file, origin.line, std::move(command), by, ignore_failure);
  }
  // "FILE:LINE: what" (line 0: "FILE: what").
  void problem(std::string_view file, std::uint32_t line, std::string_view what);
  void problem(const Origin& origin, std::string_view what) { problem(origin.file, origin.line, what); }
  void read(const std::string& path);
  bool was_read(std::string_view path) const;

 private:
  BootPlan& plan_;
  bool steps_refused_ = false;
  bool problems_refused_ = false;
};

using FileMap = std::map<std::string, std::string>;

// The text of `path`, or null when absent or over kMaxFileBytes (then a problem says so).
const std::string* bounded_file(const FileMap& files, const std::string& path, PlanWriter& out);

// The lines of a text without their '\n' (a last line without one counts).
std::vector<std::string_view> split_lines(std::string_view text);

// Text trimmed of blanks (space, tab, CR) at both ends.
std::string_view trim(std::string_view s);

// A word for a shell line: as is when it is made of plain characters, else in single
// quotes (bash reads it back as the same word).
std::string shell_word(std::string_view word);

// The files of `files` directly in directory `dir` (no trailing '/') whose name starts with
// `prefix` and ends with `suffix`, sorted by name (the order of a shell glob in the C locale).
std::vector<std::string> files_in(const FileMap& files, std::string_view dir, std::string_view prefix,
                                  std::string_view suffix);

}  // namespace lvs::config::files
