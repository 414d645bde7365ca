// `ip link set DEV [up|down] [mtu N] [address MAC] [arp on|off]` and `ip link show [DEV]`
// (iproute2 6.1 ip/iplink.c; the kernel's checks in net/core/dev.c and rtnetlink.c).
#include <climits>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <utility>

#include "sim/config/shell/ip.hpp"
#include "sim/config/shell/link_view.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

// dev_validate_mtu(): ether_setup()'s bounds for Ethernet (veth: 68..65535), ip_tunnel's
// for tunl0 (68..65535 - 20), none above for lo (its max_mtu is 0).
std::pair<int, int> mtu_bounds(const Interface& dev) {
  switch (dev.kind) {
    case IfKind::kLoopback: return {0, INT32_MAX};
    case IfKind::kIpip: return {68, 65535 - 20};
    case IfKind::kEthernet: break;
  }
  return {68, 65535};
}

// The attributes of `ip link set`, applied in one RTM_NEWLINK as the kernel's
// do_setlink() does: address, then mtu, then the flags.
struct LinkChange {
  std::optional<MacAddr> mac;
  std::optional<long long> mtu;
  std::optional<bool> up, noarp;
};

CommandResult apply(Host& host, Interface& d, const LinkChange& c) {
  if (c.mac) {
    if (d.kind != IfKind::kEthernet) return fail("RTNETLINK answers: Operation not supported", 2);
    // eth_prepare_mac_addr_change(): a multicast or all-zero address is refused.
    if (c.mac->is_multicast() || *c.mac == MacAddr::zero())
      return fail("RTNETLINK answers: Cannot assign requested address", 2);
    host.set_mac(d.index, *c.mac);
  }
  if (c.mtu) {
    const auto [lo, hi] = mtu_bounds(d);
    if (*c.mtu < lo) return fail("Error: mtu less than device minimum.", 2);
    if (*c.mtu > hi) return fail("Error: mtu greater than device maximum.", 2);
    host.set_mtu(d.index, static_cast<int>(*c.mtu));
  }
  if (c.noarp) host.set_noarp(d.index, *c.noarp);
  if (c.up) host.set_link_up(d.index, *c.up);
  return {};
}

CommandResult link_set(CommandContext& ctx, const IpArgs& args) {
  std::string dev;
  LinkChange c;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& w = args[i];
    const bool has_value = i + 1 < args.size();
    if (w == "up") c.up = true;
    else if (w == "down") c.up = false;
    else if (w == "dev" && has_value) dev = args[++i];
    else if ((w == "mtu") && has_value) {
      const std::string& v = args[++i];
      char* end = nullptr;
      const long long n = std::strtoll(v.c_str(), &end, 0);
      // get_integer(): the whole word, within an int.
      if (v.empty() || *end != '\0' || n < INT32_MIN || n > INT32_MAX)
        return fail("Error: argument \"" + v + "\" is wrong: Invalid \"mtu\" value\n", 255);
      c.mtu = n;
    } else if ((w == "address" || w == "addr") && has_value) {
      const auto mac = MacAddr::parse(args[++i]);
      if (!mac) return fail("\"" + args[i] + "\" is invalid lladdr.", 255);
      c.mac = *mac;
    } else if (w == "arp" && has_value) {
      const std::string& v = args[++i];
      if (v != "on" && v != "off")
        return fail("Error: argument of \"arp\" must be \"on\" or \"off\", not \"" + v + "\"", 255);
      c.noarp = v == "off";
    } else if (dev.empty()) {
      dev = w;
    } else {
      return not_understood(ctx,
                            "ip link set " + join_args(args, 1) + " (up, down, mtu, address and arp are modelled)");
    }
  }
  if (dev.empty()) return fail("Not enough information: \"dev\" argument is required.", 255);
  Host& host = ctx.machine.host();
  Interface* d = host.find_device_for(dev);
  if (!d) return ip_cannot_find_device(dev);
  return apply(host, *d, c);
}

CommandResult link_show(CommandContext& ctx, const IpArgs& args, bool brief) {
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
    if (brief) {
      // `ip -br link`: the device, its state, its link-layer address, its flags.
      const std::string lladdr = d.kind == IfKind::kEthernet ? d.mac.str()
                                 : d.kind == IfKind::kIpip   ? "0.0.0.0"
                                                             : "00:00:00:00:00:00";
      r.out += ip_brief_head(d) + lladdr + " <" + ip_link_view(d).flags + "> \n";
      continue;
    }
    r.out += std::to_string(d.index + 1) + ": " + ip_link_line(d, true) + "\n" + ip_link_address_line(d) + "\n";
  }
  return r;
}

}  // namespace

CommandResult ip_link(CommandContext& ctx, const IpArgs& args, const IpOptions& o) {
  if (args.empty()) return link_show(ctx, {"show"}, o.brief);
  const std::string& cmd = args[0];
  if (ip_matches(cmd, "set")) return link_set(ctx, args);
  if (ip_matches(cmd, "show") || ip_matches(cmd, "list") || cmd == "lst") return link_show(ctx, args, o.brief);
  if (ip_matches(cmd, "add") || ip_matches(cmd, "delete"))
    return not_understood(ctx, "ip link " + join_args(args) + " (devices come from the scenario's topology)");
  return ip_unknown_command(cmd, "link");
}

}  // namespace lvs::config::shell
