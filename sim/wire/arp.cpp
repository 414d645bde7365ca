#include "sim/wire/arp.hpp"

namespace lvs::wire {

namespace {
// RFC 826 / IANA: hardware type 1 = Ethernet; protocol type = the IPv4 EtherType.
constexpr std::uint16_t kHtypeEthernet = 1;
constexpr std::uint16_t kPtypeIpv4 = 0x0800;
}  // namespace

std::optional<ArpRepr> parse_arp(Bytes payload) {
  if (payload.size() < kArpLen) return std::nullopt;
  const std::uint8_t* p = payload.data();
  if (get16(p) != kHtypeEthernet || get16(p + 2) != kPtypeIpv4 || p[4] != 6 || p[5] != 4) return std::nullopt;
  ArpRepr repr;
  repr.op = get16(p + 6);
  if (repr.op != kArpRequest && repr.op != kArpReply) return std::nullopt;
  repr.sender_mac = get_mac(p + 8);
  repr.sender_ip = get_ip(p + 14);
  repr.target_mac = get_mac(p + 18);
  repr.target_ip = get_ip(p + 24);
  return repr;
}

void emit_arp(const ArpRepr& repr, MutBytes out) {
  std::uint8_t* p = out.data();
  put16(p, kHtypeEthernet);
  put16(p + 2, kPtypeIpv4);
  p[4] = 6;
  p[5] = 4;
  put16(p + 6, repr.op);
  put_mac(p + 8, repr.sender_mac);
  put_ip(p + 14, repr.sender_ip);
  put_mac(p + 18, repr.target_mac);
  put_ip(p + 24, repr.target_ip);
}

}  // namespace lvs::wire
