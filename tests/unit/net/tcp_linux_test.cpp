// What Linux 6.1 puts on the wire that the counters see: the SYN options, timestamps on
// every segment, window scaling and the window values, quick and delayed ACKs.
#include "tests/unit/net/tcp_fixture.hpp"

using namespace lvs;
using namespace lvs::test;

namespace {

std::size_t pure_acks(const std::vector<TwoHop::SentSegment>& segs) {
  std::size_t n = 0;
  for (const auto& s : segs)
    if (s.payload == 0 && s.tcp.flags == wire::kTcpAck) ++n;
  return n;
}

// An HTTP/1.0-like exchange: the server answers the request and closes; the client
// closes when the server's FIN arrives.
struct RequestResponse {
  TwoHop net;
  Acceptor acc;
  Recorder cli;
  explicit RequestResponse(std::size_t request = 77, std::size_t response = 115) {
    acc.rec.when_data = [response](TcpConnection& c, wire::Bytes) {
      c.send(as_bytes(std::string(response, 'r')));
      c.close();
    };
    REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
    cli.when_connected = [request](TcpConnection& c) { c.send(as_bytes(std::string(request, 'q'))); };
    cli.when_peer_closed = [](TcpConnection& c) { c.close(); };
    REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli));
    net.run_until(1 * kSecond);
    REQUIRE(cli.closed);
    REQUIRE(acc.rec.closed);
  }
};

}  // namespace

TEST_CASE("tcp linux: SYN and SYN-ACK carry MSS, SACK_PERM, timestamps and window scale") {
  RequestResponse x;
  const auto c = x.net.sent_by(x.net.client);
  const auto s = x.net.sent_by(x.net.server);
  REQUIRE(c.size() >= 3);
  REQUIRE(s.size() >= 2);
  const auto& syn = c[0].tcp;
  CHECK(syn.flags == wire::kTcpSyn);
  CHECK(syn.header_len == 40);  // the 60-byte IP packet
  CHECK(syn.mss == 1460);
  CHECK(syn.sack_permitted);
  CHECK(syn.has_timestamp);
  CHECK(syn.tsecr == 0);
  CHECK(syn.has_wscale);
  CHECK(syn.wscale == 7);
  CHECK(syn.window == 64240);  // 44 * 1460 (tcp_select_initial_window)
  const auto& synack = s[0].tcp;
  CHECK(synack.flags == (wire::kTcpSyn | wire::kTcpAck));
  CHECK(synack.header_len == 40);
  CHECK(synack.sack_permitted);
  CHECK(synack.wscale == 7);
  CHECK(synack.window == 65160);  // 45 * 1448: the MSS less the timestamps
  CHECK(synack.tsecr == syn.tsval);
  // The third segment: timestamps only (NOP NOP TS), window 64240 rounded up to the
  // scale unit: 64256 >> 7 = 502 (the capture on the 6.1 VM, scale 6: 1004).
  const auto& third = c[1].tcp;
  CHECK(third.flags == wire::kTcpAck);
  CHECK(third.header_len == 32);
  CHECK(third.window == 502);
  CHECK(third.tsecr == synack.tsval);
  // Every later segment carries the timestamps, and echoes the peer's.
  for (const auto* side : {&c, &s})
    for (std::size_t i = 1; i < side->size(); ++i) {
      CHECK((*side)[i].tcp.has_timestamp);
      CHECK((*side)[i].tcp.header_len == 32);
      CHECK(!(*side)[i].tcp.has_wscale);
      CHECK((*side)[i].tcp.mss == 0);
    }
  // The server's windows after the handshake: 65160 less the request, rounded up to
  // the scale unit (never shrunk): 65152 >> 7 = 509 (the VM, scale 6: 1017).
  CHECK(s[1].tcp.window == 509);
  // TSval: a millisecond clock with an offset per address pair (different per side).
  CHECK(syn.tsval != synack.tsval);
  CHECK(c.back().tcp.tsval - syn.tsval == static_cast<std::uint32_t>((c.back().time - c[0].time) / kMillisecond));
}

