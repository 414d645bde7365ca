#pragma once
// IPv4 and MAC addresses as small values, with parsing and the usual text forms.
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lvs {

// An IPv4 address in host byte order (so comparisons and masks are plain integer ops).
struct Ipv4Addr {
  std::uint32_t value = 0;

  constexpr Ipv4Addr() = default;
  constexpr explicit Ipv4Addr(std::uint32_t v) : value(v) {}
  constexpr Ipv4Addr(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d)
      : value((std::uint32_t{a} << 24) | (std::uint32_t{b} << 16) | (std::uint32_t{c} << 8) | d) {}

  static std::optional<Ipv4Addr> parse(std::string_view text);  // dotted quad only
  std::string str() const;

  constexpr bool is_unspecified() const { return value == 0; }
  constexpr bool is_broadcast() const { return value == 0xffffffffu; }
  constexpr bool is_loopback() const { return (value >> 24) == 127; }
  constexpr bool is_multicast() const { return (value >> 28) == 0xe; }

  friend constexpr auto operator<=>(Ipv4Addr, Ipv4Addr) = default;
};

constexpr std::uint32_t prefix_mask(int prefix_len) {
  return prefix_len <= 0 ? 0u : (prefix_len >= 32 ? 0xffffffffu : ~((1u << (32 - prefix_len)) - 1));
}

// An address with a prefix length: "192.168.10.1/24". Used both for interface
// addresses (host bits kept) and for route destinations (network()).
struct Ipv4Prefix {
  Ipv4Addr addr;
  int len = 32;

  // "a.b.c.d/nn", "a.b.c.d/m.m.m.m" (contiguous netmask) or "a.b.c.d" (= /32).
  static std::optional<Ipv4Prefix> parse(std::string_view text);
  std::string str() const;  // "a.b.c.d/nn"

  constexpr std::uint32_t mask() const { return prefix_mask(len); }
  constexpr Ipv4Addr network() const { return Ipv4Addr(addr.value & mask()); }
  constexpr Ipv4Addr broadcast() const { return Ipv4Addr(addr.value | ~mask()); }
  constexpr bool contains(Ipv4Addr a) const { return (a.value & mask()) == (addr.value & mask()); }

  friend constexpr bool operator==(const Ipv4Prefix&, const Ipv4Prefix&) = default;
};

// Dotted netmask -> prefix length; nullopt when the mask is not contiguous.
std::optional<int> netmask_to_prefix(Ipv4Addr mask);

struct MacAddr {
  std::array<std::uint8_t, 6> bytes{};

  static constexpr MacAddr broadcast() { return MacAddr{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}; }
  static constexpr MacAddr zero() { return MacAddr{}; }
  static std::optional<MacAddr> parse(std::string_view text);  // "02:00:00:00:02:11"
  std::string str() const;

  constexpr bool is_broadcast() const { return *this == broadcast(); }
  constexpr bool is_multicast() const { return (bytes[0] & 1) != 0; }
  constexpr bool is_zero() const { return *this == zero(); }
  std::uint64_t as_u64() const {
    std::uint64_t v = 0;
    for (auto b : bytes) v = (v << 8) | b;
    return v;
  }

  friend constexpr bool operator==(const MacAddr&, const MacAddr&) = default;
  friend constexpr auto operator<=>(const MacAddr&, const MacAddr&) = default;
};

}  // namespace lvs
