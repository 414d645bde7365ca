#include "sim/hw/names.hpp"

#include <cctype>

namespace lvs::hw {

std::string run_prefix(long pid) { return std::string(kNamePrefixRoot) + std::to_string(pid) + "-"; }

bool is_lvslab_netns(std::string_view name) {
  if (!name.starts_with(kNamePrefixRoot)) return false;
  name.remove_prefix(kNamePrefixRoot.size());
  while (!name.empty() && std::isdigit(static_cast<unsigned char>(name.front()))) name.remove_prefix(1);
  return name.size() > 1 && name.front() == '-';
}

bool belongs_to(std::string_view name, std::string_view prefix) {
  return name.size() > prefix.size() && name.starts_with(prefix);
}

std::string host_netns(std::string_view prefix, std::string_view host) { return std::string(prefix) + std::string(host); }
std::string switch_netns(std::string_view prefix) { return std::string(prefix) + "switch"; }

bool valid_ifname(std::string_view name) {
  // dev_valid_name() (net/core/dev.c).
  if (name.empty() || name.size() > kIfNameMax || name == "." || name == "..") return false;
  for (char c : name)
    if (c == '/' || c == ':' || std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

std::string bridge_name(std::string_view segment, std::size_t index) {
  if (valid_ifname(segment)) return std::string(segment);
  return "br" + std::to_string(index);
}

std::string port_name(std::string_view host, std::string_view iface, std::size_t host_index,
                      std::size_t iface_index) {
  std::string n = std::string(host) + "-" + std::string(iface);
  if (valid_ifname(n)) return n;
  return "p" + std::to_string(host_index) + "-" + std::to_string(iface_index);
}

}  // namespace lvs::hw
