#include "sim/ipvs/xmit/xmit.hpp"

#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"

namespace lvs::ipvs {

XmitFn xmit_for(FwdMethod method) {
  switch (method) {
    case FwdMethod::kMasq: return xmit_masq;
    case FwdMethod::kRoute: return xmit_route;
    case FwdMethod::kTunnel: return xmit_tunnel;
    case FwdMethod::kLocal: return nullptr;
  }
  return nullptr;
}

bool xmit_decrement_ttl(const XmitContext& ctx, Packet& packet) {
  const auto ip = wire::parse_ipv4(packet->bytes(), false);
  if (!ip) {
    ctx.host.trace_drop(ctx.in_dev, packet.buf(), DropReason::kMalformed);
    return false;
  }
  if (ip->ttl <= 1) {
    ctx.host.send_icmp_error(packet.buf(), wire::kIcmpTimeExceeded, 0, ctx.in_dev);
    ctx.host.trace_drop(ctx.in_dev, packet.buf(), DropReason::kTtlExceeded);
    return false;
  }
  wire::ipv4_decrement_ttl(packet->bytes());
  return true;
}

}  // namespace lvs::ipvs
