#pragma once
// TCP header (RFC 9293) with the pseudo-header checksum and the options Linux sends:
// MSS (kind 2), window scale (3, RFC 7323 2), SACK-permitted (4, RFC 2018) and
// timestamps (8, RFC 7323 3). Parse records them (SACK blocks, kind 5, and unknown kinds
// are skipped); emit writes them in Linux's order (tcp_options_write()).
#include <cstdint>
#include <optional>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

inline constexpr std::size_t kTcpHeaderLen = 20;  // without options
inline constexpr std::uint8_t kTcpFin = 0x01;
inline constexpr std::uint8_t kTcpSyn = 0x02;
inline constexpr std::uint8_t kTcpRst = 0x04;
inline constexpr std::uint8_t kTcpPsh = 0x08;
inline constexpr std::uint8_t kTcpAck = 0x10;
inline constexpr std::uint8_t kTcpUrg = 0x20;

struct TcpRepr {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint32_t seq = 0;
  std::uint32_t ack = 0;
  std::uint8_t flags = 0;
  std::uint16_t window = 0;
  std::uint16_t mss = 0;        // 0 = no MSS option
  bool sack_permitted = false;  // SACK_PERM option (kind 4)
  bool has_wscale = false;      // window scale option (kind 3): shift in wscale
  std::uint8_t wscale = 0;      // as sent (the receiver caps it at 14, RFC 7323 2.3)
  bool has_timestamp = false;   // timestamps option (kind 8)
  std::uint32_t tsval = 0, tsecr = 0;
  std::uint16_t header_len = kTcpHeaderLen;  // set by parse (data offset * 4) and by emit
  bool has(std::uint8_t f) const { return (flags & f) != 0; }
};

// Header length (with options) that emit_tcp will write for this repr.
std::size_t tcp_header_len(const TcpRepr& repr);
// Validates data offset (>= 5, within buffer), option lengths, and (when verify) the
// checksum over the pseudo-header and the whole segment.
std::optional<TcpRepr> parse_tcp(Bytes segment, Ipv4Addr src, Ipv4Addr dst, bool verify_checksum = true);
inline Bytes tcp_payload(Bytes segment, const TcpRepr& repr) { return segment.subspan(repr.header_len); }
// `out` is the whole segment: header room of tcp_header_len(repr) bytes then the payload
// already in place; writes the header (options included) and the checksum.
void emit_tcp(const TcpRepr& repr, Ipv4Addr src, Ipv4Addr dst, MutBytes out);

// Flags as tcpdump prints them inside brackets: "S", "S.", ".", "P.", "F.", "R".
// Fills buf (>= 8 bytes) and returns it.
const char* tcp_flags_text(std::uint8_t flags, char* buf);

}  // namespace lvs::wire
