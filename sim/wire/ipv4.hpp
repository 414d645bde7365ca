#pragma once
// IPv4 header (RFC 791). Options are accepted on parse (skipped via IHL) and never
// emitted. Fragments are recognised (flags/offset) but not reassembled.
#include <cstdint>
#include <optional>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

inline constexpr std::size_t kIpv4HeaderLen = 20;  // without options
inline constexpr std::uint8_t kIpProtoIcmp = 1;
inline constexpr std::uint8_t kIpProtoIpip = 4;  // IPIP (RFC 2003), what LVS-TUN uses
inline constexpr std::uint8_t kIpProtoTcp = 6;
inline constexpr std::uint8_t kIpProtoUdp = 17;

struct Ipv4Repr {
  Ipv4Addr src;
  Ipv4Addr dst;
  std::uint8_t protocol = 0;
  std::uint8_t ttl = 64;
  std::uint8_t tos = 0;
  std::uint16_t ident = 0;
  bool dont_fragment = true;
  bool more_fragments = false;
  std::uint16_t frag_offset = 0;              // in 8-byte units
  std::uint16_t header_len = kIpv4HeaderLen;  // set by parse (IHL*4); emit always writes 20
  std::uint16_t total_len = 0;                // whole packet; set by parse, computed by emit
  std::uint16_t checksum = 0;                 // as found on parse
  bool is_fragment() const { return more_fragments || frag_offset != 0; }
};

// Parses and validates: version 4, IHL >= 5, header and total length within the buffer,
// total_len >= header_len, and (when verify_checksum) the header checksum. Bytes past
// total_len (Ethernet padding) are ignored.
std::optional<Ipv4Repr> parse_ipv4(Bytes packet, bool verify_checksum = true);
// The header quoted inside an ICMP error (RFC 792: IP header + first 8 data bytes):
// checks version, IHL >= 5 and that the header fits `quote`; total_len is returned as
// found (it describes the original packet, not the quote) and the checksum is not checked.
std::optional<Ipv4Repr> parse_ipv4_quoted(Bytes quote);
// The payload: bytes [header_len, total_len). Precondition: `repr` came from parse_ipv4
// on this same buffer.
inline Bytes ipv4_payload(Bytes packet, const Ipv4Repr& repr) {
  return packet.subspan(repr.header_len, repr.total_len - repr.header_len);
}
// Writes a 20-byte header at out[0..20) for a payload of `payload_len` bytes, with the
// checksum. Precondition: out.size() >= 20.
void emit_ipv4(const Ipv4Repr& repr, std::uint16_t payload_len, MutBytes out);

// In-place edits of a packet that begins at its IPv4 header (IPVS NAT, forwarding):
// each keeps the header checksum right.
void ipv4_set_src(MutBytes packet, Ipv4Addr src);
void ipv4_set_dst(MutBytes packet, Ipv4Addr dst);
// Decrements TTL (with checksum update); returns the new TTL.
std::uint8_t ipv4_decrement_ttl(MutBytes packet);

}  // namespace lvs::wire
