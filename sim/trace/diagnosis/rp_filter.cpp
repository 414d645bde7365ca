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
  if (d.packet.known) text += ": the route back to " + d.packet.conn_src().str() + " does not leave by " + dev;
  const LabDest* dest = cx.dest_on(d.host);
  if (dest && dest->method == Forwarding::kTunnel)
    text +=
        " — a TUN real server must relax it: net.ipv4.conf." + dev + ".rp_filter=0 and net.ipv4.conf.all.rp_filter=0";
  return make_cause("rp-filter", text, d.event, cx.host(d.host));
}

}  // namespace lvs
