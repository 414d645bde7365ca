#include "sim/wire/addr.hpp"

#include <cstdio>

namespace lvs {

std::optional<Ipv4Addr> Ipv4Addr::parse(std::string_view text) {
  std::uint32_t value = 0;
  int octets = 0;
  std::size_t i = 0;
  while (octets < 4) {
    if (i >= text.size() || text[i] < '0' || text[i] > '9') return std::nullopt;
    std::uint32_t octet = 0;
    std::size_t digits = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      octet = octet * 10 + static_cast<std::uint32_t>(text[i] - '0');
      ++i;
      if (++digits > 3 || octet > 255) return std::nullopt;
    }
    value = (value << 8) | octet;
    ++octets;
    if (octets < 4) {
      if (i >= text.size() || text[i] != '.') return std::nullopt;
      ++i;
    }
  }
  if (i != text.size()) return std::nullopt;
  return Ipv4Addr(value);
}

std::string Ipv4Addr::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", value >> 24, (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff);
  return buf;
}

std::optional<int> netmask_to_prefix(Ipv4Addr mask) {
  const std::uint32_t m = mask.value;
  const std::uint32_t inv = ~m;
  if ((inv & (inv + 1)) != 0) return std::nullopt;  // ones must be contiguous from the top
  int len = 0;
  for (std::uint32_t v = m; v & 0x80000000u; v <<= 1) ++len;
  return len;
}

std::optional<Ipv4Prefix> Ipv4Prefix::parse(std::string_view text) {
  const auto slash = text.find('/');
  const auto addr = Ipv4Addr::parse(text.substr(0, slash));
  if (!addr) return std::nullopt;
  if (slash == std::string_view::npos) return Ipv4Prefix{*addr, 32};
  const std::string_view rest = text.substr(slash + 1);
  if (rest.find('.') != std::string_view::npos) {
    const auto mask = Ipv4Addr::parse(rest);
    if (!mask) return std::nullopt;
    const auto len = netmask_to_prefix(*mask);
    if (!len) return std::nullopt;
    return Ipv4Prefix{*addr, *len};
  }
  if (rest.empty() || rest.size() > 2) return std::nullopt;
  int len = 0;
  for (char c : rest) {
    if (c < '0' || c > '9') return std::nullopt;
    len = len * 10 + (c - '0');
  }
  if (len > 32) return std::nullopt;
  return Ipv4Prefix{*addr, len};
}

std::string Ipv4Prefix::str() const { return addr.str() + "/" + std::to_string(len); }

std::optional<MacAddr> MacAddr::parse(std::string_view text) {
  if (text.size() != 17) return std::nullopt;
  MacAddr mac;
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  for (int k = 0; k < 6; ++k) {
    const int hi = hex(text[k * 3]);
    const int lo = hex(text[k * 3 + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    if (k < 5 && text[k * 3 + 2] != ':') return std::nullopt;
    mac.bytes[k] = static_cast<std::uint8_t>(hi * 16 + lo);
  }
  return mac;
}

std::string MacAddr::str() const {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", bytes[0], bytes[1], bytes[2], bytes[3], bytes[4],
                bytes[5]);
  return buf;
}

}  // namespace lvs
