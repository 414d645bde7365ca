#pragma once
// How a scenario's hosts and segments are named on a real kernel. Every object a lab
// creates lives in a network namespace whose name starts with the lab's prefix:
//   <prefix><host>     one namespace per host (its interfaces keep the scenario's names)
//   <prefix>switch     the segments: one bridge per segment, one veth port per interface
// so removing the namespaces removes everything, and the host's own namespace is never
// touched. Prefixes: "lvslab-" for `lvslab hw up` (stable, for students to type),
// "lvslab<pid>-" for `hw run` / `hw compare` (unique per run).
#include <string>
#include <string_view>
#include <vector>

namespace lvs::hw {

inline constexpr std::string_view kNamePrefixRoot = "lvslab";
inline constexpr std::string_view kLabPrefix = "lvslab-";  // hw up / hw down
inline constexpr std::size_t kIfNameMax = 15;               // IFNAMSIZ - 1

std::string run_prefix(long pid);  // "lvslab1234-"

// True for a namespace name any lvslab lab could have made ("lvslab-x", "lvslab42-x").
bool is_lvslab_netns(std::string_view name);
// True when `name` belongs to the lab with this prefix.
bool belongs_to(std::string_view name, std::string_view prefix);

std::string host_netns(std::string_view prefix, std::string_view host);
std::string switch_netns(std::string_view prefix);

// Name of a segment's bridge in the switch namespace: the segment name when it is a
// valid interface name, else "br<index>".
std::string bridge_name(std::string_view segment, std::size_t index);
// Name of the switch-side veth of a host interface: "<host>-<if>" when that fits in
// 15 characters, else "p<host index>-<if index>".
std::string port_name(std::string_view host, std::string_view iface, std::size_t host_index,
                      std::size_t iface_index);

// A valid Linux interface name: 1..15 characters, no '/', ':' or whitespace, not "." or "..".
bool valid_ifname(std::string_view name);

}  // namespace lvs::hw
