// vip-arp-realserver: the DR "ARP problem" (design.md): a real server with the VIP on lo
// and arp_ignore=0 answers who-has VIP like the director; the asker (the gateway) takes
// the first reply and a later one within locktime does not replace it, so when a real
// server's reply came first the client's packets go straight to that real server.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_vip_arp_realserver(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts*) {
  if (!cx.bypasses_director(q)) return std::nullopt;
  const VipArpEvent* e = cx.realserver_mac_for_vip(q);
  if (!e || !e->learned_from.empty()) return std::nullopt;
  std::string arp_ignore;
  for (const VipArpEvent& a : cx.vip_arp())
    if (a.kind == VipArpEvent::Kind::kAnswered && a.host == e->mac_owner && a.vip == e->vip) arp_ignore = a.detail;
  const std::string rs = e->mac_owner;
  return make_cause("vip-arp-realserver",
                    e->host + " took " + rs + "'s ARP reply for the VIP " + e->vip.str() + " at " +
                        cause_time(e->time) + " (" + rs + " answers who-has " + e->vip.str() +
                        " for the VIP on its lo" + (arp_ignore.empty() ? "" : ", " + arp_ignore) + "), so " + e->host +
                        " sends the client's packets straight to " + rs +
                        ": the director is bypassed — set net.ipv4.conf.all.arp_ignore=1 and "
                        "net.ipv4.conf.all.arp_announce=2 on the real servers",
                    e->event, e->host);
}

}  // namespace lvs
