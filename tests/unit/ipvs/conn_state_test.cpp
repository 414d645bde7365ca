// Connection table: TCP state machine (two-direction NAT table, DR/TUN input-only
// table), timeouts, activeconns/inactconns, UDP, --set, conn reuse. The DR sequence
// reproduces the FIN_WAIT entries of tests/data/kernel-6.1-ipvsadm.txt:
// SYN -> SYN_RECV, ACK -> ESTABLISHED, client FIN -> FIN_WAIT (120 s), last ACK stays.
#include "ipvs_fixture.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::test;

namespace {

const ConnEntry* find_conn(const Snapshot& s, std::uint16_t cport) {
  for (const auto& c : s.conns)
    if (!c.is_template && c.client_port == cport) return &c;
  return nullptr;
}

PacketMeta reply(const char* rs, const char* client, std::uint16_t cport, TcpFlags f) {
  PacketMeta p;
  p.protocol = Protocol::kTcp;
  p.saddr = ip(rs);
  p.sport = 80;
  p.daddr = ip(client);
  p.dport = cport;
  p.length = 60;
  p.tcp = f;
  return p;
}

}  // namespace

TEST_CASE("DR: input-only transitions end in FIN_WAIT with 120 s") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  Dest* d = t.find_dest(vip_key(), ip("192.0.2.11"), 80);
  const SimTime ms = kMillisecond;

  InResult r = t.in_packet(tcp("203.0.113.10", 56984, kSyn), 0);
  REQUIRE(r.verdict == InVerdict::kForward);
  CHECK(r.scheduled);
  CHECK(r.method == FwdMethod::kRoute);
  Snapshot s = t.snapshot(0);
  REQUIRE(find_conn(s, 56984) != nullptr);
  CHECK(find_conn(s, 56984)->state == "SYN_RECV");
  CHECK(find_conn(s, 56984)->expires_ms == 60000);
  CHECK(d->activeconns == 1);  // SYN_RECV is an active state in 6.1

  t.in_packet(tcp("203.0.113.10", 56984, kAck), 1 * ms);
  s = t.snapshot(1 * ms);
  CHECK(find_conn(s, 56984)->state == "ESTABLISHED");
  CHECK(find_conn(s, 56984)->expires_ms == 900000);

  t.in_packet(tcp("203.0.113.10", 56984, kAck, 140), 2 * ms);
  t.in_packet(tcp("203.0.113.10", 56984, kFinAck), 3 * ms);
  CHECK(d->activeconns == 0);
  CHECK(d->inactconns == 1);
  t.in_packet(tcp("203.0.113.10", 56984, kAck), 4 * ms);  // ACK of the server's FIN
  s = t.snapshot(4 * ms + seconds(1) / 2);
  REQUIRE(find_conn(s, 56984) != nullptr);
  CHECK(find_conn(s, 56984)->state == "FIN_WAIT");
  CHECK(find_conn(s, 56984)->expires_ms == 119500);  // ipvsadm shows 01:59
  CHECK(s.services[0].dests[0].active_conns == 0);
  CHECK(s.services[0].dests[0].inactive_conns == 1);

  t.advance(4 * ms + seconds(120) - 1);
  CHECK(t.conns().size() == 1);
  t.advance(4 * ms + seconds(120));
  CHECK(t.conns().size() == 0);
  CHECK(d->inactconns == 0);
}

TEST_CASE("NAT: both directions seen, the close ends in TIME_WAIT") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 1, FwdMethod::kMasq), 0) == IpvsError::kOk);
  Dest* d = t.find_dest(vip_key(), ip("192.0.2.11"), 80);
  const char* c = "203.0.113.10";

  REQUIRE(t.in_packet(tcp(c, 47736, kSyn), 0).method == FwdMethod::kMasq);
  Conn* cp = t.out_packet(reply("192.0.2.11", c, 47736, kSynAck), 1);
  REQUIRE(cp != nullptr);
  CHECK(cp->state == kTcpSynRecv);  // OUTPUT syn in SYN_RECV stays SYN_RECV
  t.in_packet(tcp(c, 47736, kAck), 2);
  CHECK(cp->state == kTcpEstablished);
  CHECK(d->activeconns == 1);
  t.out_packet(reply("192.0.2.11", c, 47736, kFinAck), 3);  // server closes first
  CHECK(cp->state == kTcpFinWait);
  CHECK(d->activeconns == 0);
  CHECK(d->inactconns == 1);
  t.in_packet(tcp(c, 47736, kAck), 4);
  CHECK(cp->state == kTcpFinWait);
  t.in_packet(tcp(c, 47736, kFinAck), 5);
  CHECK(cp->state == kTcpTimeWait);
  t.out_packet(reply("192.0.2.11", c, 47736, kAck), 6);
  const Snapshot s = t.snapshot(6);
  CHECK(find_conn(s, 47736)->state == "TIME_WAIT");
  CHECK(find_conn(s, 47736)->expires_ms == 120000);
}

