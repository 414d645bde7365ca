// net-tools 2.10 `route`: the table (`route`, `route -n`, from /proc/net/route) and
// `route add|del [-net|-host] TARGET [netmask M] [gw G] [metric N] [[dev] IF]` through
// SIOCADDRT/SIOCDELRT. The kernel's side (net/ipv4/fib_frontend.c fib_convert_rtentry):
//  * the add is not exclusive: only an identical route is "File exists";
//  * a device name with a colon ("lo:0") is the device before it, and the route's
//    preferred source becomes the address labelled so (no such label: No such device);
//  * routes without a gateway are scope link, with one scope global.
// Failures print "SIOCADDRT: <strerror>" and exit 7 (as route 2.10 does).
#include <algorithm>
#include <cstdio>

#include "sim/config/shell/commands.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

constexpr int kIoctlFailed = 7;

struct RouteArgs {
  bool del = false;
  bool net = false, host = false;  // -net / -host
  std::string target;
  std::optional<Ipv4Addr> netmask, gateway;
  std::uint32_t metric = 0;
  std::string dev;
  bool reject = false;
};

std::string usage_hint() { return "Usage: route [-nNvee] [-FC] [<AF>]           List kernel routing tables"; }

// The kernel's answers as strerror() words.
std::string errno_text(const std::string& host_error) {
  if (host_error.find("File exists") != std::string::npos) return "File exists";
  if (host_error.find("No such process") != std::string::npos) return "No such process";
  if (host_error.find("Cannot find device") != std::string::npos) return "No such device";
  if (host_error.find("invalid gateway") != std::string::npos) return "Network is unreachable";
  if (host_error.find("not up") != std::string::npos || host_error.find("Network is down") != std::string::npos)
    return "Network is down";
  return "Invalid argument";
}

std::optional<CommandResult> parse_args(const std::vector<std::string>& argv, std::size_t i, RouteArgs& a) {
  for (; i < argv.size(); ++i) {
    const std::string& w = argv[i];
    const bool has_value = i + 1 < argv.size();
    if (w == "-net") a.net = true;
    else if (w == "-host") a.host = true;
    else if (w == "netmask" && has_value) {
      a.netmask = Ipv4Addr::parse(argv[++i]);
      if (!a.netmask) return fail("route: bogus netmask " + argv[i], 4);
    } else if ((w == "gw" || w == "gateway") && has_value) {
      a.gateway = Ipv4Addr::parse(argv[++i]);
      if (!a.gateway) return fail(argv[i] + ": Unknown host", 4);
    } else if (w == "metric" && has_value) {
      a.metric = static_cast<std::uint32_t>(std::strtoul(argv[++i].c_str(), nullptr, 10));
    } else if (w == "dev" && has_value) {
      a.dev = argv[++i];
    } else if (w == "reject") {
      a.reject = true;
    } else if (a.target.empty()) {
      a.target = w;
    } else if (a.dev.empty() && i + 1 == argv.size()) {
      a.dev = w;  // the last word may name the device without `dev`
    } else {
      return fail(usage_hint(), 4);
    }
  }
  if (a.target.empty()) return fail(usage_hint(), 4);
  return std::nullopt;
}

// net-tools inet_setroute(): the target is a host route unless it is "default", given
// with -net, or written with /prefix; a host route's mask is /32. A mask that is given is
// checked (E_OPTERR, exit 3); a -net target without one goes to the kernel with mask
// 0.0.0.0, which it refuses for anything but 0.0.0.0 (fib_convert_rtentry bad_mask: EINVAL).
std::optional<CommandResult> destination(const RouteArgs& a, Ipv4Prefix& dst) {
  constexpr int kOptErr = 3;
  if (a.target == "default") {
    dst = Ipv4Prefix{Ipv4Addr(), 0};
    return std::nullopt;
  }
  const auto p = Ipv4Prefix::parse(a.target);
  if (!p) return fail(a.target + ": Unknown host", 6);
  const bool has_prefix = a.target.find('/') != std::string::npos;
  const bool is_net = !a.host && (a.net || has_prefix);
  std::optional<std::uint32_t> mask;
  if (a.netmask) mask = a.netmask->value;
  else if (has_prefix) mask = p->mask();
  if (mask && *mask != 0) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "%.8x", ~*mask);
    if (!is_net && *mask != 0xffffffffu)
      return fail(std::string("route: netmask ") + hex + " doesn't make sense with host route", kOptErr);
    if (!netmask_to_prefix(Ipv4Addr(*mask))) return fail("route: bogus netmask " + a.netmask->str(), kOptErr);
    if (p->addr.value & ~*mask) return fail("route: netmask doesn't match route address", kOptErr);
  }
  dst.addr = p->addr;
  if (!is_net) dst.len = 32;
  else if (!mask) {
    if (!p->addr.is_unspecified())
      return fail(std::string(a.del ? "SIOCDELRT" : "SIOCADDRT") + ": Invalid argument", kIoctlFailed);
    dst.len = 0;
  } else {
    dst.len = static_cast<std::uint8_t>(*netmask_to_prefix(Ipv4Addr(*mask)));
  }
  return std::nullopt;
}

