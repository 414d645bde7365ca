// /etc/sysconfig/network-scripts/ifup-aliases (initscripts 9.49), run by ifup-post for a
// device that is not itself an alias: each ifcfg-DEVICE:* file, in glob order, becomes
//   ip addr add IPADDR/PREFIX brd BROADCAST dev DEVICE label DEVICE:N
// (no "scope host", so an alias of lo such as the DR VIP on lo:0 is scope global), then
//   ip route replace default [metric M] via GATEWAY dev DEVICE:N
// when GATEWAY is set and is not the default gateway yet (and GATEWAYDEV, from
// /etc/sysconfig/network, is empty or this alias), and ifup-routes for the alias.
// An alias file starts from its parent's PREFIX, NETMASK, BROADCAST, GATEWAY and
// NO_ALIASROUTING (ini_env): an alias without NETMASK gets its parent's, and a parent's
// PREFIX wins over the alias's own NETMASK. GATEWAY falls back to /etc/sysconfig/network's.
// At boot no alias address exists yet, so the script's flush of stale aliases does nothing.
#include "sim/config/files/ifup_context.hpp"
#include "sim/config/files/netmask_defaults.hpp"

namespace lvs::config::files {
namespace {

// The parent's values an alias starts from (ini_env), with where they were set.
ShellVars alias_defaults(IfupContext& ctx, const std::string& parent_config) {
  ShellVars parent;
  const auto it = ctx.files.find(parent_config);
  if (it != ctx.files.end() && it->second.size() <= kMaxFileBytes) {
    BootPlan scratch;  // the parent's problems were reported when ifup-eth read it
    PlanWriter quiet(scratch);
    source_assignments(parent_config, it->second, parent, quiet);
  }
  ShellVars defaults;
  for (const char* key : {"PREFIX", "NETMASK", "BROADCAST", "GATEWAY", "NO_ALIASROUTING"}) {
    const auto found = parent.find(key);
    if (found != parent.end()) defaults[key] = found->second;
  }
  if (var_value(defaults, "GATEWAY").empty() && ctx.network.count("GATEWAY"))
    defaults["GATEWAY"] = ctx.network.at("GATEWAY");
  return defaults;
}

bool alias_number_ok(std::string_view number) {
  for (char c : number)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_')) return false;
  return true;
}

struct Seen {
  std::map<std::string, std::string> ip;      // address -> file
  std::map<std::string, std::string> number;  // alias number -> file
};

void new_interface(IfupContext& ctx, const std::string& parent, const std::string& path, const ShellVars& vars,
                   const ShellVar& default_broadcast, Seen& seen) {
  const std::string device = var_value(vars, "DEVICE"), ipaddr = var_value(vars, "IPADDR");
  const std::string number =
      device.substr(device.find(':') == std::string::npos ? device.size() : device.find(':') + 1);
  const std::uint32_t line = var_line(vars, "IPADDR");
  if (!alias_number_ok(number))
    return ctx.out.problem(var_origin(vars, "DEVICE", path), "error in " + path + ": invalid alias number");
  if (seen.ip.count(ipaddr))
    return ctx.out.problem(path, line,
                           "error in " + path + ": already seen ipaddr " + ipaddr + " in " + seen.ip[ipaddr]);
  if (seen.number.count(number))
    return ctx.out.problem(
        path, line,
        "error in " + path + ": already seen device " + parent + ":" + number + " in " + seen.number[number]);
  seen.ip[ipaddr] = path;
  seen.number[number] = path;
  if (device.empty() || ipaddr.empty())
    return ctx.out.problem(path, line, "error in " + path + ": didn't specify device or ipaddr");
  const auto addr = Ipv4Addr::parse(ipaddr);
  if (!addr)
    return ctx.out.problem(path, line, "IPADDR=" + ipaddr + ": ipcalc: bad IPv4 address: " + ipaddr + "; not added");
  std::string prefix = var_value(vars, "PREFIX");
  const std::string netmask = var_value(vars, "NETMASK");
  if (prefix.empty() && netmask.empty())
    return ctx.out.problem(path, line, "error iN " + path + ": didn't specify netmask or prefix");
  std::optional<int> len;
  if (!prefix.empty()) {
    len = parse_prefix_length(prefix);
    if (len && !netmask.empty() && netmask != netmask_text(*len))
      ctx.out.problem(var_origin(vars, "NETMASK", path), "NETMASK=" + netmask + " is not used: PREFIX=" + prefix +
                                                             " (from " + vars.at("PREFIX").file +
                                                             ") wins in ifup-aliases");
  } else {
    const auto mask = Ipv4Addr::parse(netmask);
    len = mask ? netmask_to_prefix(*mask) : std::nullopt;
    if (!len)
      return ctx.out.problem(var_origin(vars, "NETMASK", path),
                             "NETMASK=" + netmask + ": ipcalc: bad netmask: " + netmask + "; not added");
  }
  if (!len)
    return ctx.out.problem(var_origin(vars, "PREFIX", path),
                           "PREFIX=" + prefix + ": ipcalc: bad prefix: " + prefix + "; not added");
  std::string broadcast = var_value(vars, "BROADCAST");
  if (broadcast.empty() || broadcast == default_broadcast.value) broadcast = Ipv4Prefix{*addr, *len}.broadcast().str();
  const std::string cidr = addr->str() + "/" + std::to_string(*len);
  ctx.out.step(path, line,
               "ip addr add " + cidr + " brd " + shell_word(broadcast) + " dev " + shell_word(parent) + " label " +
                   shell_word(device),
               "ifup-aliases");
  ctx.addresses.insert(parent + " " + cidr);
  if (var_value(vars, "NO_ALIASROUTING") == "yes") return;
  const std::string gateway = var_value(vars, "GATEWAY"), gatewaydev = var_value(ctx.network, "GATEWAYDEV");
  const std::string metric = var_value(vars, "METRIC");
  if (!gateway.empty() && (gatewaydev.empty() || gatewaydev == device) && ctx.default_gateway != gateway) {
    const ShellVar& gw = vars.at("GATEWAY");
    ctx.out.step(gw.file, gw.line,
                 "ip route replace default" + (metric.empty() ? "" : " metric " + shell_word(metric)) + " via " +
                     shell_word(gateway) + " dev " + shell_word(device),
                 "ifup-aliases");
    ctx.default_gateway = gateway;
  }
  ifup_routes(ctx, device, var_value(vars, "NAME"));
}

}  // namespace

void ifup_aliases(IfupContext& ctx, const std::string& device, const std::string& parent_config) {
  const ShellVars defaults = alias_defaults(ctx, parent_config);
  const ShellVar default_broadcast = defaults.count("BROADCAST") ? defaults.at("BROADCAST") : ShellVar{};
  Seen seen;
  for (const auto& path : files_in(ctx.files, kNetworkScripts, "ifcfg-" + device + ":", "")) {
    if (is_ignored_file(path)) continue;
    const std::string* text = bounded_file(ctx.files, path, ctx.out);
    if (!text) continue;
    ctx.out.read(path);
    ShellVars vars = defaults;
    source_assignments(path, *text, vars, ctx.out);
    report_unknown_keys(vars, path, ctx.out);
    if (var_value(vars, "DEVICE").empty()) vars["DEVICE"] = ShellVar{path.substr(path.rfind("/ifcfg-") + 7), path, 0};
    const std::string onparent = var_value(vars, "ONPARENT");
    if (onparent == "no" || onparent == "NO") continue;
    new_interface(ctx, device, path, vars, default_broadcast, seen);
  }
}

}  // namespace lvs::config::files
