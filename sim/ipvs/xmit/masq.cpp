// LVS-NAT, ip_vs_nat_xmit(): the destination becomes RIP:port (tcp_dnat_handler), then
// the packet is routed like any locally sent one. Replies must come back through the
// director (the real server's gateway is the DIP), where the FORWARD hook un-NATs them.
#include "sim/ipvs/nat_rewrite.hpp"
#include "sim/ipvs/xmit/xmit.hpp"

namespace lvs::ipvs {

void xmit_masq(const XmitContext& ctx, Packet packet) {
  if (!xmit_decrement_ttl(ctx, packet)) return;
  if (!nat_rewrite_destination(packet->bytes(), ctx.target.daddr, ctx.target.dport))
    return ctx.host.trace_drop(ctx.in_dev, packet.buf(), DropReason::kMalformed);
  ctx.host.ip_route_and_send(std::move(packet));
}

}  // namespace lvs::ipvs
