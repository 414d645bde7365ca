// TCP over the simulated hosts: handshake, segmentation, loss recovery, close,
// reset for a closed port, SYN timeout.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/unit/net/tcp_fixture.hpp"

namespace lvs::test {
namespace {

std::string pattern(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + i / 1000) % 26);
  return s;
}

// Transitions (from, to) one host's connections went through, in order.
std::vector<std::pair<TcpStateId, TcpStateId>> transitions(const TwoHop& net, const Host& h) {
  std::vector<std::pair<TcpStateId, TcpStateId>> out;
  for (const auto& [t, r] : net.records_of<TcpStateChange>())
    if (r.host == h.id()) out.emplace_back(r.from, r.to);
  return out;
}

}  // namespace

TEST_CASE("tcp: three-way handshake with MSS, flow adopted by the accepted connection") {
  TwoHop net;
  Acceptor acc;
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  CHECK_FALSE(net.server.tcp().listen(net.server_ip, 80, &acc));  // port taken
  Recorder cli;
  TcpConnection* c = net.client.tcp().connect(net.server_ip, 80, &cli, 42);
  REQUIRE(c != nullptr);
  CHECK(c->state() == TcpStateId::kSynSent);
  CHECK(c->endpoint().local == net.client_ip);
  CHECK(c->endpoint().local_port >= 32768);
  CHECK(c->endpoint().local_port <= 60999);
  net.run_until(1 * kSecond);

  CHECK(cli.connected);
  CHECK(acc.accepted == 1);
  CHECK(acc.rec.connected);
  REQUIRE(acc.rec.conn != nullptr);
  CHECK(c->state() == TcpStateId::kEstablished);
  CHECK(acc.rec.conn->state() == TcpStateId::kEstablished);
  CHECK(acc.rec.conn->flow() == 42);  // from the SYN's PacketBuf.flow
  CHECK(acc.rec.conn->endpoint().remote == net.client_ip);
  CHECK(acc.rec.conn->endpoint().remote_port == c->endpoint().local_port);

  const auto syn = net.sent_by(net.client);
  REQUIRE(syn.size() >= 2);
  CHECK(syn[0].tcp.flags == wire::kTcpSyn);
  CHECK(syn[0].tcp.mss == 1460);  // 1500 - 40
  CHECK(syn[1].tcp.flags == wire::kTcpAck);
  const auto synack = net.sent_by(net.server);
  REQUIRE(!synack.empty());
  CHECK(synack[0].tcp.flags == (wire::kTcpSyn | wire::kTcpAck));
  CHECK(synack[0].tcp.ack == syn[0].tcp.seq + 1);
  CHECK(syn[1].tcp.ack == synack[0].tcp.seq + 1);

  const auto client_states = transitions(net, net.client);
  REQUIRE(client_states.size() == 2);
  CHECK(client_states[0] == std::pair{TcpStateId::kClosed, TcpStateId::kSynSent});
  CHECK(client_states[1] == std::pair{TcpStateId::kSynSent, TcpStateId::kEstablished});
  const auto server_states = transitions(net, net.server);
  REQUIRE(server_states.size() == 2);
  CHECK(server_states[0] == std::pair{TcpStateId::kListen, TcpStateId::kSynReceived});
  CHECK(server_states[1] == std::pair{TcpStateId::kSynReceived, TcpStateId::kEstablished});
  // Every segment of the connection carries the flow, both ways.
  for (const auto& s : net.sent_by(net.client)) CHECK(s.flow == 42);
  for (const auto& s : net.sent_by(net.server)) CHECK(s.flow == 42);
  for (const auto& s : net.sent_by(net.router)) CHECK(s.flow == 42);  // forwarded, tag kept
}

TEST_CASE("tcp: 100 kB across two hops is segmented by MSS and arrives intact") {
  TwoHop net;
  const std::string payload = pattern(100000);
  Acceptor acc;
  acc.rec.when_connected = [&](TcpConnection& c) {
    c.send(as_bytes(payload));
    c.close();
  };
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  cli.when_peer_closed = [](TcpConnection& c) { c.close(); };
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli, 7));
  net.run_until(5 * kSecond);

  CHECK(cli.peer_closed);
  CHECK(cli.data.size() == payload.size());
  CHECK(cli.data == payload);
  std::size_t data_segments = 0, bytes = 0, largest = 0;
  for (const auto& s : net.sent_by(net.server)) {
    if (s.payload == 0) continue;
    ++data_segments;
    bytes += s.payload;
    largest = std::max(largest, s.payload);
  }
  // MSS 1460 less the 12 bytes of timestamps every segment carries (tcp_sync_mss()).
  CHECK(largest == 1448);
  CHECK(data_segments == (100000 + 1447) / 1448);  // no retransmissions on a clean path
  CHECK(bytes == 100000);
  CHECK(net.records_of<TcpRetransmit>().empty());
  CHECK(cli.closed);
  CHECK(acc.rec.closed);
}

