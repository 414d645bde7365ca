// Fuzz target: an ipvsadm-save / ipvsadm-restore rules file (sim/ipvs/ipvsadm/rules_file.cpp),
// restored into the director model as `ipvsadm -R` does: the commands in file order,
// stopping at the first the kernel refuses.
//
// Invariant beyond "does not crash": save and restore are inverse. `ipvsadm -Sn` of the
// restored tables is a rules file that parses, and restoring it into empty tables gives
// tables whose `ipvsadm -Sn` has the same lines (in an order that may differ, as with
// the real ipvsadm: see ipvsadm_save.hpp, which also has the one case that cannot be
// restored at all).
#include <algorithm>
#include <vector>

#include "sim/ipvs/control.hpp"
#include "sim/ipvs/ipvsadm/rules_file.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/ipvsadm_save.hpp"

namespace lvs::ipvs {
namespace {

constexpr SimTime kNow = seconds(1);

// ipvsadm -R: every command of the file in order until one fails.
void restore(IpvsTables& tables, const ipvsadm::RulesParse& rules) {
  for (const auto& l : rules.commands)
    if (run_ipvsadm(tables, l.command, kNow).exit_status != 0) break;
}

// The lines of a rules text, sorted: one line is one whole service or destination.
std::vector<std::string_view> sorted_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t nl = std::min(text.find('\n', pos), text.size());
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  std::sort(lines.begin(), lines.end());
  return lines;
}

}  // namespace
}  // namespace lvs::ipvs

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs::ipvs;
  if (size > 16384) return -1;
  const auto rules = ipvsadm::parse_rules(lvs::fuzz::as_text(data, size), "rules");
  FUZZ_CHECK(rules.ok() == (rules.error_line == 0), "error line set iff the file was refused");
  IpvsTables first;
  restore(first, rules);
  const Snapshot snap = first.snapshot(kNow);
  if (!lvs::fuzz::save_is_restorable(snap)) return 0;
  const std::string save = ipvsadm::format_save(snap);
  const auto again = ipvsadm::parse_rules(save, "ipvsadm-save");
  FUZZ_CHECK(again.ok(), again.error + "\n--- ipvsadm -Sn printed:\n" + save);
  IpvsTables second;
  for (const auto& l : again.commands) {
    const auto out = run_ipvsadm(second, l.command, kNow);
    FUZZ_CHECK(out.exit_status == 0, "restoring ipvsadm -Sn output failed: " + out.err + "--- rules:\n" + save);
  }
  const std::string save2 = ipvsadm::format_save(second.snapshot(kNow));
  FUZZ_CHECK(sorted_lines(save2) == sorted_lines(save),
             "save -> restore -> save changed the rules:\n" + save + "--- became:\n" + save2);
  return 0;
}
