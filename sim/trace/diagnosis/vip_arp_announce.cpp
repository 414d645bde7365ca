// vip-arp-announce: a real server with arp_announce=0 puts the packet's source address,
// the VIP, as sender address of its own ARP requests; the host it asks (the gateway)
// updates its entry for the VIP with the real server's MAC (neigh_event_ns overrides it),
// and from then on the client's packets go straight to that real server.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_vip_arp_announce(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts*) {
  if (!cx.bypasses_director(q)) return std::nullopt;
  const VipArpEvent* e = cx.realserver_mac_for_vip(q);
  if (!e || e->learned_from.empty()) return std::nullopt;
  const std::string rs = e->learned_from;
  return make_cause("vip-arp-announce",
                    rs + "'s own ARP request carried the VIP " + e->vip.str() +
                        " as sender address (arp_announce=0), so " + e->host + " replaced its entry for the VIP with " +
                        rs + "'s MAC at " + cause_time(e->time) + " and " + sends_straight_to(e->host, q, rs) +
                        ": the director is bypassed — set net.ipv4.conf.all.arp_announce=2 (and arp_ignore=1) on "
                        "the real servers",
                    e->event, e->host);
}

}  // namespace lvs
