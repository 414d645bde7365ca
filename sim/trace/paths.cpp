#include "sim/trace/paths.hpp"

#include <algorithm>
#include <optional>

#include "sim/wire/ethernet.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

namespace lvs {
namespace {

std::string role_of_host(const std::string& host_role) {
  if (host_role == "client") return "CIP";
  if (host_role == "gateway") return "DGW";
  if (host_role == "router") return "RTR";
  if (host_role == "director") return "DIP";
  if (host_role == "realserver") return "RIP";
  if (host_role == "nfs") return "NFS";
  return "SIP";
}

std::optional<Ipv4Addr> addr_of(const std::string& cidr) {
  const auto p = Ipv4Prefix::parse(cidr);
  if (!p) return std::nullopt;
  return p->addr;
}

}  // namespace

std::string address_role(const TraceMeta& meta, HostId host, Ipv4Addr addr) {
  if (host >= meta.hosts.size()) return "?";
  const auto& h = meta.hosts[host];
  for (const auto& ifc : h.interfaces)
    for (std::size_t i = 0; i < ifc.addresses.size(); ++i)
      if (addr_of(ifc.addresses[i]) == addr && i < ifc.address_roles.size() && !ifc.address_roles[i].empty())
        return ifc.address_roles[i];
  return role_of_host(h.role);
}

std::string RequestPath::notation() const {
  std::string s;
  for (const auto& h : hops) {
    if (!s.empty()) s += '-';
    s += h.role;
  }
  return s;
}

std::string RequestPath::detailed() const {
  std::string s;
  for (const auto& h : hops) {
    if (!s.empty()) s += " - ";
    s += h.role + " " + h.addr.str() + " (" + h.host + ")";
  }
  return s;
}

// --- PathBuilder -----------------------------------------------------------------------

namespace {

template <class Hop>
void push_merged(std::vector<Hop>& out, const Hop& h) {
  if (out.empty() || !(out.back() == h)) out.push_back(h);
}

}  // namespace

PathBuilder::PathBuilder(const TraceMeta& meta) : meta_(meta) {
  addresses_.resize(meta.hosts.size());
  for (std::size_t h = 0; h < meta.hosts.size(); ++h)
    for (const auto& ifc : meta.hosts[h].interfaces) {
      std::vector<Ipv4Addr> parsed;
      for (const auto& cidr : ifc.addresses)
        if (auto a = addr_of(cidr)) parsed.push_back(*a);
      addresses_[h].push_back(std::move(parsed));
    }
}

PathBuilder::FlowSlot& PathBuilder::slot(std::uint32_t flow) {
  if (flow >= slots_.size()) slots_.resize(std::max<std::size_t>(flow + 1, slots_.size() * 2));
  return slots_[flow];
}

const PathBuilder::FlowSlot* PathBuilder::find_slot(std::uint32_t flow) const {
  return flow < slots_.size() ? &slots_[flow] : nullptr;
}

bool PathBuilder::local_to(HostId host, Ipv4Addr a) const {
  for (const auto& iface : addresses_[host])
    for (const Ipv4Addr& mine : iface)
      if (mine == a) return true;
  return false;
}

// The address a packet is labelled with on one interface (see the header's rule).
Ipv4Addr PathBuilder::hop_address(HostId host, IfIndex iface, Ipv4Addr packet_addr) const {
  const auto& mine = addresses_[host][iface];
  for (const Ipv4Addr& a : mine)
    if (a == packet_addr) return packet_addr;
  return mine.empty() ? packet_addr : mine.front();  // the primary: the first one listed
}

// What the path builder needs of one frame.
PathBuilder::FrameView PathBuilder::view_frame(wire::Bytes frame) {
  FrameView v;
  const auto eth = wire::parse_ethernet(frame);
  if (!eth) return v;
  v.eth_dst = eth->dst;
  if (eth->ethertype != wire::kEtherTypeIpv4) return v;
  const wire::Bytes packet = wire::ethernet_payload(frame);
  const auto ip = wire::parse_ipv4(packet, false);
  if (!ip) return v;
  v.ipv4 = true;
  v.src = ip->src;
  v.dst = ip->dst;
  wire::Bytes inner = wire::ipv4_payload(packet, *ip);
  std::uint8_t proto = ip->protocol;
  Ipv4Addr isrc = ip->src, idst = ip->dst;
  if (proto == wire::kIpProtoIpip) {  // TUN: look at the encapsulated packet's payload
    const auto in = wire::parse_ipv4(inner, false);
    if (!in) return v;
    proto = in->protocol;
    isrc = in->src;
    idst = in->dst;
    inner = wire::ipv4_payload(inner, *in);
  }
  if (proto == wire::kIpProtoTcp) {
    if (const auto tcp = wire::parse_tcp(inner, isrc, idst, false)) v.tcp_payload = inner.size() - tcp->header_len;
  }
  return v;
}

void PathBuilder::add(const TraceRecord& rec, wire::Bytes frame) {
  if (const auto* tx = std::get_if<FrameTx>(&rec.body)) {
    if (tx->flow != 0) frame_sent(*tx, frame);
  } else if (const auto* rx = std::get_if<FrameRx>(&rec.body)) {
    if (rx->flow != 0) frame_received(*rx, frame);
  } else if (const auto* app = std::get_if<AppEvent>(&rec.body)) {
    if (app->flow == 0) return;
    if (app->kind == AppEventKind::kServed && app->host < meta_.hosts.size()) {
      FlowSlot& s = slot(app->flow);
      if (s.server == kNoId) s.server = app->host;
    } else if (app->kind == AppEventKind::kRequestDone || app->kind == AppEventKind::kRequestFailed) {
      end_flow(app->flow);
    }
  }
}

void PathBuilder::frame_sent(const FrameTx& tx, wire::Bytes bytes) {
  FlowSlot& s = slot(tx.flow);
  if (s.state == FlowState::kEnded) return;
  if (tx.host >= addresses_.size() || tx.iface >= addresses_[tx.host].size()) return;
  const FrameView v = view_frame(bytes);
  if (!v.ipv4) return;
  s.state = FlowState::kOpen;
  OpenFlow& f = open_[tx.flow];
  frames_[tx.frame] = v;
  f.frame_ids.push_back(tx.frame);
  auto [it, fresh] = packets_.try_emplace(tx.packet_id);
  if (!fresh) return;
  f.packet_ids.push_back(tx.packet_id);
  push_merged(it->second.hops, Hop{tx.host, hop_address(tx.host, tx.iface, v.src)});
  const bool from_client = meta_.hosts[tx.host].role == "client";
  if (from_client) {
    f.has_path = true;
    if (f.first_id == 0) f.first_id = tx.packet_id;
  }
  if (v.tcp_payload > 0) {
    f.has_path = true;
    if (f.client == kNoId && from_client) {
      f.client = tx.host;
      f.client_addr = v.src;
    }
    if (tx.host == f.client) f.request_ids.push_back(tx.packet_id);
    else if (f.client != kNoId && v.dst == f.client_addr) f.response_ids.push_back(tx.packet_id);
  }
}

void PathBuilder::frame_received(const FrameRx& rx, wire::Bytes bytes) {
  const FlowSlot* s = find_slot(rx.flow);
  if (!s || s->state != FlowState::kOpen) return;
  const auto it = packets_.find(rx.packet_id);
  if (it == packets_.end()) return;
  if (rx.host >= addresses_.size() || rx.iface >= addresses_[rx.host].size()) return;
  // The frame's own bytes when the trace has them (a capture's receiving side has its
  // own copy), else the summary of the frame as it was sent.
  FrameView v;
  if (!bytes.empty()) {
    v = view_frame(bytes);
  } else {
    const auto frame = frames_.find(rx.frame);
    if (frame == frames_.end()) return;
    v = frame->second;
  }
  if (!v.ipv4) return;
  const MacAddr& mac = meta_.hosts[rx.host].interfaces[rx.iface].mac;
  if (!(v.eth_dst == mac) && !v.eth_dst.is_broadcast()) return;  // flooded copy, not for it
  push_merged(it->second.hops, Hop{rx.host, hop_address(rx.host, rx.iface, v.dst)});
  // Delivered when the host owns the destination (or the outer IPIP destination).
  it->second.delivered = local_to(rx.host, v.dst);
}

std::vector<PathBuilder::Hop> PathBuilder::hops_of(const OpenFlow& f, bool* complete) const {
  static const PacketHops kNone;
  auto packet = [this](std::uint32_t id) -> const PacketHops& {
    const auto it = packets_.find(id);
    return it == packets_.end() ? kNone : it->second;
  };
  std::vector<Hop> hops;
  const PacketHops* request = nullptr;
  for (auto id : f.request_ids) {
    const auto& p = packet(id);
    if (p.delivered && p.hops.size() > 1) {
      request = &p;
      break;
    }
  }
  if (!request && !f.request_ids.empty()) request = &packet(f.request_ids.front());
  // No data got through (e.g. the connection never opened): show how far the SYN went.
  if (!request && f.first_id != 0) request = &packet(f.first_id);
  if (request)
    for (const Hop& h : request->hops) push_merged(hops, h);
  const PacketHops* response = nullptr;
  for (auto id : f.response_ids) {
    const auto& p = packet(id);
    if (!p.hops.empty() && p.hops.back().host == f.client) {
      response = &p;
      break;
    }
  }
  if (response)
    for (const Hop& h : response->hops) push_merged(hops, h);
  *complete = request && request->delivered && response;
  return hops;
}

// The client's request is over: its path is fixed, its packets and frames forgotten.
void PathBuilder::end_flow(std::uint32_t flow) {
  FlowSlot& s = slot(flow);
  if (s.state == FlowState::kEnded) return;
  const auto it = open_.find(flow);
  s.state = FlowState::kEnded;
  if (it == open_.end()) return;
  const OpenFlow& f = it->second;
  s.has_path = f.has_path;
  if (f.has_path) {
    bool complete = false;
    const std::vector<Hop> hops = hops_of(f, &complete);
    s.hops_at = static_cast<std::uint32_t>(ended_hops_.size());
    s.hop_count = static_cast<std::uint16_t>(std::min<std::size_t>(hops.size(), 0xffff));
    s.complete = complete;
    ended_hops_.insert(ended_hops_.end(), hops.begin(), hops.begin() + s.hop_count);
  }
  for (auto id : f.packet_ids) packets_.erase(id);
  for (auto id : f.frame_ids) frames_.erase(id);
  open_.erase(it);
}

RequestPath PathBuilder::expand(const std::vector<Hop>& hops, bool complete) const {
  RequestPath path;
  path.complete = complete;
  for (const Hop& h : hops)
    path.hops.push_back(PathHop{address_role(meta_, h.host, h.addr), h.addr, meta_.hosts[h.host].name});
  return path;
}

std::optional<RequestPath> PathBuilder::path(std::uint32_t flow) const {
  const FlowSlot* s = find_slot(flow);
  if (!s) return std::nullopt;
  if (s->state == FlowState::kEnded) {
    if (!s->has_path) return std::nullopt;
    const auto first = ended_hops_.begin() + s->hops_at;
    return expand(std::vector<Hop>(first, first + s->hop_count), s->complete);
  }
  const auto it = open_.find(flow);
  if (it == open_.end() || !it->second.has_path) return std::nullopt;
  bool complete = false;
  const std::vector<Hop> hops = hops_of(it->second, &complete);
  return expand(hops, complete);
}

HostId PathBuilder::server(std::uint32_t flow) const {
  const FlowSlot* s = find_slot(flow);
  return s ? s->server : kNoId;
}

std::unordered_map<std::uint32_t, RequestPath> PathBuilder::all_paths() const {
  std::unordered_map<std::uint32_t, RequestPath> out;
  for (std::uint32_t flow = 0; flow < slots_.size(); ++flow)
    if (auto p = path(flow)) out.emplace(flow, std::move(*p));
  return out;
}

PathBuilder build_paths(const Trace& trace) {
  PathBuilder b(trace.meta());
  for (const auto& rec : trace.records()) {
    const auto* tx = std::get_if<FrameTx>(&rec.body);
    const auto* rx = std::get_if<FrameRx>(&rec.body);
    wire::Bytes frame;
    if (tx && tx->flow != 0) frame = trace.frame(tx->frame);
    if (rx && rx->flow != 0) frame = trace.frame(rx->frame);
    b.add(rec, frame);
  }
  return b;
}

std::unordered_map<std::uint32_t, RequestPath> request_paths(const Trace& trace) {
  return build_paths(trace).all_paths();
}

// "expected path CIP-DGW-VIP-RIP-DGW-CIP, got CIP-DGW-RIP-DGW-CIP: hop 3 is RIP 192.0.2.11 (rs1), expected VIP"
std::string path_mismatch(const std::string& expected, const RequestPath& got) {
  std::vector<std::string> roles;
  for (std::size_t start = 0; start <= expected.size();) {
    const std::size_t dash = std::min(expected.find('-', start), expected.size());
    roles.push_back(expected.substr(start, dash - start));
    start = dash + 1;
  }
  std::string msg = "expected path " + expected + ", got " + (got.hops.empty() ? "none" : got.notation());
  for (std::size_t i = 0; i < std::max(roles.size(), got.hops.size()); ++i) {
    if (i < roles.size() && i < got.hops.size() && roles[i] == got.hops[i].role) continue;
    msg += ": hop " + std::to_string(i + 1) + " is ";
    msg += i < got.hops.size() ? got.hops[i].role + " " + got.hops[i].addr.str() + " (" + got.hops[i].host + ")"
                               : "missing";
    msg += i < roles.size() ? ", expected " + roles[i] : ", expected the path to end";
    break;
  }
  return msg;
}

}  // namespace lvs
