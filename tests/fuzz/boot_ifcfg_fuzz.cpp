// Fuzz target: CentOS 7 initscripts at boot (sim/config/files/initscripts.cpp, ifup_*.cpp,
// shell_vars.cpp): the input's NUL-separated parts are /etc/sysconfig/network, ifcfg-eth0,
// ifcfg-eth0:0, ifcfg-lo:0, route-eth0, ifcfg-eth1 and
// /etc/sysconfig/static-routes.
//
// Invariants beyond boot_plan_check.hpp's: every command is an `ip` command run by an
// ifup script, or a static route (`route add -...`, run by the network service); each
// `ip addr add` has a label and a prefix length; lo's commands come first; ifup-eth never adds an
// address a device already has.
#include <set>

#include "tests/fuzz/boot_plan_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 8192) return -1;
  const std::string dir = "/etc/sysconfig/network-scripts/";
  const auto files =
      fuzz::files_from(fuzz::as_text(data, size),
                       {"/etc/sysconfig/network", dir + "ifcfg-eth0", dir + "ifcfg-eth0:0", dir + "ifcfg-lo:0",
                        dir + "route-eth0", dir + "ifcfg-eth1", "/etc/sysconfig/static-routes"});
  const auto plan = fuzz::checked_plan(files, {"lo", "eth0", "eth1"}, {}, {dir + "ifcfg-lo"});
  if (plan.steps.empty()) return 0;
  // lo's ifup runs first (its MACADDR=/MTU= may come from /etc/sysconfig/network, whose
  // TYPE= may also stop it).
  bool lo_steps = false;
  for (const auto& step : plan.steps) lo_steps = lo_steps || step.command.find(" dev lo") != std::string::npos;
  FUZZ_CHECK(!lo_steps || plan.steps[0].command.find(" dev lo") != std::string::npos, "lo is not brought up first");
  std::set<std::string> added;
  for (const auto& step : plan.steps) {
    const bool ifup = step.command.starts_with("ip ") && step.by.starts_with("ifup-");
    const bool static_route = step.command.starts_with("route add -") && step.by == "network";
    FUZZ_CHECK(ifup || static_route, step.command);
    if (!step.command.starts_with("ip addr add ")) continue;
    FUZZ_CHECK(step.command.find(" label ") != std::string::npos, "ip addr add without a label: " + step.command);
    const std::string cidr = step.command.substr(12, step.command.find(' ', 12) - 12);
    FUZZ_CHECK(cidr.find('/') != std::string::npos, "an address without its prefix length: " + step.command);
    const auto dev = step.command.find(" dev ");
    const std::string key = cidr + step.command.substr(dev, step.command.find(' ', dev + 5) - dev);
    // ifup-eth adds an address only when the device lacks it; ifup-aliases does not check
    // its parent's addresses (the kernel then says "File exists").
    FUZZ_CHECK(added.insert(key).second || step.by != "ifup-eth", "an address added twice: " + step.command);
  }
  return 0;
}
