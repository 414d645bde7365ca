#pragma once
// Ethernet II header (IEEE 802.3 with an EtherType): dst MAC, src MAC, type. 14 bytes.
// No FCS: captures (pcap) and the simulator both work on frames without it.
#include <cstdint>
#include <optional>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

inline constexpr std::size_t kEthHeaderLen = 14;
inline constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
inline constexpr std::uint16_t kEtherTypeArp = 0x0806;

struct EthernetRepr {
  MacAddr dst;
  MacAddr src;
  std::uint16_t ethertype = kEtherTypeIpv4;
  friend bool operator==(const EthernetRepr&, const EthernetRepr&) = default;
};

// nullopt when the buffer is shorter than the header.
std::optional<EthernetRepr> parse_ethernet(Bytes frame);
// Writes the 14-byte header at out[0..14). Precondition: out.size() >= 14.
void emit_ethernet(const EthernetRepr& repr, MutBytes out);
// The bytes after the header. Precondition: frame parsed.
inline Bytes ethernet_payload(Bytes frame) { return frame.subspan(kEthHeaderLen); }

}  // namespace lvs::wire
