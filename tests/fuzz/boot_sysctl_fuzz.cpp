// Fuzz target: systemd-sysctl's files at boot (sim/config/files/sysctl_d.cpp): the input's
// NUL-separated parts are /etc/sysctl.conf and three sysctl.d files (one overriding
// another of the same name).
//
// Invariants beyond boot_plan_check.hpp's: every step writes one /proc/sys entry with
// `echo VALUE > /proc/sys/KEY`; no explicit key is written twice; the writes are at most one per
// assignment line, times the devices' entries for a glob.
#include <set>

#include "sim/config/files/plan_writer.hpp"
#include "tests/fuzz/boot_plan_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 8192) return -1;
  const auto files = fuzz::files_from(
      fuzz::as_text(data, size),
      {"/etc/sysctl.conf", "/etc/sysctl.d/10-a.conf", "/usr/lib/sysctl.d/10-a.conf", "/usr/lib/sysctl.d/50-b.conf"});
  const std::vector<std::string> devices{"lo", "eth0", "eth1"};
  const auto plan = fuzz::checked_plan(files, devices, {}, {});
  std::size_t lines = 0;
  for (const auto& [path, text] : files) lines += fuzz::line_count(text);
  FUZZ_CHECK(plan.steps.size() <= lines * (devices.size() + 2), "more writes than assignments");
  std::set<std::string> written;
  for (const auto& step : plan.steps) {
    const std::vector<std::string> words = fuzz::shell_words(step.command);
    FUZZ_CHECK(words.size() == 4 && words[0] == "echo" && words[2] == ">" && step.by == "systemd-sysctl",
               "not `echo VALUE > PATH`: " + step.command);
    FUZZ_CHECK(words[3].starts_with("/proc/sys/") && words[3].size() > 10, step.command);
    // An explicit key is written once; two globs may both match an entry (systemd applies
    // each glob; only an explicit setting stops one).
    const auto origin_lines = config::files::split_lines(files.at(step.origin.file));
    const std::string_view line = origin_lines.at(step.origin.line - 1);
    const bool glob = line.substr(0, line.find('=')).find_first_of("*?[") != std::string_view::npos;
    FUZZ_CHECK(written.insert(words[3]).second || glob, "a key written twice: " + words[3]);
  }
  return 0;
}
