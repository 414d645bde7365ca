#include "sim/ipvs/director.hpp"

#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/ipvs/nat_rewrite.hpp"
#include "sim/ipvs/xmit/xmit.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"
#include "sim/wire/udp.hpp"

namespace lvs::ipvs {
namespace {

// What the IPVS hooks need of a packet (ip_vs_fill_iph_skb + the ports): TCP and UDP
// only; anything else (and fragments) is none of IPVS's business here.
std::optional<PacketMeta> packet_meta(wire::Bytes bytes) {
  const auto ip = wire::parse_ipv4(bytes, false);
  if (!ip || ip->is_fragment()) return std::nullopt;
  const wire::Bytes l4 = wire::ipv4_payload(bytes, *ip);
  PacketMeta m;
  m.saddr = ip->src;
  m.daddr = ip->dst;
  m.length = ip->total_len;
  if (ip->protocol == wire::kIpProtoTcp) {
    const auto tcp = wire::parse_tcp(l4, ip->src, ip->dst, false);
    if (!tcp) return std::nullopt;
    m.protocol = Protocol::kTcp;
    m.sport = tcp->src_port;
    m.dport = tcp->dst_port;
    m.tcp.syn = tcp->has(wire::kTcpSyn);
    m.tcp.fin = tcp->has(wire::kTcpFin);
    m.tcp.ack = tcp->has(wire::kTcpAck);
    m.tcp.rst = tcp->has(wire::kTcpRst);
    return m;
  }
  if (ip->protocol == wire::kIpProtoUdp && l4.size() >= wire::kUdpHeaderLen) {
    m.protocol = Protocol::kUdp;
    m.sport = wire::get16(l4.data());
    m.dport = wire::get16(l4.data() + 2);
    return m;
  }
  return std::nullopt;
}

}  // namespace

Director& Director::install(Host& host) {
  auto owned = std::make_unique<Director>(host);
  Director& d = *owned;
  host.add_app(std::move(owned));
  host.add_hook(HookPoint::kLocalIn, &d);
  host.add_hook(HookPoint::kForward, &d);
  return d;
}

Director::Director(Host& host) : host_(host) {
  // At every level that records, so that a report-only trace numbers its records as the
  // whole trace does (Trace::number_of).
  Trace& trace = host_.world().trace();
  if (!trace.enabled()) return;
  trace.add_lazy_timers(this);
  tables_.conns().set_timer_observer(this);
}

Director::~Director() { host_.world().trace().remove_lazy_timers(this); }

Director* find_director(Host& host) {
  for (const auto& app : host.apps())
    if (auto* d = dynamic_cast<Director*>(app.get())) return d;
  return nullptr;
}

ipvsadm::IpvsadmOutput Director::ipvsadm(const ipvsadm::IpvsadmCommand& command, std::string_view line) {
  auto out = run_ipvsadm(tables_, command, host_.now());
  if (host_.tracing()) {
    std::string text = "ipvsadm " + std::string(line);
    if (out.exit_status != 0) text += "  => " + out.err.substr(0, out.err.find('\n'));
    host_.note(text);
    trace_rules();
  }
  return out;
}

Verdict Director::on_packet(HookPoint point, Packet& packet, IfIndex in_dev, IfIndex /*out_dev*/) {
  if (point == HookPoint::kLocalIn) return request(packet, in_dev);
  if (point == HookPoint::kForward) return reply(packet);
  return Verdict::kAccept;
}

Verdict Director::request(Packet& packet, IfIndex in_dev) {
  const auto meta = packet_meta(packet->bytes());
  if (!meta) return Verdict::kAccept;
  const InResult r = tables_.in_packet(*meta, host_.now());
  switch (r.verdict) {
    case InVerdict::kNotOurs: return Verdict::kAccept;
    case InVerdict::kNoDest:
      // ip_vs_leave(): no destination available -> ICMP port unreachable, drop.
      if (host_.tracing())
        host_.note("ipvs: no destination available for " + meta->daddr.str() + ":" + std::to_string(meta->dport));
      host_.send_icmp_error(packet.buf(), wire::kIcmpDestUnreachable, wire::kIcmpPortUnreachable, in_dev);
      return Verdict::kDrop;
    case InVerdict::kForward: break;
  }
  if (host_.tracing()) {
    if (r.scheduled) trace_scheduled(*meta, r);
    if (r.conn != nullptr) trace_conn(*r.conn);
    if (r.dest != nullptr) trace_dest_conns(*r.dest, host_.now());  // also for a one-packet connection's template
  }
  const XmitFn xmit = xmit_for(r.method);
  if (!xmit) return Verdict::kAccept;  // Local: the director's own stack serves it
  xmit(XmitContext{host_, in_dev, r}, std::move(packet));
  return Verdict::kStolen;
}

Verdict Director::reply(Packet& packet) {
  const auto meta = packet_meta(packet->bytes());
  if (!meta) return Verdict::kAccept;
  const Conn* cp = tables_.out_packet(*meta, host_.now());
  if (!cp || cp->method != FwdMethod::kMasq) return Verdict::kAccept;
  if (host_.tracing()) {
    trace_conn(*cp);
    if (cp->dest != nullptr) trace_dest_conns(*cp->dest, host_.now());
  }
  // ip_vs_out() -> handle_response(): source back to VIP:vport (tcp_snat_handler).
  if (!nat_rewrite_source(packet->bytes(), cp->vaddr, cp->vport)) return Verdict::kDrop;
  return Verdict::kAccept;
}

void Director::trace_scheduled(const PacketMeta& pkt, const InResult& r) {
  std::string sched = "?";
  for (const auto& svc : tables_.services())
    for (const auto& d : svc->dests)
      if (d.get() == r.dest) sched = svc->spec.scheduler;
  host_.note("ipvs: " + std::string(protocol_name(pkt.protocol)) + " " + pkt.saddr.str() + ":" +
             std::to_string(pkt.sport) + " -> " + pkt.daddr.str() + ":" + std::to_string(pkt.dport) + " scheduled (" +
             sched + ") to " + r.daddr.str() + ":" + std::to_string(r.dport) + " " + fwd_method_name(r.method));
}

void Director::trace_conn(const Conn& cp) {
  const auto record = [this](const Conn& c) {
    std::uint8_t flags = 0;
    if (c.is_template) flags |= kIpvsConnTemplate;
    if (c.inactive) flags |= kIpvsConnInactive;
    host_.world().trace().record_or_count(
        host_.now(), IpvsConnUpdate{c.expires, c.caddr, c.vaddr, c.daddr, static_cast<std::uint32_t>(c.seq),
                                    c.control ? static_cast<std::uint32_t>(c.control->seq) : 0u, c.cport, c.vport,
                                    c.dport, host_.id(), c.ipproto, c.state, flags});
  };
  if (cp.control != nullptr) record(*cp.control);
  record(cp);
}

void Director::trace_dest_conns(const Dest& d, SimTime at) {
  Trace& trace = host_.world().trace();
  if (!trace.enabled()) return;
  if (d.id >= traced_dest_conns_.size()) traced_dest_conns_.resize(d.id + 1);
  const DestConns counts{d.activeconns, d.inactconns, d.persistconns};
  if (traced_dest_conns_[d.id] == counts) return;
  traced_dest_conns_[d.id] = counts;
  trace.record_or_count(at, IpvsDestConns{d.addr, d.id, static_cast<std::uint32_t>(counts.active),
                                          static_cast<std::uint32_t>(counts.inactive),
                                          static_cast<std::uint32_t>(counts.persist), d.port, host_.id()});
}

// Only the connection timers make records; the scheduler, estimator and trash timers
// run, as before, when the director next uses its tables.
void Director::run_timers(SimTime now) { tables_.conns().expire(now); }

void Director::conn_timer_fired(const Conn& cp, SimTime at, bool freed, const Dest* dest) {
  host_.world().trace().record_or_count(
      at, IpvsConnExpire{cp.expires, static_cast<std::uint32_t>(cp.seq), static_cast<std::uint32_t>(cp.n_control),
                         host_.id(), freed});
  if (dest != nullptr) trace_dest_conns(*dest, at);
}

namespace {

TraceIpvsDest trace_dest(const Dest& d) {
  TraceIpvsDest t;
  t.id = d.id;
  t.addr = d.addr;
  t.port = d.port;
  t.method = static_cast<std::uint8_t>(d.method);
  t.weight = d.weight;
  t.u_threshold = d.u_threshold;
  t.l_threshold = d.l_threshold;
  return t;
}

TraceIpvsService trace_service(const Service& svc) {
  const ServiceSpec& spec = svc.spec;
  TraceIpvsService t;
  t.protocol = static_cast<std::uint8_t>(spec.key.protocol);
  t.addr = spec.key.addr;
  t.port = spec.key.port;
  t.fwmark = spec.key.fwmark;
  t.scheduler = spec.scheduler;
  t.persistent_timeout = spec.persistent_timeout;
  t.netmask = spec.netmask;
  t.one_packet = spec.one_packet;
  t.pe_name = spec.pe_name;
  t.sched_flags = spec.sched_flags;
  for (const auto& d : svc.dests) t.dests.push_back(trace_dest(*d));
  return t;
}

}  // namespace

// The configured services and destinations, without running the tables' timers (a
// view must not change the run): what `ipvsadm -Sn` would print, and the same as values.
void Director::trace_rules() {
  Snapshot snap;
  TraceIpvsTables values;
  for (const Service* svc : tables_.listed_services()) {
    ServiceEntry e;
    e.spec = svc->spec;
    for (const auto& d : svc->dests) e.dests.push_back(dest_config_entry(*d));
    snap.services.push_back(std::move(e));
    values.services.push_back(trace_service(*svc));
  }
  Trace& trace = host_.world().trace();
  const std::uint32_t text = trace.add_string(ipvsadm::format_save(snap));
  const std::uint32_t tables = trace.add_ipvs_tables(std::move(values));
  trace.record(host_.now(), IpvsRules{host_.id(), text, tables});
}

}  // namespace lvs::ipvs
