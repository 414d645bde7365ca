// realserver-other-subnet: LVS-DR rewrites only the destination MAC address
// (ip_vs_dr_xmit), so the director must reach the real server on one of its own links;
// a real server on another subnet gets no ARP answer from the director's LAN.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_realserver_other_subnet(const DiagnosisContext& cx, const RequestFacts& q,
                                                  const FlowFacts* f) {
  const LabService* svc = cx.service_for(q);
  if (!f || !f->first_drop || !svc || f->first_drop->host != svc->director) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  for (const LabDest& dest : svc->dests) {
    if (dest.method != Forwarding::kRoute || cx.on_link(svc->director, dest.addr)) continue;
    if (d.route && !d.route->next_hop.is_unspecified() && !(d.route->next_hop == dest.addr)) continue;
    std::string lans;
    for (const auto& i : cx.meta().hosts[svc->director].interfaces)
      if (i.segment != kNoId && !i.addresses.empty())
        lans += (lans.empty() ? "" : ", ") + i.addresses[0] + " on " + i.name;
    return make_cause("realserver-other-subnet",
                      "the director could not send the request to " + cx.addr_of(dest.addr) +
                          " by direct routing (-g) at " + cause_time(d.time) + " (" + drop_reason_name(d.reason) +
                          "): direct routing only rewrites the MAC address, so a real server must be on the "
                          "director's own LAN (" +
                          lans + "), and " + dest.addr.str() +
                          " is on another subnet — move it there or use tunnelling (-i)",
                      d.event, cx.host(svc->director));
  }
  return std::nullopt;
}

}  // namespace lvs