TEST_CASE("tcp linux: quickack at the start: the request is ACKed at once, before the reply") {
  RequestResponse x;
  const auto s = x.net.sent_by(x.net.server);
  const auto c = x.net.sent_by(x.net.client);
  // Server: SYN-ACK, pure ACK of the request, response, FIN, ACK of the client's FIN.
  REQUIRE(s.size() == 5);
  CHECK(s[1].tcp.flags == wire::kTcpAck);
  CHECK(s[1].payload == 0);
  CHECK(s[2].payload == 115);
  CHECK(s[1].time == s[2].time);  // the ACK goes first; the reply follows at once
  CHECK(s[3].tcp.has(wire::kTcpFin));
  CHECK(s[4].tcp.flags == wire::kTcpAck);
  // Client: SYN, ACK, request, quick ACK of the response, FIN (carrying the ACK of the
  // server's FIN: tcp_fin() enters pingpong, so that ACK waits and rides on our FIN).
  REQUIRE(c.size() == 5);
  CHECK(c[3].tcp.flags == wire::kTcpAck);
  CHECK(c[3].payload == 0);
  CHECK(c[4].tcp.flags == (wire::kTcpFin | wire::kTcpAck));
  // The byte counts a director sees per connection: 345 in, 383 out with 77/115 bytes
  // of payload, as on the 6.1 kernel.
  std::size_t in = 0, out = 0;
  for (const auto& seg : c) in += 20 + seg.tcp.header_len + seg.payload;
  for (const auto& seg : s) out += 20 + seg.tcp.header_len + seg.payload;
  CHECK(in == 345);
  CHECK(out == 383);
}

TEST_CASE("tcp linux: in pingpong mode the ACK rides on the reply, or waits TCP_DELACK_MIN") {
  TwoHop net;
  Acceptor acc;
  int requests = 0;
  acc.rec.when_data = [&](TcpConnection& c, wire::Bytes) {
    if (++requests <= 2) c.send(as_bytes("reply"));  // the third request gets no reply
  };
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  cli.when_connected = [](TcpConnection& c) { c.send(as_bytes("one")); };
  int replies = 0;
  cli.when_data = [&](TcpConnection& c, wire::Bytes) { c.send(as_bytes(++replies == 1 ? "two" : "three")); };
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli));
  net.run_until(1 * kSecond);
  REQUIRE(requests == 3);
  const auto s = net.sent_by(net.server);
  // SYN-ACK; quick ACK of "one" (quickack mode), then "reply" (which made the
  // connection pingpong: sent within the ATO of the data); "reply" carrying the ACK of
  // "two"; for "three" no reply: the delayed ACK 40 ms after it arrived.
  REQUIRE(s.size() == 5);
  CHECK(s[1].payload == 0);
  CHECK(s[2].payload == 5);
  CHECK(s[3].payload == 5);
  CHECK(s[4].payload == 0);
  const auto c = net.sent_by(net.client);
  const SimTime three_sent = c.back().time;
  CHECK(c.back().payload == 5);
  CHECK(s[4].time - three_sent > 40 * kMillisecond);
  CHECK(s[4].time - three_sent < 41 * kMillisecond);
}

TEST_CASE("tcp linux: bulk receive: 16 quick ACKs, then one ACK per two full segments") {
  TwoHop net;
  const std::string payload(100000, 'b');
  Acceptor acc;
  acc.rec.when_connected = [&](TcpConnection& c) {
    c.send(as_bytes(payload));
    c.close();
  };
  REQUIRE(net.server.tcp().listen(Ipv4Addr(), 80, &acc));
  Recorder cli;
  cli.when_peer_closed = [](TcpConnection& c) { c.close(); };
  REQUIRE(net.client.tcp().connect(net.server_ip, 80, &cli));
  net.run_until(5 * kSecond);
  REQUIRE(cli.data.size() == payload.size());
  const auto c = net.sent_by(net.client);
  // After the handshake ACK: min(64256 / (2 * 536), 16) = 16 quick ACKs, then an ACK
  // whenever more than one full segment (1448 bytes) is unacknowledged; the short last
  // segment (88 bytes) is ACKed as the application reads it (tcp_cleanup_rbuf()).
  const std::size_t data_segments = (100000 + 1447) / 1448;  // 70
  const std::size_t expected = 1 + 16 + (data_segments - 1 - 16) / 2 + 1;
  CHECK(pure_acks(c) == expected);
  // Scaled windows: 502 << 7 on the third segment, then, as data slides it,
  // ALIGN(window_clamp, 128) >> 7 = 501 with window_clamp = 65536 - 1448
  // (tcp_init_buffer_space(); no receive-buffer autotuning here).
  CHECK(c[1].tcp.window == 502);
  for (std::size_t i = 2; i < c.size(); ++i) CHECK(c[i].tcp.window == 501);
}
