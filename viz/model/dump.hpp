#pragma once
// The host-state panel's content at a step as JSON (`lvslab view --dump-state`), so that
// tests and tools can check what the viewer shows against the trace:
//   {"scenario", "event", "time", "summary", "explanation",
//    "hosts": [{"name", "role", "addresses": [...], "routes": [...], "sysctls": [...],
//               "effective": {"eth0": {"arp_ignore": 1, ...}},
//               "neighbours": [{"ip", "dev", "lladdr", "state"}], "ip_neigh": [...],
//               "ipvs": {"rules", "list", "connections"}   (directors only)}]}
#include <cstddef>

#include <nlohmann/json.hpp>

#include "viz/model/event_index.hpp"
#include "viz/model/step_state.hpp"

namespace lvs::viz {

nlohmann::ordered_json state_json(const Trace& trace, const EventIndex& index, std::size_t step,
                                  const StepState& state);

}  // namespace lvs::viz
