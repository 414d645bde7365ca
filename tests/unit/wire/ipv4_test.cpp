#include <doctest/doctest.h>

#include <vector>

#include "sim/wire/checksum.hpp"
#include "sim/wire/ipv4.hpp"
#include "vectors.hpp"

using namespace lvs::wire;
using lvs::Ipv4Addr;
using wiretest::bytes;
using wiretest::from_hex;
using wiretest::mut;

namespace {
std::vector<std::uint8_t> syn_packet() {
  const auto frame = from_hex(wiretest::kSynFrame);
  return {frame.begin() + 14, frame.end()};
}
}  // namespace

TEST_CASE("IPv4 parse of a known header") {
  const auto pkt = syn_packet();
  const auto ip = parse_ipv4(bytes(pkt));
  REQUIRE(ip);
  CHECK(ip->src == Ipv4Addr(10, 0, 0, 5));
  CHECK(ip->dst == Ipv4Addr(192, 168, 10, 100));
  CHECK(ip->protocol == kIpProtoTcp);
  CHECK(ip->ttl == 64);
  CHECK(ip->ident == 0x1234);
  CHECK(ip->dont_fragment);
  CHECK_FALSE(ip->is_fragment());
  CHECK(ip->header_len == 20);
  CHECK(ip->total_len == 44);
  CHECK(ip->checksum == 0x5387);
  CHECK(ipv4_payload(bytes(pkt), *ip).size() == 24);
}

TEST_CASE("IPv4 emit reproduces the known header") {
  const auto pkt = syn_packet();
  Ipv4Repr repr;
  repr.src = Ipv4Addr(10, 0, 0, 5);
  repr.dst = Ipv4Addr(192, 168, 10, 100);
  repr.protocol = kIpProtoTcp;
  repr.ident = 0x1234;
  std::vector<std::uint8_t> out(20);
  emit_ipv4(repr, 24, mut(out));
  CHECK(out == std::vector<std::uint8_t>(pkt.begin(), pkt.begin() + 20));
}

TEST_CASE("IPv4 round trip of every field") {
  Ipv4Repr repr;
  repr.src = Ipv4Addr(192, 168, 10, 1);
  repr.dst = Ipv4Addr(192, 168, 20, 11);
  repr.protocol = kIpProtoIpip;
  repr.ttl = 3;
  repr.tos = 0x10;
  repr.ident = 0xbeef;
  repr.dont_fragment = false;
  repr.more_fragments = true;
  repr.frag_offset = 185;
  std::vector<std::uint8_t> buf(20 + 7, 0x5a);
  emit_ipv4(repr, 7, mut(buf));
  const auto back = parse_ipv4(bytes(buf));
  REQUIRE(back);
  CHECK(back->src == repr.src);
  CHECK(back->dst == repr.dst);
  CHECK(back->protocol == repr.protocol);
  CHECK(back->ttl == 3);
  CHECK(back->tos == 0x10);
  CHECK(back->ident == 0xbeef);
  CHECK_FALSE(back->dont_fragment);
  CHECK(back->more_fragments);
  CHECK(back->frag_offset == 185);
  CHECK(back->is_fragment());
  CHECK(back->total_len == 27);
}

TEST_CASE("IPv4 every truncation is rejected; Ethernet padding is ignored") {
  const auto pkt = syn_packet();
  for (std::size_t n = 0; n < pkt.size(); ++n) {
    CHECK_MESSAGE(!parse_ipv4(bytes(pkt).first(n)), "prefix " << n);
    CHECK_MESSAGE(!parse_ipv4(bytes(pkt).first(n), false), "prefix " << n);
  }
  auto padded = pkt;
  padded.resize(46, 0);
  const auto ip = parse_ipv4(bytes(padded));
  REQUIRE(ip);
  CHECK(ipv4_payload(bytes(padded), *ip).size() == 24);
}

