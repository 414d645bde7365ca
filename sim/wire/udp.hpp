#pragma once
// UDP (RFC 768) with the pseudo-header checksum (a zero checksum on receive means none).
#include <cstdint>
#include <optional>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

inline constexpr std::size_t kUdpHeaderLen = 8;

struct UdpRepr {
  std::uint16_t src_port = 0;
  std::uint16_t dst_port = 0;
  std::uint16_t length = 0;  // header + payload; set by parse, computed by emit
};

// Validates length field (>= 8, <= buffer) and, when non-zero, the checksum.
std::optional<UdpRepr> parse_udp(Bytes datagram, Ipv4Addr src, Ipv4Addr dst);
// Same, with the checksum check optional (summaries describe corrupt datagrams too).
std::optional<UdpRepr> parse_udp(Bytes datagram, Ipv4Addr src, Ipv4Addr dst, bool verify_checksum);
inline Bytes udp_payload(Bytes datagram, const UdpRepr& repr) {
  return datagram.subspan(kUdpHeaderLen, repr.length - kUdpHeaderLen);
}
// `out` is the whole datagram (header + payload already in place from byte 8); writes
// the header with length = out.size() and the checksum (0 is sent as 0xffff).
void emit_udp(const UdpRepr& repr, Ipv4Addr src, Ipv4Addr dst, MutBytes out);

}  // namespace lvs::wire
