#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "sim/wire/checksum.hpp"
#include "sim/wire/tcp.hpp"
#include "vectors.hpp"

using namespace lvs::wire;
using lvs::Ipv4Addr;
using wiretest::bytes;
using wiretest::from_hex;
using wiretest::mut;

namespace {
const Ipv4Addr kClient(10, 0, 0, 5);
const Ipv4Addr kVip(192, 168, 10, 100);

std::vector<std::uint8_t> syn_segment() {
  const auto frame = from_hex(wiretest::kSynFrame);
  return {frame.begin() + 34, frame.end()};
}

// A segment with arbitrary option bytes (padded by the caller to a multiple of 4).
std::vector<std::uint8_t> with_options(const std::vector<std::uint8_t>& options) {
  auto seg = syn_segment();
  seg.resize(20);
  seg.insert(seg.end(), options.begin(), options.end());
  seg[12] = static_cast<std::uint8_t>(((seg.size() / 4) << 4));
  put16(&seg[16], 0);
  put16(&seg[16], checksum_finish(checksum_add(
                      pseudo_header_sum(kClient, kVip, 6, static_cast<std::uint16_t>(seg.size())), bytes(seg))));
  return seg;
}
}  // namespace

TEST_CASE("TCP SYN with MSS 1460: known bytes parse") {
  const auto seg = syn_segment();
  const auto tcp = parse_tcp(bytes(seg), kClient, kVip);
  REQUIRE(tcp);
  CHECK(tcp->src_port == 40001);
  CHECK(tcp->dst_port == 80);
  CHECK(tcp->seq == 1000);
  CHECK(tcp->ack == 0);
  CHECK(tcp->flags == kTcpSyn);
  CHECK(tcp->window == 64240);
  CHECK(tcp->mss == 1460);
  CHECK(tcp->header_len == 24);
  CHECK(tcp_payload(bytes(seg), *tcp).empty());
}

TEST_CASE("TCP SYN: emit reproduces the tshark-verified bytes") {
  TcpRepr repr;
  repr.src_port = 40001;
  repr.dst_port = 80;
  repr.seq = 1000;
  repr.flags = kTcpSyn;
  repr.window = 64240;
  repr.mss = 1460;
  REQUIRE(tcp_header_len(repr) == 24);
  std::vector<std::uint8_t> out(24, 0xcc);
  emit_tcp(repr, kClient, kVip, mut(out));
  CHECK(out == syn_segment());
  CHECK(get16(&out[16]) == 0x27ab);
}

TEST_CASE("TCP round trip with payload, no options") {
  TcpRepr repr;
  repr.src_port = 80;
  repr.dst_port = 40001;
  repr.seq = 0xfffffff0u;
  repr.ack = 1080;
  repr.flags = kTcpPsh | kTcpAck;
  repr.window = 502;
  CHECK(tcp_header_len(repr) == 20);
  const std::string body = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  std::vector<std::uint8_t> seg(20 + body.size());
  std::memcpy(seg.data() + 20, body.data(), body.size());
  emit_tcp(repr, kVip, kClient, mut(seg));
  const auto back = parse_tcp(bytes(seg), kVip, kClient);
  REQUIRE(back);
  CHECK(back->src_port == 80);
  CHECK(back->dst_port == 40001);
  CHECK(back->seq == 0xfffffff0u);
  CHECK(back->ack == 1080);
  CHECK(back->flags == (kTcpPsh | kTcpAck));
  CHECK(back->window == 502);
  CHECK(back->mss == 0);
  CHECK(back->header_len == 20);
  const auto payload = tcp_payload(bytes(seg), *back);
  CHECK(std::string(payload.begin(), payload.end()) == body);
  // The checksum covers the pseudo-header: other addresses fail (a src/dst swap would
  // not: the ones' complement sum is order-independent).
  CHECK(!parse_tcp(bytes(seg), Ipv4Addr(192, 168, 10, 101), kClient));
  CHECK(!parse_tcp(bytes(seg), kVip, Ipv4Addr(10, 0, 0, 6)));
}

TEST_CASE("TCP every truncation of the SYN is rejected") {
  const auto seg = syn_segment();
  for (std::size_t n = 0; n < seg.size(); ++n) {
    CHECK_MESSAGE(!parse_tcp(bytes(seg).first(n), kClient, kVip), "prefix " << n);
    CHECK_MESSAGE(!parse_tcp(bytes(seg).first(n), kClient, kVip, false), "prefix " << n);
  }
}

