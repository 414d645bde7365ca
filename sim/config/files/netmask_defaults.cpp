#include "sim/config/files/netmask_defaults.hpp"

namespace lvs::config::files {

int initscripts_classful_prefix(Ipv4Addr addr) {
  const std::uint32_t first = addr.value >> 24;
  if (first <= 127) return 8;
  if (first <= 191) return 16;
  return 24;
}

int ifupdown_classful_prefix(Ipv4Addr addr) {
  const std::uint32_t first = addr.value >> 24;
  if (first <= 127) return 8;
  if (first <= 191) return 16;
  if (first <= 223) return 24;
  return 32;
}

std::optional<int> parse_prefix_length(std::string_view text) {
  if (text.empty() || text.size() > 2) return std::nullopt;
  int len = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    len = len * 10 + (c - '0');
  }
  if (len > 32) return std::nullopt;
  return len;
}

std::string netmask_text(int prefix_len) { return Ipv4Addr(prefix_mask(prefix_len)).str(); }

}  // namespace lvs::config::files
