// /etc/sysconfig/network-scripts/ifup-eth (initscripts 9.49) for a static IPv4 interface:
//   ip link set dev DEVICE address MACADDR          (MACADDR=)
//   ip link set dev DEVICE mtu MTU                  (MTU=)
//   ip link set dev REALDEVICE arp on|off           (ARP=yes|no)
//   ip link set dev REALDEVICE up
//   ip addr add IP/PREFIX brd BROADCAST dev REALDEVICE [scope host on lo] label DEVICE
//                                                    (each IPADDR, IPADDR0.., unless present)
//   ip route replace default [metric M] via GATEWAY [dev GATEWAYDEV]
//                                                    (GATEWAY in the first address's network)
//   ip route add 169.254.0.0/16 dev REALDEVICE metric 1000+ifindex scope link
//                                                    (unless NOZEROCONF, lo or an alias)
// then ifup-post: ifup-aliases (ifcfg-DEVICE:*) and ifup-routes (route-DEVICE).
// The addresses follow network-functions' expand_config(): PREFIXn wins over NETMASKn;
// with neither, ipcalc's classful default (netmask_defaults.hpp); BROADCASTn, else
// computed. Not modelled: DHCP, HWADDR matching (lvslab gives devices their MACs),
// arping's duplicate address check and gratuitous ARP (ARPCHECK/ARPUPDATE), IPv6.
#include <algorithm>
#include <cctype>

#include "sim/config/files/ifup_context.hpp"
#include "sim/config/files/netmask_defaults.hpp"

