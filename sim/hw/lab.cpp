#include "sim/hw/lab.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <set>

#include "sim/hw/error.hpp"
#include "sim/hw/ipvs_netlink.hpp"
#include "sim/hw/lab_lock.hpp"
#include "sim/hw/names.hpp"
#include "sim/hw/netns.hpp"
#include "sim/hw/owner.hpp"
#include "sim/hw/procfs.hpp"
#include "sim/hw/qdisc.hpp"
#include "sim/hw/rtnl.hpp"

namespace lvs::hw {
namespace {

// An fd on a namespace, for IFLA_NET_NS_FD.
class NetnsFd {
 public:
  explicit NetnsFd(const std::string& name) : fd_(::open(netns_path(name).c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw_errno("network namespace " + name, errno);
  }
  ~NetnsFd() { ::close(fd_); }
  NetnsFd(const NetnsFd&) = delete;
  NetnsFd& operator=(const NetnsFd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

Lab::Lab(const ScenarioSpec& spec, std::string prefix, double speed, bool shape_links)
    : spec_(spec), prefix_(std::move(prefix)), speed_(speed), shape_links_(shape_links) {}

Lab::~Lab() {
  if (built_ && !released_) down();
}

std::string Lab::host_ns(const std::string& host) const { return host_netns(prefix_, host); }
std::string Lab::switch_ns() const { return switch_netns(prefix_); }

void Lab::check_names() const {
  std::set<std::string> seen{switch_ns()};
  for (const auto& h : spec_.hosts) {
    if (h.name.find('/') != std::string::npos || h.name == "." || h.name == "..")
      throw HwError("host name '" + h.name + "' cannot name a network namespace");
    if (!seen.insert(host_ns(h.name)).second)
      throw HwError("host name '" + h.name + "' collides with the lab's switch namespace " + switch_ns());
    for (const auto& i : h.interfaces)
      if (!valid_ifname(i.name))
        throw HwError("interface name '" + i.name + "' of " + h.name + " is not valid on Linux");
  }
  const auto existing = list_netns();
  for (const auto& n : existing)
    if (belongs_to(n, prefix_))
      throw HwUnavailable("network namespace " + n + " already exists: a lab with prefix " + prefix_ +
                          " is standing (remove it with `lvslab hw down`)");
}

void Lab::up() {
  const LabLock lock;
  check_names();
  const auto self = stamp_of(::getpid());
  if (!self) throw HwError("cannot read /proc/self/stat (is /proc mounted?)");
  write_owner(prefix_, *self);
  built_ = true;  // from here on, a failure tears down what exists
  try {
    build_switch();
    for (std::size_t i = 0; i < spec_.hosts.size(); ++i) build_host(i);
    for (const auto& h : spec_.hosts)
      if (h.runs_ipvs) apply_ipvs(h);
  } catch (...) {
    down();
    built_ = false;
    throw;
  }
}

void Lab::build_switch() {
  const std::string ns = switch_ns();
  create_netns(ns);
  made_.push_back("netns " + ns + " (segments)");
  run_in_netns(ns, [&] {
    reset_ipv4_conf_defaults();
    Rtnl rt;
    rt.set_up("lo", true);
    names_ = plan_switch_names(spec_, rt.link_names());
    for (std::size_t s = 0; s < spec_.segments.size(); ++s) {
      const std::string& br = names_.bridges[s];
      rt.add_bridge(br);
      rt.set_up(br, true);
      made_.push_back("  bridge " + br + " = segment " + spec_.segments[s].name);
    }
  });
}

void Lab::build_host(std::size_t index) {
  const HostSpec& h = spec_.hosts[index];
  const std::string ns = host_ns(h.name);
  create_netns(ns);
  made_.push_back("netns " + ns + " (host " + h.name + ", " + h.role + ")");
  struct Port {
    std::string name, bridge;
    LinkShape shape;  // towards the host
  };
  std::vector<Port> ports;
  const NetnsFd sw(switch_ns());
  run_in_netns(ns, [&] {
    reset_ipv4_conf_defaults();
    Rtnl rt;
    rt.set_up("lo", true);
    for (std::size_t i = 0; i < h.interfaces.size(); ++i) {
      const InterfaceSpec& ifc = h.interfaces[i];
      if (ifc.type == InterfaceType::kIpip) {
        // The ipip module makes the fallback device tunl0 in every namespace.
        if (!rt.ifindex(ifc.name))
          throw HwError(h.name + ": no device " + ifc.name + " (ipip makes only tunl0, in every namespace)");
        continue;
      }
      std::size_t seg = 0;
      while (seg < spec_.segments.size() && spec_.segments[seg].name != ifc.segment) ++seg;
      if (seg == spec_.segments.size()) throw HwError(h.name + " " + ifc.name + ": unknown segment " + ifc.segment);
      const std::string& port = names_.ports[index][i];
      rt.add_veth(ifc.name, ifc.mac, port, sw.get());
      // What the host sends is shaped on its device, what it receives on the bridge's port.
      const LinkShape out = scaled(shape_from_host(spec_.segments[seg]), speed_);
      if (shape_links_) rt.set_shape(ifc.name, out);
      ports.push_back(Port{port, names_.bridges[seg], scaled(shape_towards_host(spec_.segments[seg], h), speed_)});
      made_.push_back("  " + ifc.name + " " + ifc.mac.str() + " <-> " + port + " on bridge " + ports.back().bridge);
      if (shape_links_)
        made_.push_back("    sends: " + shape_text(out) + "; receives: " + shape_text(ports.back().shape));
    }
  });
  run_in_netns(switch_ns(), [&] {
    Rtnl rt;
    for (const auto& p : ports) {
      rt.set_master(p.name, p.bridge);
      if (shape_links_) rt.set_shape(p.name, p.shape);
      rt.set_up(p.name, true);
    }
  });
  run_in_netns(ns, [&] {
    Rtnl rt;
    for (const auto& s : h.sysctls) write_sysctl(s.key, s.value);
    // ARP off and the mtu as a transcript left them (`ip link set DEV arp off`, `mtu N`:
    // HostSpec read back, boot_config.hpp; 0 = the device's default). tunl0 is NOARP
    // already (ipip's fallback device) and keeps it.
    for (const auto& ifc : h.interfaces) {
      if (ifc.noarp && ifc.type == InterfaceType::kEthernet) rt.set_noarp(ifc.name, true);
      if (ifc.mtu != 0) rt.set_mtu(ifc.name, ifc.mtu);
    }
    // Up, unless a transcript left the device down (HostSpec read back, boot_config.hpp).
    for (const auto& ifc : h.interfaces) rt.set_up(ifc.name, ifc.up);
    if (!h.loopback_up) rt.set_up("lo", false);
    for (const auto& ifc : h.interfaces)
      for (const auto& a : ifc.addresses) rt.add_address(ifc.name, a.prefix, a.label, a.scope);
    for (const auto& a : h.loopback) rt.add_address("lo", a.prefix, a.label, a.scope);
    for (const auto& r : h.routes) rt.add_route(r.route);
  });
}

void Lab::apply_ipvs(const HostSpec& h) {
  run_in_netns(host_ns(h.name), [&] {
    IpvsNetlink ipvs;
    for (const auto& l : h.ipvsadm) {
      try {
        ipvs.apply(l.command);
      } catch (const HwError& e) {
        throw HwError(h.name + ": ipvsadm " + l.line + ": " + e.what());
      }
    }
  });
  made_.push_back("  " + h.name + ": " + std::to_string(h.ipvsadm.size()) + " ipvsadm rules over generic netlink");
}

void Lab::down() {
  remove_lab(prefix_);
  built_ = false;
}

std::vector<std::string> remove_lab(const std::string& prefix) {
  std::vector<std::string> removed;
  const std::string sw = switch_netns(prefix);
  bool has_switch = false;
  for (const auto& n : list_netns()) {
    if (!belongs_to(n, prefix)) continue;
    if (n == sw) {
      has_switch = true;
      continue;
    }
    if (delete_netns(n)) removed.push_back(n);
  }
  if (has_switch && delete_netns(sw)) removed.push_back(sw);
  remove_owner(prefix);
  return removed;
}

std::vector<std::string> standing_labs() {
  std::set<std::string> prefixes;
  for (const auto& n : list_netns())
    if (const std::string p = lab_prefix_of(n); !p.empty()) prefixes.insert(p);
  return {prefixes.begin(), prefixes.end()};
}

}  // namespace lvs::hw
