#include "viz/model/ipvs_view.hpp"

#include <algorithm>

#include "sim/ipvs/conn.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/ipvs/proto.hpp"

namespace lvs::viz {
namespace {

ipvs::DestEntry dest_entry(const TraceIpvsDest& t, const HostState& host) {
  ipvs::DestEntry d;
  d.addr = t.addr;
  d.port = t.port;
  d.method = static_cast<ipvs::FwdMethod>(t.method);
  d.weight = t.weight;
  d.u_threshold = t.u_threshold;
  d.l_threshold = t.l_threshold;
  if (t.id < host.dest_conns.size()) {
    const IpvsDestConns& c = host.dest_conns[t.id];
    d.active_conns = c.active;
    d.inactive_conns = c.inactive;
    d.persist_conns = c.persist;
  }
  return d;
}

ipvs::ServiceEntry service_entry(const TraceIpvsService& t, const HostState& host) {
  ipvs::ServiceEntry e;
  ipvs::ServiceSpec& spec = e.spec;
  spec.key.protocol = static_cast<ipvs::Protocol>(t.protocol);
  spec.key.addr = t.addr;
  spec.key.port = t.port;
  spec.key.fwmark = t.fwmark;
  spec.scheduler = t.scheduler;
  spec.persistent_timeout = t.persistent_timeout;
  spec.netmask = t.netmask;
  spec.one_packet = t.one_packet;
  spec.pe_name = t.pe_name;
  spec.sched_flags = t.sched_flags;
  for (const TraceIpvsDest& d : t.dests) e.dests.push_back(dest_entry(d, host));
  return e;
}

ipvs::ConnEntry conn_entry(const IpvsConnUpdate& c, SimTime now) {
  ipvs::ConnEntry e;
  const bool tpl = (c.flags & kIpvsConnTemplate) != 0;
  e.protocol = ipvs::protocol_of_ipproto(c.ipproto);
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

ipvs::Snapshot ipvs_snapshot(const Trace& trace, const HostState& host, SimTime now) {
  ipvs::Snapshot snap;
  if (host.tables != kNoRules)
    for (const TraceIpvsService& s : trace.ipvs_tables(host.tables).services)
      snap.services.push_back(service_entry(s, host));

  // /proc/net/ip_vs_conn order: bucket by bucket (the kernel's hash), newest first
  // within one.
  static const ipvs::ProtoTimeouts timeouts;
  static const ipvs::ConnTable table(&timeouts);
  snap.conn_tab_size = table.tab_size();
  std::vector<std::pair<std::uint64_t, const IpvsConnUpdate*>> order;
  order.reserve(host.conns.size());
  for (const IpvsConnUpdate& c : host.conns) {
    const std::uint64_t bucket = table.hashkey(c.ipproto, c.caddr, c.cport);
    order.emplace_back((bucket << 32) | (0xffffffffu - c.seq), &c);
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
