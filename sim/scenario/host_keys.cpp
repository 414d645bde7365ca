#include "sim/scenario/host_keys.hpp"

#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"

namespace lvs {

void add_spec_device(Host& host, const InterfaceSpec& ifc, Segment* segment) {
  if (ifc.type == InterfaceType::kIpip) {
    host.add_ipip_tunnel(ifc.name);
    return;
  }
  const IfIndex index = host.add_ethernet(ifc.name, ifc.mac);
  segment->attach(host, host.iface(index), segment->defaults());
  if (ifc.mtu > 0) host.set_mtu(index, ifc.mtu);
  if (ifc.noarp) host.set_noarp(index, true);
}

std::optional<std::string> add_spec_address(Host& host, const std::string& dev, const AddressSpec& a,
                                            const std::string& role) {
  const std::string& label = a.label.empty() ? dev : a.label;
  if (auto err = host.add_address(label, a.prefix, a.scope, role))
    return "cannot add " + a.prefix.str() + " to " + label + ": " + *err;
  return std::nullopt;
}

}  // namespace lvs
