#include "viz/model/event_index.hpp"

#include <algorithm>
#include <unordered_map>
#include <variant>

#include "sim/wire/ethernet.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

namespace lvs::viz {

const char* event_kind_name(EventKind k) {
  switch (k) {
    case EventKind::kArp: return "ARP";
    case EventKind::kTcp: return "TCP";
    case EventKind::kUdp: return "UDP";
    case EventKind::kIcmp: return "ICMP";
    case EventKind::kIpip: return "IPIP";
    case EventKind::kOtherFrame: return "frame";
    case EventKind::kNeighbour: return "neigh";
    case EventKind::kArpDecision: return "arp-decision";
    case EventKind::kRoute: return "route";
    case EventKind::kTcpState: return "tcp-state";
    case EventKind::kIpvs: return "ipvs";
    case EventKind::kApp: return "app";
    case EventKind::kNote: return "note";
    case EventKind::kConfig: return "config";
    case EventKind::kCount: break;
  }
  return "?";
}

FrameFacts frame_facts(const Trace& trace, std::uint32_t frame) {
  FrameFacts f;
  if (frame >= trace.frame_count()) return f;
  const wire::Bytes bytes = trace.frame(frame);
  const auto eth = wire::parse_ethernet(bytes);
  if (!eth) return f;
  f.eth_src = eth->src;
  f.eth_dst = eth->dst;
  if (eth->ethertype == wire::kEtherTypeArp) {
    f.kind = EventKind::kArp;
    return f;
  }
  if (eth->ethertype != wire::kEtherTypeIpv4) return f;
  const wire::Bytes packet = wire::ethernet_payload(bytes);
  const auto ip = wire::parse_ipv4(packet, false);
  if (!ip) return f;
  f.src = ip->src;
  f.dst = ip->dst;
  switch (ip->protocol) {
    case wire::kIpProtoIcmp: f.kind = EventKind::kIcmp; break;
    case wire::kIpProtoUdp: f.kind = EventKind::kUdp; break;
    case wire::kIpProtoIpip: {
      // LVS-TUN: the flags of the TCP segment inside.
      f.kind = EventKind::kIpip;
      const wire::Bytes inner = wire::ipv4_payload(packet, *ip);
      const auto in = wire::parse_ipv4(inner, false);
      if (in && in->protocol == wire::kIpProtoTcp)
        if (const auto tcp = wire::parse_tcp(wire::ipv4_payload(inner, *in), in->src, in->dst, false)) {
          f.tcp_syn = tcp->has(wire::kTcpSyn);
          f.tcp_ack = tcp->has(wire::kTcpAck);
        }
      break;
    }
    case wire::kIpProtoTcp: {
      f.kind = EventKind::kTcp;
      if (const auto tcp = wire::parse_tcp(wire::ipv4_payload(packet, *ip), ip->src, ip->dst, false)) {
        f.tcp_syn = tcp->has(wire::kTcpSyn);
        f.tcp_ack = tcp->has(wire::kTcpAck);
      }
      break;
    }
    default: break;
  }
  return f;
}

namespace {

struct Classify {
  const Trace& trace;
  EventInfo operator()(const FrameTx& r) const { return frame(r.host, r.iface, kNoId, r.frame, r.packet_id, r.flow); }
  EventInfo operator()(const FrameRx& r) const { return frame(r.host, r.iface, kNoId, r.frame, r.packet_id, r.flow); }
  EventInfo operator()(const FrameWire& r) const { return frame(kNoId, kNoId, r.segment, r.frame, 0, 0); }
  EventInfo operator()(const FrameDrop& r) const {
    return frame(r.host, r.iface, r.segment, r.frame, r.packet_id, r.flow);
  }
  EventInfo operator()(const NeighChange& r) const { return at(r.host, r.iface, EventKind::kNeighbour); }
  EventInfo operator()(const ArpDecision& r) const { return at(r.host, r.iface, EventKind::kArpDecision); }
  EventInfo operator()(const RouteDecision& r) const {
    EventInfo e = at(r.host, r.out_iface, EventKind::kRoute);
    e.packet_id = r.packet_id;
    e.flow = r.flow;
    return e;
  }
  EventInfo operator()(const TcpStateChange& r) const { return with_flow(r.host, EventKind::kTcpState, r.flow); }
  EventInfo operator()(const TcpRetransmit& r) const { return with_flow(r.host, EventKind::kTcpState, r.flow); }
  EventInfo operator()(const AppEvent& r) const { return with_flow(r.host, EventKind::kApp, r.flow); }
  EventInfo operator()(const WorldNote& r) const {
    // The director's scheduling notes are IPVS events.
    const bool ipvs = trace.string(r.text).rfind("ipvs", 0) == 0;
    return at(r.host, kNoId, ipvs ? EventKind::kIpvs : EventKind::kNote);
  }
  EventInfo operator()(const IpvsConnUpdate& r) const { return at(r.host, kNoId, EventKind::kIpvs); }
  EventInfo operator()(const IpvsRules& r) const { return at(r.host, kNoId, EventKind::kIpvs); }
  EventInfo operator()(const IpvsConnExpire& r) const { return at(r.host, kNoId, EventKind::kIpvs); }
  EventInfo operator()(const IpvsDestConns& r) const { return at(r.host, kNoId, EventKind::kIpvs); }
  EventInfo operator()(const HostConfigChange& r) const { return at(r.host, kNoId, EventKind::kConfig); }

