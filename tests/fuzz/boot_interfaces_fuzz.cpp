// Fuzz target: Debian's /etc/network/interfaces at boot (sim/config/files/interfaces*.cpp):
// the input's NUL-separated parts are /etc/network/interfaces and two files it may source
// (interfaces.d/a, interfaces.d/b).
//
// Invariants beyond boot_plan_check.hpp's: every step is run by ifup; a refused file
// ("couldn't read interfaces file") gives no step; each `ip addr add` names its device and
// label alike (dev X label X) when it comes from an `address` line.
#include "sim/config/files/plan_writer.hpp"
#include "tests/fuzz/boot_plan_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 8192) return -1;
  const auto files =
      fuzz::files_from(fuzz::as_text(data, size),
                       {"/etc/network/interfaces", "/etc/network/interfaces.d/a", "/etc/network/interfaces.d/b"});
  const auto plan = fuzz::checked_plan(files, {"lo", "eth0", "eth1"}, {}, {});
  bool refused = false;
  for (const auto& p : plan.problems)
    refused =
        refused || p == "/etc/network/interfaces: ifup: couldn't read interfaces file \"/etc/network/interfaces\"";
  FUZZ_CHECK(!refused || plan.steps.empty(), "steps from a refused interfaces file");
  for (const auto& step : plan.steps) {
    FUZZ_CHECK(step.by == "ifup", step.command);
    // Only the static method's own command (from an `address` line); up lines are the user's.
    const auto lines = config::files::split_lines(files.at(step.origin.file));
    if (step.origin.line == 0 || !config::files::trim(lines[step.origin.line - 1]).starts_with("address")) continue;
    const std::vector<std::string> w = fuzz::shell_words(step.command);
    if (w.size() < 3 || w[0] != "ip" || w[1] != "addr" || w[2] != "add") continue;
    const auto dev = std::find(w.begin(), w.end(), "dev"), label = std::find(w.begin(), w.end(), "label");
    FUZZ_CHECK(dev != w.end() && label != w.end() && dev + 1 < label && label + 2 == w.end(), step.command);
    FUZZ_CHECK(*(dev + 1) == *(label + 1), "dev and label differ: " + step.command);
  }
  return 0;
}
