#pragma once
// The ARP part of `hw compare` (compare.hpp): answers to who-has VIP read from a trace
// (the simulator's, or the one `hw run` builds from its captures), the races among
// them, and the single-kernel artifact that keeps a gateway's VIP entry confirmed.
#include <optional>
#include <vector>

#include "sim/hw/compare_rows.hpp"
#include "sim/trace/trace.hpp"

namespace lvs::hw {

std::vector<ArpAnswer> arp_answers(const Trace& trace);
// When a VIP entry went PROBE (the simulator's trace; a capture has no neighbour events).
std::vector<VipProbe> vip_probes(const Trace& trace);

// A gateway whose VIP entry is REACHABLE on the kernel with the MAC of a host that never
// answered that gateway's who-has for the VIP in the captures, where the simulator's
// entry differs: nothing but the artifact confirms such an entry.
std::optional<PendingConfirmArtifact> pending_confirm_artifact(const ScenarioSpec& spec, const Observables& sim,
                                                               const Observables& hw);
// From when the simulator shows what separate machines do instead (its entry going
// PROBE): requests from then on that the kernel sent to the artifact's owner are
// explained by it. nullopt: the simulator never probed.
std::optional<SimTime> artifact_from(const PendingConfirmArtifact& a, const Observables& sim);

void compare_arp_answers(const Observables& sim, const Observables& hw, Rows& rows);

}  // namespace lvs::hw
