#include <doctest/doctest.h>

#include <array>
#include <cstring>
#include <string>
#include <vector>

#include "sim/wire/arp.hpp"
#include "sim/wire/ethernet.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/summary.hpp"
#include "sim/wire/tcp.hpp"
#include "sim/wire/udp.hpp"
#include "vectors.hpp"

using namespace lvs::wire;
using lvs::Ipv4Addr;
using lvs::MacAddr;
using wiretest::bytes;
using wiretest::from_hex;
using wiretest::mut;

namespace {
const Ipv4Addr kClient(10, 0, 0, 5);
const Ipv4Addr kVip(192, 168, 10, 100);

// An IPv4 packet around `l4` (already a complete TCP/UDP/ICMP/IP message).
std::vector<std::uint8_t> ip_packet(Ipv4Addr src, Ipv4Addr dst, std::uint8_t proto,
                                    const std::vector<std::uint8_t>& l4) {
  std::vector<std::uint8_t> pkt(20 + l4.size());
  Ipv4Repr ip;
  ip.src = src;
  ip.dst = dst;
  ip.protocol = proto;
  emit_ipv4(ip, static_cast<std::uint16_t>(l4.size()), mut(pkt));
  std::memcpy(pkt.data() + 20, l4.data(), l4.size());
  return pkt;
}

std::vector<std::uint8_t> tcp_packet(Ipv4Addr src, Ipv4Addr dst, const TcpRepr& tcp, const std::string& payload) {
  std::vector<std::uint8_t> seg(tcp_header_len(tcp) + payload.size());
  std::memcpy(seg.data() + tcp_header_len(tcp), payload.data(), payload.size());
  emit_tcp(tcp, src, dst, mut(seg));
  return ip_packet(src, dst, kIpProtoTcp, seg);
}

std::vector<std::uint8_t> http_response_packet() {
  TcpRepr tcp;
  tcp.src_port = 80;
  tcp.dst_port = 40001;
  tcp.seq = 1;
  tcp.ack = 80;
  tcp.flags = kTcpPsh | kTcpAck;
  tcp.window = 509;
  std::string body = "HTTP/1.1 200 OK\r\nContent-Length: 62\r\n\r\n";
  body.resize(100, 'x');
  return tcp_packet(kVip, kClient, tcp, body);
}

std::string summarize(const std::vector<std::uint8_t>& v) { return summarize_ipv4(bytes(v)); }
}  // namespace

TEST_CASE("summary: ARP request and reply") {
  CHECK(summarize_frame(bytes(from_hex(wiretest::kArpRequestFrame))) == "ARP who-has 192.168.10.10 tell 192.168.10.1");
  std::vector<std::uint8_t> frame(kEthHeaderLen + kArpLen);
  emit_ethernet({*MacAddr::parse("02:00:00:00:01:01"), *MacAddr::parse("02:00:00:00:02:11"), kEtherTypeArp},
                mut(frame));
  emit_arp({kArpReply, *MacAddr::parse("02:00:00:00:02:11"), Ipv4Addr(192, 168, 10, 10),
            *MacAddr::parse("02:00:00:00:01:01"), Ipv4Addr(192, 168, 10, 1)},
           MutBytes(frame).subspan(kEthHeaderLen));
  CHECK(summarize_frame(bytes(frame)) == "ARP reply 192.168.10.10 is-at 02:00:00:00:02:11");
}

TEST_CASE("summary: TCP SYN with MSS (known frame)") {
  CHECK(summarize_frame(bytes(from_hex(wiretest::kSynFrame))) ==
        "TCP 10.0.0.5:40001 > 192.168.10.100:80 [S] seq 1000 win 64240 mss 1460");
}