TEST_CASE("tcp: the peer's smaller MSS caps our segments") {
  TwoHop net;
  net.client.iface(1).mtu = 576;  // client advertises 536
  const std::string payload = pattern(5000);
  Acceptor acc;
  acc.rec.when_connected = [&](TcpConnection& c) { c.send(as_bytes(payload)); };
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli));
  net.run_until(1 * kSecond);
  CHECK(cli.data == payload);
  std::size_t largest = 0;
  for (const auto& s : net.sent_by(net.server)) largest = std::max(largest, s.payload);
  CHECK(largest == 536 - 12);  // the client's MSS less the timestamps option
}

TEST_CASE("tcp: lost segments are retransmitted with exponential backoff and delivered") {
  TwoHop net;
  const std::string payload = pattern(100000);
  Acceptor acc;
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli, 9));
  net.run_until(10 * kMillisecond);
  REQUIRE(acc.rec.conn != nullptr);

  // Unplug the server's cable at the switch for 2.5 s while it starts sending.
  net.lan2.set_port_up(net.server_port, false);
  const SimTime t0 = net.now();
  acc.rec.conn->send(as_bytes(payload));
  net.run_until(t0 + 2500 * kMillisecond);
  CHECK(cli.data.empty());
  net.lan2.set_port_up(net.server_port, true);
  net.run_until(t0 + 30 * kSecond);

  CHECK(cli.data == payload);
  const auto rtx = net.records_of<TcpRetransmit>();
  REQUIRE(rtx.size() >= 4);
  // The first retransmissions all resend the first segment, each after twice the wait.
  const std::uint32_t first_seq = rtx[0].second.seq;
  for (int i = 0; i < 4; ++i) {
    CHECK(rtx[i].second.seq == first_seq);
    CHECK(rtx[i].second.host == net.server.id());
    CHECK(rtx[i].second.flow == 9);
  }
  const SimTime gap1 = rtx[1].first - rtx[0].first;
  const SimTime gap2 = rtx[2].first - rtx[1].first;
  const SimTime gap3 = rtx[3].first - rtx[2].first;
  CHECK(gap2 == 2 * gap1);
  CHECK(gap3 == 2 * gap2);
  CHECK(rtx[1].second.rto == 2 * rtx[0].second.rto);
  // RTO after a LAN RTT sample: ~200 ms (Linux's TCP_RTO_MIN floor), first wait.
  const SimTime first_wait = rtx[0].first - t0;
  CHECK(first_wait >= 200 * kMillisecond);
  CHECK(first_wait < 210 * kMillisecond);
  // The 4th retransmission (after 200+400+800+1600 ms = 3 s) gets through.
  CHECK(rtx[3].first > t0 + 2500 * kMillisecond);
  CHECK(acc.rec.conn->state() == TcpStateId::kEstablished);
}

TEST_CASE("tcp: FIN both ways, the active closer waits 60 s in TIME_WAIT") {
  TwoHop net;
  Acceptor acc;
  // The server answers and closes first (as httpd with Connection: close).
  acc.rec.when_data = [](TcpConnection& c, wire::Bytes d) {
    c.send(d);
    c.close();
  };
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  cli.when_connected = [](TcpConnection& c) { c.send(as_bytes("hello")); };
  cli.when_peer_closed = [](TcpConnection& c) { c.close(); };
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli));
  net.run_until(1 * kSecond);

  CHECK(cli.data == "hello");
  CHECK(cli.peer_closed);
  CHECK(cli.closed);
  CHECK(cli.reason == TcpCloseReason::kNormal);
  CHECK(acc.rec.closed);  // the application hears on_closed on entering TIME_WAIT
  CHECK(acc.rec.reason == TcpCloseReason::kNormal);
  CHECK(net.client.tcp().connection_count() == 0);  // passive closer: LAST_ACK -> CLOSED
  CHECK(net.server.tcp().connection_count() == 1);  // active closer: TIME_WAIT

  const auto server_states = transitions(net, net.server);
  std::vector<TcpStateId> to;
  for (const auto& s : server_states) to.push_back(s.second);
  CHECK(to == std::vector<TcpStateId>{TcpStateId::kSynReceived, TcpStateId::kEstablished, TcpStateId::kFinWait1,
                                      TcpStateId::kFinWait2, TcpStateId::kTimeWait});
  const auto client_states = transitions(net, net.client);
  to.clear();
  for (const auto& s : client_states) to.push_back(s.second);
  CHECK(to == std::vector<TcpStateId>{TcpStateId::kSynSent, TcpStateId::kEstablished, TcpStateId::kCloseWait,
                                      TcpStateId::kLastAck, TcpStateId::kClosed});

  SimTime entered = -1;
  for (const auto& [t, r] : net.records_of<TcpStateChange>())
    if (r.host == net.server.id() && r.to == TcpStateId::kTimeWait) entered = t;
  REQUIRE(entered > 0);
  net.run_until(entered + 60 * kSecond - 1);
  CHECK(net.server.tcp().connection_count() == 1);
  net.run_until(entered + 61 * kSecond);
  CHECK(net.server.tcp().connection_count() == 0);
  SimTime gone = -1;
  for (const auto& [t, r] : net.records_of<TcpStateChange>())
    if (r.host == net.server.id() && r.from == TcpStateId::kTimeWait && r.to == TcpStateId::kClosed) gone = t;
  CHECK(gone == entered + 60 * kSecond);
}

