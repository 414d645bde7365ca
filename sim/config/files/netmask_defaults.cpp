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
  if (text.find('.') != std::string_view::npos) return std::nullopt;  // a netmask, not a length
  const auto prefix = Ipv4Prefix::parse("0.0.0.0/" + std::string(text));
  if (!prefix) return std::nullopt;
  return prefix->len;
}

std::string netmask_text(int prefix_len) { return Ipv4Addr(prefix_mask(prefix_len)).str(); }

}  // namespace lvs::config::files