TEST_CASE("summary: SYN-ACK, pure ACK, HTTP request and response, FIN, RST") {
  TcpRepr synack;
  synack.src_port = 80;
  synack.dst_port = 40001;
  synack.seq = 5000;
  synack.ack = 1001;
  synack.flags = kTcpSyn | kTcpAck;
  synack.window = 65160;
  synack.mss = 1460;
  CHECK(summarize(tcp_packet(kVip, kClient, synack, "")) ==
        "TCP 192.168.10.100:80 > 10.0.0.5:40001 [S.] seq 5000 ack 1001 win 65160 mss 1460");

  TcpRepr ack;
  ack.src_port = 40001;
  ack.dst_port = 80;
  ack.seq = 1001;
  ack.ack = 5001;
  ack.flags = kTcpAck;
  ack.window = 502;
  CHECK(summarize(tcp_packet(kClient, kVip, ack, "")) ==
        "TCP 10.0.0.5:40001 > 192.168.10.100:80 [.] seq 1001 ack 5001");

  TcpRepr req = ack;
  req.flags = kTcpPsh | kTcpAck;
  CHECK(summarize(tcp_packet(kClient, kVip, req, "GET /index.html HTTP/1.1\r\nHost: vip\r\n\r\n")) ==
        "TCP 10.0.0.5:40001 > 192.168.10.100:80 [P.] seq 1001:1040 ack 5001 len 39 GET /index.html HTTP/1.1");

  CHECK(summarize(http_response_packet()) ==
        "TCP 192.168.10.100:80 > 10.0.0.5:40001 [P.] seq 1:101 ack 80 len 100 HTTP/1.1 200 OK");

  // Payload that is not HTTP: no line appended.
  CHECK(summarize(tcp_packet(kClient, kVip, req, "hello")) ==
        "TCP 10.0.0.5:40001 > 192.168.10.100:80 [P.] seq 1001:1006 ack 5001 len 5");

  TcpRepr fin = ack;
  fin.flags = kTcpFin | kTcpAck;
  CHECK(summarize(tcp_packet(kClient, kVip, fin, "")) ==
        "TCP 10.0.0.5:40001 > 192.168.10.100:80 [F.] seq 1001 ack 5001");
  TcpRepr rst;
  rst.src_port = 80;
  rst.dst_port = 40001;
  rst.seq = 7;
  rst.flags = kTcpRst;
  CHECK(summarize(tcp_packet(kVip, kClient, rst, "")) == "TCP 192.168.10.100:80 > 10.0.0.5:40001 [R] seq 7");
}

TEST_CASE("summary: IPIP shows outer addresses then the inner packet") {
  const auto inner = http_response_packet();
  const auto outer = ip_packet(Ipv4Addr(192, 168, 10, 1), Ipv4Addr(192, 168, 20, 11), kIpProtoIpip, inner);
  CHECK(summarize(outer) ==
        "IPIP 192.168.10.1 > 192.168.20.11: TCP 192.168.10.100:80 > 10.0.0.5:40001 [P.] seq 1:101 ack 80 len 100 "
        "HTTP/1.1 200 OK");
  // A truncated inner packet is reported, not crashed on.
  const std::vector<std::uint8_t> cut(inner.begin(), inner.begin() + 30);
  CHECK(summarize(ip_packet(Ipv4Addr(192, 168, 10, 1), Ipv4Addr(192, 168, 20, 11), kIpProtoIpip, cut)) ==
        "IPIP 192.168.10.1 > 192.168.20.11: malformed IPv4");
}

TEST_CASE("summary: ICMP echo and unreachable") {
  CHECK(summarize_frame(bytes(from_hex(wiretest::kEchoFrame))) ==
        "ICMP 10.0.0.1 > 10.0.0.5 echo request id 16962 seq 3");

  // Port unreachable quoting a UDP datagram to port 80.
  std::vector<std::uint8_t> udp(8 + 4);
  emit_udp(UdpRepr{40001, 80, 0}, kClient, Ipv4Addr(10, 0, 0, 1), mut(udp));
  const auto original = ip_packet(kClient, Ipv4Addr(10, 0, 0, 1), kIpProtoUdp, udp);
  std::vector<std::uint8_t> icmp(8 + 28);
  std::memcpy(icmp.data() + 8, original.data(), 28);
  emit_icmp({kIcmpDestUnreachable, kIcmpPortUnreachable, 0, 0}, mut(icmp));
  CHECK(summarize(ip_packet(Ipv4Addr(10, 0, 0, 1), kClient, kIpProtoIcmp, icmp)) ==
        "ICMP 10.0.0.1 > 10.0.0.5 port 80 unreachable");

  emit_icmp({kIcmpDestUnreachable, kIcmpFragNeeded, 0, 1480}, mut(icmp));
  CHECK(summarize(ip_packet(Ipv4Addr(10, 0, 0, 1), kClient, kIpProtoIcmp, icmp)) ==
        "ICMP 10.0.0.1 > 10.0.0.5 10.0.0.1 unreachable - need to frag (mtu 1480)");

  emit_icmp({kIcmpTimeExceeded, 0, 0, 0}, mut(icmp));
  CHECK(summarize(ip_packet(Ipv4Addr(10, 0, 0, 1), kClient, kIpProtoIcmp, icmp)) ==
        "ICMP 10.0.0.1 > 10.0.0.5 time exceeded in-transit");
}

TEST_CASE("summary: UDP") {
  CHECK(summarize_frame(bytes(from_hex(wiretest::kUdpFrame))) == "UDP 10.0.0.5:5353 > 10.0.0.1:53 len 20");
}