TEST_CASE("tcp: a SYN to a closed port is answered with RST: connection refused") {
  TwoHop net;
  Recorder cli;
  REQUIRE(net.client.tcp().connect(net.server_ip, 81, &cli, 5));
  net.run_until(1 * kSecond);
  CHECK(cli.closed);
  CHECK_FALSE(cli.connected);
  CHECK(cli.reason == TcpCloseReason::kReset);
  CHECK(std::string(tcp_close_reason_text(cli.reason)) == "Connection refused");
  CHECK(cli.closed_at < 10 * kMillisecond);
  CHECK(net.client.tcp().connection_count() == 0);
  const auto rst = net.sent_by(net.server);
  REQUIRE(rst.size() == 1);
  CHECK(rst[0].tcp.flags == (wire::kTcpRst | wire::kTcpAck));  // RFC 9293: SYN had no ACK
  CHECK(rst[0].tcp.seq == 0);
  const auto syn = net.sent_by(net.client);
  CHECK(rst[0].tcp.ack == syn[0].tcp.seq + 1);
  bool no_socket = false;
  for (const auto& [t, d] : net.records_of<FrameDrop>())
    if (d.host == net.server.id() && d.reason == DropReason::kNoSocket) no_socket = true;
  CHECK(no_socket);
}

TEST_CASE("tcp: an ACK for an unknown connection gets a RST with SEQ=SEG.ACK") {
  TwoHop net;
  Acceptor acc;
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli));
  net.run_until(10 * kMillisecond);
  REQUIRE(cli.connected);
  // The server forgets the connection (power cycle); the client's data gets a RST.
  net.server.set_powered(false);
  net.server.set_powered(true);
  cli.conn->send(as_bytes("GET / HTTP/1.0\r\n\r\n"));
  net.run_until(1 * kSecond);
  CHECK(cli.closed);
  CHECK(cli.reason == TcpCloseReason::kReset);
  const auto sent = net.sent_by(net.server);
  REQUIRE(!sent.empty());
  CHECK(sent.back().tcp.flags == wire::kTcpRst);
  const auto data = net.sent_by(net.client);
  CHECK(sent.back().tcp.seq == data.back().tcp.ack);
}

TEST_CASE("tcp: SYNs to a silent host time out after tcp_syn_retries") {
  TwoHop net;
  Acceptor acc;
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder warm;
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &warm));
  net.run_until(10 * kMillisecond);
  REQUIRE(warm.connected);  // ARP caches are warm: the router keeps forwarding
  net.server.set_powered(false);
  REQUIRE_FALSE(net.client.set_sysctl("net.ipv4.tcp_syn_retries", "2"));

  Recorder cli;
  const SimTime t0 = net.now();
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli, 11));
  net.run_until(t0 + 20 * kSecond);
  CHECK(cli.closed);
  CHECK_FALSE(cli.connected);
  CHECK(cli.reason == TcpCloseReason::kTimeout);
  CHECK(cli.closed_at == t0 + 7 * kSecond);  // 1 + 2 + 4 s
  int syn_rtx = 0;
  for (const auto& [t, r] : net.records_of<TcpRetransmit>())
    if (r.flow == 11) ++syn_rtx;
  CHECK(syn_rtx == 2);
}

