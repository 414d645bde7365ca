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

std::vector<VipArpEvent> vip_arp_history(const Trace& trace) {
  const TraceMeta& meta = trace.meta();
  const std::vector<Ipv4Addr> vips = virtual_ips(meta);
  std::vector<VipArpEvent> out;
  if (vips.empty()) return out;
  auto is_vip = [&](Ipv4Addr a) { return std::find(vips.begin(), vips.end(), a) != vips.end(); };
  const auto& records = trace.records();
  for (std::size_t n = 0; n < records.size(); ++n) {
    const TraceRecord& rec = records[n];
    if (const auto* d = std::get_if<ArpDecision>(&rec.body)) {
      if (d->verdict != ArpVerdict::kReplied || !is_vip(d->target_ip)) continue;
      VipArpEvent e;
      e.time = rec.time;
      e.kind = VipArpEvent::Kind::kAnswered;
      e.host = host_name(meta, d->host);
      e.iface = iface_name(meta, d->host, d->iface);
      e.vip = d->target_ip;
      if (d->host < meta.hosts.size() && d->iface < meta.hosts[d->host].interfaces.size())
        e.mac = meta.hosts[d->host].interfaces[d->iface].mac;
      e.mac_owner = e.host;
      e.detail = "arp_ignore=" + std::to_string(d->arp_ignore);
      out.push_back(std::move(e));
    } else if (const auto* rx = std::get_if<FrameRx>(&rec.body)) {
      const auto arp = arp_of(trace, rx->frame);
      if (!arp || arp->op != wire::kArpReply || !is_vip(arp->sender_ip)) continue;
      // Taken when the same host's cache entry for the VIP changes to this MAC right away.
      bool taken = false;
      for (std::size_t k = n + 1; k < records.size() && records[k].time == rec.time; ++k)
        if (const auto* c = std::get_if<NeighChange>(&records[k].body))
          if (c->host == rx->host && c->ip == arp->sender_ip && c->mac == arp->sender_mac) taken = true;
      VipArpEvent e;
      e.time = rec.time;
      e.kind = taken ? VipArpEvent::Kind::kReplyTaken : VipArpEvent::Kind::kReplyIgnored;
      e.host = host_name(meta, rx->host);
      e.iface = iface_name(meta, rx->host, rx->iface);
      e.vip = arp->sender_ip;
      e.mac = arp->sender_mac;
      e.mac_owner = owner_of(meta, arp->sender_mac);
      e.detail = "the entry already has an address and locktime keeps it";
      if (!taken) {
        // Say what the entry holds (the last change before this reply).
        for (std::size_t k = n; k-- > 0;)
          if (const auto* c = std::get_if<NeighChange>(&records[k].body))
            if (c->host == rx->host && c->ip == arp->sender_ip) {
              e.detail = "keeps " + c->mac.str() + " (" + owner_of(meta, c->mac) + "): locktime";
              break;
            }
      }
      out.push_back(std::move(e));
    } else if (const auto* c = std::get_if<NeighChange>(&rec.body)) {
      if (!is_vip(c->ip)) continue;
      // Only an address change or a newly resolved entry is news; ageing is not.
      const bool resolved = c->from == NeighState::kIncomplete || c->from == NeighState::kNone;
      if (!resolved && c->mac == c->old_mac) continue;
      if (!out.empty() && out.back().kind == VipArpEvent::Kind::kReplyTaken && out.back().time == rec.time &&
          out.back().host == host_name(meta, c->host) && out.back().mac == c->mac)
        continue;  // the reply just shown is this change
      VipArpEvent e;
      e.time = rec.time;
      e.kind = VipArpEvent::Kind::kCacheChanged;
      e.host = host_name(meta, c->host);
      e.iface = iface_name(meta, c->host, c->iface);
      e.vip = c->ip;
      e.mac = c->mac;
      e.mac_owner = owner_of(meta, c->mac);
      e.detail = std::string(neigh_state_name(c->from)) + " -> " + neigh_state_name(c->to);
      if (!(c->mac == c->old_mac) && !c->old_mac.is_zero())
        e.detail += " (was " + c->old_mac.str() + ", " + owner_of(meta, c->old_mac) + ")";
      // Learned from an ARP request that carried the VIP as its sender address
      // (arp_announce=0 on the sender: neigh_event_ns() overrides the entry).
      for (std::size_t k = n; k-- > 0 && records[k].time == rec.time;)
        if (const auto* req = std::get_if<FrameRx>(&records[k].body); req && req->host == c->host) {
          const auto arp = arp_of(trace, req->frame);
          if (arp && arp->op == wire::kArpRequest && arp->sender_ip == c->ip) {
            e.detail += ", learned from " + owner_of(meta, arp->sender_mac) + "'s who-has " + arp->target_ip.str() +
                        " sent with the VIP as sender address";
            break;
          }
        }
      out.push_back(std::move(e));
    }
  }
  return out;
}

bool vip_arp_reads(const TraceBody& body, wire::Bytes frame, const std::vector<Ipv4Addr>& vips) {
  auto is_vip = [&](Ipv4Addr a) { return std::find(vips.begin(), vips.end(), a) != vips.end(); };
  if (const auto* d = std::get_if<ArpDecision>(&body)) return is_vip(d->target_ip);
  if (const auto* c = std::get_if<NeighChange>(&body)) return is_vip(c->ip);
  if (std::holds_alternative<FrameTx>(body)) {
    const auto eth = wire::parse_ethernet(frame);
    if (!eth || eth->ethertype != wire::kEtherTypeArp) return false;
    const auto arp = wire::parse_arp(wire::ethernet_payload(frame));
    return arp && is_vip(arp->sender_ip);
  }
  return false;
}

}  // namespace lvs
