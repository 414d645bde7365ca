// no-arp-answer: a host resolved the next hop by ARP and nobody answered (the neighbour
// entry went INCOMPLETE -> FAILED after mcast_solicit probes): the packets waiting for it
// are dropped. Usually a gateway address that no host has.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_no_arp_answer(const DiagnosisContext& cx, const RequestFacts&, const FlowFacts* f) {
  if (!f || !f->first_drop || f->first_drop->reason != DropReason::kNeighbourFailed) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  const std::string h = cx.host(d.host);
  std::string text = h + " got no ARP answer";
  if (d.route && !d.route->next_hop.is_unspecified()) {
    const Ipv4Addr hop = d.route->next_hop;
    text += " for " + hop.str();
    if (cx.default_gateway(d.host) == hop) text += " (its default gateway)";
  }
  text += " on " + cx.iface(d.host, d.iface) + " and dropped " + cx.packet_words(d.packet, *f) + " at " +
          cause_time(d.time) + ": no host on that link has the address";
  return make_cause("no-arp-answer", text, d.event, h);
}

}  // namespace lvs
