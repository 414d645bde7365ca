#pragma once
// How the tools describe a device's link: iproute2's "<BROADCAST,MULTICAST,UP,LOWER_UP>"
// line and qdisc, net-tools' flags=4163<UP,BROADCAST,RUNNING,MULTICAST>, and the IPv6
// addresses a Linux device has without any configuration (::1 on lo, the EUI-64
// link-local fe80:: address on an Ethernet device that is up; addr_gen_mode 0).
#include <optional>
#include <string>

#include "sim/net/interface.hpp"

namespace lvs::config::shell {

// iproute2 `ip link` / `ip addr` first line, without the index ("lo: <LOOPBACK,UP,LOWER_UP>
// mtu 65536 qdisc noqueue state UNKNOWN"); `link_cmd` adds "mode DEFAULT" as `ip link` does.
std::string ip_link_line(const Interface& dev, bool link_cmd);
// The name ("tunl0@NONE"), flags ("BROADCAST,MULTICAST,UP,LOWER_UP") and operational
// state ("UP", "DOWN", "UNKNOWN") iproute2 prints for a device.
struct LinkView {
  std::string name, flags, state;
};
LinkView ip_link_view(const Interface& dev);
// `ip -br`: the name padded to 16 and the state to 14, each followed by a blank
// (print_name_and_link("%-16s "), print_operstate("%-14s ")).
std::string ip_brief_head(const Interface& dev);
// "    link/ether 02:00:00:00:02:11 brd ff:ff:ff:ff:ff:ff".
std::string ip_link_address_line(const Interface& dev);

// The device's automatic IPv6 address and prefix length, if it has one now.
struct Ipv6Auto {
  std::string addr;  // "fe80::ff:fe00:211", "::1"
  int prefix_len = 64;
  std::string scope;      // "link" / "host"
  unsigned scope_id = 0;  // ifconfig's scopeid: 0x20 link, 0x10 host
};
std::optional<Ipv6Auto> ipv6_auto_address(const Interface& dev);

// ifconfig's flags word and names: 4163<UP,BROADCAST,RUNNING,MULTICAST>.
std::string ifconfig_flags(const Interface& dev);

}  // namespace lvs::config::shell
