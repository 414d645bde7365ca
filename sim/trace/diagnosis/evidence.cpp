#include "sim/trace/diagnosis/evidence.hpp"

#include <algorithm>

#include "sim/wire/ethernet.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"
#include "sim/wire/udp.hpp"

namespace lvs {
namespace {

constexpr std::size_t kNotesPerFlow = 8;

PacketFacts packet_facts(wire::Bytes frame) {
  PacketFacts p;
  const auto eth = wire::parse_ethernet(frame);
  if (!eth || eth->ethertype != wire::kEtherTypeIpv4) return p;
  wire::Bytes packet = wire::ethernet_payload(frame);
  auto ip = wire::parse_ipv4(packet, false);
  if (!ip) return p;
  p.known = true;
  p.src = ip->src;
  p.dst = ip->dst;
  p.protocol = ip->protocol;
  wire::Bytes l4 = wire::ipv4_payload(packet, *ip);
  Ipv4Addr src = ip->src, dst = ip->dst;
  if (ip->protocol == wire::kIpProtoIpip) {  // TUN: the encapsulated packet
    const auto in = wire::parse_ipv4(l4, false);
    if (!in) return p;
    p.tunnelled = true;
    p.inner_src = src = in->src;
    p.inner_dst = dst = in->dst;
    p.protocol = in->protocol;
    l4 = wire::ipv4_payload(l4, *in);
  }
  if (p.protocol == wire::kIpProtoTcp) {
    if (const auto tcp = wire::parse_tcp(l4, src, dst, false)) {
      p.sport = tcp->src_port;
      p.dport = tcp->dst_port;
      p.tcp_flags = tcp->flags;
    }
  } else if (p.protocol == wire::kIpProtoUdp && l4.size() >= 4) {
    p.sport = static_cast<std::uint16_t>(l4[0] << 8 | l4[1]);
    p.dport = static_cast<std::uint16_t>(l4[2] << 8 | l4[3]);
  }
  return p;
}

}  // namespace

DiagnosisEvidence::OpenFlow& DiagnosisEvidence::open(std::uint32_t flow) { return open_[flow]; }

void DiagnosisEvidence::add(const TraceRecord& rec, std::uint64_t number, wire::Bytes frame) {
  if (const auto* tx = std::get_if<FrameTx>(&rec.body)) return frame_sent(*tx, frame);
  if (const auto* d = std::get_if<FrameDrop>(&rec.body)) return dropped(rec, *d, number);
  if (const auto* r = std::get_if<RouteDecision>(&rec.body)) return routed(rec, *r, number);
  if (const auto* a = std::get_if<AppEvent>(&rec.body)) return app_event(rec, *a, number);
  if (const auto* rules = std::get_if<IpvsRules>(&rec.body))
    rules_.push_back(RulesFacts{rec.time, rules->host, rules->tables});
}

void DiagnosisEvidence::frame_sent(const FrameTx& tx, wire::Bytes frame) {
  if (tx.flow == 0 || ended_.contains(tx.flow)) return;
  const auto it = open_.find(tx.flow);
  if (it == open_.end()) return;  // a flow is open from its request's start
  const PacketFacts p = packet_facts(frame);
  if (!p.known) return;
  OpenFlow& f = it->second;
  if (tx.host == f.facts.client && f.facts.client_addr.is_unspecified()) f.facts.client_addr = p.src;
  frames_[tx.frame] = p;
  f.frame_ids.push_back(tx.frame);
  if (packets_.insert_or_assign(tx.packet_id, p).second) f.packet_ids.push_back(tx.packet_id);
}

void DiagnosisEvidence::dropped(const TraceRecord& rec, const FrameDrop& d, std::uint64_t number) {
  // A flooded copy that was not for this host is how a switch works, not a failure.
  if (d.flow == 0 || d.reason == DropReason::kNotForUs) return;
  const auto it = open_.find(d.flow);
  if (it == open_.end() || it->second.facts.first_drop) return;
  DropFacts drop{number, rec.time, d.host, d.iface, d.segment, d.reason, {}, std::nullopt};
  if (const auto f = frames_.find(d.frame); f != frames_.end()) drop.packet = f->second;
  else if (const auto p = packets_.find(d.packet_id); p != packets_.end()) drop.packet = p->second;
  if (const auto r = routes_.find(d.packet_id); r != routes_.end() && r->second.host == d.host) drop.route = r->second;
  it->second.facts.first_drop = drop;
}

void DiagnosisEvidence::routed(const TraceRecord& rec, const RouteDecision& r, std::uint64_t number) {
  if (r.flow == 0) return;
  const auto it = open_.find(r.flow);
  if (it == open_.end()) return;
  OpenFlow& f = it->second;
  if (routes_.insert_or_assign(r.packet_id, r).second) f.packet_ids.push_back(r.packet_id);
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
  for (const std::uint32_t id : f.frame_ids) frames_.erase(id);
  for (const std::uint32_t id : f.packet_ids) {
    packets_.erase(id);
    routes_.erase(id);
  }
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
