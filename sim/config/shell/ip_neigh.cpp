// `ip neigh show|flush|replace|add|del` (iproute2 6.1 ip/ipneigh.c) on the host's ARP cache.
#include <optional>

#include "sim/config/shell/ip.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

// `ip neigh show [[to] PREFIX] [dev DEV]`: ipneigh.c's do_show_or_flush() takes any other
// word as the address filter (get_prefix: an address alone is a /32).
CommandResult neigh_show(CommandContext& ctx, const IpArgs& args) {
  std::string dev;
  std::optional<Ipv4Prefix> to;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "dev" && i + 1 < args.size()) {
      dev = args[++i];
      continue;
    }
    std::string word = args[i];
    if (word == "to" && i + 1 < args.size()) word = args[++i];
    to = Ipv4Prefix::parse(word.find('/') == std::string::npos ? word + "/32" : word);
    if (!to) return fail("Error: any valid prefix is expected rather than \"" + word + "\".", 1);
  }
  const Host& host = ctx.machine.host();
  if (!dev.empty() && !ctx.machine.host().find_iface(dev)) return ip_cannot_find_device(dev);
  CommandResult r;
  for (const auto& e : host.neighbours().entries()) {
    if (e.state == NeighState::kNone) continue;
    const std::string& name = host.iface(e.dev).name;
    if (!dev.empty() && name != dev) continue;
    if (to && !to->contains(e.ip)) continue;
    // print_neigh(): "dev" only without a device filter; each field with a blank after it.
    std::string line = e.ip.str() + " ";
    if (dev.empty()) line += "dev " + name + " ";
    if (e.state != NeighState::kIncomplete && e.state != NeighState::kFailed) line += "lladdr " + e.mac.str() + " ";
    line += neigh_state_name(e.state);
    r.out += line + " \n";
  }
  return r;
}

CommandResult neigh_flush(CommandContext& ctx, const IpArgs& args) {
  std::string dev;
  for (std::size_t i = 1; i < args.size(); ++i)
    if (args[i] == "dev" && i + 1 < args.size()) dev = args[++i];
    else if (args[i] != "all") dev = args[i];
  Host& host = ctx.machine.host();
  if (dev.empty()) return fail("Flush requires arguments.", 1);
  Interface* d = host.find_iface(dev);
  if (!d) return ip_cannot_find_device(dev);
  host.neighbours().flush(d->index);
  return {};
}

// ip neigh add|replace IP lladdr MAC dev DEV [nud permanent]
CommandResult neigh_set(CommandContext& ctx, const IpArgs& args) {
  std::optional<Ipv4Addr> ip;
  std::optional<MacAddr> mac;
  std::string dev, nud = "permanent";
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& w = args[i];
    if (i + 1 < args.size() && (w == "lladdr" || w == "dev" || w == "nud")) {
      const std::string& v = args[++i];
      if (w == "lladdr") mac = MacAddr::parse(v);
      if (w == "lladdr" && !mac) return fail("\"" + v + "\" is invalid lladdr.", 255);
      if (w == "dev") dev = v;
      if (w == "nud") nud = v;
    } else if (!ip) {
      ip = Ipv4Addr::parse(w);
      if (!ip) return fail("Error: inet address is expected rather than \"" + w + "\".", 1);
    }
  }
  if (!ip || dev.empty()) return fail("Device and destination are required arguments.", 255);
  if (!mac || nud != "permanent")
    return not_understood(ctx, "ip neigh " + join_args(args) + " (only permanent entries with lladdr are modelled)");
  Host& host = ctx.machine.host();
  Interface* d = host.find_iface(dev);
  if (!d) return ip_cannot_find_device(dev);
  host.neighbours().set_permanent(d->index, *ip, *mac);
  return {};
}

// ip neigh del|delete IP dev DEV
CommandResult neigh_del(CommandContext& ctx, const IpArgs& args) {
  std::optional<Ipv4Addr> ip;
  std::string dev;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& w = args[i];
    if (w == "dev" && i + 1 < args.size()) {
      dev = args[++i];
    } else if (!ip) {
      ip = Ipv4Addr::parse(w);
      if (!ip) return fail("Error: inet address is expected rather than \"" + w + "\".", 1);
    }
  }
  if (!ip || dev.empty()) return fail("Device and destination are required arguments.", 255);
  Host& host = ctx.machine.host();
  Interface* d = host.find_iface(dev);
  if (!d) return ip_cannot_find_device(dev);
  if (!host.neighbours().remove(d->index, *ip)) return ip_kernel_error("RTNETLINK answers: No such file or directory");
  return {};
}

}  // namespace

CommandResult ip_neigh(CommandContext& ctx, const IpArgs& args, const IpOptions&) {
  if (args.empty()) return neigh_show(ctx, {"show"});
  const std::string& cmd = args[0];
  if (ip_matches(cmd, "show") || ip_matches(cmd, "list") || cmd == "lst") return neigh_show(ctx, args);
  if (ip_matches(cmd, "flush")) return neigh_flush(ctx, args);
  if (ip_matches(cmd, "add") || ip_matches(cmd, "replace")) return neigh_set(ctx, args);
  if (ip_matches(cmd, "delete")) return neigh_del(ctx, args);
  return ip_unknown_command(cmd, "neigh");
}

}  // namespace lvs::config::shell
