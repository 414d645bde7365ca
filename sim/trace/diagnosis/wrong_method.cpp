// wrong-method: the real servers were added with the forwarding method of another LVS
// model, seen in what the trace shows:
//  * -g (or -i) where the real servers route through the director (their gateway is a
//    director address: a NAT setup): the packet keeps the VIP as destination, which the
//    real server does not own, so it drops it;
//  * -m where the real servers have the VIP and answer through another gateway (a DR
//    setup): the director rewrote the destination to the RIP, the real server answers
//    from the RIP straight to the client, which has no connection with that address and
//    drops it.
#include "sim/trace/diagnosis/kinds.hpp"

namespace lvs {
namespace {

std::optional<Cause> direct_in_nat_setup(const DiagnosisContext& cx, const LabService& svc, const FlowFacts& f) {
  const DropFacts& d = *f.first_drop;
  const LabDest* dest = cx.dest_on(d.host);
  if (!dest || (dest->method != Forwarding::kRoute && dest->method != Forwarding::kTunnel)) return std::nullopt;
  if (!d.packet.known || !(d.packet.conn_dst() == svc.vip) || cx.owns(d.host, svc.vip)) return std::nullopt;
  const auto gw = cx.default_gateway(d.host);
  if (!gw || cx.owner(*gw) != svc.director) return std::nullopt;
  const std::string h = cx.host(d.host);
  return make_cause("wrong-method",
                    "the director forwards to " + h + " by " + forwarding_name(dest->method) +
                        ", which keeps the VIP " + svc.vip.str() + " as destination: " + h +
                        " does not own it and dropped the request at " + cause_time(d.time) + ". " + h +
                        " routes through the director (default via " + gw->str() +
                        "), a NAT setup — add the real servers with -m",
                    d.event, h);
}

std::optional<Cause> nat_in_dr_setup(const DiagnosisContext& cx, const LabService& svc, const FlowFacts& f) {
  for (const RouteFacts& r : f.reply_routes) {
    const LabDest* dest = cx.dest_on(r.route.host);
    if (!dest || dest->method != Forwarding::kNat || !cx.owns(r.route.host, svc.vip)) continue;
    if (cx.owner(r.route.next_hop) == svc.director) continue;  // it does answer through the director
    const std::string h = cx.host(r.route.host);
    std::string text = "the director forwards to " + h + " by NAT (-m), but " + h + " sent its reply through " +
                       cx.addr_of(r.route.next_hop) + " at " + cause_time(r.time) +
                       ", not through the director, so it reaches the client from " + dest->addr.str() +
                       " instead of the VIP";
    if (f.first_drop && f.first_drop->host == f.client) text += " and the client dropped it";
    text += ". " + h + " has the VIP " + svc.vip.str() + " itself, a DR setup — add the real servers with -g";
    return make_cause("wrong-method", text, r.event, h);
  }
  return std::nullopt;
}

}  // namespace

std::optional<Cause> find_wrong_method(const DiagnosisContext& cx, const RequestFacts& q, const FlowFacts* f) {
  const LabService* svc = cx.service_for(q);
  if (!f || !svc) return std::nullopt;
  if (f->first_drop)
    if (auto c = direct_in_nat_setup(cx, *svc, *f)) return c;
  return nat_in_dr_setup(cx, *svc, *f);
}

}  // namespace lvs
