// `ip route add|del|replace|flush|show|get` (iproute2 6.1 ip/iproute.c) on the host's FIB.
#include <algorithm>

#include "sim/config/shell/ip.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

// The words after add/del as parse_route() reads them; "table main" is dropped.
std::string route_text(const IpArgs& args, std::string* table) {
  std::string text;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "table" && i + 1 < args.size()) {
      *table = args[++i];
      continue;
    }
    if (!text.empty()) text += ' ';
    text += args[i];
  }
  return text;
}

// iproute2 keywords of `ip route add` that lvslab's routes do not carry.
constexpr std::string_view kUnmodelledKeywords[] = {"mtu",
                                                    "advmss",
                                                    "rtt",
                                                    "rttvar",
                                                    "reordering",
                                                    "window",
                                                    "cwnd",
                                                    "initcwnd",
                                                    "initrwnd",
                                                    "realm",
                                                    "nexthop",
                                                    "tos",
                                                    "dsfield",
                                                    "pref",
                                                    "expires",
                                                    "congctl",
                                                    "quickack",
                                                    "features",
                                                    "fastopen_no_cookie",
                                                    "encap",
                                                    "from",
                                                    "nhid",
                                                    "ssthresh",
                                                    "hoplimit",
                                                    "rto_min"};
constexpr std::string_view kRouteTypes[] = {"local", "broadcast", "multicast", "throw", "nat", "anycast"};

// iproute2's own refusals (exit 1) and the words lvslab does not model, before the route
// is parsed: what `ip route add` says about a bad destination or a stray word.
std::optional<CommandResult> precheck(CommandContext& ctx, const IpArgs& args) {
  std::size_t i = 1;
  for (std::string_view t : kRouteTypes)
    if (i < args.size() && args[i] == t)
      return not_understood(ctx, "ip route " + join_args(args) + " (route type " + args[i] + ")");
  if (i < args.size() &&
      (args[i] == "unicast" || args[i] == "blackhole" || args[i] == "unreachable" || args[i] == "prohibit"))
    ++i;
  if (i < args.size() && args[i] == "to") ++i;
  if (i >= args.size()) return std::nullopt;
  const std::string& dst = args[i++];
  if (dst != "default" && dst != "0/0" && !Ipv4Prefix::parse(dst))
    return fail("Error: inet prefix is expected rather than \"" + dst + "\".", 1);
  if (const auto p = Ipv4Prefix::parse(dst); p && p->addr != p->network())
    return fail("Error: Invalid prefix for given prefix length.", 2);
  for (; i < args.size(); ++i) {
    const std::string& w = args[i];
    if (w == "onlink") continue;  // a flag (RTNH_F_ONLINK): no value follows
    for (std::string_view k : kUnmodelledKeywords)
      if (w == k) return not_understood(ctx, "ip route " + join_args(args) + " (" + w + " is not modelled)");
    const bool keyword = w == "via" || w == "dev" || w == "oif" || w == "src" || w == "metric" || w == "preference" ||
                         w == "priority" || w == "scope" || w == "proto" || w == "protocol" || w == "table";
    if (!keyword) return fail("Error: either \"to\" is duplicate, or \"" + w + "\" is a garbage.", 1);
    if (++i >= args.size()) return fail("Command line is not complete. Try option \"help\"", 255);
    if ((w == "via" || w == "src") && !Ipv4Addr::parse(args[i]))
      return fail("Error: inet address is expected rather than \"" + args[i] + "\".", 1);
  }
  return std::nullopt;
}

std::optional<RouteSpec> parse_spec(CommandContext& ctx, const IpArgs& args, CommandResult& error) {
  std::string table = "main";
  const std::string text = route_text(args, &table);
  if (table != "main" && table != "254") {
    error = not_understood(ctx, "ip route " + join_args(args) + " (only the main routing table is modelled)");
    return std::nullopt;
  }
  std::string why;
  auto spec = parse_route(text, &why);
  if (!spec) error = fail("Error: " + why + ".", 1);
  return spec;
}

CommandResult route_add(CommandContext& ctx, const IpArgs& args, bool replace) {
  if (auto refused = precheck(ctx, args)) return *refused;
  CommandResult error;
  auto spec = parse_spec(ctx, args, error);
  if (!spec) return error;
  Host& host = ctx.machine.host();
  if (!spec->dev.empty()) {
    const Interface* device = host.find_device_for(spec->dev);
    if (!device) return ip_cannot_find_device(spec->dev);
    spec->dev = device->name;
  }
  if (replace) {
    // NLM_F_REPLACE: the route of that prefix and metric, if any, is replaced.
    RouteSpec old;
    old.dst = spec->dst;
    old.metric = spec->metric;
    (void)host.del_route(old);
  }
  if (auto err = host.add_route(*spec, !replace)) return ip_kernel_error(*err);
  return {};
}

