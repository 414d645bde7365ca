#include "viz/model/ipvs_view.hpp"

#include <algorithm>

#include "sim/ipvs/conn.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/ipvs/ipvsadm/rules_file.hpp"
#include "sim/ipvs/proto.hpp"

namespace lvs::viz {
namespace {

ipvs::Protocol protocol_of(std::uint8_t ipproto) {
  if (ipproto == ipvs::kIpProtoUdp) return ipvs::Protocol::kUdp;
  if (ipproto == ipvs::kIpProtoSctp) return ipvs::Protocol::kSctp;
  return ipvs::Protocol::kTcp;
}

// Services and destinations from the recorded `ipvsadm -Sn` text.
void add_services(ipvs::Snapshot& snap, const std::string& rules) {
  const auto parsed = ipvs::ipvsadm::parse_rules(rules, "ipvs-rules");
  for (const auto& line : parsed.commands) {
    const auto& c = line.command;
    if (c.command == ipvs::ipvsadm::Command::kAddService) {
      snap.services.push_back(ipvs::ServiceEntry{c.service, {}, {}});
    } else if (c.command == ipvs::ipvsadm::Command::kAddDest) {
      for (auto& svc : snap.services) {
        if (!(svc.spec.key == c.service.key)) continue;
        ipvs::DestEntry d;
        d.addr = c.dest.addr;
        d.port = c.dest.port != 0 ? c.dest.port : c.service.key.port;
        d.method = c.dest.method;
        d.weight = c.dest.weight;
        d.u_threshold = c.dest.u_threshold;
        d.l_threshold = c.dest.l_threshold;
        svc.dests.push_back(d);
      }
    }
  }
}

ipvs::DestEntry* dest_of(ipvs::Snapshot& snap, const IpvsConnUpdate& c) {
  for (auto& svc : snap.services) {
    const auto& k = svc.spec.key;
    if (k.fwmark != 0 || k.addr != c.vaddr || k.port != c.vport || k.protocol != protocol_of(c.ipproto)) continue;
    for (auto& d : svc.dests)
      if (d.addr == c.daddr && d.port == c.dport) return &d;
  }
  return nullptr;
}

// ip_vs_dest counters: templates are persistconns, others active or inactive by flag.
void count(ipvs::DestEntry& d, const IpvsConnUpdate& c) {
  if ((c.flags & kIpvsConnTemplate) != 0)
    ++d.persist_conns;
  else if ((c.flags & kIpvsConnInactive) != 0)
    ++d.inactive_conns;
  else
    ++d.active_conns;
}

ipvs::ConnEntry conn_entry(const IpvsConnUpdate& c, SimTime now) {
  ipvs::ConnEntry e;
  const bool tpl = (c.flags & kIpvsConnTemplate) != 0;
  e.protocol = protocol_of(c.ipproto);
  e.client_addr = c.caddr;
  e.client_port = c.cport;
  e.virtual_addr = c.vaddr;
  e.virtual_port = c.vport;
  e.dest_addr = c.daddr;
  e.dest_port = c.dport;
  e.state = ipvs::state_name(c.ipproto, c.state, tpl);
  e.expires_ms = static_cast<std::uint32_t>(std::max<SimTime>(c.expires - now, 0) / kMillisecond);
  e.is_template = tpl;
  return e;
}

}  // namespace

ipvs::Snapshot ipvs_snapshot(const Trace& trace, HostState host, SimTime now) {
  expire_conns(host, now);
  ipvs::Snapshot snap;
  if (host.rules != kNoRules) add_services(snap, trace.string(host.rules));

  // /proc/net/ip_vs_conn order: bucket by bucket, newest first within one.
  static const ipvs::ProtoTimeouts timeouts;
  static const ipvs::ConnTable table(&timeouts);
  snap.conn_tab_size = table.tab_size();
  std::vector<std::pair<std::uint64_t, const IpvsConnUpdate*>> order;
  for (const ConnRow& r : host.conns) {
    const IpvsConnUpdate& c = r.conn;
    const std::uint64_t bucket = table.hashkey(c.ipproto, c.caddr, c.cport);
    order.emplace_back((bucket << 32) | (0xffffffffu - c.seq), &c);
    if (ipvs::DestEntry* d = dest_of(snap, c)) count(*d, c);
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [key, c] : order) snap.conns.push_back(conn_entry(*c, now));
  return snap;
}

std::string ipvsadm_list(const ipvs::Snapshot& s) {
  ipvs::ipvsadm::ListOptions o;
  o.numeric = true;
  return ipvs::ipvsadm::format_list(s, o);
}

std::string ipvsadm_connections(const ipvs::Snapshot& s) {
  ipvs::ipvsadm::ListOptions o;
  o.numeric = true;
  o.connections = true;
  return ipvs::ipvsadm::format_connections(s, o);
}

}  // namespace lvs::viz
