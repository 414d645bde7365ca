#pragma once
// The device names in a lab's switch namespace (names.hpp): one bridge per segment, one
// veth port per Ethernet interface of a host. They all share the namespace's one set of
// device names, together with the devices it was born with (lo, and the fallback
// tunnels of loaded modules such as tunl0), and Linux takes at most 15 bytes
// (IFNAMSIZ - 1). Two segments must never end up on one bridge: with a shared name the
// second "ip link add NAME type bridge" met the first bridge and the segments silently
// became one. So the names are planned together and are unique by construction:
//   1. a segment's own name, and "<host>-<interface>" for a port, when that is a valid
//      interface name nobody took before (segments first, in the scenario's order);
//   2. otherwise the name shortened in the middle, "datacenter-lan-1" -> "datacen~r-lan-1",
//      which keeps the start and the end that tell similar names apart;
//   3. and if that is taken too, "~2", "~3", ... at its end.
// Derived rather than refused: the scenario is valid and the simulator runs it, and the
// names live only in the switch namespace; `hw up` prints which bridge is which segment.
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/spec.hpp"

namespace lvs::hw {

struct SwitchNames {
  std::vector<std::string> bridges;             // per segment
  std::vector<std::vector<std::string>> ports;  // per host, per interface ("" = no port: not Ethernet)
};

// `existing`: the devices already in the switch namespace.
SwitchNames plan_switch_names(const ScenarioSpec& spec, const std::vector<std::string>& existing);

// Step 2 alone: characters Linux refuses in a device name ('/', ':', whitespace, and
// '%', which the kernel would take as a "%d" template) become '_', and a name longer than
// 15 bytes keeps its first 7 and last 7 with '~' between (never cutting a UTF-8 character).
std::string shorten_ifname(std::string_view name);

}  // namespace lvs::hw
