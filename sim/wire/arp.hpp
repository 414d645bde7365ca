#pragma once
// ARP for IPv4 over Ethernet (RFC 826): htype 1, ptype 0x0800, hlen 6, plen 4. 28 bytes.
#include <cstdint>
#include <optional>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

inline constexpr std::size_t kArpLen = 28;
inline constexpr std::uint16_t kArpRequest = 1;
inline constexpr std::uint16_t kArpReply = 2;

struct ArpRepr {
  std::uint16_t op = kArpRequest;
  MacAddr sender_mac;
  Ipv4Addr sender_ip;
  MacAddr target_mac;
  Ipv4Addr target_ip;
  friend bool operator==(const ArpRepr&, const ArpRepr&) = default;
};

// nullopt when short, or when htype/ptype/hlen/plen are not Ethernet/IPv4, or op is
// neither request nor reply.
std::optional<ArpRepr> parse_arp(Bytes payload);
// Writes 28 bytes. Precondition: out.size() >= 28.
void emit_arp(const ArpRepr& repr, MutBytes out);

}  // namespace lvs::wire
