#include "sim/hw/names.hpp"

#include <cctype>

namespace lvs::hw {

std::string run_prefix(long pid) { return std::string(kNamePrefixRoot) + std::to_string(pid) + "-"; }

std::string lab_prefix_of(std::string_view name) {
  if (!name.starts_with(kNamePrefixRoot)) return "";
  std::size_t n = kNamePrefixRoot.size();
  while (n < name.size() && std::isdigit(static_cast<unsigned char>(name[n]))) ++n;
  if (n + 1 >= name.size() || name[n] != '-') return "";
  return std::string(name.substr(0, n + 1));
}

bool belongs_to(std::string_view name, std::string_view prefix) {
  return name.size() > prefix.size() && name.starts_with(prefix);
}

std::string host_netns(std::string_view prefix, std::string_view host) {
  return std::string(prefix) + std::string(host);
}
std::string switch_netns(std::string_view prefix) { return std::string(prefix) + "switch"; }

bool valid_ifname(std::string_view name) {
  // dev_valid_name() and dev_get_valid_name() (net/core/dev.c).
  if (name.empty() || name.size() > kIfNameMax || name == "." || name == "..") return false;
  for (char c : name)
    if (c == '/' || c == ':' || c == '%' || std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace lvs::hw