TEST_CASE("summary: malformed, bad checksums, fragments, other types") {
  CHECK(summarize_frame(Bytes{}) == "malformed Ethernet");
  auto frame = from_hex(wiretest::kSynFrame);
  CHECK(summarize_frame(bytes(frame).first(40)) == "malformed IPv4");
  CHECK(summarize_frame(bytes(frame).first(20)) == "malformed IPv4");
  auto bad_tcp = frame;
  bad_tcp[14 + 20 + 4] ^= 0x01;  // seq changes, TCP checksum now wrong
  CHECK(summarize_frame(bytes(bad_tcp)) ==
        "TCP 10.0.0.5:40001 > 192.168.10.100:80 [S] seq 16778216 win 64240 mss 1460 [bad cksum]");
  auto bad_ip = frame;
  bad_ip[14 + 8] = 1;  // TTL changed without a checksum update
  CHECK(summarize_frame(bytes(bad_ip)) ==
        "TCP 10.0.0.5:40001 > 192.168.10.100:80 [S] seq 1000 win 64240 mss 1460 [bad ip cksum]");
  auto bad_off = frame;
  bad_off[14 + 20 + 12] = 0x40;  // data offset 4
  CHECK(summarize_frame(bytes(bad_off)).rfind("malformed TCP 10.0.0.5 > 192.168.10.100", 0) == 0);

  Ipv4Repr frag;
  frag.src = kClient;
  frag.dst = kVip;
  frag.protocol = kIpProtoUdp;
  frag.ident = 77;
  frag.dont_fragment = false;
  frag.more_fragments = true;
  frag.frag_offset = 185;
  std::vector<std::uint8_t> pkt(20 + 16);
  emit_ipv4(frag, 16, mut(pkt));
  CHECK(summarize(pkt) == "IPv4 10.0.0.5 > 192.168.10.100 frag id 77 off 1480+ proto 17 len 16");

  auto arp = from_hex(wiretest::kArpRequestFrame);
  arp[12] = 0x86, arp[13] = 0xdd;
  CHECK(summarize_frame(bytes(arp)) == "ethertype 0x86dd len 28");
  arp = from_hex(wiretest::kArpRequestFrame);
  CHECK(summarize_frame(bytes(arp).first(30)) == "malformed ARP");
}

TEST_CASE("summary: every prefix and every single-byte corruption is handled") {
  // Run under -fsanitize=address,undefined to show there are no out-of-bounds reads.
  std::vector<std::vector<std::uint8_t>> frames = {from_hex(wiretest::kArpRequestFrame), from_hex(wiretest::kSynFrame),
                                                   from_hex(wiretest::kUdpFrame), from_hex(wiretest::kEchoFrame)};
  {
    const auto http = http_response_packet();
    const auto outer = ip_packet(Ipv4Addr(192, 168, 10, 1), Ipv4Addr(192, 168, 20, 11), kIpProtoIpip, http);
    std::vector<std::uint8_t> f(14, 0);
    f[12] = 0x08;
    f.insert(f.end(), outer.begin(), outer.end());
    frames.push_back(f);
  }
  std::size_t described = 0;
  for (const auto& f : frames) {
    const std::string full = summarize_frame(bytes(f));
    CHECK(full.find("malformed") == std::string::npos);
    for (std::size_t n = 0; n < f.size(); ++n) {
      // Copy into an exact-size buffer so ASan sees any read past the prefix.
      const std::vector<std::uint8_t> prefix(f.begin(), f.begin() + static_cast<std::ptrdiff_t>(n));
      const std::string s = summarize_frame(bytes(prefix));
      CHECK_FALSE(s.empty());
      if (n >= 14 && f[12] == 0x08 && f[13] == 0x00) CHECK_MESSAGE(s.find("malformed") != std::string::npos, s);
      ++described;
    }
    for (std::size_t i = 0; i < f.size(); ++i) {
      for (std::uint8_t v : {0x00, 0x01, 0x0f, 0x40, 0x45, 0x4f, 0x7f, 0x80, 0xf0, 0xff}) {
        auto g = f;
        g[i] = v;
        CHECK_FALSE(summarize_frame(bytes(g)).empty());
        ++described;
      }
    }
  }
  CHECK(described > 1000);
}

TEST_CASE("summary: random IPv4-looking frames never crash") {
  // Deterministic xorshift bytes with the Ethernet type and IPv4 version forced, so the
  // parsers get past the first checks and exercise IHL, lengths, options and quotes.
  std::uint32_t state = 0x12345678u;
  auto next = [&state] {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
  };
  for (int round = 0; round < 20000; ++round) {
    const std::size_t len = 14 + next() % 90;
    std::vector<std::uint8_t> f(len);
    for (auto& b : f) b = static_cast<std::uint8_t>(next());
    f[12] = 0x08;
    f[13] = (round % 8 == 0) ? 0x06 : 0x00;
    if (len > 14) f[14] = static_cast<std::uint8_t>(0x40 | (f[14] & 0x0f));
    if (len > 17 && round % 2 == 0) put16(&f[16], static_cast<std::uint16_t>(len - 14));  // plausible total
    if (len > 23 && round % 3 == 0) f[23] = std::array<std::uint8_t, 4>{1, 4, 6, 17}[next() % 4];
    CHECK_FALSE(summarize_frame(bytes(f)).empty());
  }
}