TEST_CASE("tcp: ICMP host unreachable ends a connect attempt") {
  TwoHop net;
  Recorder cli;
  REQUIRE(net.client.tcp().connect(Ipv4Addr(10, 0, 2, 99), 80, &cli));  // nobody answers ARP
  net.run_until(30 * kSecond);
  CHECK(cli.closed);
  CHECK(cli.reason == TcpCloseReason::kUnreachable);
  CHECK(std::string(tcp_close_reason_text(cli.reason)) == "No route to host");
  CHECK(cli.closed_at < 10 * kSecond);
}

TEST_CASE("tcp: abort sends RST and the peer sees a reset") {
  TwoHop net;
  Acceptor acc;
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli));
  net.run_until(10 * kMillisecond);
  REQUIRE(cli.connected);
  cli.conn->abort();
  CHECK(cli.closed);
  CHECK(cli.reason == TcpCloseReason::kAborted);
  net.run_until(1 * kSecond);
  CHECK(acc.rec.closed);
  CHECK(acc.rec.reason == TcpCloseReason::kReset);
  CHECK(net.server.tcp().connection_count() == 0);
  CHECK(net.client.tcp().connection_count() == 0);
}

TEST_CASE("tcp: a stopped host ends its connections, listeners stay") {
  TwoHop net;
  Acceptor acc;
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli));
  net.run_until(10 * kMillisecond);
  net.server.set_powered(false);
  CHECK(acc.rec.closed);
  CHECK(acc.rec.reason == TcpCloseReason::kHostDown);
  CHECK(net.server.tcp().connection_count() == 0);
  net.server.set_powered(true);
  Recorder again;
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &again));
  net.run_until(1 * kSecond);
  CHECK(again.connected);
}

}  // namespace lvs::test

namespace lvs::test {

TEST_CASE("tcp: data retransmissions give up after tcp_retries2 (tcp_model_timeout)") {
  TwoHop net;
  Acceptor acc;
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli, 3));
  net.run_until(10 * kMillisecond);
  REQUIRE(cli.connected);
  // retries2=3: give up once 15 * TCP_RTO_MIN = 3 s have passed since the first send.
  REQUIRE_FALSE(net.client.set_sysctl("net.ipv4.tcp_retries2", "3"));
  net.lan2.set_port_up(net.server_port, false);
  const SimTime t0 = net.now();
  cli.conn->send(as_bytes("data that never arrives"));
  net.run_until(t0 + 60 * kSecond);
  CHECK(cli.closed);
  CHECK(cli.reason == TcpCloseReason::kTimeout);
  const auto rtx = net.records_of<TcpRetransmit>();
  CHECK(rtx.size() == 3);  // at ~0.2, 0.6, 1.4 s; the 4th expiry (~3 s) gives up
  CHECK(cli.closed_at >= t0 + 3 * kSecond);
  CHECK(cli.closed_at < t0 + 3100 * kMillisecond);
  // No RST on a retransmission timeout (tcp_write_err).
  const auto sent = net.sent_by(net.client);
  CHECK_FALSE(sent.back().tcp.has(wire::kTcpRst));
}

}  // namespace lvs::test

namespace lvs::test {

// tcp_v4_connect(): RTCF_BROADCAST / RTCF_MULTICAST routes give -ENETUNREACH, no SYN.
TEST_CASE("tcp: connect() to a broadcast or multicast address fails at once, Network is unreachable") {
  TwoHop net;
  for (const Ipv4Addr dst : {Ipv4Addr(10, 0, 1, 255), Ipv4Addr(255, 255, 255, 255), Ipv4Addr(224, 0, 0, 1)}) {
    Recorder cli;
    RouteError error = RouteError::kNone;
    CHECK(net.client.tcp().connect(dst, 80, &cli, 0, Ipv4Addr(), 0, &error) == nullptr);
    CHECK(error == RouteError::kNetUnreachable);
    CHECK(std::string(route_error_text(error)) == "Network is unreachable");
  }
  // Another subnet's broadcast address is a unicast route here: the SYN goes to the router.
  Recorder cli;
  RouteError error = RouteError::kNone;
  CHECK(net.client.tcp().connect(Ipv4Addr(10, 0, 2, 255), 80, &cli, 0, Ipv4Addr(), 0, &error) != nullptr);
  CHECK(error == RouteError::kNone);
  net.run_until(10 * kMillisecond);
  const auto sent = net.sent_by(net.client);
  REQUIRE(sent.size() == 1);  // only that SYN; none to the broadcast addresses
  CHECK(sent[0].tcp.has(wire::kTcpSyn));
}

}  // namespace lvs::test