  static EventInfo at(HostId h, IfIndex i, EventKind k) {
    EventInfo e;
    e.host = h;
    e.iface = i;
    e.kind = k;
    return e;
  }
  static EventInfo with_flow(HostId h, EventKind k, std::uint32_t flow) {
    EventInfo e = at(h, kNoId, k);
    e.flow = flow;
    return e;
  }
  EventInfo frame(HostId h, IfIndex i, SegmentId s, std::uint32_t frame, std::uint32_t packet_id,
                  std::uint32_t flow) const {
    EventInfo e = at(h, i, frame_facts(trace, frame).kind);
    e.segment = s;
    e.frame = frame < trace.frame_count();
    e.frame_index = frame;
    e.packet_id = packet_id;
    e.flow = flow;
    return e;
  }
};

}  // namespace

EventIndex::EventIndex(const Trace& trace) {
  const auto& recs = trace.records();
  info_.reserve(recs.size());
  std::unordered_map<std::uint32_t, std::uint32_t> last_frame_of_packet;
  for (std::size_t i = 0; i < recs.size(); ++i) {
    EventInfo e = std::visit(Classify{trace}, recs[i].body);
    if (e.frame && e.packet_id != 0) {
      auto [it, fresh] = last_frame_of_packet.try_emplace(e.packet_id, static_cast<std::uint32_t>(i));
      if (!fresh) {
        e.prev_frame_event = it->second;
        it->second = static_cast<std::uint32_t>(i);
      }
    }
    if (e.flow != 0) flows_.push_back(e.flow);
    info_.push_back(e);
  }
  std::sort(flows_.begin(), flows_.end());
  flows_.erase(std::unique(flows_.begin(), flows_.end()), flows_.end());
}

bool EventFilter::accepts(const EventInfo& e) const {
  if (host != kNoId && e.host != host) return false;
  if ((kinds & (1u << static_cast<unsigned>(e.kind))) == 0) return false;
  return flow == 0 || e.flow == flow;
}

std::vector<std::uint32_t> filter_events(const EventIndex& index, const EventFilter& filter) {
  std::vector<std::uint32_t> out;
  out.reserve(index.size());
  for (std::size_t i = 0; i < index.size(); ++i)
    if (filter.accepts(index[i])) out.push_back(static_cast<std::uint32_t>(i));
  return out;
}

}  // namespace lvs::viz