CommandResult add_or_del(CommandContext& ctx, RouteArgs& a) {
  const char* ioctl = a.del ? "SIOCDELRT" : "SIOCADDRT";
  RouteSpec spec;
  if (auto err = destination(a, spec.dst)) return *err;
  if (a.reject) spec.type = RouteType::kUnreachable;
  spec.gateway = a.gateway;
  spec.metric = a.metric;
  Host& host = ctx.machine.host();
  if (!a.dev.empty()) {
    const std::string base = a.dev.substr(0, a.dev.find(':'));
    Interface* dev = host.find_iface(base);
    if (!dev) return fail(std::string(ioctl) + ": No such device", kIoctlFailed);
    if (a.dev != base && !a.del) {
      const IfAddress* labelled = nullptr;
      for (const auto& ifa : dev->addresses)
        if (ifa.label == a.dev) {
          labelled = &ifa;
          break;
        }
      if (!labelled) return fail(std::string(ioctl) + ": No such device", kIoctlFailed);
      spec.src = labelled->local();
    }
    spec.dev = base;
  }
  spec.text = a.target;
  const auto err = a.del ? host.del_route(spec) : host.add_route(spec, false);
  if (err) return fail(std::string(ioctl) + ": " + errno_text(*err), kIoctlFailed);
  return {};
}

std::string flags_of(const Route& r) {
  std::string f = r.type == RouteType::kUnreachable || r.type == RouteType::kProhibit ? "!" : "U";
  if (!r.gateway.is_unspecified()) f += "G";
  if (r.dst.len == 32) f += "H";
  return f;
}

// /proc/net/route: the main table's routes but broadcast ones, in the trie's order.
CommandResult print_table(const Host& host, bool numeric) {
  std::vector<const Route*> routes = trie_order(host.routes().main_table());
  std::erase_if(routes, [](const Route* r) { return r->type == RouteType::kBroadcast; });
  CommandResult r;
  r.out =
      "Kernel IP routing table\n"
      "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n";
  char line[160];
  for (const Route* rt : routes) {
    // Without -n route names 0.0.0.0 "default"; lvslab resolves no other name.
    const std::string dst = !numeric && rt->dst.len == 0 ? "default" : rt->dst.addr.str();
    const std::string dev = rt->dev == kNoId ? "*" : host.iface(rt->dev).name;
    std::snprintf(line, sizeof line, "%-15s %-15s %-15s %-5s %-6u %-3d %6d %s\n", dst.c_str(),
                  rt->gateway.str().c_str(), Ipv4Addr(rt->dst.mask()).str().c_str(), flags_of(*rt).c_str(), rt->metric,
                  0, 0, dev.c_str());
    r.out += line;
  }
  return r;
}

}  // namespace

CommandResult cmd_route(CommandContext& ctx, const std::vector<std::string>& argv) {
  bool numeric = false;
  std::size_t i = 1;
  for (; i < argv.size() && argv[i].starts_with("-") && argv[i] != "-net" && argv[i] != "-host"; ++i) {
    for (char c : argv[i].substr(1)) {
      if (c == 'n') numeric = true;
      else if (c != 'e' && c != 'v') return not_understood(ctx, "route option " + argv[i]);
    }
  }
  if (i >= argv.size()) return print_table(ctx.machine.host(), numeric);
  RouteArgs a;
  if (argv[i] == "add") a.del = false;
  else if (argv[i] == "del" || argv[i] == "delete") a.del = true;
  else return fail(usage_hint(), 4);
  if (auto err = parse_args(argv, i + 1, a)) return *err;
  return add_or_del(ctx, a);
}

}  // namespace lvs::config::shell