namespace lvs::config::files {
namespace {

struct Address {
  Ipv4Addr addr;
  int prefix = 32;
  std::string broadcast;
  std::string file;
  std::uint32_t line = 0;
};

// Keys ifup-eth reads that lvslab models, and those it reads but that change nothing a
// lab sees (IPv6, DNS, NetworkManager's). Any other key is reported.
bool known_key(const std::string& key) {
  static const std::set<std::string> keys = {"DEVICE",
                                             "TYPE",
                                             "BOOTPROTO",
                                             "ONBOOT",
                                             "NETWORK",
                                             "GATEWAY",
                                             "GATEWAYDEV",
                                             "DEFROUTE",
                                             "METRIC",
                                             "MACADDR",
                                             "HWADDR",
                                             "MTU",
                                             "ARP",
                                             "NOZEROCONF",
                                             "SCOPE",
                                             "NOROUTESET",
                                             "ONPARENT",
                                             "NO_ALIASROUTING",
                                             "NAME",
                                             "UUID",
                                             "NM_CONTROLLED",
                                             "USERCTL",
                                             "PEERDNS",
                                             "PEERROUTES",
                                             "DNS1",
                                             "DNS2",
                                             "DNS3",
                                             "DOMAIN",
                                             "IPV6INIT",
                                             "IPV6_AUTOCONF",
                                             "IPV6_DEFROUTE",
                                             "IPV6_FAILURE_FATAL",
                                             "IPV6_ADDR_GEN_MODE",
                                             "IPV6_PEERDNS",
                                             "IPV6_PEERROUTES",
                                             "IPV6_PRIVACY",
                                             "IPV4_FAILURE_FATAL",
                                             "PROXY_METHOD",
                                             "BROWSER_ONLY",
                                             "ZONE",
                                             "ARPCHECK",
                                             "ARPUPDATE",
                                             "NETWORKING",
                                             "NETWORKING_IPV6",
                                             "HOSTNAME",
                                             "NISDOMAIN",
                                             "IPV6FORWARDING"};
  if (keys.count(key)) return true;
  for (const char* indexed : {"IPADDR", "PREFIX", "NETMASK", "BROADCAST", "ARPCHECK", "ARPUPDATE"}) {
    const std::string_view k(key);
    if (k.starts_with(indexed) && std::all_of(k.begin() + static_cast<long>(std::string_view(indexed).size()), k.end(),
                                              [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
      return true;
  }
  return false;
}

// One address of expand_config(): the suffix "" or "0".."255".
std::optional<Address> expand_address(const ShellVars& vars, const std::string& idx, PlanWriter& out) {
  const std::string ip_key = "IPADDR" + idx, prefix_key = "PREFIX" + idx, mask_key = "NETMASK" + idx;
  const auto& ip_var = vars.at(ip_key);
  const auto addr = Ipv4Addr::parse(ip_var.value);
  if (!addr) {
    out.problem(ip_var.file, ip_var.line,
                ip_key + "=" + ip_var.value + ": ipcalc: bad IPv4 address: " + ip_var.value + "; not added");
    return std::nullopt;
  }
  Address a{*addr, 0, var_value(vars, "BROADCAST" + idx), ip_var.file, ip_var.line};
  const std::string prefix = var_value(vars, prefix_key), netmask = var_value(vars, mask_key);
  if (!prefix.empty()) {
    const auto len = parse_prefix_length(prefix);
    if (!len) {
      out.problem(var_origin(vars, prefix_key, ip_var.file),
                  prefix_key + "=" + prefix + ": ipcalc: bad prefix: " + prefix + "; " + ip_key + " is not added");
      return std::nullopt;
    }
    a.prefix = *len;
    if (!netmask.empty() && netmask != netmask_text(*len))
      out.problem(var_origin(vars, mask_key, ip_var.file),
                  mask_key + "=" + netmask + " is not used: " + prefix_key + "=" + prefix +
                      " wins (initscripts' expand_config computes the netmask from PREFIX)");
  } else if (!netmask.empty()) {
    const auto mask = Ipv4Addr::parse(netmask);
    const auto len = mask ? netmask_to_prefix(*mask) : std::nullopt;
    if (!len) {
      out.problem(var_origin(vars, mask_key, ip_var.file),
                  mask_key + "=" + netmask + ": ipcalc: bad netmask: " + netmask + "; " + ip_key +
                      " is not added (a length goes in " + prefix_key + "=, NETMASK" + idx + "= wants 255.255.255.0)");
      return std::nullopt;
    }
    a.prefix = *len;
  } else {
    a.prefix = initscripts_classful_prefix(*addr);  // ipcalc --netmask IP: the class's netmask
  }
  if (a.broadcast.empty()) a.broadcast = Ipv4Prefix{*addr, a.prefix}.broadcast().str();
  return a;
}

// expand_config(): IPADDR, IPADDR0, IPADDR1, ... "for idx in '' {0..255}": a missing one
// is skipped up to IPADDR1 and ends the list from IPADDR2 on.
std::vector<Address> expand_config(const ShellVars& vars, PlanWriter& out) {
  std::vector<Address> addresses;
  std::vector<std::string> order{""};
  for (int i = 0; i <= 255; ++i) order.push_back(std::to_string(i));
  int stopped_at = -1;
  for (const auto& idx : order) {
    if (var_value(vars, "IPADDR" + idx).empty()) {
      if (!idx.empty() && std::stoi(idx) >= 2) {
        stopped_at = std::stoi(idx);
        break;
      }
      continue;
    }
    if (auto a = expand_address(vars, idx, out)) addresses.push_back(std::move(*a));
  }
  if (stopped_at < 0) return addresses;
  for (const auto& [key, var] : vars) {
    if (!key.starts_with("IPADDR") || key.size() == 6 || var.value.empty()) continue;
    const auto n = parse_prefix_length(std::string_view(key).substr(6));  // digits only
    if (key.size() > 6 && std::all_of(key.begin() + 6, key.end(), [](char c) { return c >= '0' && c <= '9'; }) &&
        (!n || *n > stopped_at))
      out.problem(var.file, var.line,
                  key + " is not read: initscripts stop at the first missing IPADDRn from IPADDR2 on (IPADDR" +
                      std::to_string(stopped_at) + " is missing)");
  }
  return addresses;
}

// TYPE= values for which ifup runs another script (source_config's DEVICETYPE: ifup-tunnel,
// ifup-ppp, ifup-ippp, ifup-ipsec, ifup-sit, ifup-ib, ifup-ovs, ifup-Team...) or ifup-eth
// another branch (Bridge, Tap, Bond): not modelled. Any other TYPE (Ethernet, Wireless,
// "Token Ring", or a misspelling) falls back to ifup-eth's plain static setup, as in ifup.
bool other_script_type(const std::string& type) {
  static const std::set<std::string> types = {"Bridge", "Tap",  "Bond",       "Vlan",       "IPSEC", "IPIP",    "IPIP6",
                                              "GRE",    "GRE6", "SIT",        "sit",        "Modem", "xDSL",    "ISDN",
                                              "CIPE",   "CTC",  "InfiniBand", "infiniband", "Team",  "TeamPort"};
  return types.count(type) > 0 || type.starts_with("OVS");
}

}  // namespace

void report_unknown_keys(const ShellVars& vars, const std::string& path, PlanWriter& out) {
  for (const auto& [key, var] : vars)
    if (var.file == path && !known_key(key))
      out.problem(path, var.line, key + "=" + var.value + " is not modelled by lvslab (ignored)");
}

namespace {

std::string network_of(Ipv4Addr a, int prefix) { return Ipv4Prefix{a, prefix}.network().str(); }

void set_default_route(IfupContext& ctx, const ShellVars& vars, const std::string& real, const std::string& device,
                       const Address& first) {
  const std::string defroute = var_value(vars, "DEFROUTE"), gatewaydev = var_value(vars, "GATEWAYDEV");
  if (defroute == "no" || !(gatewaydev.empty() || gatewaydev == real)) return;
  const std::string gateway = var_value(vars, "GATEWAY"), metric = var_value(vars, "METRIC");
  std::string network = var_value(vars, "NETWORK");
  if (network.empty()) network = network_of(first.addr, first.prefix);
  const auto gw = Ipv4Addr::parse(gateway);
  const std::string metric_words = metric.empty() ? "" : " metric " + shell_word(metric);
  if (!gateway.empty() && gw && network_of(*gw, first.prefix) == network) {
    ctx.out.step(var_origin(vars, "GATEWAY", first.file),
                 "ip route replace default" + metric_words + " via " + gateway +
                     (gatewaydev.empty() ? "" : " dev " + shell_word(gatewaydev)),
                 "ifup-eth");
    ctx.default_gateway = gateway;
  } else if (!gatewaydev.empty() && gatewaydev == device) {
    ctx.out.step(var_origin(vars, "GATEWAYDEV", first.file),
                 "ip route replace default" + metric_words + " dev " + shell_word(real), "ifup-eth");
  } else if (!gateway.empty()) {
    ctx.out.problem(var_origin(vars, "GATEWAY", first.file),
                    "GATEWAY=" + gateway + " is not in " + device + "'s network " + network + "/" +
                        std::to_string(first.prefix) + ": ifup-eth sets no default route through " + device);
  }
}

void add_addresses(IfupContext& ctx, const ShellVars& vars, const std::string& real, const std::string& device,
                   const std::vector<Address>& addresses) {
  const std::string scope = device == "lo" ? "scope host" : var_value(vars, "SCOPE");
  for (const auto& a : addresses) {
    const std::string cidr = a.addr.str() + "/" + std::to_string(a.prefix);
    if (!ctx.addresses.insert(real + " " + cidr).second) continue;  // already there: not added again
    ctx.out.step(a.file, a.line,
                 "ip addr add " + cidr + " brd " + shell_word(a.broadcast) + " dev " + shell_word(real) +
                     (scope.empty() ? "" : " " + scope) + " label " + shell_word(device),
                 "ifup-eth");
  }
}

void link_settings(IfupContext& ctx, const ShellVars& vars, const std::string& device) {
  for (const auto& [key, words] : {std::pair<std::string, std::string>{"MACADDR", " address "}, {"MTU", " mtu "}}) {
    const auto it = vars.find(key);
    if (it == vars.end() || it->second.value.empty()) continue;
    std::string value = it->second.value;
    if (key == "MACADDR")
      std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::toupper(c); });
    ctx.out.step(it->second.file, it->second.line, "ip link set dev " + shell_word(device) + words + shell_word(value),
                 "ifup-eth");
  }
}

}  // namespace

void ifup_eth(IfupContext& ctx, const std::string& config_path, bool boot) {
  auto sourced = source_config(ctx, config_path);
  if (!sourced) return;
  const ShellVars& vars = *sourced;
  report_unknown_keys(vars, config_path, ctx.out);
  const std::string onboot = var_value(vars, "ONBOOT");
  if (boot && (onboot == "no" || onboot == "NO")) {  // ifup: "[ "${ONBOOT}" = "no" -o ... ] && exit 0"
    ctx.out.problem(var_origin(vars, "ONBOOT", config_path), "ONBOOT=no: ifup does not bring it up at boot");
    return;
  }

  const std::string device = var_value(vars, "DEVICE");
  if (device.empty()) {
    ctx.out.problem(config_path, 0,
                    var_value(vars, "HWADDR").empty()
                        ? "no DEVICE=: ifup-eth says \"Device name does not seem to be present.\" and stops"
                        : "no DEVICE=: ifup would find the device by its HWADDR, which lvslab does not model");
    return;
  }
  const std::string real = device.substr(0, device.find(':'));
  const std::string type = var_value(vars, "TYPE"), bootproto = var_value(vars, "BOOTPROTO");
  if (other_script_type(type)) {
    ctx.out.problem(var_origin(vars, "TYPE", config_path),
                    "TYPE=" + type + " is not modelled by lvslab; not brought up");
    return;
  }
  if (bootproto == "dhcp" || bootproto == "bootp") {
    ctx.out.problem(var_origin(vars, "BOOTPROTO", config_path),
                    "BOOTPROTO=" + bootproto + ": lvslab does not model DHCP; " + device + " is not brought up");
    return;
  }
  if (!ctx.device_exists(real)) {
    ctx.out.problem(var_origin(vars, "DEVICE", config_path),
                    "Device " + device + " does not seem to be present, delaying initialization.");
    return;
  }
  link_settings(ctx, vars, device);
  const Origin device_origin = var_origin(vars, "DEVICE", config_path);
  const std::vector<Address> addresses = expand_config(vars, ctx.out);
  const bool configured = !var_value(vars, "IPADDR").empty() || !var_value(vars, "IPADDR0").empty() ||
                          !var_value(vars, "IPADDR1").empty() || !var_value(vars, "IPADDR2").empty();
  if (configured) {
    const std::string arp = var_value(vars, "ARP");
    if (arp == "yes" || arp == "YES" || arp == "no" || arp == "NO")
      ctx.out.step(var_origin(vars, "ARP", config_path),
                   "ip link set dev " + shell_word(real) + " arp " + (arp == "yes" || arp == "YES" ? "on" : "off"),
                   "ifup-eth");
    else if (!arp.empty())
      ctx.out.problem(var_origin(vars, "ARP", config_path), "ARP=" + arp + ": initscripts accept yes or no");
  }
  ctx.out.step(device_origin, "ip link set dev " + shell_word(real) + " up", "ifup-eth");
  if (configured) {
    add_addresses(ctx, vars, real, device, addresses);
    if (!addresses.empty()) set_default_route(ctx, vars, real, device, addresses.front());
  }
  if (var_value(vars, "NOZEROCONF").empty() && device == real && real != "lo")
    ctx.out.step(device_origin,
                 "ip route add 169.254.0.0/16 dev " + shell_word(real) + " metric " +
                     std::to_string(1000 + ctx.ifindex(real)) + " scope link",
                 "ifup-eth");
  // ifup-post
  if (device == real) ifup_aliases(ctx, device, config_path);
  if (!is_true(var_value(vars, "NOROUTESET"))) {
    const std::string name = config_path.substr(config_path.rfind('/') + 1);
    ifup_routes(ctx, real, name.substr(std::string_view("ifcfg-").size()));
  }
}

}  // namespace lvs::config::files
