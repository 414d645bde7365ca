#pragma once
// What hardware mode needs from the machine, checked before anything is created:
// root (namespaces, veth, bridges, IPVS), the kernel's IPVS (ip_vs) when the scenario
// has a director, ipip when it tunnels (an ipip device, or a destination -i), and the
// netem and tbf qdiscs that shape every link.
// A missing module is loaded with modprobe first, as ipvsadm does for ip_vs.
#include <string>

#include "sim/scenario/spec.hpp"

namespace lvs::hw {

struct Needs {
  bool ipvs = false;
  bool ipip = false;
};
Needs needs_of(const ScenarioSpec& spec);

// What the checks decided beyond "go".
struct Preflight {
  // Links shaped with qdiscs (qdisc.hpp). False only when the kernel cannot and the
  // scenario asks for nothing but the default links: `warning` then says so.
  bool shape_links = true;
  std::string warning;
};

// Throws HwUnavailable with one clear message (what is missing, how to get it).
Preflight preflight(const ScenarioSpec& spec);
// Only the root check (hw down).
void require_root();

// `uname -r`.
std::string kernel_release();

}  // namespace lvs::hw
