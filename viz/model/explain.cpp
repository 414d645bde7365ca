#include "viz/model/explain.hpp"

#include <variant>

#include "sim/trace/paths.hpp"

namespace lvs::viz {
namespace {

std::optional<Ipv4Addr> addr_of(const std::string& cidr) {
  const auto p = Ipv4Prefix::parse(cidr);
  if (!p) return std::nullopt;
  return p->addr;
}

// The interface of `host` that has `addr`, or kNoId.
IfIndex iface_with(const TraceMeta& meta, HostId host, Ipv4Addr addr) {
  if (host >= meta.hosts.size()) return kNoId;
  const auto& ifs = meta.hosts[host].interfaces;
  for (std::size_t i = 0; i < ifs.size(); ++i)
    for (const auto& cidr : ifs[i].addresses)
      if (addr_of(cidr) == addr) return static_cast<IfIndex>(i);
  return kNoId;
}

struct Ctx {
  const Trace& trace;
  const EventIndex& index;
  std::size_t event;
  const TraceMeta& meta() const { return trace.meta(); }
  std::string host(HostId h) const { return h < meta().hosts.size() ? meta().hosts[h].name : "?"; }
  std::string role(HostId h) const { return h < meta().hosts.size() ? meta().hosts[h].role : ""; }
  std::string iface(HostId h, IfIndex i) const {
    if (h >= meta().hosts.size() || i >= meta().hosts[h].interfaces.size()) return "?";
    return meta().hosts[h].interfaces[i].name;
  }
  // "192.168.10.100 (VIP)"
  std::string labelled(Ipv4Addr a) const {
    IfIndex i = kNoId;
    const HostId h = address_host(meta(), a, &i);
    if (h == kNoId) return a.str();
    return a.str() + " (" + address_role(meta(), h, a) + ")";
  }
  std::string who(const MacAddr& mac) const {
    const std::string o = mac_owner(meta(), mac);
    return o.empty() ? mac.str() : mac.str() + " (" + o + ")";
  }
};

std::string arp_ignore_rule(int v) {
  switch (v) {
    case 1: return "arp_ignore=1 answers only for addresses configured on the interface the request came in on";
    case 2: return "arp_ignore=2 answers only for addresses on the incoming interface whose subnet holds the sender";
    case 3: return "arp_ignore=3 does not answer for addresses of scope host";
    case 8: return "arp_ignore=8 never answers";
    default: return "arp_ignore=" + std::to_string(v) + " refuses it";
  }
}

std::string explain_arp(const Ctx& c, const ArpDecision& r) {
  const std::string h = c.host(r.host);
  const IfIndex owner = iface_with(c.meta(), r.host, r.target_ip);
  const std::string in = c.iface(r.host, r.iface);
  const std::string asker = c.labelled(r.sender_ip);
  switch (r.verdict) {
    case ArpVerdict::kReplied: {
      if (owner != kNoId && owner != r.iface) {
        std::string s = h + " answers ARP for " + c.labelled(r.target_ip) + " although that address is on " +
                        c.iface(r.host, owner) + ", not on " + in + ": arp_ignore=" + std::to_string(r.arp_ignore) +
                        " replies for any local address on any interface. " + asker + " will send traffic for " +
                        r.target_ip.str() + " to " + h + ".";
        if (is_vip(c.meta(), r.target_ip) && c.role(r.host) == "realserver")
          s += " This is the LVS-DR ARP problem: set arp_ignore=1 (and arp_announce=2) on the real servers.";
        return s;
      }
      return h + " owns " + c.labelled(r.target_ip) + " on " + in +
             " and answers with its MAC (arp_ignore=" + std::to_string(r.arp_ignore) + ").";
    }
    case ArpVerdict::kIgnoredArpIgnore:
      return h + " stays silent for " + c.labelled(r.target_ip) + ": the address is on " +
             (owner != kNoId ? c.iface(r.host, owner) : std::string("another device")) + " and " +
             arp_ignore_rule(r.arp_ignore) + ".";
    case ArpVerdict::kIgnoredArpFilter:
      return h + " does not answer on " + in + ": arp_filter=1 and the route back to " + r.sender_ip.str() +
             " leaves through another interface.";
    case ArpVerdict::kRouteInputFailed:
      return h + " ignores the request: its sender " + r.sender_ip.str() +
             " fails source validation (rp_filter or a martian address).";
    case ArpVerdict::kAnnounce:
      return "Gratuitous ARP for " + c.labelled(r.sender_ip) + ": hosts that already have an entry for it update it.";
    case ArpVerdict::kNotLocal: break;
  }
  return {};
}

std::string explain_neigh(const Ctx& c, const NeighChange& r) {
  const std::string h = c.host(r.host);
  const std::string ip = c.labelled(r.ip);
  const bool vip = is_vip(c.meta(), r.ip);
  const bool mac_changed = !r.old_mac.is_zero() && !r.mac.is_zero() && r.old_mac != r.mac;
  const std::string owner = mac_owner(c.meta(), r.mac);
  std::string bypass;
  if (vip && !r.mac.is_zero()) {
    // Whose MAC now stands for the VIP: the director's, or a real server's (bypass).
    for (std::size_t hi = 0; hi < c.meta().hosts.size(); ++hi)
      for (const auto& ifc : c.meta().hosts[hi].interfaces)
        if (ifc.mac == r.mac && c.meta().hosts[hi].role == "realserver")
          bypass = " That is a real server, not the director: packets for the VIP now bypass the director.";
  }
  if (mac_changed)
    return h + "'s entry for " + ip + " flips from " + c.who(r.old_mac) + " to " + c.who(r.mac) + ": " + h +
           " now sends frames for " + r.ip.str() + " to " + (owner.empty() ? r.mac.str() : owner) + "." + bypass;
  switch (r.to) {
    case NeighState::kIncomplete:
      return h + " has no MAC for " + ip + " yet: the packet waits while it broadcasts who-has " + r.ip.str() +
             " (INCOMPLETE).";
    case NeighState::kReachable:
      if (r.from == NeighState::kIncomplete || r.from == NeighState::kNone)
        return h + " learned " + ip + " is-at " + c.who(r.mac) + " and sends frames for it there." + bypass;
      return h + " confirmed " + ip + " (REACHABLE for reachable_time, about base_reachable_time 30 s).";
    case NeighState::kStale:
      if (r.from == NeighState::kNone)
        return h + " created an entry for " + ip + " from an ARP request it received (STALE until used)." + bypass;
      if (r.from == NeighState::kReachable)
        return "The entry for " + ip + " aged out (reachable_time passed): still usable, re-checked on next use.";
      return {};
    case NeighState::kDelay:
      return h + " used a STALE entry: it waits delay_first_probe_time (5 s) for a confirmation before probing.";
    case NeighState::kProbe: return "No confirmation came: " + h + " sends unicast ARP probes to " + c.who(r.mac) + ".";
    case NeighState::kFailed:
      return "No answer to the ARP probes: " + ip + " is unreachable, queued packets are dropped.";
    default: return {};
  }
}

bool is_director(const Ctx& c, HostId h) { return c.role(h) == "director"; }

std::string explain_tx(const Ctx& c, const FrameTx& r) {
  const EventInfo& e = c.index[c.event];
  const FrameFacts now = frame_facts(c.trace, r.frame);
  if (e.prev_frame_event != 0xffffffffu) {
    const EventInfo& prev = c.index[e.prev_frame_event];
    const auto* rx = std::get_if<FrameRx>(&c.trace.records()[e.prev_frame_event].body);
    if (rx != nullptr && rx->host == r.host && is_director(c, r.host)) {
      const FrameFacts before = frame_facts(c.trace, prev.frame_index);
      if (now.kind == EventKind::kIpip && before.kind != EventKind::kIpip)
        return "LVS-TUN (ip_vs_tunnel_xmit): the director wraps the packet in a new IPv4 header " + now.src.str() +
               " -> " + c.labelled(now.dst) + "; the inner packet is still addressed to " + c.labelled(before.dst) +
               ".";
      if (before.dst != now.dst)
        return "LVS-NAT (ip_vs_nat_xmit): the director rewrote the destination " + c.labelled(before.dst) + " -> " +
               c.labelled(now.dst) + " (ports too, if they differ); the client address " + now.src.str() + " stays.";
      if (before.src != now.src)
        return "LVS-NAT reply: the director rewrote the source " + c.labelled(before.src) + " -> " +
               c.labelled(now.src) + ", so the client sees the answer come from the VIP.";
      if (is_vip(c.meta(), now.dst))
        return "LVS-DR (ip_vs_dr_xmit): the IP header is untouched (still to the VIP); only the destination MAC "
               "changes, to " +
               c.who(now.eth_dst) + ".";
    }
  }
  if (c.role(r.host) == "realserver" && is_vip(c.meta(), now.src) && now.kind != EventKind::kArp)
    return c.host(r.host) + " answers from the VIP straight to " + c.labelled(now.dst) +
           ": the reply does not pass the director (DR/TUN).";
  return {};
}

std::string explain_rx(const Ctx& c, const FrameRx& r) {
  const FrameFacts f = frame_facts(c.trace, r.frame);
  if (c.role(r.host) == "realserver" && f.kind == EventKind::kTcp && is_vip(c.meta(), f.dst)) {
    const IfIndex on = iface_with(c.meta(), r.host, f.dst);
    return c.host(r.host) + " takes a packet for the VIP as its own: the VIP is configured on " +
           (on != kNoId ? c.iface(r.host, on) : std::string("a local device")) + ".";
  }
  return {};
}

std::string explain_drop(const Ctx& c, const FrameDrop& r) {
  const std::string h = r.host != kNoId ? c.host(r.host) : std::string("the switch");
  switch (r.reason) {
    case DropReason::kRpFilter:
      return "Reverse-path filter: a reply to the source would not leave through " + c.iface(r.host, r.iface) +
             ", so " + h + " drops it (rp_filter=1 is strict).";
    case DropReason::kNotForwarding:
      return h + " is not a router (ip_forward=0): a packet not addressed to it is dropped.";
    case DropReason::kNoRoute: return h + " has no route for the destination.";
    case DropReason::kNeighbourFailed: return "ARP resolution failed: nobody answered who-has for the next hop.";
    case DropReason::kMartianSource:
      return "Martian source: the source address is impossible on this interface (e.g. one of " + h +
             "'s own addresses).";
    case DropReason::kFiltered: return "Dropped by a netfilter hook (IPVS).";
    default: return {};
  }
}

std::string explain_note(const Ctx& c, const WorldNote& r) {
  const std::string& text = c.trace.string(r.text);
  if (text.find("scheduled (") != std::string::npos)
    return "IPVS caught the SYN at LOCAL_IN (the VIP is local on " + c.host(r.host) +
           "), matched the virtual service and let its scheduler pick a real server; the rest of this connection "
           "follows the new entry in the connection table (ipvsadm -Lnc).";
  if (text.find("no destination available") != std::string::npos)
    return "The virtual service has no usable real server (none, or all weight 0): the client gets ICMP port "
           "unreachable.";
  return {};
}

std::string explain_route(const Ctx& c, const RouteDecision& r) {
  if (r.kind == RouteKind::kLocal && is_director(c, r.host) && is_vip(c.meta(), r.dst))
    return "The VIP is a local address of " + c.host(r.host) +
           ", so the packet goes up to LOCAL_IN, where IPVS looks at it.";
  return {};
}

}  // namespace

std::string mac_owner(const TraceMeta& meta, const MacAddr& mac) {
  const auto owner = meta.mac_owner(mac);
  if (!owner) return {};
  const TraceHostInfo& h = meta.hosts[owner->host];
  return h.name + " " + h.interfaces[owner->iface].name;
}

HostId address_host(const TraceMeta& meta, Ipv4Addr addr, IfIndex* iface) {
  for (std::size_t h = 0; h < meta.hosts.size(); ++h) {
    const IfIndex i = iface_with(meta, static_cast<HostId>(h), addr);
    if (i != kNoId) {
      if (iface) *iface = i;
      return static_cast<HostId>(h);
    }
  }
  return kNoId;
}

bool is_vip(const TraceMeta& meta, Ipv4Addr addr) {
  for (const auto& h : meta.hosts)
    for (const auto& ifc : h.interfaces)
      for (std::size_t i = 0; i < ifc.addresses.size() && i < ifc.address_roles.size(); ++i)
        if (ifc.address_roles[i] == "VIP" && addr_of(ifc.addresses[i]) == addr) return true;
  return false;
}

std::string explain_event(const Trace& trace, const EventIndex& index, std::size_t event) {
  if (event >= trace.records().size()) return {};
  const Ctx c{trace, index, event};
  const TraceBody& body = trace.records()[event].body;
  if (const auto* r = std::get_if<ArpDecision>(&body)) return explain_arp(c, *r);
  if (const auto* r = std::get_if<NeighChange>(&body)) return explain_neigh(c, *r);
  if (const auto* r = std::get_if<FrameTx>(&body)) return explain_tx(c, *r);
  if (const auto* r = std::get_if<FrameRx>(&body)) return explain_rx(c, *r);
  if (const auto* r = std::get_if<FrameDrop>(&body)) return explain_drop(c, *r);
  if (const auto* r = std::get_if<WorldNote>(&body)) return explain_note(c, *r);
  if (const auto* r = std::get_if<RouteDecision>(&body)) return explain_route(c, *r);
  if (std::get_if<HostConfigChange>(&body)) return "A scenario action changed this host's configuration.";
  return {};
}

}  // namespace lvs::viz
