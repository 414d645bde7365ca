// IPv4 of a host (net/ipv4/ip_input.c, route.c, ip_forward.c, ip_output.c, icmp.c):
// input routing with martian and reverse-path checks, local delivery, forwarding,
// output routing with source selection, netfilter hook points, ICMP, and IPIP
// decapsulation on tunl0 (RFC 2003).
#include <algorithm>
#include <cstring>

#include "sim/net/host.hpp"
#include "sim/net/tcp.hpp"
#include "sim/net/udp.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"

namespace lvs {
namespace {

bool is_zeronet(Ipv4Addr a) { return (a.value >> 24) == 0; }

// ICMP types that are errors (icmp_pointers[].error), and NR_ICMP_TYPES.
bool icmp_type_is_error(std::uint8_t t) { return t == 3 || t == 4 || t == 5 || t == 11 || t == 12; }
constexpr std::uint8_t kNrIcmpTypes = 18;
constexpr std::uint8_t kIcmpPktFiltered = 13;  // ICMP_PKT_FILTERED
constexpr std::uint8_t kNoIcmp = 0xff;
constexpr std::uint8_t kIptosPrecInternetControl = 0xc0;
constexpr std::uint8_t kIptosTosMask = 0x1e;
constexpr SimTime kIcmpRateLimit = kSecond;  // net.ipv4.icmp_ratelimit = 1000 ms
constexpr int kXrlimBurstFactor = 6;         // XRLIM_BURST_FACTOR
constexpr std::size_t kIcmpQuoteRoom = 576 - wire::kIpv4HeaderLen - wire::kIcmpHeaderLen;

}  // namespace

const char* route_error_text(RouteError e) {
  switch (e) {
    case RouteError::kNone: return "Success";
    case RouteError::kNetUnreachable: return "Network is unreachable";
    case RouteError::kHostUnreachable: return "No route to host";
    case RouteError::kProhibited: return "Permission denied";
    case RouteError::kInvalid: return "Invalid argument";
  }
  return "?";
}

// --- helpers -----------------------------------------------------------------------------

// inet_addr_type() == RTN_LOCAL: the local table says so (this includes whole subnets
// configured on lo).
bool Host::is_local_type(Ipv4Addr a) const {
  const Route* r = fib().lookup_local(a);
  return r && r->type == RouteType::kLocal;
}

bool Host::is_broadcast_for(IfIndex dev, Ipv4Addr dst) const {
  if (dst.is_broadcast()) return true;
  for (const auto& d : ifaces_) {
    if (dev != kNoId && d.index != dev) continue;
    for (const auto& ifa : d.addresses)
      if (ifa.prefix.len < 31 && dst == ifa.prefix.broadcast()) return true;
  }
  return false;
}

void Host::trace_route(RouteKind kind, IfIndex out, Ipv4Addr dst, Ipv4Addr next_hop, const PacketBuf& p) {
  if (!tracing()) return;
  world_.trace().record(now(), RouteDecision{id_, kind, out, dst, next_hop, p.packet_id, p.flow});
}

Verdict Host::run_hooks(HookPoint point, Packet& packet, IfIndex in_dev, IfIndex out_dev) {
  for (PacketHook* hook : hooks_[static_cast<int>(point)]) {
    const Verdict v = hook->on_packet(point, packet, in_dev, out_dev);
    if (v != Verdict::kAccept) return v;
  }
  return Verdict::kAccept;
}

// --- source selection and output routing ----------------------------------------------------

// inet_select_addr(): a primary address of `dev` of scope <= `scope`, preferably in
// dst's subnet; else the first suitable primary of any device, lo first (so an address
// on lo, like a VIP, can be the source).
Ipv4Addr Host::select_source(IfIndex dev, Ipv4Addr dst, Scope scope) const {
  Ipv4Addr addr;
  if (dev != kNoId) {
    const int localnet = sysctls_.effective(ConfKnob::kRouteLocalnet, dev) ? static_cast<int>(Scope::kLink)
                                                                           : static_cast<int>(Scope::kHost);
    for (const auto& ifa : ifaces_[dev].addresses) {
      if (ifa.secondary) continue;
      if (std::min(static_cast<int>(ifa.scope), localnet) > static_cast<int>(scope)) continue;
      if (dst.is_unspecified() || ifa.prefix.contains(dst)) return ifa.local();
      if (addr.is_unspecified()) addr = ifa.local();
    }
    if (!addr.is_unspecified()) return addr;
  }
  for (const auto& d : ifaces_) {  // in_dev_select_addr()
    for (const auto& ifa : d.addresses) {
      if (ifa.secondary) continue;
      if (ifa.scope != Scope::kLink && static_cast<int>(ifa.scope) <= static_cast<int>(scope)) return ifa.local();
    }
  }
  return Ipv4Addr();
}

// ip_route_output_key(): a given source must be local; local destinations go through
// lo with the destination (or the route's prefsrc) as source; otherwise the route's
// prefsrc or inet_select_addr(dev, gateway, route scope).
std::optional<RouteResult> Host::route_output(Ipv4Addr dst, Ipv4Addr src, RouteError* error) const {
  auto fail = [&](RouteError e) -> std::optional<RouteResult> {
    if (error) *error = e;
    return std::nullopt;
  };
  if (!src.is_unspecified() && !is_local_type(src)) return fail(RouteError::kInvalid);
  RouteResult out;
  if (dst.is_unspecified()) {  // connect to 0.0.0.0 means this host
    out.type = RouteType::kLocal;
    out.dev = loopback();
    out.next_hop = out.src = src.is_unspecified() ? Ipv4Addr(127, 0, 0, 1) : src;
    return out;
  }
  const Route* r = fib().lookup(dst);
  if (!r) return fail(RouteError::kNetUnreachable);
  out.type = r->type;
  switch (r->type) {
    case RouteType::kBlackhole: return fail(RouteError::kInvalid);
    case RouteType::kUnreachable: return fail(RouteError::kHostUnreachable);
    case RouteType::kProhibit: return fail(RouteError::kProhibited);
    case RouteType::kLocal:
      out.dev = loopback();
      out.next_hop = dst;
      out.src = !src.is_unspecified() ? src : (!r->prefsrc.is_unspecified() ? r->prefsrc : dst);
      return out;
    case RouteType::kBroadcast:
    case RouteType::kUnicast:
      out.dev = r->dev;
      out.next_hop = r->gateway.is_unspecified() ? dst : r->gateway;
      out.src = src;
      if (out.src.is_unspecified()) out.src = r->prefsrc;
      if (out.src.is_unspecified()) out.src = select_source(r->dev, r->gateway, r->scope);
      if (dst.is_broadcast()) out.type = RouteType::kBroadcast;
      if (out.src.is_unspecified()) return fail(RouteError::kInvalid);
      return out;
  }
  return fail(RouteError::kInvalid);
}

// --- input ---------------------------------------------------------------------------------------

// fib_validate_source(): rp_filter (max of all and dev) 0 = only reject our own
// addresses as source; 1 (strict) = the route back to src must use the input device;
// 2 (loose) = there must be some route back to src.
bool Host::validate_source(IfIndex dev, Ipv4Addr src, DropReason* why) const {
  const int rpf = sysctls_.effective(ConfKnob::kRpFilter, dev);
  const bool accept_local = sysctls_.effective(ConfKnob::kAcceptLocal, dev) != 0;
  if (rpf == 0) {
    if (!accept_local && is_local_address(src)) {
      *why = DropReason::kMartianSource;
      return false;
    }
    return true;
  }
  const Route* r = fib().lookup(src);
  if (!r) {
    *why = DropReason::kRpFilter;
    return false;
  }
  if (r->type != RouteType::kUnicast && !(r->type == RouteType::kLocal && accept_local)) {
    *why = DropReason::kMartianSource;
    return false;
  }
  if (r->dev == dev || (r->type == RouteType::kLocal && dev == loopback())) return true;
  if (ifaces_[dev].addresses.empty() || rpf == 1) {
    *why = DropReason::kRpFilter;
    return false;
  }
  return true;  // loose: reachable through some interface
}

// ip_route_input_slow().
Host::InputRoute Host::route_input(Ipv4Addr dst, Ipv4Addr src, IfIndex dev, bool is_arp) const {
  InputRoute in;
  auto martian = [&](DropReason r) {
    in.kind = InputKind::kMartian;
    in.why = r;
    return in;
  };
  auto broadcast_input = [&]() {
    if (is_arp) return martian(DropReason::kMartianDestination);
    if (!is_zeronet(src) && !validate_source(dev, src, &in.why)) return martian(in.why);
    in.kind = InputKind::kBroadcast;
    return in;
  };
  if (dst.is_multicast()) return martian(DropReason::kNoRoute);  // no multicast membership
  if (src.is_multicast() || src.is_broadcast()) return martian(DropReason::kMartianSource);
  if (dst.is_broadcast() || (src.is_unspecified() && dst.is_unspecified())) return broadcast_input();
  if (is_zeronet(src)) return martian(DropReason::kMartianSource);
  if (is_zeronet(dst)) return martian(DropReason::kMartianDestination);
  const bool localnet = sysctls_.effective(ConfKnob::kRouteLocalnet, dev) != 0;
  if (dst.is_loopback() && !localnet) return martian(DropReason::kMartianDestination);
  if (src.is_loopback() && !localnet) return martian(DropReason::kMartianSource);

  const bool forwarding = sysctls_.effective(ConfKnob::kForwarding, dev) != 0;
  const Route* r = fib().lookup(dst);
  if (!r || r->type == RouteType::kBlackhole || r->type == RouteType::kUnreachable || r->type == RouteType::kProhibit) {
    in.kind = InputKind::kUnreachable;
    in.why = forwarding ? DropReason::kNoRoute : DropReason::kNotForwarding;
    // ip_error(): only a forwarding device answers, with the route's error.
    in.icmp_code = !forwarding                          ? kNoIcmp
                   : !r                                 ? wire::kIcmpNetUnreachable
                   : r->type == RouteType::kUnreachable ? wire::kIcmpHostUnreachable
                   : r->type == RouteType::kProhibit    ? kIcmpPktFiltered
                                                        : kNoIcmp;
    return in;
  }
  if (r->type == RouteType::kBroadcast) return broadcast_input();
  if (r->type == RouteType::kLocal) {
    if (!validate_source(dev, src, &in.why)) return martian(in.why);
    in.kind = InputKind::kLocal;
    return in;
  }
  if (!forwarding) {
    in.kind = InputKind::kUnreachable;
    in.why = DropReason::kNotForwarding;
    in.icmp_code = kNoIcmp;
    return in;
  }
  // Forwarding into lo would loop back to us: treat as martian.
  if (r->dev == loopback()) return martian(DropReason::kMartianDestination);
  if (!validate_source(dev, src, &in.why)) return martian(in.why);
  if (is_arp && r->dev == dev) {  // no proxy ARP back out of the same device
    in.kind = InputKind::kUnreachable;
    in.icmp_code = kNoIcmp;
    return in;
  }
  in.kind = InputKind::kForward;
  in.route.type = RouteType::kUnicast;
  in.route.dev = r->dev;
  in.route.next_hop = r->gateway.is_unspecified() ? dst : r->gateway;
  in.route.src = src;
  return in;
}

// ip_rcv() -> PRE_ROUTING -> ip_rcv_finish() -> input route -> deliver / forward / drop.
void Host::ip_receive(IfIndex dev, Packet packet, PktType type) {
  auto ip = wire::parse_ipv4(packet->bytes(), true);
  if (!ip) return trace_drop(dev, packet.buf(), DropReason::kMalformed);
  if (packet->len > ip->total_len) packet->trim(ip->total_len);  // Ethernet padding
  const RxContext saved = rx_;
  rx_ = RxContext{&packet.buf(), type, false};
  struct Restore {
    Host* h;
    RxContext ctx;
    ~Restore() { h->rx_ = ctx; }
  } restore{this, saved};

  const Verdict v = run_hooks(HookPoint::kPreRouting, packet, dev, kNoId);
  if (v == Verdict::kStolen) return;
  if (v == Verdict::kDrop) return trace_drop(dev, packet.buf(), DropReason::kFiltered);
  ip = wire::parse_ipv4(packet->bytes(), false);  // a hook may have rewritten it
  if (!ip) return trace_drop(dev, packet.buf(), DropReason::kMalformed);

  // Loopback packets keep the route they were sent with: always local.
  if (type == PktType::kLoopback) {
    rx_.local = true;
    return ip_local_deliver(dev, std::move(packet), type);
  }
  const InputRoute in = route_input(ip->dst, ip->src, dev, false);
  switch (in.kind) {
    case InputKind::kLocal:
      rx_.local = true;
      trace_route(RouteKind::kLocal, kNoId, ip->dst, ip->dst, packet.buf());
      return ip_local_deliver(dev, std::move(packet), type);
    case InputKind::kBroadcast:
      trace_route(RouteKind::kLocal, kNoId, ip->dst, ip->dst, packet.buf());
      rx_.type = PktType::kBroadcast;
      return ip_local_deliver(dev, std::move(packet), PktType::kBroadcast);
    case InputKind::kForward:
      // ip_forward(): only frames addressed to our MAC are forwarded.
      if (type != PktType::kHost) return trace_drop(dev, packet.buf(), DropReason::kNotForwarding);
      trace_route(RouteKind::kForward, in.route.dev, ip->dst, in.route.next_hop, packet.buf());
      return ip_forward(dev, std::move(packet), in.route);
    case InputKind::kUnreachable:
      trace_route(RouteKind::kUnreachable, kNoId, ip->dst, Ipv4Addr(), packet.buf());
      if (in.icmp_code != kNoIcmp) send_icmp_error(packet.buf(), wire::kIcmpDestUnreachable, in.icmp_code, dev);
      return trace_drop(dev, packet.buf(), in.why);
    case InputKind::kMartian: return trace_drop(dev, packet.buf(), in.why);
  }
}

// ip_local_deliver(): LOCAL_IN, then the protocol handler.
void Host::ip_local_deliver(IfIndex dev, Packet packet, PktType type) {
  auto ip = wire::parse_ipv4(packet->bytes(), false);
  if (!ip) return trace_drop(dev, packet.buf(), DropReason::kMalformed);
  if (ip->is_fragment()) return trace_drop(dev, packet.buf(), DropReason::kFragmentation);  // no reassembly
  const Verdict v = run_hooks(HookPoint::kLocalIn, packet, dev, kNoId);
  if (v == Verdict::kStolen) return;
  if (v == Verdict::kDrop) return trace_drop(dev, packet.buf(), DropReason::kFiltered);
  ip = wire::parse_ipv4(packet->bytes(), false);
  if (!ip) return trace_drop(dev, packet.buf(), DropReason::kMalformed);
  switch (ip->protocol) {
    case wire::kIpProtoTcp:
      // tcp_v4_rcv(): only PACKET_HOST.
      if (type == PktType::kBroadcast) return trace_drop(dev, packet.buf(), DropReason::kNoSocket);
      return tcp_->receive(dev, std::move(packet));
    case wire::kIpProtoUdp: return udp_->receive(dev, std::move(packet));
    case wire::kIpProtoIcmp: return icmp_receive(dev, std::move(packet));
    case wire::kIpProtoIpip: return ipip_receive(dev, std::move(packet));
    default:
      send_icmp_error(packet.buf(), wire::kIcmpDestUnreachable, wire::kIcmpProtoUnreachable, dev);
      return trace_drop(dev, packet.buf(), DropReason::kUnsupportedProtocol);
  }
}

// ipip_rcv(): tunl0 (the fallback tunnel) takes any IPIP packet to a local address;
// the inner packet then enters ip_rcv() on tunl0, with tunl0's rp_filter.
void Host::ipip_receive(IfIndex dev, Packet packet) {
  const auto outer = wire::parse_ipv4(packet->bytes(), false);
  if (!outer) return trace_drop(dev, packet.buf(), DropReason::kMalformed);
  const Interface* tun = nullptr;
  for (const auto& d : ifaces_)
    if (d.kind == IfKind::kIpip) {
      tun = &d;
      break;
    }
  if (!tun) {  // no ipip module: no handler for protocol 4
    send_icmp_error(packet.buf(), wire::kIcmpDestUnreachable, wire::kIcmpProtoUnreachable, dev);
    return trace_drop(dev, packet.buf(), DropReason::kUnsupportedProtocol);
  }
  if (!tun->up) {  // tunnel4_rcv(): no tunnel took it
    send_icmp_error(packet.buf(), wire::kIcmpDestUnreachable, wire::kIcmpPortUnreachable, dev);
    return trace_drop(tun->index, packet.buf(), DropReason::kLinkDown);
  }
  packet->pull_front(outer->header_len);
  if (tracing())
    world_.trace().record(now(), FrameRx{id_, tun->index, packet->trace_frame, packet->packet_id, packet->flow});
  ip_receive(tun->index, std::move(packet), PktType::kHost);
}

// --- forwarding -------------------------------------------------------------------------------------

// ip_forward(): TTL, MTU, FORWARD hook, then output.
void Host::ip_forward(IfIndex in_dev, Packet packet, const RouteResult& route) {
  const auto ip = wire::parse_ipv4(packet->bytes(), false);
  if (!ip) return trace_drop(in_dev, packet.buf(), DropReason::kMalformed);
  if (ip->ttl <= 1) {
    send_icmp_error(packet.buf(), wire::kIcmpTimeExceeded, 0, in_dev);
    return trace_drop(in_dev, packet.buf(), DropReason::kTtlExceeded);
  }
  const int mtu = ifaces_[route.dev].mtu;
  if (packet->len > mtu) {
    if (!ip->dont_fragment) return trace_drop(in_dev, packet.buf(), DropReason::kFragmentation);
    send_icmp_error(packet.buf(), wire::kIcmpDestUnreachable, wire::kIcmpFragNeeded, in_dev,
                    static_cast<std::uint16_t>(mtu));
    return trace_drop(in_dev, packet.buf(), DropReason::kTooBig);
  }
  wire::ipv4_decrement_ttl(packet->bytes());
  const Verdict v = run_hooks(HookPoint::kForward, packet, in_dev, route.dev);
  if (v == Verdict::kStolen) return;
  if (v == Verdict::kDrop) return trace_drop(in_dev, packet.buf(), DropReason::kFiltered);
  ip_finish_output(std::move(packet), route);
}

// --- output -------------------------------------------------------------------------------------------

bool Host::ip_send(Packet payload, Ipv4Addr src, Ipv4Addr dst, std::uint8_t protocol, const IpSendOptions& opt) {
  payload->packet_id = new_packet_id();
  payload->flow = opt.flow;
  payload->trace_frame = kNoTraceFrame;
  if (!powered_) {
    trace_drop(kNoId, *payload, DropReason::kHostDown);
    return false;
  }
  RouteError err = RouteError::kNone;
  const auto route = route_output(dst, src, &err);
  if (!route) {
    trace_route(RouteKind::kUnreachable, kNoId, dst, Ipv4Addr(), payload.buf());
    trace_drop(kNoId, payload.buf(), DropReason::kNoRoute);
    return false;
  }
  const auto payload_len = payload->len;
  std::uint8_t* h = payload->push_front(static_cast<std::uint16_t>(wire::kIpv4HeaderLen));
  wire::Ipv4Repr repr;
  repr.src = src.is_unspecified() ? route->src : src;
  repr.dst = dst;
  repr.protocol = protocol;
  repr.ttl = opt.ttl ? opt.ttl : static_cast<std::uint8_t>(sysctls_.global().ip_default_ttl);
  repr.tos = opt.tos;
  repr.ident = next_ip_ident();
  repr.dont_fragment = opt.dont_fragment;
  wire::emit_ipv4(repr, payload_len, wire::MutBytes(h, wire::kIpv4HeaderLen));
  ip_local_out(std::move(payload), *route);
  return true;
}

// __ip_local_out(): LOCAL_OUT; a hook that changed the destination makes us route again
// (ip_route_me_harder).
void Host::ip_local_out(Packet packet, RouteResult route) {
  const auto before = wire::parse_ipv4(packet->bytes(), false);
  const Verdict v = run_hooks(HookPoint::kLocalOut, packet, kNoId, route.dev);
  if (v == Verdict::kStolen) return;
  if (v == Verdict::kDrop) return trace_drop(kNoId, packet.buf(), DropReason::kFiltered);
  const auto after = wire::parse_ipv4(packet->bytes(), false);
  if (!before || !after) return trace_drop(kNoId, packet.buf(), DropReason::kMalformed);
  if (after->dst != before->dst) {
    const auto again = route_output(after->dst, Ipv4Addr());
    if (!again) return trace_drop(kNoId, packet.buf(), DropReason::kNoRoute);
    route = *again;
  }
  trace_route(RouteKind::kOutput, route.dev, after->dst, route.next_hop, packet.buf());
  ip_finish_output(std::move(packet), route);
}

bool Host::ip_route_and_send(Packet packet) {
  const auto ip = wire::parse_ipv4(packet->bytes(), false);
  if (!ip) {
    trace_drop(kNoId, packet.buf(), DropReason::kMalformed);
    return false;
  }
  if (packet->packet_id == 0) packet->packet_id = new_packet_id();
  // The source may be foreign (NAT keeps the client's address): route on dst only.
  const auto route = route_output(ip->dst, Ipv4Addr());
  if (!route) {
    trace_route(RouteKind::kUnreachable, kNoId, ip->dst, Ipv4Addr(), packet.buf());
    trace_drop(kNoId, packet.buf(), DropReason::kNoRoute);
    return false;
  }
  trace_route(RouteKind::kOutput, route->dev, ip->dst, route->next_hop, packet.buf());
  ip_finish_output(std::move(packet), *route);
  return true;
}

void Host::ip_send_to_neighbour(Packet packet, IfIndex dev, Ipv4Addr next_hop) {
  const auto ip = wire::parse_ipv4(packet->bytes(), false);
  if (!ip) return trace_drop(dev, packet.buf(), DropReason::kMalformed);
  RouteResult route;
  route.dev = dev;
  route.next_hop = next_hop;
  route.src = ip->src;
  trace_route(RouteKind::kOutput, dev, ip->dst, next_hop, packet.buf());
  ip_finish_output(std::move(packet), route);
}

// ip_output() -> POST_ROUTING -> ip_finish_output2() -> neighbour.
void Host::ip_finish_output(Packet packet, const RouteResult& route) {
  if (!powered_) return trace_drop(route.dev, packet.buf(), DropReason::kHostDown);
  const Verdict v = run_hooks(HookPoint::kPostRouting, packet, kNoId, route.dev);
  if (v == Verdict::kStolen) return;
  if (v == Verdict::kDrop) return trace_drop(route.dev, packet.buf(), DropReason::kFiltered);
  if (route.type == RouteType::kLocal || route.dev == loopback()) return loopback_xmit(std::move(packet));
  const Interface& out = ifaces_.at(route.dev);
  if (out.kind == IfKind::kIpip)  // the fallback tunnel has no remote endpoint
    return trace_drop(route.dev, packet.buf(), DropReason::kNoRoute);
  if (!out.up) return trace_drop(route.dev, packet.buf(), DropReason::kLinkDown);
  if (packet->len > out.mtu) {
    const auto ip = wire::parse_ipv4(packet->bytes(), false);
    if (ip && ip->dont_fragment) {
      send_icmp_error(packet.buf(), wire::kIcmpDestUnreachable, wire::kIcmpFragNeeded, kNoId,
                      static_cast<std::uint16_t>(out.mtu));
      return trace_drop(route.dev, packet.buf(), DropReason::kTooBig);
    }
    return trace_drop(route.dev, packet.buf(), DropReason::kFragmentation);
  }
  if (route.type == RouteType::kBroadcast || route.next_hop.is_broadcast() ||
      is_broadcast_for(route.dev, route.next_hop))
    return neigh_transmit(route.dev, std::move(packet), MacAddr::broadcast());
  if (out.noarp) return neigh_transmit(route.dev, std::move(packet), out.mac);  // arp_constructor(): NUD_NOARP
  neigh_.output(route.dev, route.next_hop, std::move(packet));
}

void Host::confirm_neighbour(Ipv4Addr dst) {
  const auto route = route_output(dst, Ipv4Addr());
  if (route && route->dev != loopback()) neigh_.confirm(route->dev, route->next_hop);
}

// --- ICMP ---------------------------------------------------------------------------------------------

bool Host::icmp_rate_allow(Ipv4Addr dst) {
  auto it = std::find_if(icmp_peers_.begin(), icmp_peers_.end(), [&](const IcmpPeer& p) { return p.addr == dst; });
  if (it == icmp_peers_.end()) {  // inet_getpeer(): a new peer starts a minute "old"
    icmp_peers_.push_back(IcmpPeer{dst, 0, now() - 60 * kSecond});
    it = icmp_peers_.end() - 1;
  }
  it->tokens = std::min(it->tokens + (now() - it->last), kXrlimBurstFactor * kIcmpRateLimit);
  it->last = now();
  if (it->tokens < kIcmpRateLimit) return false;
  it->tokens -= kIcmpRateLimit;
  return true;
}

// __icmp_send(): no error about a broadcast or multicast, about a non-first
// fragment, or about an ICMP error; the source is the offending packet's destination
// when it was for us, else chosen by routing back to the sender; rate limited per
// destination (icmp_ratelimit) except fragmentation-needed and over lo.
void Host::send_icmp_error(const PacketBuf& offending, std::uint8_t type, std::uint8_t code, IfIndex /*in_dev*/,
                           std::uint16_t info) {
  if (!powered_) return;
  const wire::Bytes bytes = offending.bytes();
  const auto ip = wire::parse_ipv4_quoted(bytes);
  if (!ip) return;
  const bool current = rx_.buf == &offending;
  if (current && rx_.type == PktType::kBroadcast) return;
  if (ip->dst.is_multicast() || is_broadcast_for(kNoId, ip->dst)) return;
  if (ip->frag_offset != 0) return;
  if (ip->src.is_unspecified() || ip->src.is_multicast() || ip->src.is_broadcast()) return;
  if (ip->protocol == wire::kIpProtoIcmp) {
    if (bytes.size() <= ip->header_len) return;
    const std::uint8_t inner = bytes[ip->header_len];
    if (inner > kNrIcmpTypes || icmp_type_is_error(inner)) return;
  }
  const Ipv4Addr saddr = ((current && rx_.local) || is_local_address(ip->dst)) ? ip->dst : Ipv4Addr();
  const auto route = route_output(ip->src, saddr);
  if (!route) return;
  const bool limited = !(type == wire::kIcmpDestUnreachable && code == wire::kIcmpFragNeeded);
  if (limited && route->dev != loopback() && !icmp_rate_allow(ip->src)) return;

  const std::size_t quote = std::min<std::size_t>(bytes.size(), kIcmpQuoteRoom);
  Packet p = world_.pool().allocate();
  std::uint8_t* msg = p->push_back(static_cast<std::uint16_t>(wire::kIcmpHeaderLen + quote));
  std::memcpy(msg + wire::kIcmpHeaderLen, bytes.data(), quote);
  wire::emit_icmp(wire::IcmpRepr{type, code, 0, info}, wire::MutBytes(msg, wire::kIcmpHeaderLen + quote));
  IpSendOptions opt;
  opt.tos = static_cast<std::uint8_t>((ip->tos & kIptosTosMask) | kIptosPrecInternetControl);
  opt.flow = offending.flow;
  opt.dont_fragment = false;
  ip_send(std::move(p), saddr, ip->src, wire::kIpProtoIcmp, opt);
}

bool Host::send_echo_request(Ipv4Addr dst, std::uint16_t ident, std::uint16_t seq, std::uint16_t payload_len,
                             std::uint32_t flow) {
  Packet p = world_.pool().allocate();
  std::uint8_t* msg = p->push_back(static_cast<std::uint16_t>(wire::kIcmpHeaderLen + payload_len));
  for (std::uint16_t i = 0; i < payload_len; ++i) msg[wire::kIcmpHeaderLen + i] = static_cast<std::uint8_t>(i);
  wire::emit_icmp(wire::IcmpRepr{wire::kIcmpEchoRequest, 0, ident, seq},
                  wire::MutBytes(msg, wire::kIcmpHeaderLen + payload_len));
  IpSendOptions opt;
  opt.flow = flow;
  return ip_send(std::move(p), Ipv4Addr(), dst, wire::kIpProtoIcmp, opt);
}

// icmp_rcv(): echo requests are answered (not when sent to a broadcast address,
// icmp_echo_ignore_broadcasts=1); errors go to the protocol that sent the quoted packet.
void Host::icmp_receive(IfIndex dev, Packet packet) {
  const auto ip = wire::parse_ipv4(packet->bytes(), false);
  if (!ip) return trace_drop(dev, packet.buf(), DropReason::kMalformed);
  const wire::Bytes message = wire::ipv4_payload(packet->bytes(), *ip);
  const auto icmp = wire::parse_icmp(message);
  if (!icmp) return trace_drop(dev, packet.buf(), DropReason::kMalformed);

  switch (icmp->type) {
    case wire::kIcmpEchoRequest: {
      if (rx_.type == PktType::kBroadcast || is_broadcast_for(kNoId, ip->dst)) return;
      // icmp_reply(): from the address the request was sent to, same data.
      const Ipv4Addr src = ip->dst;
      const Ipv4Addr dst = ip->src;
      IpSendOptions opt;
      opt.tos = ip->tos;
      opt.flow = packet->flow;
      opt.dont_fragment = false;
      packet->pull_front(ip->header_len);
      packet->trim(static_cast<std::uint16_t>(message.size()));
      wire::emit_icmp(wire::IcmpRepr{wire::kIcmpEchoReply, 0, icmp->identifier, icmp->sequence}, packet->bytes());
      ip_send(std::move(packet), src, dst, wire::kIpProtoIcmp, opt);
      return;
    }
    case wire::kIcmpEchoReply:
      if (icmp_listener_) icmp_listener_->on_echo_reply(ip->src, icmp->identifier, icmp->sequence, packet->flow);
      return;
    case wire::kIcmpDestUnreachable:
    case wire::kIcmpTimeExceeded: {
      const wire::Bytes quoted = wire::icmp_data(message);
      const auto inner = wire::parse_ipv4_quoted(quoted);
      if (!inner) return trace_drop(dev, packet.buf(), DropReason::kMalformed);
      switch (inner->protocol) {
        case wire::kIpProtoTcp: return tcp_->icmp_error(quoted, icmp->type, icmp->code);
        case wire::kIpProtoUdp: return udp_->icmp_error(quoted, icmp->type, icmp->code);
        case wire::kIpProtoIcmp:
          if (icmp_listener_ && quoted.size() >= inner->header_len + wire::kIcmpHeaderLen &&
              quoted[inner->header_len] == wire::kIcmpEchoRequest) {
            const std::uint8_t* echo = quoted.data() + inner->header_len;
            icmp_listener_->on_icmp_error(ip->src, icmp->type, icmp->code, inner->dst, wire::get16(echo + 4),
                                          wire::get16(echo + 6));
          }
          return;
        default: return;  // e.g. about an IPIP packet we sent (only PMTU would change)
      }
    }
    default: return;
  }
}

}  // namespace lvs
