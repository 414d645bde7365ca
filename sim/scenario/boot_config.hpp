#pragma once
// The load-time boot: for each host that carries Linux configuration input (files in
// `files`, "shell"/"shell_file" lines, units to "enable", `route add` lines in "routes"),
// a scratch copy of the host (its devices and JSON keys) boots from its persistent files
// (config::plan_boot: sysctl, network, enabled services, rc.local), then runs its shell
// transcript through the interpreter; the result is read back into the HostSpec
// (read_back.hpp). World building, `validate` and hardware mode then see one HostSpec,
// whatever way the host was written. The transcript and the warnings stay on the HostSpec
// for the report.
#include <map>
#include <string>
#include <vector>

#include "sim/config/files/boot_plan.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs {

// Runs the boot of every host with configuration input, in file order, and returns a
// traffic entry for each curl/wget line (the caller adds them after the JSON's traffic). Throws ScenarioError for what
// the JSON keys themselves get wrong (an address the kernel refuses, a `route add` in routes that fails); what the
// files and the transcript get wrong is in their transcript and in warnings.
std::vector<TrafficSpec> resolve_boot_config(ScenarioSpec& spec);

struct BootResult {
  config::BootPlan plan;                              // what the boot read and ran
  std::vector<std::string> warnings;                  // the plan's problems, the steps that failed
  bool ipvs_changed = false;                          // the files changed the IPVS tables
  std::map<std::string, std::string> route_pointers;  // route text -> the JSON `route add` line's pointer
};

// Boots `machine`'s host, whose devices exist and carry nothing yet, as Linux does: the
// JSON keys of `keys` (sysctls, addresses; ip_vs loaded when it has "ipvsadm"), the
// persistent files of the machine with its enabled units (config::plan_boot), then the
// JSON routes and IPVS rules. Throws ScenarioError (naming `file`) when the kernel refuses
// a JSON key. At load time on a scratch host; at a reboot on the live one.
BootResult boot_host(const std::string& file, const HostSpec& keys, config::Machine& machine);

// Lets `systemctl restart network` / `service network restart` on the machine run the
// network service's lines of the boot plan again (Machine::network_commands).
void plan_network_restarts(config::Machine& machine);

// "FILE:LINE: not understood: CMD" and "FILE:LINE: `CMD` failed (exit N): FIRST LINE" for
// the lines of a transcript that need the administrator's attention.
std::vector<std::string> transcript_warnings(const std::vector<config::TranscriptEntry>& transcript);

}  // namespace lvs
