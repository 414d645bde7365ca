// LVS-TUN, ip_vs_tunnel_xmit(): the client's packet is wrapped in an outer IPv4 header
// (protocol 4, IPIP, RFC 2003) from the director's source address for the route to the
// RIP, to the RIP. The outer header copies the inner TOS, TTL and DF bit; a packet that
// no longer fits the route's MTU with DF set is answered with ICMP "fragmentation
// needed" (mtu - 20) as __mtu_check_toobig_v4() does. The real server decapsulates on
// tunl0, where the VIP is configured, and answers the client directly.
#include "sim/ipvs/xmit/xmit.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"

namespace lvs::ipvs {

void xmit_tunnel(const XmitContext& ctx, Packet packet) {
  Host& host = ctx.host;
  const auto route = host.route_output(ctx.target.daddr, Ipv4Addr());
  if (!route || route->type != RouteType::kUnicast)
    return host.trace_drop(ctx.in_dev, packet.buf(), DropReason::kNoRoute);
  if (!xmit_decrement_ttl(ctx, packet)) return;
  const auto inner = wire::parse_ipv4(packet->bytes(), false);
  if (!inner) return host.trace_drop(ctx.in_dev, packet.buf(), DropReason::kMalformed);

  const int mtu = host.iface(route->dev).mtu;
  if (inner->dont_fragment && packet->len + wire::kIpv4HeaderLen > static_cast<std::size_t>(mtu)) {
    host.send_icmp_error(packet.buf(), wire::kIcmpDestUnreachable, wire::kIcmpFragNeeded, ctx.in_dev,
                         static_cast<std::uint16_t>(mtu - static_cast<int>(wire::kIpv4HeaderLen)));
    return host.trace_drop(ctx.in_dev, packet.buf(), DropReason::kTooBig);
  }
  if (packet->headroom() < wire::kIpv4HeaderLen + 64)  // room for the outer and link headers
    return host.trace_drop(ctx.in_dev, packet.buf(), DropReason::kMalformed);

  const std::uint16_t inner_len = packet->len;
  wire::Ipv4Repr outer;
  outer.src = route->src;
  outer.dst = ctx.target.daddr;
  outer.protocol = wire::kIpProtoIpip;
  outer.ttl = inner->ttl;
  outer.tos = inner->tos;
  outer.dont_fragment = inner->dont_fragment;
  outer.ident = host.next_ip_ident();
  std::uint8_t* h = packet->push_front(static_cast<std::uint16_t>(wire::kIpv4HeaderLen));
  wire::emit_ipv4(outer, inner_len, wire::MutBytes(h, wire::kIpv4HeaderLen));
  host.ip_route_and_send(std::move(packet));
}

}  // namespace lvs::ipvs
