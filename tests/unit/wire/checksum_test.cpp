#include <doctest/doctest.h>

#include <vector>

#include "sim/wire/checksum.hpp"
#include "vectors.hpp"

using namespace lvs::wire;
using wiretest::bytes;
using wiretest::from_hex;

TEST_CASE("RFC 1071 example sum") {
  // RFC 1071 section 3: bytes 00 01 f2 03 f4 f5 f6 f7 sum to 0xddf2 (before complement).
  const auto data = from_hex("0001f203f4f5f6f7");
  CHECK(checksum_finish(checksum_add(0, bytes(data))) == static_cast<std::uint16_t>(~0xddf2));
  CHECK(internet_checksum(bytes(data)) == 0x220d);
}

TEST_CASE("odd length pads the last byte with zero") {
  const auto odd = from_hex("0102ab");
  const auto even = from_hex("0102ab00");
  CHECK(internet_checksum(bytes(odd)) == internet_checksum(bytes(even)));
  CHECK(internet_checksum(bytes(odd)) == static_cast<std::uint16_t>(~(0x0102 + 0xab00)));
}

TEST_CASE("a header with its checksum in place sums to zero") {
  const auto frame = from_hex(wiretest::kSynFrame);
  CHECK(internet_checksum(bytes(frame).subspan(14, 20)) == 0);
}

TEST_CASE("pseudo-header sum") {
  // 10.0.0.5 -> 192.168.10.100, TCP, 24 bytes.
  const std::uint32_t expect = 0x0a00 + 0x0005 + 0xc0a8 + 0x0a64 + 6 + 24;
  CHECK(pseudo_header_sum(lvs::Ipv4Addr(10, 0, 0, 5), lvs::Ipv4Addr(192, 168, 10, 100), 6, 24) == expect);
}

TEST_CASE("incremental update equals recomputation") {
  auto frame = from_hex(wiretest::kSynFrame);
  std::vector<std::uint8_t> ip(frame.begin() + 14, frame.begin() + 34);
  const std::uint16_t old_check = get16(&ip[10]);
  const std::uint32_t old_src = get32(&ip[12]);
  const std::uint32_t new_src = 0xc0a81401;  // 192.168.20.1
  put32(&ip[12], new_src);
  const std::uint16_t incr = checksum_replace32(old_check, old_src, new_src);
  put16(&ip[10], 0);
  CHECK(incr == internet_checksum(bytes(ip)));
  put16(&ip[10], incr);
  CHECK(internet_checksum(bytes(ip)) == 0);
}
