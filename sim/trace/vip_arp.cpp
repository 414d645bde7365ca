#include "sim/trace/vip_arp.hpp"

#include <algorithm>
#include <optional>

#include "sim/wire/arp.hpp"
#include "sim/wire/ethernet.hpp"

namespace lvs {
namespace {

std::string owner_of(const TraceMeta& meta, const MacAddr& mac) {
  if (mac.is_zero()) return "none";
  const auto owner = meta.mac_owner(mac);
  return owner ? meta.hosts[owner->host].name : "?";
}

// The ARP message a traced frame carries, if it is one.
std::optional<wire::ArpRepr> arp_of(const Trace& trace, std::uint32_t frame_index) {
  if (!trace.has_frame(frame_index)) return std::nullopt;
  const wire::Bytes frame = trace.frame(frame_index);
  const auto eth = wire::parse_ethernet(frame);
  if (!eth || eth->ethertype != wire::kEtherTypeArp) return std::nullopt;
  return wire::parse_arp(wire::ethernet_payload(frame));
}

std::string host_name(const TraceMeta& meta, HostId h) { return h < meta.hosts.size() ? meta.hosts[h].name : "?"; }

std::string iface_name(const TraceMeta& meta, HostId h, IfIndex i) {
  if (h >= meta.hosts.size() || i >= meta.hosts[h].interfaces.size()) return "?";
  return meta.hosts[h].interfaces[i].name;
}

}  // namespace

std::vector<Ipv4Addr> virtual_ips(const TraceMeta& meta) {
  std::vector<Ipv4Addr> out;
  for (const auto& h : meta.hosts)
    for (const auto& i : h.interfaces)
      for (std::size_t k = 0; k < i.addresses.size() && k < i.address_roles.size(); ++k)
        if (i.address_roles[k] == "VIP")
          if (const auto p = Ipv4Prefix::parse(i.addresses[k]))
            if (std::find(out.begin(), out.end(), p->addr) == out.end()) out.push_back(p->addr);
  return out;
}

std::string VipArpEvent::text() const {
  const std::string who = host + " " + iface;
  const std::string m = mac.str() + " (" + mac_owner + ")";
  switch (kind) {
    case Kind::kAnswered: return who + ": answers who-has " + vip.str() + " with " + m + ", " + detail;
    case Kind::kReplyTaken: return who + ": takes the reply " + vip.str() + " is-at " + m;
    case Kind::kReplyIgnored: return who + ": ignores the reply " + vip.str() + " is-at " + m + " (" + detail + ")";
    case Kind::kCacheChanged:
      if (mac.is_zero()) return who + ": cache " + vip.str() + " " + detail + " (asks who-has " + vip.str() + ")";
      return who + ": cache " + vip.str() + " is now " + m + ", " + detail;
  }
  return "?";
}

namespace {

bool is_vip(const std::vector<Ipv4Addr>& vips, Ipv4Addr a) {
  return std::find(vips.begin(), vips.end(), a) != vips.end();
}

// An event of `kind` at `host`/`iface` about `vip`, the MAC and detail still to fill in.
VipArpEvent vip_event(const TraceMeta& meta, SimTime time, VipArpEvent::Kind kind, HostId host, IfIndex iface,
                      Ipv4Addr vip) {
  VipArpEvent e;
  e.time = time;
  e.kind = kind;
  e.host = host_name(meta, host);
  e.iface = iface_name(meta, host, iface);
  e.vip = vip;
  return e;
}

// `d.host` answered who-has VIP with the MAC of the interface the request came in on.
std::optional<VipArpEvent> vip_answered(const TraceMeta& meta, SimTime time, const ArpDecision& d,
                                        const std::vector<Ipv4Addr>& vips) {
  if (d.verdict != ArpVerdict::kReplied || !is_vip(vips, d.target_ip)) return std::nullopt;
  VipArpEvent e = vip_event(meta, time, VipArpEvent::Kind::kAnswered, d.host, d.iface, d.target_ip);
  if (d.host < meta.hosts.size() && d.iface < meta.hosts[d.host].interfaces.size())
    e.mac = meta.hosts[d.host].interfaces[d.iface].mac;
  e.mac_owner = e.host;
  e.detail = "arp_ignore=" + std::to_string(d.arp_ignore);
  return e;
}

// The reply received by records[n] was taken when the same host's cache entry for the
// VIP changes to its MAC right away (at the same time).
bool reply_taken(const std::vector<TraceRecord>& records, std::size_t n, HostId host, const wire::ArpRepr& arp) {
  for (std::size_t k = n + 1; k < records.size() && records[k].time == records[n].time; ++k)
    if (const auto* c = std::get_if<NeighChange>(&records[k].body))
      if (c->host == host && c->ip == arp.sender_ip && c->mac == arp.sender_mac) return true;
  return false;
}

// Why an ignored reply changed nothing: what the entry holds (its last change before
// records[n]).
std::string entry_kept(const TraceMeta& meta, const std::vector<TraceRecord>& records, std::size_t n, HostId host,
                       Ipv4Addr vip) {
  for (std::size_t k = n; k-- > 0;)
    if (const auto* c = std::get_if<NeighChange>(&records[k].body))
      if (c->host == host && c->ip == vip)
        return "keeps " + c->mac.str() + " (" + owner_of(meta, c->mac) + "): locktime";
  return "the entry already has an address and locktime keeps it";
}

// records[n] is the frame `rx`: an ARP reply for a VIP, taken into the cache or ignored.
std::optional<VipArpEvent> vip_reply(const Trace& trace, std::size_t n, const FrameRx& rx,
                                     const std::vector<Ipv4Addr>& vips) {
  const auto arp = arp_of(trace, rx.frame);
  if (!arp || arp->op != wire::kArpReply || !is_vip(vips, arp->sender_ip)) return std::nullopt;
  const TraceMeta& meta = trace.meta();
  const auto& records = trace.records();
  const bool taken = reply_taken(records, n, rx.host, *arp);
  VipArpEvent e =
      vip_event(meta, records[n].time, taken ? VipArpEvent::Kind::kReplyTaken : VipArpEvent::Kind::kReplyIgnored,
                rx.host, rx.iface, arp->sender_ip);
  e.mac = arp->sender_mac;
  e.mac_owner = owner_of(meta, arp->sender_mac);
  e.detail = taken ? "the entry already has an address and locktime keeps it"
                   : entry_kept(meta, records, n, rx.host, arp->sender_ip);
  return e;
}

// When the change at records[n] was learned from an ARP request that carried the VIP as
// its sender address (arp_announce=0 on the sender: neigh_event_ns() overrides the
// entry), that request; else nullopt.
std::optional<wire::ArpRepr> learned_from_request(const Trace& trace, std::size_t n, const NeighChange& c) {
  const auto& records = trace.records();
  for (std::size_t k = n; k-- > 0 && records[k].time == records[n].time;)
    if (const auto* req = std::get_if<FrameRx>(&records[k].body); req && req->host == c.host) {
      const auto arp = arp_of(trace, req->frame);
      if (arp && arp->op == wire::kArpRequest && arp->sender_ip == c.ip) return arp;
    }
  return std::nullopt;
}

// records[n] changed a VIP's cache entry `c`. Only an address change or a newly resolved
// entry is news (ageing is not), and not when `last` (the event before) already showed
// the reply that made it.
std::optional<VipArpEvent> vip_cache_changed(const Trace& trace, std::size_t n, const NeighChange& c,
                                             const std::vector<Ipv4Addr>& vips, const VipArpEvent* last) {
  if (!is_vip(vips, c.ip)) return std::nullopt;
  const bool resolved = c.from == NeighState::kIncomplete || c.from == NeighState::kNone;
  if (!resolved && c.mac == c.old_mac) return std::nullopt;
  const TraceMeta& meta = trace.meta();
  const SimTime time = trace.records()[n].time;
  if (last && last->kind == VipArpEvent::Kind::kReplyTaken && last->time == time &&
      last->host == host_name(meta, c.host) && last->mac == c.mac)
    return std::nullopt;
  VipArpEvent e = vip_event(meta, time, VipArpEvent::Kind::kCacheChanged, c.host, c.iface, c.ip);
  e.mac = c.mac;
  e.mac_owner = owner_of(meta, c.mac);
  e.detail = std::string(neigh_state_name(c.from)) + " -> " + neigh_state_name(c.to);
  if (!(c.mac == c.old_mac) && !c.old_mac.is_zero())
    e.detail += " (was " + c.old_mac.str() + ", " + owner_of(meta, c.old_mac) + ")";
  if (const auto req = learned_from_request(trace, n, c)) {
    e.learned_from = owner_of(meta, req->sender_mac);
    e.detail += ", learned from " + e.learned_from + "'s who-has " + req->target_ip.str() +
                " sent with the VIP as sender address";
  }
  return e;
}

}  // namespace

std::vector<VipArpEvent> vip_arp_history(const Trace& trace) {
  const std::vector<Ipv4Addr> vips = virtual_ips(trace.meta());
  std::vector<VipArpEvent> out;
  if (vips.empty()) return out;
  const auto& records = trace.records();
  for (std::size_t n = 0; n < records.size(); ++n) {
    const TraceBody& body = records[n].body;
    std::optional<VipArpEvent> e;
    if (const auto* d = std::get_if<ArpDecision>(&body)) e = vip_answered(trace.meta(), records[n].time, *d, vips);
    else if (const auto* rx = std::get_if<FrameRx>(&body)) e = vip_reply(trace, n, *rx, vips);
    else if (const auto* c = std::get_if<NeighChange>(&body))
      e = vip_cache_changed(trace, n, *c, vips, out.empty() ? nullptr : &out.back());
    if (!e) continue;
    e->event = trace.number_of(n);
    out.push_back(std::move(*e));
  }
  return out;
}

bool vip_arp_reads(const TraceBody& body, wire::Bytes frame, const std::vector<Ipv4Addr>& vips) {
  if (const auto* d = std::get_if<ArpDecision>(&body)) return is_vip(vips, d->target_ip);
  if (const auto* c = std::get_if<NeighChange>(&body)) return is_vip(vips, c->ip);
  if (std::holds_alternative<FrameTx>(body)) {
    const auto eth = wire::parse_ethernet(frame);
    if (!eth || eth->ethertype != wire::kEtherTypeArp) return false;
    const auto arp = wire::parse_arp(wire::ethernet_payload(frame));
    return arp && is_vip(vips, arp->sender_ip);
  }
  return false;
}

}  // namespace lvs
