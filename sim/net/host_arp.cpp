// ARP (RFC 826) as Linux 6.1 does it (net/ipv4/arp.c): who answers a request
// (arp_ignore, arp_filter, proxy_arp), which sender address our own requests carry
// (arp_announce), and what a received request or reply teaches the neighbour cache
// (neigh_event_ns, locktime, arp_accept, gratuitous ARP).
#include "sim/net/host.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/ethernet.hpp"

namespace lvs {
namespace {

bool ifa_match(const IfAddress& ifa, Ipv4Addr a) { return ifa.prefix.contains(a); }  // inet_ifa_match

}  // namespace

// --- sending -------------------------------------------------------------------------------

void Host::send_arp(IfIndex dev, std::uint16_t op, Ipv4Addr target_ip, Ipv4Addr sender_ip, const MacAddr& eth_dst,
                    const MacAddr& target_mac) {
  const Interface& ifc = ifaces_[dev];
  if (ifc.kind != IfKind::kEthernet || ifc.noarp) return;  // IFF_NOARP
  Packet p = world_.pool().allocate();
  std::uint8_t* b = p->push_back(static_cast<std::uint16_t>(wire::kEthHeaderLen + wire::kArpLen));
  wire::emit_ethernet(wire::EthernetRepr{eth_dst, ifc.mac, wire::kEtherTypeArp},
                      wire::MutBytes(b, wire::kEthHeaderLen));
  wire::emit_arp(wire::ArpRepr{op, ifc.mac, sender_ip, target_mac, target_ip},
                 wire::MutBytes(b + wire::kEthHeaderLen, wire::kArpLen));
  transmit_frame(dev, std::move(p));
}

// arp_send(ARPOP_REQUEST, ..., addr, dev, addr, NULL, dev_addr, NULL): arping -U.
void Host::send_gratuitous_arp(IfIndex dev, Ipv4Addr addr) {
  send_arp(dev, wire::kArpRequest, addr, addr, MacAddr::broadcast(), MacAddr::zero());
}

// arp_solicit(): the sender IP of our request depends on arp_announce.
Ipv4Addr Host::arp_sender_ip(const NeighEntry& entry, Ipv4Addr hint) const {
  Ipv4Addr saddr;
  switch (sysctls_.effective(ConfKnob::kArpAnnounce, entry.dev)) {
    case 0:  // any local address: the source of the packet waiting for this entry
      if (!hint.is_unspecified() && is_local_type(hint)) saddr = hint;
      break;
    case 1:  // only if the target is in a subnet of that address on this device
      if (!hint.is_unspecified() && is_local_type(hint) && addr_onlink(entry.dev, entry.ip, hint)) saddr = hint;
      break;
    default:  // 2: always the best local address for the target
      break;
  }
  if (saddr.is_unspecified()) saddr = select_source(entry.dev, entry.ip, Scope::kLink);
  return saddr;
}

void Host::neigh_solicit(const NeighEntry& entry, Ipv4Addr saddr_hint, bool unicast) {
  if (!powered_) return;
  const Ipv4Addr sip = arp_sender_ip(entry, saddr_hint);
  send_arp(entry.dev, wire::kArpRequest, entry.ip, sip, unicast ? entry.mac : MacAddr::broadcast(), MacAddr::zero());
}

// --- the knobs -----------------------------------------------------------------------------

// confirm_addr_indev(): is there an address on `dev` (`local` itself, or any when
// local is 0) of scope <= `scope`, in the same subnet as `dst` when dst is given?
bool Host::confirm_addr(const Interface* dev, Ipv4Addr dst, Ipv4Addr local, Scope scope) const {
  if (!dev) {  // inet_confirm_addr(NULL in_dev): any device
    for (const auto& d : ifaces_)
      if (confirm_addr(&d, dst, local, scope)) return true;
    return false;
  }
  const int localnet_scope = sysctls_.effective(ConfKnob::kRouteLocalnet, dev->index) ? static_cast<int>(Scope::kLink)
                                                                                      : static_cast<int>(Scope::kHost);
  Ipv4Addr addr;
  bool same = false;
  for (const auto& ifa : dev->addresses) {
    const int min_scope = std::min(static_cast<int>(ifa.scope), localnet_scope);
    if (addr.is_unspecified() && (local == ifa.local() || local.is_unspecified()) &&
        min_scope <= static_cast<int>(scope)) {
      addr = ifa.local();
      if (same) break;
    }
    if (!same) {
      same = (local.is_unspecified() || ifa_match(ifa, local)) && (dst.is_unspecified() || ifa_match(ifa, dst));
      if (same && !addr.is_unspecified()) {
        if (!local.is_unspecified() || dst.is_unspecified()) break;
        if (ifa_match(ifa, addr)) break;  // the selected address is in dst's subnet
        if (min_scope <= static_cast<int>(scope)) {
          addr = ifa.local();
          break;
        }
        same = false;  // look for a larger subnet holding addr
      }
    }
  }
  return same && !addr.is_unspecified();
}

// inet_addr_onlink(): a subnet on dev holds a (and b, when b is given).
bool Host::addr_onlink(IfIndex dev, Ipv4Addr a, Ipv4Addr b) const {
  for (const auto& ifa : ifaces_[dev].addresses)
    if (ifa_match(ifa, a) && (b.is_unspecified() || ifa_match(ifa, b))) return true;
  return false;
}

// arp_ignore() (ip-sysctl.rst), with the value max(conf/all, conf/<dev>). True = do
// not reply.
bool Host::arp_ignore(IfIndex dev, Ipv4Addr sip, Ipv4Addr tip) const {
  const Interface* in_dev = &ifaces_[dev];
  Scope scope;
  switch (sysctls_.effective(ConfKnob::kArpIgnore, dev)) {
    case 0:  // any local address on any interface (already known to be local)
      return false;
    case 1:  // only if tip is configured on the incoming interface
      sip = Ipv4Addr();
      scope = Scope::kHost;
      break;
    case 2:  // as 1, and the sender must be in the subnet of that address
      scope = Scope::kHost;
      break;
    case 3:  // not for scope host addresses, on any interface
      sip = Ipv4Addr();
      scope = Scope::kLink;
      in_dev = nullptr;
      break;
    case 8:  // never
      return true;
    default:  // 4-7 reserved: reply
      return false;
  }
  return !confirm_addr(in_dev, sip, tip, scope);
}

// arp_filter(): reply only when our route back to the sender leaves through `dev`.
// True = do not reply.
bool Host::arp_filter(IfIndex dev, Ipv4Addr sip, Ipv4Addr tip) const {
  const auto route = route_output(sip, tip);
  return !route || route->dev != dev;
}

// arp_accept(): may an unsolicited ARP create an entry?
bool Host::arp_accept(IfIndex dev, Ipv4Addr sip) const {
  switch (sysctls_.effective(ConfKnob::kArpAccept, dev)) {
    case 1: return true;
    case 2: return confirm_addr(&ifaces_[dev], sip, Ipv4Addr(), Scope::kLink);  // sip in one of dev's subnets
    default: return false;
  }
}

// --- receiving (arp_process) -----------------------------------------------------------------

void Host::trace_arp(IfIndex dev, const wire::ArpRepr& arp, ArpVerdict verdict) {
  if (!tracing()) return;
  const auto ignore = static_cast<std::uint8_t>(sysctls_.effective(ConfKnob::kArpIgnore, dev));
  world_.trace().record(now(), ArpDecision{id_, dev, arp.sender_ip, arp.target_ip, arp.sender_mac, verdict, ignore});
}

void Host::arp_receive(IfIndex dev, Packet frame) {
  if (ifaces_[dev].noarp) return;  // arp_rcv(): consumed, not a drop (dropwatch is not told)
  const auto eth = wire::parse_ethernet(frame->bytes());
  const auto arp = wire::parse_arp(wire::ethernet_payload(frame->bytes()));
  if (!eth || !arp) return trace_drop(dev, frame.buf(), DropReason::kMalformed);
  const PktType type = eth->dst.is_multicast() ? PktType::kBroadcast : PktType::kHost;
  // Packet sockets get their copy first (dev_queue_xmit_nit / deliver_skb before arp_rcv).
  // A copy: a listener may stop listening (arping exits) while it is told.
  if (!arp_listeners_.empty())
    for (ArpListener* l : std::vector<ArpListener*>(arp_listeners_)) l->on_arp(dev, *arp, type == PktType::kHost);
  const Ipv4Addr sip = arp->sender_ip;
  const Ipv4Addr tip = arp->target_ip;
  // Requests for multicast or 127.x targets are bogus.
  if (tip.is_multicast() || (tip.is_loopback() && !sysctls_.effective(ConfKnob::kRouteLocalnet, dev)))
    return trace_drop(dev, frame.buf(), DropReason::kMartianDestination);
  // RFC 2131 duplicate address detection probe (sender 0.0.0.0): answer, learn nothing.
  if (sip.is_unspecified()) {
    if (arp->op == wire::kArpRequest && is_local_type(tip) && !arp_ignore(dev, sip, tip)) {
      send_arp(dev, wire::kArpReply, sip, tip, arp->sender_mac, arp->sender_mac);
      trace_arp(dev, *arp, ArpVerdict::kReplied);
    }
    return;
  }
  if (arp->op == wire::kArpRequest) {
    bool done = false;
    arp_request_received(dev, *arp, &done);
    if (done) return;
  }
  arp_update_cache(dev, *arp, type);
}

// A request: reply (and learn the sender) when the target is ours and the knobs allow.
void Host::arp_request_received(IfIndex dev, const wire::ArpRepr& arp, bool* done) {
  const Ipv4Addr sip = arp.sender_ip;
  const Ipv4Addr tip = arp.target_ip;
  const InputRoute in = route_input(tip, sip, dev, true);
  if (in.kind == InputKind::kLocal) {
    *done = true;
    if (arp_ignore(dev, sip, tip)) return trace_arp(dev, arp, ArpVerdict::kIgnoredArpIgnore);
    if (sysctls_.effective(ConfKnob::kArpFilter, dev) && arp_filter(dev, sip, tip))
      return trace_arp(dev, arp, ArpVerdict::kIgnoredArpFilter);
    neigh_.event_ns(dev, sip, arp.sender_mac);  // "they are probably about to talk to us"
    send_arp(dev, wire::kArpReply, sip, tip, arp.sender_mac, arp.sender_mac);
    return trace_arp(dev, arp, ArpVerdict::kReplied);
  }
  // proxy_arp on a router: answer for a target routed out of another interface.
  if (in.kind == InputKind::kForward && in.route.dev != dev && sysctls_.effective(ConfKnob::kProxyArp, dev)) {
    *done = true;
    neigh_.event_ns(dev, sip, arp.sender_mac);
    send_arp(dev, wire::kArpReply, sip, tip, arp.sender_mac, arp.sender_mac);
    return trace_arp(dev, arp, ArpVerdict::kReplied);
  }
  if (in.kind == InputKind::kMartian && is_local_type(tip)) return trace_arp(dev, arp, ArpVerdict::kRouteInputFailed);
  trace_arp(dev, arp, sip == tip ? ArpVerdict::kAnnounce : ArpVerdict::kNotLocal);
}

// "Update our ARP tables": replies and requests not answered above refresh an entry
// that exists; only arp_accept lets them create one.
void Host::arp_update_cache(IfIndex dev, const wire::ArpRepr& arp, PktType type) {
  const Ipv4Addr sip = arp.sender_ip;
  NeighEntry* n = neigh_.lookup(dev, sip);
  if (n && n->state == NeighState::kNone) n = nullptr;  // a flushed entry is gone
  const bool accept = arp_accept(dev, sip);
  bool is_garp = false;
  if (n || accept) {
    // arp_is_garp(): sender == target (a reply must also repeat its MAC as target),
    // for an address that is unicast for us.
    is_garp = sip == arp.target_ip;
    if (is_garp && arp.op == wire::kArpReply) is_garp = arp.target_mac == arp.sender_mac;
    if (is_garp) is_garp = !is_local_type(sip) && !sip.is_broadcast() && !is_broadcast_for(kNoId, sip);
  }
  if (accept && !n) {
    const bool unicast_sender = !is_local_type(sip) && !is_broadcast_for(kNoId, sip) && !sip.is_multicast();
    if (is_garp || (arp.op == wire::kArpReply && unicast_sender)) n = &neigh_.lookup_or_create(dev, sip);
  }
  if (!n) return;
  // "If several different ARP replies follow back-to-back, use the FIRST one":
  // within locktime of the last change a different address does not override.
  const bool override = now() > n->updated + sysctls_.neigh(dev).locktime() || is_garp;
  // Broadcast replies and requests do not prove reachability.
  const NeighState state =
      (arp.op == wire::kArpReply && type == PktType::kHost) ? NeighState::kReachable : NeighState::kStale;
  neigh_.update(*n, arp.sender_mac, state, override);
}

}  // namespace lvs
