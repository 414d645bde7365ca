// Fuzz target: rc.local at boot and the services before it (sim/config/files/rc_local.cpp,
// services.cpp): the input's NUL-separated parts are /etc/rc.d/rc.local, /etc/rc.local and
// /etc/sysconfig/ipvsadm (the ipvsadm unit enabled).
//
// Invariants beyond boot_plan_check.hpp's: ipvsadm.service's restore comes first; each
// rc.local step starts at a line of the file that is not blank or a comment, and carries
// that line's first word; a step spans lines only for a here-document.
#include "sim/config/files/plan_writer.hpp"
#include "tests/fuzz/boot_plan_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 8192) return -1;
  const auto files =
      fuzz::files_from(fuzz::as_text(data, size), {"/etc/rc.d/rc.local", "/etc/rc.local", "/etc/sysconfig/ipvsadm"});
  const auto plan = fuzz::checked_plan(files, {"lo", "eth0"}, {{"ipvsadm", config::Unit{true, false}}},
                                       {"/etc/sysconfig/ipvsadm"});  // the unit runs even without its file
  FUZZ_CHECK(!plan.steps.empty() && plan.steps[0].by == "ipvsadm.service", "ipvsadm.service does not run first");
  for (std::size_t i = 1; i < plan.steps.size(); ++i) {
    const auto& step = plan.steps[i];
    FUZZ_CHECK(step.by == "rc.local", step.command);
    const auto lines = config::files::split_lines(files.at(step.origin.file));
    FUZZ_CHECK(step.origin.line >= 1 && step.origin.line <= lines.size(), "a step from no line");
    std::string_view first = config::files::trim(lines[step.origin.line - 1]);
    FUZZ_CHECK(!first.empty() && first[0] != '#', "a step from a blank or comment line");
    if (first.ends_with('\\')) first.remove_suffix(1);  // continued: the command goes on on the next line
    const std::string_view word = first.substr(0, first.find_first_of(" \t"));
    FUZZ_CHECK(std::string_view(step.command).starts_with(word), "a step that is not its line: " + step.command);
    if (step.command.find('\n') != std::string::npos)
      FUZZ_CHECK(step.command.find("<<") < step.command.find('\n'), "a multi-line step without a here-document");
  }
  return 0;
}
