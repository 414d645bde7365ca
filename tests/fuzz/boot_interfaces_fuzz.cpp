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
  for (const auto& p : plan.problems) refused = refused || p.find("couldn't read interfaces file") != std::string::npos;
  FUZZ_CHECK(!refused || plan.steps.empty(), "steps from a refused interfaces file");
  for (const auto& step : plan.steps) {
    FUZZ_CHECK(step.by == "ifup", step.command);
    // Only the static method's own command (from an `address` line); up lines are the user's.
    const auto lines = config::files::split_lines(files.at(step.origin.file));
    if (step.origin.line == 0 || !config::files::trim(lines[step.origin.line - 1]).starts_with("address")) continue;
    if (!step.command.starts_with("ip addr add ")) continue;
    const auto dev = step.command.find(" dev "), label = step.command.rfind(" label ");
    FUZZ_CHECK(dev != std::string::npos && label != std::string::npos && label > dev, step.command);
    FUZZ_CHECK(step.command.substr(dev + 5, label - dev - 5) == step.command.substr(label + 7), step.command);
  }
  return 0;
}
