#include <doctest/doctest.h>

#include <cstring>
#include <vector>

#include "sim/wire/icmp.hpp"
#include "sim/wire/udp.hpp"
#include "vectors.hpp"

using namespace lvs::wire;
using lvs::Ipv4Addr;
using wiretest::bytes;
using wiretest::from_hex;
using wiretest::mut;

namespace {
const Ipv4Addr kA(10, 0, 0, 5);
const Ipv4Addr kB(10, 0, 0, 1);

std::vector<std::uint8_t> udp_datagram() {
  const auto frame = from_hex(wiretest::kUdpFrame);
  return {frame.begin() + 34, frame.end()};
}
std::vector<std::uint8_t> icmp_message() {
  const auto frame = from_hex(wiretest::kEchoFrame);
  return {frame.begin() + 34, frame.end()};
}
}  // namespace

TEST_CASE("UDP known datagram parses; emit reproduces it") {
  const auto d = udp_datagram();
  const auto udp = parse_udp(bytes(d), kA, kB);
  REQUIRE(udp);
  CHECK(udp->src_port == 5353);
  CHECK(udp->dst_port == 53);
  CHECK(udp->length == 28);
  const auto payload = udp_payload(bytes(d), *udp);
  REQUIRE(payload.size() == 20);
  CHECK(payload[19] == 0x13);

  std::vector<std::uint8_t> out(28);
  for (std::size_t i = 0; i < 20; ++i) out[8 + i] = static_cast<std::uint8_t>(i);
  emit_udp(UdpRepr{5353, 53, 0}, kA, kB, mut(out));
  CHECK(out == d);
}

TEST_CASE("UDP every truncation is rejected; bytes past the length field are ignored") {
  const auto d = udp_datagram();
  for (std::size_t n = 0; n < d.size(); ++n) CHECK_MESSAGE(!parse_udp(bytes(d).first(n), kA, kB), "prefix " << n);
  auto padded = d;
  padded.resize(40, 0xab);
  const auto udp = parse_udp(bytes(padded), kA, kB);
  REQUIRE(udp);
  CHECK(udp_payload(bytes(padded), *udp).size() == 20);
}

TEST_CASE("UDP bad checksum, bad length; zero checksum means none") {
  auto d = udp_datagram();
  d[20] ^= 0x40;
  CHECK(!parse_udp(bytes(d), kA, kB));
  CHECK(parse_udp(bytes(d), kA, kB, false));
  CHECK(!parse_udp(bytes(udp_datagram()), kA, Ipv4Addr(10, 0, 0, 2)));  // pseudo-header
  put16(&d[6], 0);  // no checksum: corrupted payload accepted (RFC 768)
  CHECK(parse_udp(bytes(d), kA, kB));
  d = udp_datagram();
  put16(&d[4], 7);
  CHECK(!parse_udp(bytes(d), kA, kB, false));
  put16(&d[4], 29);
  CHECK(!parse_udp(bytes(d), kA, kB, false));
}

TEST_CASE("UDP a computed checksum of zero is sent as 0xffff") {
  // Find a payload word that makes the checksum come out as zero, then emit it.
  std::vector<std::uint8_t> out(10);
  bool found = false;
  for (std::uint32_t w = 0; w <= 0xffff && !found; ++w) {
    put16(&out[8], static_cast<std::uint16_t>(w));
    emit_udp(UdpRepr{1, 2, 0}, kA, kB, mut(out));
    if (get16(&out[6]) == 0xffff) found = true;
  }
  REQUIRE(found);
  CHECK(parse_udp(bytes(out), kA, kB));  // 0xffff verifies as a real checksum
  for (std::uint32_t w = 0; w <= 0xffff; ++w) {
    put16(&out[8], static_cast<std::uint16_t>(w));
    emit_udp(UdpRepr{1, 2, 0}, kA, kB, mut(out));
    REQUIRE(get16(&out[6]) != 0);
  }
}

TEST_CASE("ICMP echo request: known bytes parse; emit reproduces them") {
  const auto m = icmp_message();
  const auto icmp = parse_icmp(bytes(m));
  REQUIRE(icmp);
  CHECK(icmp->type == kIcmpEchoRequest);
  CHECK(icmp->code == 0);
  CHECK(icmp->identifier == 0x4242);
  CHECK(icmp->sequence == 3);
  CHECK_FALSE(icmp->is_error());
  CHECK(icmp_data(bytes(m)).size() == 8);

  std::vector<std::uint8_t> out(16);
  std::memcpy(out.data() + 8, "abcdefgh", 8);
  emit_icmp(*icmp, mut(out));
  CHECK(out == m);
}

TEST_CASE("ICMP truncation and bad checksum are rejected") {
  const auto m = icmp_message();
  for (std::size_t n = 0; n < m.size(); ++n) CHECK_MESSAGE(!parse_icmp(bytes(m).first(n)), "prefix " << n);
  auto bad = m;
  bad[15] ^= 0x01;
  CHECK(!parse_icmp(bytes(bad)));
}

TEST_CASE("ICMP frag-needed round trip carries the MTU") {
  IcmpRepr repr{kIcmpDestUnreachable, kIcmpFragNeeded, 0, 1400};
  std::vector<std::uint8_t> out(8 + 28, 0x45);
  emit_icmp(repr, mut(out));
  const auto back = parse_icmp(bytes(out));
  REQUIRE(back);
  CHECK(back->is_error());
  CHECK(back->code == kIcmpFragNeeded);
  CHECK(back->sequence == 1400);
  CHECK(get16(&out[6]) == 1400);
}
