#pragma once
// Big-endian field access on byte spans. Callers check lengths before reading; these
// helpers do not (they are the checked parsers' building blocks).
#include <cstdint>
#include <span>

#include "sim/wire/addr.hpp"

namespace lvs::wire {

using Bytes = std::span<const std::uint8_t>;
using MutBytes = std::span<std::uint8_t>;

inline std::uint16_t get16(const std::uint8_t* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }
inline std::uint32_t get32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
inline void put16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 8);
  p[1] = static_cast<std::uint8_t>(v);
}
inline void put32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}
inline Ipv4Addr get_ip(const std::uint8_t* p) { return Ipv4Addr(get32(p)); }
inline void put_ip(std::uint8_t* p, Ipv4Addr a) { put32(p, a.value); }
inline MacAddr get_mac(const std::uint8_t* p) {
  MacAddr m;
  for (int i = 0; i < 6; ++i) m.bytes[i] = p[i];
  return m;
}
inline void put_mac(std::uint8_t* p, const MacAddr& m) {
  for (int i = 0; i < 6; ++i) p[i] = m.bytes[i];
}

}  // namespace lvs::wire
