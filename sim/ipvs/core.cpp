// Packet side of the director: ip_vs_core.c ip_vs_in() / ip_vs_out() (conn lookup,
// conn_reuse_mode, tcp_conn_schedule()/udp_conn_schedule(), statistics, state update,
// timer restart), ip_vs_schedule() and ip_vs_sched_persist() with -p/-M templates,
// ip_vs_service_find().
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs {
namespace {

constexpr std::uint16_t kFtpPort = 21;

SchedInput sched_input(const PacketMeta& pkt, SimTime now) {
  SchedInput in;
  in.protocol = pkt.protocol;
  in.caddr = pkt.saddr;
  in.cport = pkt.sport;
  in.vaddr = pkt.daddr;
  in.vport = pkt.dport;
  in.now = now;
  return in;
}

}  // namespace

// ip_vs_service_find(): firewall mark first, then <proto, addr, port>, then the
// port-zero catch-all service (the FTP fallback is not modelled).
Service* IpvsTables::lookup_service(std::uint8_t ipproto, Ipv4Addr vaddr, std::uint16_t vport, std::uint32_t fwmark) {
  if (fwmark != 0)
    for (auto& s : services_)
      if (s->spec.key.fwmark == fwmark) return s.get();
  Service* zero_port = nullptr;
  for (auto& s : services_) {
    const ServiceKey& k = s->spec.key;
    if (k.fwmark != 0 || ipproto_of(k.protocol) != ipproto || k.addr != vaddr) continue;
    if (k.port == vport) return s.get();
    if (k.port == 0) zero_port = s.get();
  }
  return zero_port;
}

// ip_vs_conn_stats(): a new connection counts for its dest and service.
void IpvsTables::conn_stats(Conn& cp, Service& svc) {
  if (cp.dest != nullptr) ++cp.dest->stats.counters.conns;
  ++svc.stats.counters.conns;
}

// ip_vs_in_stats() / ip_vs_out_stats(): only while the dest is AVAILABLE.
void IpvsTables::in_stats(Conn& cp, std::uint32_t len) {
  Dest* d = cp.dest;
  if (d == nullptr || !d->available) return;
  ++d->stats.counters.inpkts;
  d->stats.counters.inbytes += len;
  if (d->svc != nullptr) {
    ++d->svc->stats.counters.inpkts;
    d->svc->stats.counters.inbytes += len;
  }
}

void IpvsTables::out_stats(Conn& cp, std::uint32_t len) {
  Dest* d = cp.dest;
  if (d == nullptr || !d->available) return;
  ++d->stats.counters.outpkts;
  d->stats.counters.outbytes += len;
  if (d->svc != nullptr) {
    ++d->svc->stats.counters.outpkts;
    d->svc->stats.counters.outbytes += len;
  }
}

// ip_vs_sched_persist(): the template <proto, client & netmask, 0, vaddr, vport, daddr,
// dport> (vport 0 for FTP; <IPPROTO_IP, cnet, 0, fwmark, 0, daddr, 0> for -f services)
// decides the dest while it lives; each new connection restarts its timer.
Conn* IpvsTables::sched_persist(Service& svc, const PacketMeta& pkt, SimTime now, bool& no_dest) {
  const std::uint8_t ipproto = ipproto_of(pkt.protocol);
  ConnParam tp;
  tp.ipproto = ipproto;
  tp.caddr = Ipv4Addr(pkt.saddr.value & svc.netmask);
  tp.cport = 0;
  tp.vaddr = pkt.daddr;
  tp.vport = 0;
  if (pkt.dport == svc.spec.key.port) {
    if (svc.spec.key.port != kFtpPort) tp.vport = pkt.dport;
  } else if (svc.spec.key.fwmark != 0) {
    tp.ipproto = kIpProtoIp;
    tp.vaddr = Ipv4Addr(svc.spec.key.fwmark);
  }

  Conn* ct = conns_.ct_in_get(tp);
  Dest* dest = nullptr;
  if (ct == nullptr || !conns_.check_template(*ct, expire_quiescent_template_)) {
    dest = svc.scheduler->schedule(svc, sched_input(pkt, now));
    if (dest == nullptr) {
      no_dest = true;
      return nullptr;
    }
    std::uint16_t tdport = 0;
    if (pkt.dport == svc.spec.key.port && svc.spec.key.port != kFtpPort) tdport = dest->port;
    ct = conns_.create(tp, dest->addr, tdport, /*is_template=*/true, false, dest, pkt.fwmark, now);
    ct->timeout = svc.timeout;
  } else {
    dest = ct->dest;
  }

  std::uint16_t dport = pkt.dport;
  if (dport == svc.spec.key.port && dest->port != 0) dport = dest->port;
  const bool one_packet = svc.one_packet && ipproto == kIpProtoUdp;
  const ConnParam p{ipproto, pkt.saddr, pkt.sport, pkt.daddr, pkt.dport};
  Conn* cp = conns_.create(p, dest->addr, dport, false, one_packet, dest, pkt.fwmark, now);
  conns_.control_add(*cp, *ct);
  conns_.put(*ct, now);
  conn_stats(*cp, svc);
  return cp;
}

// ip_vs_schedule().
Conn* IpvsTables::schedule(Service& svc, const PacketMeta& pkt, SimTime now, bool& no_dest) {
  if (svc.persistent) return sched_persist(svc, pkt, now, no_dest);
  // "port zero only supported in persistent services"
  if (svc.spec.key.fwmark == 0 && pkt.dport != svc.spec.key.port) {
    no_dest = true;
    return nullptr;
  }
  Dest* dest = svc.scheduler->schedule(svc, sched_input(pkt, now));
  if (dest == nullptr) {
    no_dest = true;
    return nullptr;
  }
  const std::uint8_t ipproto = ipproto_of(pkt.protocol);
  const bool one_packet = svc.one_packet && ipproto == kIpProtoUdp;
  const ConnParam p{ipproto, pkt.saddr, pkt.sport, pkt.daddr, pkt.dport};
  Conn* cp =
      conns_.create(p, dest->addr, dest->port != 0 ? dest->port : pkt.dport, false, one_packet, dest, pkt.fwmark, now);
  conn_stats(*cp, svc);
  return cp;
}

InResult IpvsTables::in_packet(const PacketMeta& pkt, SimTime now) {
  advance(now);
  InResult r;
  if (pkt.protocol == Protocol::kSctp) return r;  // SCTP states are not modelled
  const std::uint8_t ipproto = ipproto_of(pkt.protocol);
  const bool tcp = ipproto == kIpProtoTcp;
  const ConnParam p{ipproto, pkt.saddr, pkt.sport, pkt.daddr, pkt.dport};
  Conn* cp = conns_.in_get(p);

  // conn_reuse_mode = 1: a SYN that hits an uncontrolled TIME_WAIT/CLOSE entry
  // (is_new_conn_expected()) expires it now and is scheduled afresh.
  if (cp != nullptr && tcp && pkt.tcp.syn && cp->control == nullptr &&
      (cp->state == kTcpTimeWait || cp->state == kTcpClose)) {
    if (cp->n_control == 0) {
      conns_.expire_now(*cp, now);
      conns_.expire(now);
    }
    cp = nullptr;
  }

  if (cp == nullptr) {
    // tcp_conn_schedule(): only a SYN (without RST) opens a connection (sloppy_tcp=0).
    if (tcp && (!pkt.tcp.syn || pkt.tcp.rst)) return r;
    Service* svc = lookup_service(ipproto, pkt.daddr, pkt.dport, pkt.fwmark);
    if (svc == nullptr) return r;
    bool no_dest = false;
    cp = schedule(*svc, pkt, now, no_dest);
    if (cp == nullptr) {  // ip_vs_leave(): ICMP port unreachable
      r.verdict = InVerdict::kNoDest;
      return r;
    }
    r.scheduled = true;
  }

  in_stats(*cp, pkt.length);
  conns_.transition(*cp, Direction::kInput, pkt.tcp);
  ++cp->in_pkts;
  r.verdict = InVerdict::kForward;
  r.dest = cp->dest;
  r.daddr = cp->daddr;
  r.dport = cp->dport;
  r.method = cp->method;
  if (cp->one_packet) {
    conns_.release(*cp);  // ip_vs_conn_put(): one-packet entries go at once
  } else {
    conns_.put(*cp, now);
    r.conn = cp;
  }
  return r;
}

// ip_vs_out(): a reply from a NAT real server; other methods' entries are ignored.
Conn* IpvsTables::out_packet(const PacketMeta& pkt, SimTime now) {
  advance(now);
  if (pkt.protocol == Protocol::kSctp) return nullptr;
  const std::uint8_t ipproto = ipproto_of(pkt.protocol);
  Conn* cp = conns_.out_get(ipproto, pkt.saddr, pkt.sport, pkt.daddr, pkt.dport);
  if (cp == nullptr || cp->method != FwdMethod::kMasq) return nullptr;
  out_stats(*cp, pkt.length);
  conns_.transition(*cp, Direction::kOutput, pkt.tcp);
  conns_.put(*cp, now);
  return cp;
}

}  // namespace lvs::ipvs
