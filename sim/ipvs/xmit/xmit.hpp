#pragma once
// The forwarding methods of IPVS (net/netfilter/ipvs/ip_vs_xmit.c), one file each,
// bound to a connection by its method as ip_vs_bind_xmit() does:
//  * masq.cpp   ip_vs_nat_xmit     -m  rewrite destination address and port, route to the RIP
//  * route.cpp  ip_vs_dr_xmit      -g  keep the IP packet, send it to the RIP's MAC
//  * tunnel.cpp ip_vs_tunnel_xmit  -i  encapsulate in IPIP (protocol 4) to the RIP
// All are called from LOCAL_IN with the packet (at its IPv4 header) that a client sent
// to the VIP; each takes it over. Every method but Local decrements the TTL first
// (ip_vs_xmit.c decrement_ttl(), Linux >= 4.1) and answers TTL 1 with ICMP time exceeded.
#include "sim/ipvs/service.hpp"
#include "sim/net/host.hpp"

namespace lvs::ipvs {

struct XmitContext {
  Host& host;
  IfIndex in_dev;
  const InResult& target;  // conn->daddr:dport and the method
};

using XmitFn = void (*)(const XmitContext& ctx, Packet packet);

void xmit_masq(const XmitContext& ctx, Packet packet);
void xmit_route(const XmitContext& ctx, Packet packet);
void xmit_tunnel(const XmitContext& ctx, Packet packet);

// The transmitter for a method; nullptr for Local (the packet is delivered locally).
XmitFn xmit_for(FwdMethod method);

// Shared step: TTL check and decrement. False (packet consumed) when it expired.
bool xmit_decrement_ttl(const XmitContext& ctx, Packet& packet);

}  // namespace lvs::ipvs
