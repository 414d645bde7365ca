// Fuzz target: systemd-sysctl's files at boot (sim/config/files/sysctl_d.cpp): the input's
// NUL-separated parts are /etc/sysctl.conf and three sysctl.d files (one overriding
// another of the same name).
//
// Invariants beyond boot_plan_check.hpp's: every step writes one /proc/sys entry with
// `echo VALUE > /proc/sys/KEY`; no key is written twice; the writes are at most one per
// assignment line, times the devices' entries for a glob.
#include <set>

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
    FUZZ_CHECK(step.command.starts_with("echo ") && step.by == "systemd-sysctl", step.command);
    const auto at = step.command.rfind(" > ");
    FUZZ_CHECK(at != std::string::npos, step.command);
    const std::string target = step.command.substr(at + 3);
    FUZZ_CHECK(target.starts_with("/proc/sys/") || target.starts_with("'/proc/sys/"), step.command);
    FUZZ_CHECK(written.insert(target).second, "a key written twice: " + target);
  }
  return 0;
}
