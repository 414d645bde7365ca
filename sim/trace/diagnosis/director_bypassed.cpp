// director-bypassed: the request went to a VIP and reached a real server without passing
// the director, and the VIP's ARP story does not say why (e.g. a static neighbour entry,
// or a route to the VIP that leads elsewhere).
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_director_bypassed(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  if (!cx.bypasses_director(q)) return std::nullopt;
  const LabService* svc = cx.service_for(q);
  std::string hops;
  for (const PathHop& h : q.path->hops) hops += (hops.empty() ? "" : " - ") + h.host;
  return make_cause("director-bypassed",
                    "the request to the VIP " + svc->vip.str() + " went " + hops + " without passing the director " +
                        cx.host(svc->director),
                    f ? f->start_event : 0, cx.host(svc->director));
}

}  // namespace lvs
