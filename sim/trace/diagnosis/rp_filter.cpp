// rp-filter: the reverse-path filter (ip-sysctl.rst rp_filter; fib_validate_source) drops
// a packet whose source would not be routed back out of the interface it came in on. The
// value used is the max of conf/all and conf/<dev>. A TUN real server gets the client's
// packet on tunl0 while its route back to the client leaves by eth0: rp_filter=1 drops it.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_rp_filter(const DiagnosisContext& cx, const RequestFacts&, const FlowFacts* f) {
  if (!f || !f->first_drop || f->first_drop->reason != DropReason::kRpFilter) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  const std::string dev = cx.iface(d.host, d.iface);
  const int value = cx.effective(d.host, dev, "rp_filter");
  std::string text = cx.host(d.host) + " dropped " + cx.packet_words(d.packet, *f) + " on " + dev + " at " +
                     cause_time(d.time) +
                     ": reverse-path filter (rp_filter=" + (value < 0 ? std::string("?") : std::to_string(value)) +
                     ", the larger of net.ipv4.conf.all.rp_filter and net.ipv4.conf." + dev + ".rp_filter)";
  // The filter checks the source of the packet as it came in: on a wire interface an IPIP
  // packet is still wrapped (its outer source, the director's DIP); on tunl0 it is the
  // unwrapped client packet.
  const bool on_wire = d.iface < cx.meta().hosts[d.host].interfaces.size() &&
                       cx.meta().hosts[d.host].interfaces[d.iface].segment != kNoId;
  const Ipv4Addr source = d.packet.tunnelled && on_wire ? d.packet.src : d.packet.conn_src();
  const bool no_route_back = d.packet.known && !cx.on_link(d.host, source) && !cx.default_gateway(d.host);
  if (no_route_back) {
    // fib_validate_source finds no route at all: no rp_filter value makes a route appear.
    text += ": " + cx.host(d.host) + " has no route back to " + cx.addr_of(source) +
            " at all (no default gateway) — give it its gateway (GATEWAY= in its ifcfg file)";
    return make_cause("rp-filter", text, d.event, cx.host(d.host));
  }
  if (d.packet.known) text += ": the route back to " + source.str() + " does not leave by " + dev;
  const LabDest* dest = cx.dest_on(d.host);
  if (dest && dest->method == Forwarding::kTunnel)
    text +=
        " — a TUN real server must relax it: net.ipv4.conf." + dev + ".rp_filter=0 and net.ipv4.conf.all.rp_filter=0";
  return make_cause("rp-filter", text, d.event, cx.host(d.host));
}

}  // namespace lvs
