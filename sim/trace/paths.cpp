#include "sim/trace/paths.hpp"

#include <map>
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

const TraceInterfaceInfo* iface_info(const TraceMeta& meta, HostId h, IfIndex i) {
  if (h >= meta.hosts.size() || i >= meta.hosts[h].interfaces.size()) return nullptr;
  return &meta.hosts[h].interfaces[i];
}

bool iface_has(const TraceInterfaceInfo& info, Ipv4Addr a) {
  for (const auto& cidr : info.addresses)
    if (addr_of(cidr) == a) return true;
  return false;
}

// The address a packet is labelled with on one interface (see the header's rule).
Ipv4Addr hop_address(const TraceInterfaceInfo& info, Ipv4Addr packet_addr) {
  if (iface_has(info, packet_addr)) return packet_addr;
  for (const auto& cidr : info.addresses)
    if (auto a = addr_of(cidr)) return *a;  // primary: the first one listed
  return packet_addr;
}

// What the path builder needs of one frame.
struct FrameView {
  MacAddr eth_dst;
  Ipv4Addr src, dst;
  std::size_t tcp_payload = 0;
  bool ipv4 = false;
};

FrameView view_frame(wire::Bytes frame) {
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

struct PacketHops {
  std::vector<PathHop> hops;
  bool delivered = false;  // the last hop took the packet as addressed to itself
  Ipv4Addr inner_dst;
};

struct FlowState {
  Ipv4Addr client_addr;
  HostId client = kNoId;
  std::vector<std::uint32_t> request_ids;   // data packets from the client, in order
  std::uint32_t first_id = 0;               // the flow's first packet from the client (its SYN)
  std::vector<std::uint32_t> response_ids;  // data packets towards the client
};

void add_hop(const TraceMeta& meta, PacketHops& p, HostId host, Ipv4Addr addr) {
  PathHop hop{address_role(meta, host, addr), addr, meta.hosts[host].name};
  if (!p.hops.empty() && p.hops.back() == hop) return;
  p.hops.push_back(std::move(hop));
}

void append_merged(std::vector<PathHop>& out, const std::vector<PathHop>& more) {
  for (const auto& h : more)
    if (out.empty() || !(out.back() == h)) out.push_back(h);
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

std::unordered_map<std::uint32_t, RequestPath> request_paths(const Trace& trace) {
  const TraceMeta& meta = trace.meta();
  std::map<std::uint32_t, FlowState> flows;
  std::unordered_map<std::uint32_t, PacketHops> packets;

  for (const auto& rec : trace.records()) {
    if (const auto* tx = std::get_if<FrameTx>(&rec.body)) {
      if (tx->flow == 0) continue;
      const auto* info = iface_info(meta, tx->host, tx->iface);
      const FrameView v = view_frame(trace.frame(tx->frame));
      if (!info || !v.ipv4) continue;
      auto [it, fresh] = packets.try_emplace(tx->packet_id);
      if (fresh) {
        add_hop(meta, it->second, tx->host, hop_address(*info, v.src));
        if (meta.hosts[tx->host].role == "client") {
          FlowState& f = flows[tx->flow];
          if (f.first_id == 0) f.first_id = tx->packet_id;
        }
        if (v.tcp_payload > 0) {
          FlowState& f = flows[tx->flow];
          if (f.client == kNoId && meta.hosts[tx->host].role == "client") {
            f.client = tx->host;
            f.client_addr = v.src;
          }
          if (tx->host == f.client) f.request_ids.push_back(tx->packet_id);
          else if (f.client != kNoId && v.dst == f.client_addr) f.response_ids.push_back(tx->packet_id);
        }
      }
    } else if (const auto* rx = std::get_if<FrameRx>(&rec.body)) {
      if (rx->flow == 0) continue;
      const auto it = packets.find(rx->packet_id);
      const auto* info = iface_info(meta, rx->host, rx->iface);
      if (it == packets.end() || !info) continue;
      const FrameView v = view_frame(trace.frame(rx->frame));
      if (!v.ipv4) continue;
      if (!(v.eth_dst == info->mac) && !v.eth_dst.is_broadcast()) continue;  // flooded copy, not for it
      add_hop(meta, it->second, rx->host, hop_address(*info, v.dst));
      // Delivered when the host owns the destination (or the outer IPIP destination).
      bool local = false;
      for (const auto& ifc : meta.hosts[rx->host].interfaces) local = local || iface_has(ifc, v.dst);
      it->second.delivered = local;
    }
  }

  std::unordered_map<std::uint32_t, RequestPath> out;
  for (const auto& [flow, f] : flows) {
    RequestPath path;
    const PacketHops* request = nullptr;
    for (auto id : f.request_ids) {
      const auto& p = packets[id];
      if (p.delivered && p.hops.size() > 1) { request = &p; break; }
    }
    if (!request && !f.request_ids.empty()) request = &packets[f.request_ids.front()];
    // No data got through (e.g. the connection never opened): show how far the SYN went.
    if (!request && f.first_id != 0) request = &packets[f.first_id];
    if (request) append_merged(path.hops, request->hops);
    const PacketHops* response = nullptr;
    for (auto id : f.response_ids) {
      const auto& p = packets[id];
      if (!p.hops.empty() && p.hops.back().host == meta.hosts[f.client].name) { response = &p; break; }
    }
    if (response && f.client != kNoId) append_merged(path.hops, response->hops);
    path.complete = request && request->delivered && response;
    out.emplace(flow, std::move(path));
  }
  return out;
}

}  // namespace lvs
