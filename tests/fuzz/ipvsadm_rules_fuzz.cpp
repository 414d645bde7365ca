// Fuzz target: an ipvsadm-save / ipvsadm-restore rules file (sim/ipvs/ipvsadm/rules_file.cpp),
// restored into the director model as `ipvsadm -R` does: the commands in file order,
// stopping at the first the kernel refuses.
//
// Invariant beyond "does not crash": save and restore are inverse. `ipvsadm -Sn` of the
// restored tables is a rules file that parses, and restoring it into empty tables gives
// tables whose `ipvsadm -Sn` is the same text, byte for byte (and so does `-Ln`); see
// ipvsadm_save.hpp for the one exception.
#include "sim/ipvs/control.hpp"
#include "sim/ipvs/ipvsadm/rules_file.hpp"
#include "tests/fuzz/ipvsadm_save.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs::ipvs {
namespace {

constexpr SimTime kNow = seconds(1);

// ipvsadm -R: every command of the file in order until one fails.
void restore(IpvsTables& tables, const ipvsadm::RulesParse& rules) {
  for (const auto& l : rules.commands)
    if (run_ipvsadm(tables, l.command, kNow).exit_status != 0) break;
}

std::string list(IpvsTables& tables) {
  ipvsadm::ListOptions o;
  o.numeric = true;
  return ipvsadm::format_list(tables.snapshot(kNow), o);
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
  FUZZ_CHECK(save2 == save, "save -> restore -> save changed the rules:\n" + save + "--- became:\n" + save2);
  FUZZ_CHECK(list(first) == list(second), "save -> restore changed ipvsadm -Ln");
  return 0;
}
