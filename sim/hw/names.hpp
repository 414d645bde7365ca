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
inline constexpr std::size_t kIfNameMax = 15;              // IFNAMSIZ - 1
// Where lvslab keeps what its hw processes share: the lock (lab_lock.hpp) and the record
// of each lab's owner (owner.hpp).
inline constexpr const char* kStateDir = "/run/lvslab";

std::string run_prefix(long pid);  // "lvslab1234-"

// The lab prefix of a namespace any lvslab lab could have made ("lvslab42-rs1" ->
// "lvslab42-", "lvslab-rs1" -> "lvslab-"), "" for any other name.
std::string lab_prefix_of(std::string_view name);
// True when `name` belongs to the lab with this prefix.
bool belongs_to(std::string_view name, std::string_view prefix);

std::string host_netns(std::string_view prefix, std::string_view host);
std::string switch_netns(std::string_view prefix);

// A name Linux gives to a device as it is: 1..15 bytes, no '/', ':' or whitespace, not
// "." or ".." (dev_valid_name), and no '%' (dev_get_valid_name takes it as a "%d"
// template and makes "eth0" of "eth%d"). The bridges' and ports' names: switch_names.hpp.
bool valid_ifname(std::string_view name);

}  // namespace lvs::hw
