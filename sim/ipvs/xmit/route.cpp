// LVS-DR, ip_vs_dr_xmit(): the IP packet is not changed (its destination stays the VIP);
// it is handed to the neighbour layer for the RIP itself (IP_VS_RT_MODE_KNOWN_NH), so the
// frame goes to the real server's MAC. The real server must be on a directly connected
// network, and must own the VIP (usually on lo) to accept the packet.
#include "sim/ipvs/xmit/xmit.hpp"

namespace lvs::ipvs {

void xmit_route(const XmitContext& ctx, Packet packet) {
  const auto route = ctx.host.route_output(ctx.target.daddr, Ipv4Addr());
  if (!route || route->type != RouteType::kUnicast)
    return ctx.host.trace_drop(ctx.in_dev, packet.buf(), DropReason::kNoRoute);
  if (!xmit_decrement_ttl(ctx, packet)) return;
  ctx.host.ip_send_to_neighbour(std::move(packet), route->dev, ctx.target.daddr);
}

}  // namespace lvs::ipvs
