#pragma once
// ICMP for IPv4 (RFC 792): echo request/reply, destination unreachable (host, port,
// fragmentation needed), time exceeded. Errors quote the offending IP header + 8 bytes.
#include <cstdint>
#include <optional>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

inline constexpr std::size_t kIcmpHeaderLen = 8;
inline constexpr std::uint8_t kIcmpEchoReply = 0;
inline constexpr std::uint8_t kIcmpDestUnreachable = 3;
inline constexpr std::uint8_t kIcmpEchoRequest = 8;
inline constexpr std::uint8_t kIcmpTimeExceeded = 11;
// codes of Destination Unreachable
inline constexpr std::uint8_t kIcmpNetUnreachable = 0;
inline constexpr std::uint8_t kIcmpHostUnreachable = 1;
inline constexpr std::uint8_t kIcmpProtoUnreachable = 2;
inline constexpr std::uint8_t kIcmpPortUnreachable = 3;
inline constexpr std::uint8_t kIcmpFragNeeded = 4;

struct IcmpRepr {
  std::uint8_t type = kIcmpEchoRequest;
  std::uint8_t code = 0;
  // echo: identifier and sequence; dest-unreachable/frag-needed: next-hop MTU in `sequence`.
  std::uint16_t identifier = 0;
  std::uint16_t sequence = 0;
  bool is_error() const { return type == kIcmpDestUnreachable || type == kIcmpTimeExceeded; }
};

// Checks length >= 8 and the checksum over the whole message.
std::optional<IcmpRepr> parse_icmp(Bytes message);
// The data after the 8-byte header (echo payload, or the quoted packet of an error).
inline Bytes icmp_data(Bytes message) { return message.subspan(kIcmpHeaderLen); }
// Writes the 8-byte header at out[0..8) and computes the checksum over all of `out`,
// whose bytes from 8 on must already hold the data.
void emit_icmp(const IcmpRepr& repr, MutBytes out);

}  // namespace lvs::wire
