// vip-arp-realserver: the DR "ARP problem" (design.md): a real server with the VIP on lo
// and arp_ignore=0 answers who-has VIP like the director; the asker (the gateway) takes
// the first reply and a later one within locktime does not replace it, so when a real
// server's reply came first the client's packets go straight to that real server.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {
namespace {

// The interface of host `name` that holds `vip` ("lo" for the usual DR set-up), "" when
// none does.
std::string vip_device(const DiagnosisContext& cx, const std::string& name, Ipv4Addr vip) {
  for (const TraceHostInfo& h : cx.meta().hosts) {
    if (h.name != name) continue;
    for (const TraceInterfaceInfo& dev : h.interfaces)
      for (const std::string& a : dev.addresses)
        if (a.substr(0, a.find('/')) == vip.str()) return dev.name;
  }
  return "";
}

}  // namespace

std::optional<Cause> find_vip_arp_realserver(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts*) {
  if (!cx.bypasses_director(q)) return std::nullopt;
  const VipArpEvent* e = cx.realserver_mac_for_vip(q);
  if (!e || !e->learned_from.empty()) return std::nullopt;
  std::string arp_ignore;
  for (const VipArpEvent& a : cx.vip_arp())
    if (a.kind == VipArpEvent::Kind::kAnswered && a.host == e->mac_owner && a.vip == e->vip) arp_ignore = a.detail;
  const std::string rs = e->mac_owner;
  // arp_ignore=1 keeps quiet only about addresses of other interfaces: with the VIP on the
  // interface the request comes in on (ens33:0 instead of lo:0), rs answers whatever
  // arp_ignore says (arp_ignore_1 in ip-sysctl.rst; arp_ignore() in net/ipv4/arp.c).
  const std::string dev = vip_device(cx, rs, e->vip);
  const bool on_lo = dev.empty() || dev == "lo";
  const std::string fix =
      on_lo ? "set net.ipv4.conf.all.arp_ignore=1 and net.ipv4.conf.all.arp_announce=2 on the real servers"
            : "the VIP belongs on lo (lo:0, /32) on the real servers, not on " + dev +
                  ", where arp_ignore=1 still answers for it";
  return make_cause("vip-arp-realserver",
                    e->host + " took " + rs + "'s ARP reply for the VIP " + e->vip.str() + " at " +
                        cause_time(e->time) + " (" + rs + " answers who-has " + e->vip.str() + " for the VIP on its " +
                        (on_lo ? std::string("lo") : dev) + (arp_ignore.empty() ? "" : ", " + arp_ignore) + "), so " +
                        sends_straight_to(e->host, q, rs) + ": the director is bypassed — " + fix,
                    e->event, e->host);
}

}  // namespace lvs
