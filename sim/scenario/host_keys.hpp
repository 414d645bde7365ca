#pragma once
// A host's JSON keys put on a Host, as the world builder (build.cpp) and the load-time boot
// (boot_config.cpp) both do: one place for each, so both build the same host.
#include <optional>
#include <string>

#include "sim/scenario/spec.hpp"

namespace lvs {

class Host;
class Segment;

// The device of `ifc`: tunl0 (`modprobe ipip`), or an Ethernet device cabled to `segment`.
void add_spec_device(Host& host, const InterfaceSpec& ifc, Segment* segment);

// `ip addr add PREFIX dev DEV [label L] [scope S]` for one address of `dev` (with its path
// role); nullopt, or "cannot add PREFIX to LABEL: why" as the kernel refused it.
std::optional<std::string> add_spec_address(Host& host, const std::string& dev, const AddressSpec& a,
                                            const std::string& role);

}  // namespace lvs