CommandResult route_del(CommandContext& ctx, const IpArgs& args) {
  if (auto refused = precheck(ctx, args)) return *refused;
  std::string table = "main";
  const std::string text = route_text(args, &table);
  // `ip route del DST` needs neither via nor dev; parse_route() wants one, so give it a
  // placeholder device only for parsing.
  std::string why;
  auto spec = parse_route(
      text.find(" dev ") == std::string::npos && text.find(" via ") == std::string::npos ? text + " dev lo" : text,
      &why);
  if (!spec) return fail("Error: " + why + ".", 1);
  if (text.find(" dev ") == std::string::npos && text.find(" via ") == std::string::npos) spec->dev.clear();
  Host& host = ctx.machine.host();
  if (!spec->dev.empty()) {
    const Interface* device = host.find_device_for(spec->dev);
    if (!device) return ip_cannot_find_device(spec->dev);
    spec->dev = device->name;
  }
  if (auto err = host.del_route(*spec)) {
    // The kernel's own prefix routes are rebuilt from the addresses by lvslab's host.
    for (const Route& r : host.routes().main_table().in_order())
      if (r.kernel && r.dst.addr == spec->dst.network() && r.dst.len == spec->dst.len) {
        CommandResult nu = not_understood(ctx, "deleting the kernel's route for a device's own subnet (" + text +
                                                   ") is not modelled; delete the address instead");
        return nu;
      }
    return ip_kernel_error(*err);
  }
  return {};
}

CommandResult route_flush(CommandContext& ctx, const IpArgs& args) {
  std::string dev;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "cache") return {};  // the IPv4 route cache is gone since Linux 3.6
    if (args[i] == "dev" && i + 1 < args.size()) dev = args[++i];
    else if (args[i] == "table" && i + 1 < args.size()) ++i;
    else return not_understood(ctx, "ip route flush " + join_args(args, 1));
  }
  Host& host = ctx.machine.host();
  if (!dev.empty() && !host.find_iface(dev)) return ip_cannot_find_device(dev);
  const std::vector<RouteSpec> routes = host.user_routes();
  for (auto it = routes.rbegin(); it != routes.rend(); ++it)
    if (dev.empty() || it->dev == dev || it->dev.starts_with(dev + ":")) {
      RouteSpec victim = *it;
      (void)host.del_route(victim);
    }
  return {};
}

// iproute2 prints each route with a blank after every field.
std::string with_blank(const std::string& line) { return line + " \n"; }

CommandResult route_show(CommandContext& ctx, const IpArgs& args) {
  std::string table = "main", dev;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "table" && i + 1 < args.size()) table = args[++i];
    else if (args[i] == "dev" && i + 1 < args.size()) dev = args[++i];
    else return not_understood(ctx, "ip route show " + join_args(args, 1));
  }
  const Host& host = ctx.machine.host();
  if (!dev.empty() && !ctx.machine.host().find_iface(dev)) return fail("Cannot find device \"" + dev + "\"", 1);
  CommandResult r;
  const auto lines = table == "local" ? host.show_local_routes() : host.show_routes();
  if (table != "main" && table != "local" && table != "all")
    return fail("Error: argument \"" + table + "\" is wrong: table id value is invalid", 255);
  std::vector<std::string> sorted = lines;
  if (table == "local") {
    // The trie walk: by address (lvslab's local table is in the order it was built).
    std::stable_sort(sorted.begin(), sorted.end(), [](const std::string& a, const std::string& b) {
      const auto addr = [](const std::string& l) {
        const std::size_t s = l.find(' ') + 1;
        const std::string w = l.substr(s, l.find_first_of(" /", s) - s);
        return Ipv4Addr::parse(w).value_or(Ipv4Addr()).value;
      };
      return addr(a) < addr(b);
    });
  }
  // With a device filter iproute2 leaves the device out of each line.
  const std::string field = " dev " + dev;
  for (const auto& l : sorted) {
    if (dev.empty()) r.out += with_blank(l);
    else if (const auto at = l.find(field + " "); at != std::string::npos)
      r.out += with_blank(l.substr(0, at) + l.substr(at + field.size()));
    else if (l.ends_with(field)) r.out += with_blank(l.substr(0, l.size() - field.size()));
  }
  return r;
}

CommandResult route_get(CommandContext& ctx, const IpArgs& args) {
  if (args.size() < 2) return fail("Command line is not complete. Try option \"help\"", 255);
  const auto dst = Ipv4Addr::parse(args[1]);
  if (!dst) return fail("Error: inet prefix is expected rather than \"" + args[1] + "\".", 1);
  const Host& host = ctx.machine.host();
  RouteError why = RouteError::kNone;
  const auto rt = host.route_output(*dst, Ipv4Addr(), &why);
  if (!rt) return fail(std::string("RTNETLINK answers: ") + route_error_text(why), 2);
  std::string line = (rt->type == RouteType::kLocal ? "local " : "") + dst->str();
  if (rt->next_hop != *dst) line += " via " + rt->next_hop.str();
  line += " dev " + host.iface(rt->dev).name + " src " + rt->src.str() + " uid 0 \n    cache ";
  if (rt->type == RouteType::kLocal) line += "<local> ";
  CommandResult r;
  r.out = line + "\n";
  return r;
}

}  // namespace

CommandResult ip_route(CommandContext& ctx, const IpArgs& args, const IpOptions&) {
  if (args.empty()) return route_show(ctx, {"show"});
  const std::string& cmd = args[0];
  if (ip_matches(cmd, "add")) return route_add(ctx, args, false);
  if (ip_matches(cmd, "delete")) return route_del(ctx, args);
  if (ip_matches(cmd, "replace")) return route_add(ctx, args, true);
  if (ip_matches(cmd, "flush")) return route_flush(ctx, args);
  if (ip_matches(cmd, "get")) return route_get(ctx, args);
  if (ip_matches(cmd, "show") || ip_matches(cmd, "list") || cmd == "lst") return route_show(ctx, args);
  return ip_unknown_command(cmd, "route");
}

}  // namespace lvs::config::shell