TEST_CASE("NAT: client closes first -> CLOSE_WAIT then TIME_WAIT") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 1, FwdMethod::kMasq), 0) == IpvsError::kOk);
  const char* c = "203.0.113.10";
  t.in_packet(tcp(c, 1, kSyn), 0);
  Conn* cp = t.out_packet(reply("192.0.2.11", c, 1, kSynAck), 0);
  t.in_packet(tcp(c, 1, kAck), 0);
  t.in_packet(tcp(c, 1, kFinAck), 0);
  CHECK(cp->state == kTcpCloseWait);
  CHECK(cp->timeout == seconds(60));
  t.out_packet(reply("192.0.2.11", c, 1, kFinAck), 0);
  CHECK(cp->state == kTcpTimeWait);
}

TEST_CASE("replies of DR connections are not IPVS's business") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  t.in_packet(tcp("203.0.113.10", 7, kSyn), 0);
  CHECK(t.out_packet(reply("192.0.2.11", "203.0.113.10", 7, kSynAck), 0) == nullptr);
}

TEST_CASE("non-SYN without a connection and packets to no service are not scheduled") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  CHECK(t.in_packet(tcp("203.0.113.10", 9, kAck), 0).verdict == InVerdict::kNotOurs);
  PacketMeta p = tcp("203.0.113.10", 9, kSyn);
  p.dport = 443;
  CHECK(t.in_packet(p, 0).verdict == InVerdict::kNotOurs);
  CHECK(t.conns().size() == 0);
}

TEST_CASE("UDP: one state named UDP, 300 s, counted as inactive") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr", Protocol::kUdp), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(Protocol::kUdp), dest("192.0.2.11"), 0) == IpvsError::kOk);
  PacketMeta p = tcp("203.0.113.10", 5353, {});
  p.protocol = Protocol::kUdp;
  REQUIRE(t.in_packet(p, 0).verdict == InVerdict::kForward);
  const Snapshot s = t.snapshot(0);
  REQUIRE(s.conns.size() == 1);
  CHECK(s.conns[0].protocol == Protocol::kUdp);
  CHECK(s.conns[0].state == "UDP");
  CHECK(s.conns[0].expires_ms == 300000);
  CHECK(s.services[0].dests[0].inactive_conns == 1);
  CHECK(s.services[0].dests[0].active_conns == 0);
}

TEST_CASE("--set changes ESTABLISHED, FIN_WAIT and UDP timeouts; 0 keeps a value") {
  IpvsTables t;
  t.set_timeouts(Timeouts{100, 30, 0});
  CHECK(t.timeouts().tcp == 100);
  CHECK(t.timeouts().tcp_fin == 30);
  CHECK(t.timeouts().udp == 300);
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  t.in_packet(tcp("203.0.113.10", 1, kSyn), 0);
  t.in_packet(tcp("203.0.113.10", 1, kAck), 0);
  CHECK(t.snapshot(0).conns[0].expires_ms == 100000);
  t.in_packet(tcp("203.0.113.10", 1, kFinAck), 0);
  CHECK(t.snapshot(0).conns[0].expires_ms == 30000);
}

TEST_CASE("conn_reuse_mode: a SYN on a TIME_WAIT entry is scheduled afresh") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11", 1, FwdMethod::kMasq), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12", 1, FwdMethod::kMasq), 0) == IpvsError::kOk);
  const char* c = "203.0.113.10";
  CHECK(syn_to(t, c, 1, 0) == 12);
  t.out_packet(reply("192.0.2.12", c, 1, kSynAck), 0);
  t.in_packet(tcp(c, 1, kAck), 0);
  t.in_packet(tcp(c, 1, kFinAck), 0);
  t.out_packet(reply("192.0.2.12", c, 1, kFinAck), 0);
  REQUIRE(t.conns().size() == 1);
  const InResult r = t.in_packet(tcp(c, 1, kSyn), seconds(1));
  CHECK(r.scheduled);
  CHECK((r.daddr.value & 0xff) == 11);
  CHECK(t.conns().size() == 1);
}

TEST_CASE("a dest deleted with live connections is revived with its counters") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  t.in_packet(tcp("203.0.113.10", 1, kSyn), 0);
  REQUIRE(t.del_dest(vip_key(), ip("192.0.2.11"), 80, 0) == IpvsError::kOk);
  // Existing connection still forwarded to it (expire_nodest_conn = 0).
  CHECK(t.in_packet(tcp("203.0.113.10", 1, kAck), 1).verdict == InVerdict::kForward);
  CHECK(t.in_packet(tcp("203.0.113.10", 2, kSyn), 1).verdict == InVerdict::kNoDest);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 2) == IpvsError::kOk);
  const Snapshot s = t.snapshot(2);
  CHECK(s.services[0].dests[0].active_conns == 1);
  CHECK(s.services[0].dests[0].stats.conns == 1);
}
