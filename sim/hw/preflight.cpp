#include "sim/hw/preflight.hpp"

#include <spawn.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sim/hw/error.hpp"
#include "sim/hw/ipvs_netlink.hpp"
#include "sim/hw/qdisc.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"

extern char** environ;

namespace lvs::hw {
namespace {

// `modprobe -q NAME`; false when modprobe is missing or fails.
bool modprobe(const char* name) {
  pid_t pid = 0;
  char arg0[] = "modprobe", arg1[] = "-q";
  std::string mod = name;
  char* argv[] = {arg0, arg1, mod.data(), nullptr};
  if (posix_spawnp(&pid, "modprobe", nullptr, nullptr, argv, environ) != 0) return false;
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool module_present(const char* name) {
  struct stat st {};
  return ::stat((std::string("/sys/module/") + name).c_str(), &st) == 0;
}

// A command that gives a real server the -i (IPIP tunnel) forwarding method.
bool tunnels(const ipvs::ipvsadm::IpvsadmCommand& c) { return c.has_dest && c.dest.method == ipvs::FwdMethod::kTunnel; }

std::string vm_hint() {
  return "Or run hardware mode inside a VM with Debian's kernel: see docs/hardware-mode.md "
         "(tests/kernel/run-kernel-test.sh boots Linux 6.1 under qemu).";
}

}  // namespace

std::string kernel_release() {
  utsname u{};
  if (::uname(&u) != 0) return "?";
  return u.release;
}

Needs needs_of(const ScenarioSpec& spec) {
  Needs n;
  for (const auto& h : spec.hosts) {
    n.ipvs = n.ipvs || h.runs_ipvs;
    for (const auto& i : h.interfaces) n.ipip = n.ipip || i.type == InterfaceType::kIpip;
    for (const auto& l : h.ipvsadm) n.ipip = n.ipip || tunnels(l.command);
  }
  for (const auto& a : spec.actions)
    if (a.kind == ActionSpec::Kind::kIpvsadm) {
      n.ipvs = true;
      n.ipip = n.ipip || tunnels(a.ipvsadm.command);
    }
  return n;
}

void require_root() {
  if (::geteuid() != 0)
    throw HwUnavailable(
        "hardware mode needs root: it creates network namespaces, veth pairs, bridges and IPVS rules. "
        "Run it as root (e.g. `sudo lvslab hw ...`).");
}

Preflight preflight(const ScenarioSpec& spec) {
  require_root();
  const Needs n = needs_of(spec);
  if (n.ipvs && !ipvs_family_present()) {
    modprobe("ip_vs");
    if (!ipvs_family_present())
      throw HwUnavailable("this kernel (" + kernel_release() +
                          ") has no IP Virtual Server: the generic-netlink family \"IPVS\" is not registered and "
                          "`modprobe ip_vs` did not load it. Install a kernel with CONFIG_IP_VS (Debian's "
                          "linux-image-amd64 ships ip_vs.ko) and run `modprobe ip_vs`. " +
                          vm_hint());
  }
  // Every link is shaped with netem and tbf (qdisc.hpp). A kernel without them can still
  // run a scenario whose links are the defaults (a veth is near that ideal link), with a
  // warning; one that asks for more is refused.
  Preflight out;
  modprobe("sch_netem");
  modprobe("sch_tbf");
  if (const std::string why = shaping_unavailable(); !why.empty()) {
    if (needs_shaping(spec))
      throw HwUnavailable("this kernel (" + kernel_release() + ") cannot shape links with the netem and tbf qdiscs (" +
                          why +
                          "), and this scenario's links have a delay, bandwidth or queue of their own or a host has "
                          "an rx_delay. Install a kernel with CONFIG_NET_SCH_NETEM and CONFIG_NET_SCH_TBF (Debian's "
                          "linux-image-amd64 ships both) and run `modprobe sch_netem sch_tbf`. " +
                          vm_hint());
    out.shape_links = false;
    out.warning = "this kernel cannot shape links (" + why +
                  "): the default links (1 Gbit/s, 5 us, 1000 frames) are plain veth pairs";
  }
  if (n.ipip && !module_present("ipip")) {
    modprobe("ipip");
    if (!module_present("ipip"))
      throw HwUnavailable("this kernel (" + kernel_release() +
                          ") has no IPIP tunnel (needed by this LVS-TUN scenario): `modprobe ipip` did not load it. "
                          "Install a kernel with CONFIG_NET_IPIP (Debian's linux-image-amd64 ships ipip.ko) and run "
                          "`modprobe ipip`. " +
                          vm_hint());
  }
  return out;
}

}  // namespace lvs::hw
