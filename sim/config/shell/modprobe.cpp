// kmod's `modprobe [-v] MODULE`: ip_vs and its schedulers (ip_vs_rr, ...) load IPVS;
// ipip creates the fallback tunnel device tunl0, down (net/ipv4/ipip.c). Loading a module
// that is loaded already does nothing.
#include "sim/config/shell/commands.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {

CommandResult cmd_modprobe(CommandContext& ctx, const std::vector<std::string>& argv) {
  CommandResult r;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& m = argv[i];
    if (m == "-v" || m == "-a") continue;
    if (m.starts_with("-")) return not_understood(ctx, "modprobe option " + m);
    if (m == "ip_vs" || m.starts_with("ip_vs_")) {
      if (!ctx.machine.load_ip_vs())
        return fail("modprobe: FATAL: Module " + m + " not found in directory /lib/modules/6.1.0-amd64", 1);
    } else if (m == "ipip") {
      // ipip_init_net() registers the fallback device down; `ifconfig tunl0 VIP up` raises it.
      Host& host = ctx.machine.host();
      if (!host.find_iface("tunl0")) host.set_link_up(host.add_ipip_tunnel("tunl0"), false);
    } else {
      return not_understood(ctx, "modprobe " + m + " (lvslab models ip_vs, its schedulers and ipip)");
    }
  }
  return r;
}

}  // namespace lvs::config::shell
