#pragma once
// The load-time boot: for each host that carries Linux configuration input (files in
// `files`, "shell"/"shell_file" lines, units to "enable", `route add` lines in "routes"),
// a scratch copy of the host (its devices and JSON keys) boots from its persistent files
// (config::plan_boot: sysctl, network, enabled services, rc.local), then runs its shell
// transcript through the interpreter; the result is read back into the HostSpec
// (read_back.hpp). World building, `validate` and hardware mode then see one HostSpec,
// whatever way the host was written. The transcript and the warnings stay on the HostSpec
// for the report.
#include "sim/scenario/spec.hpp"

namespace lvs {

// Runs the boot of every host with configuration input, in file order, and returns a
// traffic entry for each curl/wget line (the caller adds them after the JSON's traffic). Throws ScenarioError for what
// the JSON keys themselves get wrong (an address the kernel refuses, a `route add` in routes that fails); what the
// files and the transcript get wrong is in their transcript and in warnings.
std::vector<TrafficSpec> resolve_boot_config(ScenarioSpec& spec);

}  // namespace lvs
