// `ip link set DEV up|down` and `ip link show [DEV]` (iproute2 6.1 ip/iplink.c).
#include "sim/config/shell/ip.hpp"
#include "sim/config/shell/link_view.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

CommandResult link_set(CommandContext& ctx, const IpArgs& args) {
  std::string dev;
  std::optional<bool> up;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& w = args[i];
    if (w == "up") up = true;
    else if (w == "down") up = false;
    else if (w == "dev" && i + 1 < args.size()) dev = args[++i];
    else if (dev.empty()) dev = w;
    else return not_understood(ctx, "ip link set " + join_args(args, 1) + " (only up and down are modelled)");
  }
  if (dev.empty()) return fail("Not enough information: \"dev\" argument is required.", 255);
  Host& host = ctx.machine.host();
  Interface* d = host.find_device_for(dev);
  if (!d) return ip_cannot_find_device(dev);
  if (up) host.set_link_up(d->index, *up);
  return {};
}

CommandResult link_show(CommandContext& ctx, const IpArgs& args) {
  std::string dev;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "dev" && i + 1 < args.size()) dev = args[++i];
    else if (args[i] != "up") dev = args[i];
  }
  const Host& host = ctx.machine.host();
  if (!dev.empty() && !ctx.machine.host().find_iface(dev)) return fail("Device \"" + dev + "\" does not exist.", 1);
  CommandResult r;
  for (const auto& d : host.interfaces()) {
    if (!dev.empty() && d.name != dev) continue;
    r.out += std::to_string(d.index + 1) + ": " + ip_link_line(d, true) + "\n" + ip_link_address_line(d) + "\n";
  }
  return r;
}

}  // namespace

CommandResult ip_link(CommandContext& ctx, const IpArgs& args, const IpOptions&) {
  if (args.empty()) return link_show(ctx, {"show"});
  const std::string& cmd = args[0];
  if (ip_matches(cmd, "set")) return link_set(ctx, args);
  if (ip_matches(cmd, "show") || ip_matches(cmd, "list") || cmd == "lst") return link_show(ctx, args);
  if (ip_matches(cmd, "add") || ip_matches(cmd, "delete"))
    return not_understood(ctx, "ip link " + join_args(args) + " (devices come from the scenario's topology)");
  return ip_unknown_command(cmd, "link");
}

}  // namespace lvs::config::shell