TEST_CASE("IPv4 rejects bad checksum, version, IHL and total length") {
  const auto pkt = syn_packet();
  auto bad = pkt;
  bad[10] ^= 0x01;
  CHECK(!parse_ipv4(bytes(bad)));
  CHECK(parse_ipv4(bytes(bad), false));  // checksum check can be skipped

  bad = pkt;
  bad[0] = 0x65;  // version 6
  CHECK(!parse_ipv4(bytes(bad), false));
  for (std::uint8_t ihl = 0; ihl < 5; ++ihl) {
    bad = pkt;
    bad[0] = static_cast<std::uint8_t>(0x40 | ihl);
    CHECK_MESSAGE(!parse_ipv4(bytes(bad), false), "ihl " << int(ihl));
  }
  bad = pkt;
  bad[0] = 0x4f;  // 60-byte header claimed, 44-byte buffer
  CHECK(!parse_ipv4(bytes(bad).first(44), false));
  bad = pkt;
  put16(&bad[2], 19);  // total < header
  CHECK(!parse_ipv4(bytes(bad), false));
  bad = pkt;
  put16(&bad[2], 45);  // total > buffer
  CHECK(!parse_ipv4(bytes(bad), false));
}

TEST_CASE("IPv4 options are skipped via IHL") {
  // IHL 6: one NOP x4 option word; build by hand and checksum.
  auto pkt = syn_packet();
  std::vector<std::uint8_t> opt(pkt.begin(), pkt.begin() + 20);
  opt.insert(opt.end(), {1, 1, 1, 0});
  opt.insert(opt.end(), pkt.begin() + 20, pkt.end());
  opt[0] = 0x46;
  put16(&opt[2], 48);
  put16(&opt[10], 0);
  put16(&opt[10], internet_checksum(bytes(opt).first(24)));
  const auto ip = parse_ipv4(bytes(opt));
  REQUIRE(ip);
  CHECK(ip->header_len == 24);
  const auto payload = ipv4_payload(bytes(opt), *ip);
  REQUIRE(payload.size() == 24);
  CHECK(payload[0] == 0x9c);
}

TEST_CASE("IPv4 in-place edits keep the header checksum valid") {
  auto pkt = syn_packet();
  ipv4_set_dst(mut(pkt), Ipv4Addr(192, 168, 10, 11));
  auto ip = parse_ipv4(bytes(pkt));
  REQUIRE(ip);
  CHECK(ip->dst == Ipv4Addr(192, 168, 10, 11));
  ipv4_set_src(mut(pkt), Ipv4Addr(172, 16, 0, 1));
  ip = parse_ipv4(bytes(pkt));
  REQUIRE(ip);
  CHECK(ip->src == Ipv4Addr(172, 16, 0, 1));
  for (int expect = 63; expect >= 0; --expect) {
    CHECK(ipv4_decrement_ttl(mut(pkt)) == expect);
    ip = parse_ipv4(bytes(pkt));
    REQUIRE(ip);
    CHECK(ip->ttl == expect);
  }
  // Same bytes as a fresh emit of the edited header.
  Ipv4Repr repr;
  repr.src = Ipv4Addr(172, 16, 0, 1);
  repr.dst = Ipv4Addr(192, 168, 10, 11);
  repr.protocol = kIpProtoTcp;
  repr.ttl = 0;
  repr.ident = 0x1234;
  std::vector<std::uint8_t> fresh(20);
  emit_ipv4(repr, 24, mut(fresh));
  CHECK(get16(&fresh[10]) == get16(&pkt[10]));
}

TEST_CASE("quoted IPv4 header (ICMP error) ignores total length") {
  const auto pkt = syn_packet();
  const auto quote = bytes(pkt).first(28);  // header + 8 bytes, as RFC 792 quotes
  CHECK(!parse_ipv4(quote, false));
  const auto q = parse_ipv4_quoted(quote);
  REQUIRE(q);
  CHECK(q->dst == Ipv4Addr(192, 168, 10, 100));
  CHECK(q->total_len == 44);
  for (std::size_t n = 0; n < 20; ++n) CHECK(!parse_ipv4_quoted(quote.first(n)));
}
