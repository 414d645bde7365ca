// wrong-gateway: in LVS-NAT the director rewrites the replies' source back to the VIP
// (ip_vs_out), so every reply must go back through it: a real server's default gateway
// must be the DIP. A real server that sends its reply elsewhere (another router, or a
// gateway nobody answers ARP for) breaks the connection: the client gets a reply from the
// RIP it never connected to, or nothing.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {
namespace {

// The director's address on the real server's subnet (what its gateway should be).
std::string dip_for(const DiagnosisContext& cx, const LabService& svc, const LabDest& dest) {
  for (const auto& i : cx.meta().hosts[svc.director].interfaces)
    for (const auto& text : i.addresses)
      if (const auto p = Ipv4Prefix::parse(text); p && i.segment != kNoId && p->contains(dest.addr))
        return "the DIP " + p->addr.str();
  return "a director address";
}

std::string default_route(const DiagnosisContext& cx, HostId h) {
  for (const auto& r : cx.routes(h))
    if (r.starts_with("default")) return cx.host(h) + ": " + r;
  return cx.host(h) + " has no default route";
}

}  // namespace

std::optional<Cause> find_wrong_gateway(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  const LabService* svc = cx.service_for(q);
  if (!f || !svc) return std::nullopt;
  for (const RouteFacts& r : f->reply_routes) {
    const LabDest* dest = cx.dest_on(r.route.host);
    if (!dest || dest->method != Forwarding::kNat || r.route.kind == RouteKind::kUnreachable) continue;
    if (cx.owner(r.route.next_hop) == svc->director) continue;
    const std::string h = cx.host(r.route.host);
    std::string text = h + " sent its reply to " + r.route.dst.str() + " via " + cx.addr_of(r.route.next_hop) + " at " +
                       cause_time(r.time) + ", not through the director";
    if (f->first_drop && f->first_drop->host == f->client)
      text += ", so the client got it from " + dest->addr.str() + " instead of the VIP and dropped it";
    else if (f->first_drop && f->first_drop->reason == DropReason::kNeighbourFailed)
      text += ", and nobody answered ARP for " + r.route.next_hop.str();
    text += ": in LVS-NAT a real server's default gateway must be " + dip_for(cx, *svc, *dest) + " (" +
            default_route(cx, r.route.host) + ")";
    return make_cause("wrong-gateway", text, r.event, h);
  }
  return std::nullopt;
}

}  // namespace lvs
