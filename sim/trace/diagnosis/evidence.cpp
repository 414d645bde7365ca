#include "sim/trace/diagnosis/evidence.hpp"

#include <algorithm>

#include "sim/wire/ethernet.hpp"
#include "sim/wire/ipv4.hpp"

namespace lvs {
namespace {

constexpr std::size_t kNotesPerFlow = 8;

std::uint16_t be16(wire::Bytes b, std::size_t at) { return static_cast<std::uint16_t>(b[at] << 8 | b[at + 1]); }
Ipv4Addr be32(wire::Bytes b, std::size_t at) {
  return Ipv4Addr(static_cast<std::uint32_t>(b[at]) << 24 | static_cast<std::uint32_t>(b[at + 1]) << 16 |
                  static_cast<std::uint32_t>(b[at + 2]) << 8 | b[at + 3]);
}

// The few fields the diagnosis needs, read at their fixed places (every frame of a flow
// passes here, so no full parse: the frames were built by the model, and a short or odd
// one just stays unknown).
PacketFacts packet_facts(wire::Bytes frame) {
  PacketFacts p;
  constexpr std::size_t kEth = wire::kEthHeaderLen;
  if (frame.size() < kEth + 20 || be16(frame, 12) != wire::kEtherTypeIpv4 || (frame[kEth] >> 4) != 4) return p;
  std::size_t ip = kEth;
  p.known = true;
  p.src = be32(frame, ip + 12);
  p.dst = be32(frame, ip + 16);
  p.protocol = frame[ip + 9];
  std::size_t l4 = ip + (frame[ip] & 0x0f) * 4u;
  if (p.protocol == wire::kIpProtoIpip) {  // TUN: the encapsulated packet
    ip = l4;
    if (frame.size() < ip + 20 || (frame[ip] >> 4) != 4) return p;
    p.tunnelled = true;
    p.inner_src = be32(frame, ip + 12);
    p.inner_dst = be32(frame, ip + 16);
    p.protocol = frame[ip + 9];
    l4 = ip + (frame[ip] & 0x0f) * 4u;
  }
  if ((p.protocol == wire::kIpProtoTcp || p.protocol == wire::kIpProtoUdp) && frame.size() >= l4 + 4) {
    p.sport = be16(frame, l4);
    p.dport = be16(frame, l4 + 2);
  }
  if (p.protocol == wire::kIpProtoTcp && frame.size() >= l4 + 14) p.tcp_flags = frame[l4 + 13];
  return p;
}

}  // namespace

DiagnosisEvidence::OpenFlow& DiagnosisEvidence::open(std::uint32_t flow) { return open_[flow]; }

DiagnosisEvidence::PacketEntry& DiagnosisEvidence::OpenFlow::packet(std::uint32_t id) {
  for (auto it = packets.rbegin(); it != packets.rend(); ++it)
    if (it->id == id) return *it;
  packets.push_back(PacketEntry{id, {}, std::nullopt});
  return packets.back();
}

const DiagnosisEvidence::PacketEntry* DiagnosisEvidence::OpenFlow::find(std::uint32_t id) const {
  for (auto it = packets.rbegin(); it != packets.rend(); ++it)
    if (it->id == id) return &*it;
  return nullptr;
}

void DiagnosisEvidence::add(const TraceRecord& rec, std::uint64_t number, wire::Bytes frame) {
  if (const auto* tx = std::get_if<FrameTx>(&rec.body)) return frame_sent(*tx, frame);
  if (const auto* d = std::get_if<FrameDrop>(&rec.body)) return dropped(rec, *d, number);
  if (const auto* r = std::get_if<RouteDecision>(&rec.body)) return routed(rec, *r, number);
  if (const auto* a = std::get_if<AppEvent>(&rec.body)) return app_event(rec, *a, number);
  if (const auto* rules = std::get_if<IpvsRules>(&rec.body))
    rules_.push_back(RulesFacts{rec.time, rules->host, rules->tables});
}

void DiagnosisEvidence::frame_sent(const FrameTx& tx, wire::Bytes frame) {
  if (tx.flow == 0) return;
  const auto it = open_.find(tx.flow);
  if (it == open_.end()) return;  // a flow is open from its request's start to its end
  const PacketFacts p = packet_facts(frame);
  if (!p.known) return;
  OpenFlow& f = it->second;
  if (tx.host == f.facts.client && f.facts.client_addr.is_unspecified()) f.facts.client_addr = p.src;
  f.packet(tx.packet_id).facts = p;
}

void DiagnosisEvidence::dropped(const TraceRecord& rec, const FrameDrop& d, std::uint64_t number) {
  // A flooded copy that was not for this host is how a switch works, not a failure.
  if (d.flow == 0 || d.reason == DropReason::kNotForUs) return;
  const auto it = open_.find(d.flow);
  if (it == open_.end() || it->second.facts.first_drop) return;
  DropFacts drop{number, rec.time, d.host, d.iface, d.segment, d.reason, {}, std::nullopt};
  // The packet as it was last sent (a NAT rewrite or an encapsulation keeps its id).
  if (const PacketEntry* p = it->second.find(d.packet_id)) {
    drop.packet = p->facts;
    if (p->route && p->route->host == d.host) drop.route = p->route;
  }
  it->second.facts.first_drop = drop;
}

void DiagnosisEvidence::routed(const TraceRecord& rec, const RouteDecision& r, std::uint64_t number) {
  if (r.flow == 0) return;
  const auto it = open_.find(r.flow);
  if (it == open_.end()) return;
  OpenFlow& f = it->second;
  f.packet(r.packet_id).route = r;
  FlowFacts& facts = f.facts;
  if (r.host == facts.client || facts.client_addr.is_unspecified() || !(r.dst == facts.client_addr)) return;
  if (r.kind == RouteKind::kLocal) return;
  const bool seen = std::any_of(facts.reply_routes.begin(), facts.reply_routes.end(),
                                [&](const RouteFacts& x) { return x.route.host == r.host; });
  if (!seen) facts.reply_routes.push_back(RouteFacts{number, rec.time, r});
}

void DiagnosisEvidence::app_event(const TraceRecord& rec, const AppEvent& a, std::uint64_t number) {
  if (a.flow == 0) return;
  switch (a.kind) {
    case AppEventKind::kRequestStart: {
      OpenFlow& f = open(a.flow);
      f.facts.client = a.host;
      f.facts.start_event = number;
      return;
    }
    case AppEventKind::kNote: {
      const auto it = open_.find(a.flow);
      if (it == open_.end() || it->second.facts.notes.size() >= kNotesPerFlow) return;
      it->second.facts.notes.push_back(NoteFacts{number, rec.time, a.host, trace_.string(a.text)});
      return;
    }
    case AppEventKind::kRequestDone:
    case AppEventKind::kRequestFailed: {
      const auto it = open_.find(a.flow);
      if (it == open_.end() || a.host != it->second.facts.client) return;
      it->second.facts.failed = a.kind == AppEventKind::kRequestFailed;
      it->second.facts.status = a.status;
      return end_flow(a.flow);
    }
    case AppEventKind::kServed: {
      const auto it = open_.find(a.flow);
      if (it == open_.end() || it->second.facts.served) return;
      it->second.facts.served = NoteFacts{number, rec.time, a.host, trace_.string(a.text)};
      it->second.facts.served_status = a.status;
      return;
    }
  }
}

void DiagnosisEvidence::end_flow(std::uint32_t flow) {
  const auto it = open_.find(flow);
  OpenFlow& f = it->second;
  const FlowFacts& facts = f.facts;
  if (facts.first_drop || facts.failed || facts.status >= 400 || facts.status == 0) ended_[flow] = std::move(f.facts);
  open_.erase(it);
}

const FlowFacts* DiagnosisEvidence::flow(std::uint32_t flow) const {
  if (const auto it = ended_.find(flow); it != ended_.end()) return &it->second;
  if (const auto it = open_.find(flow); it != open_.end()) return &it->second.facts;
  return nullptr;
}

DiagnosisEvidence replay_evidence(const Trace& trace) {
  DiagnosisEvidence ev(trace);
  const auto& records = trace.records();
  for (std::size_t i = 0; i < records.size(); ++i) {
    wire::Bytes frame;
    if (const auto* tx = std::get_if<FrameTx>(&records[i].body); tx && trace.has_frame(tx->frame))
      frame = trace.frame(tx->frame);
    ev.add(records[i], trace.number_of(i), frame);
  }
  return ev;
}

}  // namespace lvs
