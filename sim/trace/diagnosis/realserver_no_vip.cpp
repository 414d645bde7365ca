// realserver-no-vip: LVS-DR and LVS-TUN leave the VIP as the packet's destination, so the
// real server must have the VIP (on lo for DR, on tunl0 for TUN) or its stack does not
// take the packet as its own (ip_route_input: not local; a host that does not forward
// drops it).
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_realserver_no_vip(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  if (!f || !f->first_drop) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  const LabService* svc = cx.service_for(q);
  const LabDest* dest = cx.dest_on(d.host);
  if (!svc || !dest || !d.packet.known || !(d.packet.conn_dst() == svc->vip) || cx.owns(d.host, svc->vip))
    return std::nullopt;
  if (dest->method != Forwarding::kRoute && dest->method != Forwarding::kTunnel) return std::nullopt;
  const bool tun = dest->method == Forwarding::kTunnel;
  const std::string vip = svc->vip.str();
  const std::string where =
      tun ? "tunl0 (ip addr add " + vip + "/32 dev tunl0)"
          : "lo (ip addr add " + vip + "/32 dev lo label lo:0, with arp_ignore=1 and arp_announce=2)";
  return make_cause("realserver-no-vip",
                    cx.host(d.host) + " dropped the request for the VIP " + vip + " that the director sent it by " +
                        forwarding_name(dest->method) + " at " + cause_time(d.time) + " (" +
                        drop_reason_name(d.reason) + "): " + cx.host(d.host) + " does not have the VIP — an LVS-" +
                        (tun ? "TUN" : "DR") + " real server needs it on " + where,
                    d.event, cx.host(d.host));
}

}  // namespace lvs