TEST_CASE("TCP rejects a bad checksum and a bad data offset") {
  auto seg = syn_segment();
  seg[23] ^= 0x01;  // flip a bit of the MSS value
  CHECK(!parse_tcp(bytes(seg), kClient, kVip));
  CHECK(parse_tcp(bytes(seg), kClient, kVip, false));
  for (std::uint8_t off = 0; off < 5; ++off) {
    seg = syn_segment();
    seg[12] = static_cast<std::uint8_t>(off << 4);
    CHECK_MESSAGE(!parse_tcp(bytes(seg), kClient, kVip, false), "offset " << int(off));
  }
  seg = syn_segment();
  seg[12] = 0x70;  // 28-byte header in a 24-byte segment
  CHECK(!parse_tcp(bytes(seg), kClient, kVip, false));
}

TEST_CASE("TCP options: Linux-style SYN options are walked, MSS found") {
  // MSS 1460, SACK-permitted, timestamps, NOP, window scale 7 (a Linux SYN, 40-byte header).
  const auto seg =
      with_options(from_hex("020405b4"
                            "0402"
                            "080a0001e2400000000001"
                            "030307"));
  REQUIRE(seg.size() == 40);
  const auto tcp = parse_tcp(bytes(seg), kClient, kVip);
  REQUIRE(tcp);
  CHECK(tcp->header_len == 40);
  CHECK(tcp->mss == 1460);
}

TEST_CASE("TCP options: NOPs, EOL and unknown kinds") {
  auto tcp = parse_tcp(bytes(with_options(from_hex("0101"
                                                   "020405dc"
                                                   "0000"))),
                       kClient, kVip);
  REQUIRE(tcp);
  CHECK(tcp->mss == 1500);
  // Bytes after EOL are not options.
  tcp = parse_tcp(bytes(with_options(from_hex("00ff0102"))), kClient, kVip);
  REQUIRE(tcp);
  CHECK(tcp->mss == 0);
  // Unknown kind 99 with length 4 is skipped; MSS after it still found.
  tcp = parse_tcp(bytes(with_options(from_hex("6304aaaa"
                                              "02040218"))),
                  kClient, kVip);
  REQUIRE(tcp);
  CHECK(tcp->mss == 536);
  // An MSS of the wrong length is ignored, not misread (tcp_parse_options()).
  tcp = parse_tcp(bytes(with_options(from_hex("02030501"))), kClient, kVip);
  REQUIRE(tcp);
  CHECK(tcp->mss == 0);
}

TEST_CASE("TCP options: bad lengths are rejected") {
  CHECK(!parse_tcp(bytes(with_options(from_hex("02000000"))), kClient, kVip));  // length 0
  CHECK(!parse_tcp(bytes(with_options(from_hex("02010000"))), kClient, kVip));  // length 1
  CHECK(!parse_tcp(bytes(with_options(from_hex("02050000"))), kClient, kVip));  // runs past header
  CHECK(!parse_tcp(bytes(with_options(from_hex("01010102"))), kClient, kVip));  // kind with no length byte
  CHECK(!parse_tcp(bytes(with_options(from_hex("080affff"))), kClient, kVip));  // timestamps cut short
}

TEST_CASE("TCP flags text like tcpdump") {
  char buf[8];
  CHECK(std::string(tcp_flags_text(kTcpSyn, buf)) == "S");
  CHECK(std::string(tcp_flags_text(kTcpSyn | kTcpAck, buf)) == "S.");
  CHECK(std::string(tcp_flags_text(kTcpAck, buf)) == ".");
  CHECK(std::string(tcp_flags_text(kTcpPsh | kTcpAck, buf)) == "P.");
  CHECK(std::string(tcp_flags_text(kTcpFin | kTcpAck, buf)) == "F.");
  CHECK(std::string(tcp_flags_text(kTcpRst, buf)) == "R");
  CHECK(std::string(tcp_flags_text(kTcpRst | kTcpAck, buf)) == "R.");
  CHECK(std::string(tcp_flags_text(0, buf)) == "none");
  CHECK(std::string(tcp_flags_text(0x3f, buf)) == "FSRP.U");
}
