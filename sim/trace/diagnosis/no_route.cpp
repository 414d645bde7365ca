// no-route: a host has no route for a packet (ip_route_output / ip_route_input: the FIB
// lookup fails; the sender gets "No route to host" or the packet is dropped).
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {

std::optional<Cause> find_no_route(const DiagnosisContext& cx, const RequestFacts&, const FlowFacts* f) {
  if (!f || !f->first_drop || f->first_drop->reason != DropReason::kNoRoute) return std::nullopt;
  const DropFacts& d = *f->first_drop;
  const Ipv4Addr dst = d.route ? d.route->dst : d.packet.dst;
  std::string routes;
  bool has_default = false;
  for (const auto& r : cx.routes(d.host)) {
    routes += (routes.empty() ? "" : "; ") + r;
    has_default = has_default || r.starts_with("default");
  }
  const std::string what = d.packet.known          ? cx.packet_words(d.packet, *f)
                           : dst == f->client_addr ? std::string("its reply")
                                                   : std::string("a packet of this request");
  std::string text = cx.host(d.host) + " has no route to " + dst.str() + " for " + what + " at " + cause_time(d.time) +
                     " (ip route: " + (routes.empty() ? "empty" : routes) + ")";
  const LabDest* dest = cx.dest_on(d.host);
  if (dest && dest->method == Forwarding::kNat) text += " — in LVS-NAT its default gateway must be the director's DIP";
  else if (!has_default) text += " — it needs a default route";
  return make_cause("no-route", text, d.event, cx.host(d.host));
}

}  // namespace lvs
