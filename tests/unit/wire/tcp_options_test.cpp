// TCP options Linux 6.1 sends (MSS, SACK_PERM, timestamps, window scale), checked
// against segments captured on Debian's 6.1.0-56 kernel in the qemu kernel test
// (tests/kernel): lvs-nat, busybox wget from client1 to the VIP. The captured frames
// carried CHECKSUM_PARTIAL (veth offload), so the checksum fields below were
// recomputed over the pseudo-header; every other byte is as captured.
#include <doctest/doctest.h>

#include <string_view>
#include <tuple>
#include <vector>

#include "sim/wire/tcp.hpp"
#include "vectors.hpp"

using namespace lvs::wire;
using lvs::Ipv4Addr;
using wiretest::bytes;
using wiretest::from_hex;
using wiretest::mut;

namespace {
const Ipv4Addr kClient(10, 0, 0, 5);
const Ipv4Addr kVip(192, 168, 0, 100);
const Ipv4Addr kRs1(192, 168, 10, 11);

// client -> VIP SYN: MSS 1460, SACK_PERM, TS val 0xb39627b2 ecr 0, NOP, wscale 6
// (the 512 MiB VM sizes tcp_rmem[2] at 3393184: ilog2 - 15 = 6). 60-byte IP packet.
constexpr std::string_view kLinuxSyn =
    "9dbe0050335c461300000000a002faf08f380000"
    "020405b4"
    "0402080ab39627b200000000"
    "01030306";
// rs1 -> client SYN-ACK (LVS-NAT, before the director's rewrite): window 65160.
constexpr std::string_view kLinuxSynAck =
    "00509dcea35d5c385ee56dcaa012fe88a7090000"
    "020405b4"
    "0402080a1b819a3c48d564af"
    "01030306";
// client -> VIP, the handshake's third segment: NOP NOP TS, scaled window 1004.
constexpr std::string_view kLinuxAck =
    "9dbe0050335c4614db8313f6801003ecb9730000"
    "0101080ab39627cc9b5e7092";
}  // namespace

TEST_CASE("TCP options: a real Linux 6.1 SYN parses") {
  const auto seg = from_hex(kLinuxSyn);
  const auto tcp = parse_tcp(bytes(seg), kClient, kVip);
  REQUIRE(tcp);
  CHECK(tcp->header_len == 40);
  CHECK(tcp->flags == kTcpSyn);
  CHECK(tcp->window == 64240);
  CHECK(tcp->mss == 1460);
  CHECK(tcp->sack_permitted);
  CHECK(tcp->has_timestamp);
  CHECK(tcp->tsval == 0xb39627b2u);
  CHECK(tcp->tsecr == 0);
  CHECK(tcp->has_wscale);
  CHECK(tcp->wscale == 6);
}

TEST_CASE("TCP options: emit writes Linux's SYN, SYN-ACK and ACK byte for byte") {
  for (const auto& [hex, src, dst] : {std::tuple{kLinuxSyn, kClient, kVip}, std::tuple{kLinuxSynAck, kRs1, kClient},
                                      std::tuple{kLinuxAck, kClient, kVip}}) {
    const auto want = from_hex(hex);
    const auto tcp = parse_tcp(bytes(want), src, dst);
    REQUIRE(tcp);
    REQUIRE(tcp_header_len(*tcp) == want.size());
    std::vector<std::uint8_t> out(want.size(), 0xcc);
    emit_tcp(*tcp, src, dst, mut(out));
    CHECK(out == want);
  }
  const auto ack = parse_tcp(bytes(from_hex(kLinuxAck)), kClient, kVip);
  REQUIRE(ack);
  CHECK(ack->window == 1004);  // 64256 >> 6
  CHECK(ack->has_timestamp);
  CHECK(ack->tsecr == 0x9b5e7092u);
  CHECK(!ack->sack_permitted);
  CHECK(!ack->has_wscale);
  CHECK(ack->mss == 0);
}

TEST_CASE("TCP options: header lengths of each combination (tcp_options_write layout)") {
  TcpRepr r;
  CHECK(tcp_header_len(r) == 20);
  r.has_timestamp = true;
  CHECK(tcp_header_len(r) == 32);  // NOP NOP TS: the 52-byte pure ACK
  r.sack_permitted = true;
  CHECK(tcp_header_len(r) == 32);  // SACK_PERM in place of the NOPs
  r.mss = 1460;
  r.has_wscale = true;
  CHECK(tcp_header_len(r) == 40);
  r.has_timestamp = false;
  CHECK(tcp_header_len(r) == 32);  // MSS, NOP NOP SACK_PERM, NOP WS
  std::vector<std::uint8_t> out(32);
  r.wscale = 7;
  emit_tcp(r, kClient, kVip, mut(out));
  CHECK(std::vector<std::uint8_t>(out.begin() + 20, out.end()) == from_hex("020405b4"
                                                                           "01010402"
                                                                           "01030307"));
  const auto back = parse_tcp(bytes(out), kClient, kVip);
  REQUIRE(back);
  CHECK(back->sack_permitted);
  CHECK(!back->has_timestamp);
  CHECK(back->wscale == 7);
}

TEST_CASE("TCP options: wrong lengths of known options are skipped, SACK blocks ignored") {
  auto seg = from_hex(kLinuxAck);
  // Options: SACK block (kind 5, one block), then TS with length 9 padded: skipped.
  const auto opts = from_hex(
      "0101050a0000000100000002"
      "0809aaaaaaaaaaaaaa"
      "010100");
  seg.resize(20);
  seg.insert(seg.end(), opts.begin(), opts.end());
  REQUIRE(seg.size() % 4 == 0);
  seg[12] = static_cast<std::uint8_t>((seg.size() / 4) << 4);
  const auto tcp = parse_tcp(bytes(seg), kClient, kVip, false);
  REQUIRE(tcp);
  CHECK(!tcp->has_timestamp);
  // Window scale of length 4 and SACK_PERM of length 3 are not taken either.
  const auto odd = from_hex(
      "9dbe0050335c461300000000700200000000000003040700"
      "04030000");
  const auto t2 = parse_tcp(bytes(odd), kClient, kVip, false);
  REQUIRE(t2);
  CHECK(!t2->has_wscale);
  CHECK(!t2->sack_permitted);
  // Every truncation of the real SYN is rejected.
  const auto syn = from_hex(kLinuxSyn);
  for (std::size_t n = 0; n < syn.size(); ++n) CHECK_MESSAGE(!parse_tcp(bytes(syn).first(n), kClient, kVip, false), n);
}
