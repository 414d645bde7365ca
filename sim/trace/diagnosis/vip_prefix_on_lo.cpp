// vip-prefix-on-lo: a real server holds the VIP on lo with a prefix shorter than /32
// (ifcfg-lo:0 with NETMASK=255.255.255.0). An address on the loopback device makes its
// whole prefix local (fib_add_ifaddr adds the prefix route as RTN_LOCAL on a loopback
// device), so the client, inside that prefix, is "local" too: the real server's reply to
// it goes to lo and is dropped there.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_vip_prefix_on_lo(const DiagnosisContext& cx, const RequestFacts&, const FlowFacts* f) {
  if (!f || !f->first_drop || !f->first_drop->packet.known) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  if (d.host >= cx.meta().hosts.size() || !cx.dest_on(d.host)) return std::nullopt;
  const Ipv4Addr to = d.packet.conn_dst();
  for (const TraceInterfaceInfo& dev : cx.meta().hosts[d.host].interfaces) {
    if (dev.name != "lo") continue;
    for (const std::string& text : dev.addresses) {
      const auto p = Ipv4Prefix::parse(text);
      if (!p || p->len >= 32 || Ipv4Prefix{Ipv4Addr(127, 0, 0, 0), 8}.contains(p->addr) || !p->contains(to)) continue;
      const std::string h = cx.host(d.host);
      return make_cause("vip-prefix-on-lo",
                        h + " holds " + text + " on lo: on the loopback device the whole " + p->network().str() + "/" +
                            std::to_string(p->len) + " is local to " + h + ", the client " + cx.addr_of(to) +
                            " too, so " + h + "'s reply went to lo and was dropped at " + cause_time(d.time) +
                            " — the VIP on lo must be a host address: " + p->addr.str() +
                            "/32 (NETMASK=255.255.255.255 in ifcfg-lo:0)",
                        d.event, h);
    }
  }
  return std::nullopt;
}

}  // namespace lvs
