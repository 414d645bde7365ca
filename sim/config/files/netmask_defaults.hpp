#pragma once
// The netmask a boot tool assumes when a configuration gives none, and the text forms
// of prefix lengths the tools accept. The classful rules differ between the tools.
#include <optional>
#include <string>
#include <string_view>

#include "sim/wire/addr.hpp"

namespace lvs::config::files {

// initscripts' ipcalc, default_netmask() (CentOS 7, initscripts 9.49 src/ipcalc.c): first
// octet <= 127: 255.0.0.0, <= 191: 255.255.0.0, else 255.255.255.0 (classes D and E too).
int initscripts_classful_prefix(Ipv4Addr addr);

// ifupdown's compute_v4_mask() (Debian 12, ifupdown 0.8.41 archcommon.c): <= 127: /8,
// 128..191: /16, 192..223: /24, else /32.
int ifupdown_classful_prefix(Ipv4Addr addr);

// A prefix length as ipcalc's safe_atoi() and its range check accept it: decimal 0..32.
std::optional<int> parse_prefix_length(std::string_view text);

// "255.255.255.0" for 24.
std::string netmask_text(int prefix_len);

}  // namespace lvs::config::files
