#pragma once
// Known frames for the wire tests. The IPv4/TCP/UDP/ICMP checksums in these vectors were
// computed outside lvslab (a separate Python RFC 1071 implementation) and confirmed by
// tshark 4.0 with checksum validation on ("[correct]" for IP, TCP, UDP and ICMP).
#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/wire/bytes.hpp"

namespace wiretest {

inline std::vector<std::uint8_t> from_hex(std::string_view hex) {
  auto nib = [](char c) { return c <= '9' ? c - '0' : c - 'a' + 10; };
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<std::uint8_t>(nib(hex[i]) * 16 + nib(hex[i + 1])));
  return out;
}

// ARP who-has 192.168.10.10 tell 192.168.10.1, from 02:00:00:00:01:01 to broadcast.
inline constexpr std::string_view kArpRequestFrame =
    "ffffffffffff020000000101"
    "0806"
    "0001"
    "0800"
    "06"
    "04"
    "0001"
    "020000000101"
    "c0a80a01"
    "000000000000"
    "c0a80a0a";

// 10.0.0.5:40001 > 192.168.10.100:80 SYN seq 1000 win 64240, MSS 1460; IP id 0x1234,
// ttl 64, DF. IP checksum 0x5387, TCP checksum 0x27ab.
inline constexpr std::string_view kSynFrame =
    "020000000211020000000101"
    "0800"
    "4500002c12344000400653870a000005c0a80a64"
    "9c410050000003e8000000006002faf027ab0000020405b4";

// 10.0.0.5:5353 > 10.0.0.1:53, 20 payload bytes 00..13. IP id 7; UDP checksum 0x7c2e.
inline constexpr std::string_view kUdpFrame =
    "020000000211020000000101"
    "0800"
    "4500003000074000401126b10a0000050a000001"
    "14e90035001c7c2e000102030405060708090a0b0c0d0e0f10111213";

// ICMP echo request 10.0.0.1 > 10.0.0.5 id 0x4242 seq 3, data "abcdefgh". Checksum 0x2425.
inline constexpr std::string_view kEchoFrame =
    "020000000211020000000101"
    "0800"
    "4500002400094000400126cb0a0000010a000005"
    "0800242542420003"
    "6162636465666768";

inline lvs::wire::Bytes bytes(const std::vector<std::uint8_t>& v) { return lvs::wire::Bytes(v.data(), v.size()); }
inline lvs::wire::MutBytes mut(std::vector<std::uint8_t>& v) { return lvs::wire::MutBytes(v.data(), v.size()); }

}  // namespace wiretest
