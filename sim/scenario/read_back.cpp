#include "sim/scenario/read_back.hpp"

#include <algorithm>

#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/net/host.hpp"
#include "sim/scenario/error.hpp"

namespace lvs {
namespace {

// The JSON's own address for (device, local address), or nullptr.
const AddressSpec* json_address(const std::vector<AddressSpec>& list, Ipv4Addr a) {
  for (const auto& x : list)
    if (x.prefix.addr == a) return &x;
  return nullptr;
}

std::vector<AddressSpec> addresses_of(const Interface& dev, const std::vector<AddressSpec>& given,
                                      const std::string& fallback_pointer) {
  std::vector<AddressSpec> out;
  for (const IfAddress& ifa : dev.addresses) {
    // The kernel gives lo 127.0.0.1/8 itself when the device comes up (every Host has it).
    if (dev.kind == IfKind::kLoopback && ifa.prefix == Ipv4Prefix{Ipv4Addr(127, 0, 0, 1), 8}) continue;
    AddressSpec a;
    a.prefix = ifa.prefix;
    a.label = ifa.label == dev.name ? "" : ifa.label;
    if (ifa.scope != Scope::kGlobal) a.scope = ifa.scope;
    a.role = ifa.role;
    const AddressSpec* j = json_address(given, ifa.local());
    a.pointer = j ? j->pointer : fallback_pointer;
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace

std::string pointer_of_origin(const HostSpec& spec, const config::Origin& origin) {
  if (spec.shell && origin.file == spec.shell->origin) return spec.shell->pointer_of_line(origin.line);
  if (spec.files.count(origin.file)) return spec.files_pointer + "/" + json_pointer_token(origin.file);
  return spec.pointer;
}

void read_back_addresses_and_routes(const Host& host, HostSpec& spec, const std::string& fallback_pointer,
                                    const std::map<std::string, std::string>& route_pointers) {
  for (const Interface& dev : host.interfaces()) {
    if (dev.kind == IfKind::kLoopback) {
      spec.loopback = addresses_of(dev, spec.loopback, fallback_pointer);
      spec.loopback_up = dev.up;
      continue;
    }
    auto ifc = std::find_if(spec.interfaces.begin(), spec.interfaces.end(),
                            [&](const InterfaceSpec& i) { return i.name == dev.name; });
    if (ifc == spec.interfaces.end()) {
      // A device the lines created: tunl0, which `modprobe ipip` registers (ipip_init_net).
      if (dev.kind != IfKind::kIpip) continue;
      InterfaceSpec tunl;
      tunl.name = dev.name;
      tunl.type = InterfaceType::kIpip;
      tunl.pointer = fallback_pointer;
      ifc = spec.interfaces.insert(spec.interfaces.end(), std::move(tunl));
    }
    ifc->addresses = addresses_of(dev, ifc->addresses, fallback_pointer);
    ifc->up = dev.up;
    ifc->noarp = dev.noarp;
    if (dev.kind == IfKind::kEthernet && (ifc->mac != dev.mac)) {  // ip link set DEV address MAC
      ifc->mac = dev.mac;
      ifc->mac_given = true;
    }
    ifc->mtu = dev.mtu;
  }
  std::vector<RouteEntry> routes;
  for (const RouteSpec& r : host.user_routes()) {
    std::string pointer = fallback_pointer;
    for (const RouteEntry& j : spec.routes)
      if (!j.net_tools && j.route.text == r.text) pointer = j.pointer;
    if (const auto it = route_pointers.find(r.text); it != route_pointers.end()) pointer = it->second;
    routes.push_back({r, pointer});
  }
  spec.routes = std::move(routes);
}

void read_back_sysctls(const Host& host, const std::vector<SysctlEntry>& json_sysctls,
                       const std::vector<config::Machine::SysctlWrite>& writes, HostSpec& spec) {
  // Replayed on a table with the host's devices: what the kernel accepted stays.
  Sysctls check;
  for (const Interface& dev : host.interfaces()) check.add_device(dev.name);
  std::vector<SysctlEntry> out;
  for (const SysctlEntry& e : json_sysctls)
    if (!check.set(e.key, e.value)) out.push_back(e);
  for (const auto& w : writes)
    if (!check.set(w.key, w.value)) out.push_back({w.key, w.value, pointer_of_origin(spec, w.origin)});
  spec.sysctls = std::move(out);
}

void read_back_ipvs(ipvs::Director* director, HostSpec& spec, const std::string& pointer) {
  spec.runs_ipvs = director != nullptr;
  spec.ipvsadm.clear();
  if (!director) return;
  const ipvs::Snapshot snap = director->tables().snapshot(director->host().now());
  std::vector<std::string> lines;
  const ipvs::Timeouts dflt;
  const ipvs::Timeouts& t = snap.timeouts;
  if (t.tcp != dflt.tcp || t.tcp_fin != dflt.tcp_fin || t.udp != dflt.udp)
    lines.push_back("--set " + std::to_string(t.tcp) + " " + std::to_string(t.tcp_fin) + " " + std::to_string(t.udp));
  const std::string saved = ipvs::ipvsadm::format_save(snap);
  for (std::size_t start = 0; start < saved.size();) {
    const std::size_t nl = std::min(saved.find('\n', start), saved.size());
    if (nl > start) lines.push_back(saved.substr(start, nl - start));
    start = nl + 1;
  }
  for (const std::string& line : lines) {
    auto parsed = ipvs::ipvsadm::parse_ipvsadm_line(line);
    // -Sn prints what ipvsadm parses back (ipvsadm-restore); anything else is a bug here.
    if (!parsed.ok()) throw ScenarioError("", pointer, "ipvsadm -Sn printed a line ipvsadm cannot read back: " + line);
    spec.ipvsadm.push_back({line, std::move(*parsed.command), pointer});
  }
}

}  // namespace lvs
