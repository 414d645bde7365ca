// Fuzz target: one ipvsadm(8) command line (sim/ipvs/ipvsadm/command.cpp: the shell-like
// splitter, popt-style option scan, option checks, numbers and addresses), as a scenario's
// "ipvsadm" list and `lvslab ipvsadm SCENARIO -- ARGS` give it, then run by the director
// model (sim/ipvs/control.cpp) on tables that already hold one service with one real
// server, so that -a/-e/-d/-E/-D/-Z and every listing format meet real state.
//
// Invariants beyond "does not crash":
//  * a refused line has ipvsadm's message and exit status (2 or 255); an accepted one none;
//  * whatever the command did, `ipvsadm -Sn` of the tables is a rules file that
//    ipvsadm -R reads back without error (see ipvsadm_save.hpp for the one exception).
#include "sim/ipvs/control.hpp"
#include "sim/ipvs/ipvsadm/rules_file.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "tests/fuzz/ipvsadm_save.hpp"

namespace lvs::ipvs {
namespace {

void setup(IpvsTables& tables) {
  for (const char* line : {"-A -t 192.168.10.100:80 -s rr", "-a -t 192.168.10.100:80 -r 192.168.10.11:80 -m -w 2"}) {
    const auto out = run_ipvsadm_line(tables, line, 0);
    FUZZ_CHECK(out.exit_status == 0, out.err);
  }
}

}  // namespace
}  // namespace lvs::ipvs

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs::ipvs;
  if (size > 4096) return -1;  // a command line; ipvsadm's options are short
  const std::string_view line = lvs::fuzz::as_text(data, size);
  const ipvsadm::IpvsadmParse parsed = ipvsadm::parse_ipvsadm_line(line);
  if (!parsed.ok()) {
    FUZZ_CHECK(!parsed.error.empty(), "refused without a message");
    FUZZ_CHECK(parsed.exit_status == 2 || parsed.exit_status == 255, "exit status of a refused line");
    return 0;
  }
  FUZZ_CHECK(parsed.error.empty(), "accepted with an error message");
  IpvsTables tables;
  setup(tables);
  const ipvsadm::IpvsadmOutput out = run_ipvsadm(tables, *parsed.command, lvs::seconds(1));
  FUZZ_CHECK(out.exit_status == 0 || !out.err.empty(), "failed without a message");
  const Snapshot snap = tables.snapshot(lvs::seconds(1));
  if (!lvs::fuzz::save_is_restorable(snap)) return 0;
  const std::string save = ipvsadm::format_save(snap);
  const auto restored = ipvsadm::parse_rules(save, "ipvsadm-save");
  FUZZ_CHECK(restored.ok(), restored.error + "\n--- ipvsadm -Sn printed:\n" + save);
  return 0;
}
