// `ifup -a` at boot (networking.service, Debian 12): each interface of the "auto" lists in
// the order the file names them (lo first when the file defines no loopback stanza: then
// ifupdown adds "auto lo" / "iface lo inet loopback" itself), then the "allow-hotplug"
// ones, which udev brings up at boot through ifup@.service (systemd orders neither before
// the other; lvslab runs the auto ones first). For each of the interface's stanzas
// (execute.c iface_up): its pre-up lines, the method's commands, its up/post-up lines.
// inet.defn (0.8.41):
//   static:   ip addr add %address%[[/%netmask%]] [[broadcast %broadcast%]] [[peer %pointopoint%]]
//                 [[scope %scope%]] dev %iface% label %iface%
//             ip link set dev %iface% [[mtu %mtu%]] [[address %hwaddress%]] up
//             [[ ip route add default via %gateway% [[metric %metric%]] dev %iface% onlink ]]
//             conversions: "address compute_v4_mask =netmask?" (a netmask from address/N,
//             else ifupdown's classful one, when no netmask is given; a given netmask
//             wins over /N), "address compute_v4_addr" (the /N goes), broadcast "+" by
//             default, computed when the netmask is dotted (compute_v4_broadcast);
//   manual:   [[ip link set dev %iface% mtu %mtu%]] [[ip link set dev %iface% address %hwaddress%]]
//             ip link set dev %iface% up 2>/dev/null || true   (a failure is ignored)
//   loopback: ip link set dev %iface% up, only when %iface% is not lo.
// Not modelled: dhcp and the other methods, inet6, mappings, /etc/network/if-*.d scripts.
#include "sim/config/files/interfaces.hpp"

#include <algorithm>
#include <set>

#include "sim/config/files/interfaces_file.hpp"
#include "sim/config/files/netmask_defaults.hpp"

namespace lvs::config::files {
namespace {

const std::set<std::string> kStaticOptions = {"address",     "netmask",   "broadcast", "metric", "gateway",
                                              "pointopoint", "hwaddress", "mtu",       "scope"};
const std::set<std::string> kManualOptions = {"hwaddress", "mtu"};

bool command_option(const std::string& name) {
  return name == "pre-up" || name == "up" || name == "down" || name == "post-down";
}

std::string value_of(const IfaceStanza& s, std::string_view name) {
  const IfaceOption* o = s.option(name);
  return o ? o->value.substr(0, o->value.find('\n')) : "";
}

void report_unknown_options(const IfaceStanza& s, const std::set<std::string>& known, PlanWriter& out) {
  for (const auto& o : s.options) {
    if (command_option(o.name) || known.count(o.name) || o.name.starts_with("dns-")) continue;  // dns-*: resolvconf
    out.problem(o.file, o.line, "option " + o.name + " is not modelled by lvslab for inet " + s.method + " (ignored)");
  }
}

void run_lines(const IfaceStanza& s, std::string_view phase, PlanWriter& out) {
  for (const auto& o : s.options)
    if (o.name == phase) out.step(o.file, o.line, o.value, "ifup");
}

// "address compute_v4_mask =netmask?", "address compute_v4_addr", "broadcast compute_v4_broadcast".
// The kernel device a stanza names: "eth0" for "eth0:1" (ip resolves "eth0:1" through
// SIOCGIFINDEX, which drops the ":1": net/core/dev_ioctl.c).
bool device_present(const IfaceStanza& s, const std::vector<std::string>& devices) {
  const std::string dev = s.name.substr(0, s.name.find(':'));
  return dev == "lo" || std::find(devices.begin(), devices.end(), dev) != devices.end();
}

// execute.c: a method's failing command ends the stanza ("ifup: failed to bring up X"):
// the command runs (ip prints its error), the rest of the stanza does not.
void failed_to_bring_up(const IfaceStanza& s, PlanWriter& out) {
  out.problem(s.file, s.line,
              "the host has no device " + s.name.substr(0, s.name.find(':')) + ": ifup: failed to bring up " + s.name);
}

bool static_up(const IfaceStanza& s, bool present, PlanWriter& out) {
  const IfaceOption* address = s.option("address");
  if (!address) {
    out.problem(s.file, s.line, "ifup: missing required variable: address (" + s.name + " is not brought up)");
    return false;
  }
  const std::string given = value_of(s, "address");
  const std::string ip_text = given.substr(0, given.find('/'));
  const auto ip = Ipv4Addr::parse(ip_text);
  if (!ip) {
    out.problem(address->file, address->line, "address " + given + " is not an IPv4 address; ip refuses it");
    return false;
  }
  std::string netmask = value_of(s, "netmask");
  if (netmask.empty()) {
    if (given.find('/') == std::string::npos) {
      netmask = netmask_text(ifupdown_classful_prefix(*ip));
    } else {
      const std::string after = given.substr(given.find('/') + 1);
      const auto len = parse_prefix_length(after);
      const auto dotted = Ipv4Addr::parse(after);
      if (!len && !dotted) {
        out.problem(address->file, address->line, "address " + given + ": the prefix length is not 0..32");
        return false;
      }
      netmask = len ? netmask_text(*len) : dotted->str();
    }
  }
  std::string broadcast = value_of(s, "broadcast");
  if (broadcast.empty()) broadcast = "+";
  const auto mask = Ipv4Addr::parse(netmask);
  if (mask && (broadcast == "+" || broadcast == "-")) {
    if (mask->value == 0xfffffffeu) broadcast = broadcast == "+" ? "255.255.255.255" : "0.0.0.0";
    else broadcast = Ipv4Addr(broadcast == "+" ? (ip->value | ~mask->value) : (ip->value & mask->value)).str();
  }
  const std::string dev = shell_word(s.name);
  std::string add = "ip addr add " + ip_text + "/" + shell_word(netmask) + " broadcast " + shell_word(broadcast);
  if (const auto peer = value_of(s, "pointopoint"); !peer.empty()) add += " peer " + shell_word(peer);
  if (const auto scope = value_of(s, "scope"); !scope.empty()) add += " scope " + shell_word(scope);
  out.step(address->file, address->line, add + " dev " + dev + " label " + dev, "ifup");
  if (!present) {
    failed_to_bring_up(s, out);
    return false;
  }
  std::string link = "ip link set dev " + dev;
  if (const auto mtu = value_of(s, "mtu"); !mtu.empty()) link += " mtu " + shell_word(mtu);
  if (const auto hw = value_of(s, "hwaddress"); !hw.empty()) link += " address " + shell_word(hw);
  out.step(s.file, s.line, link + " up", "ifup");
  if (const IfaceOption* gateway = s.option("gateway")) {
    const auto metric = value_of(s, "metric");
    out.step(gateway->file, gateway->line,
             "ip route add default via " + shell_word(value_of(s, "gateway")) +
                 (metric.empty() ? "" : " metric " + shell_word(metric)) + " dev " + dev + " onlink",
             "ifup");
  }
  return true;
}

void manual_up(const IfaceStanza& s, PlanWriter& out) {
  const std::string dev = shell_word(s.name);
  if (const IfaceOption* mtu = s.option("mtu"))
    out.step(mtu->file, mtu->line, "ip link set dev " + dev + " mtu " + shell_word(value_of(s, "mtu")), "ifup");
  if (const IfaceOption* hw = s.option("hwaddress"))
    out.step(hw->file, hw->line, "ip link set dev " + dev + " address " + shell_word(value_of(s, "hwaddress")), "ifup");
  out.step(s.file, s.line, "ip link set dev " + dev + " up", "ifup", true);
}

void stanza_up(const IfaceStanza& s, const std::vector<std::string>& devices, PlanWriter& out) {
  const bool present = device_present(s, devices);
  if (s.family != "inet") {
    out.problem(s.file, s.line,
                "iface " + s.name + " " + s.family + ": only inet is modelled by lvslab; not brought up");
    return;
  }
  if (s.method != "static" && s.method != "manual" && s.method != "loopback") {
    out.problem(
        s.file, s.line,
        "iface " + s.name + " inet " + s.method + ": lvslab models static, manual and loopback; not brought up");
    return;
  }
  report_unknown_options(s, s.method == "static" ? kStaticOptions : kManualOptions, out);
  run_lines(s, "pre-up", out);
  if (s.method == "static") {
    if (!static_up(s, present, out)) return;
  } else if (s.method == "manual") {
    manual_up(s, out);  // "ip link set dev X up 2>/dev/null || true": a missing device is no failure
  } else if (s.name != "lo") {
    out.step(s.file, s.line, "ip link set dev " + shell_word(s.name) + " up", "ifup");
    if (!present) return failed_to_bring_up(s, out);
  }
  run_lines(s, "up", out);
}

}  // namespace

void plan_ifupdown(const FileMap& files, const std::vector<std::string>& device_names, PlanWriter& out) {
  if (!files.count(kInterfaces)) return;
  const std::optional<InterfacesFile> config = read_interfaces(files, out);
  if (!config) return;
  std::vector<AllowEntry> order;
  if (!config->has_loopback) order.push_back(AllowEntry{"lo", kInterfaces, 0});  // implicit; its method runs nothing
  for (const char* cls : {"auto", "hotplug"}) {
    const auto it = config->allow.find(cls);
    if (it != config->allow.end()) order.insert(order.end(), it->second.begin(), it->second.end());
  }
  std::set<std::string> up;
  for (const auto& entry : order) {
    if (!up.insert(entry.name).second) continue;  // already up: "ifup: interface X already configured"
    bool found = false;
    for (const auto& stanza : config->ifaces) {
      if (stanza.name != entry.name) continue;
      found = true;
      stanza_up(stanza, device_names, out);
    }
    if (!found && entry.line > 0)
      out.problem(
          entry.file, entry.line,
          "no iface stanza for " + entry.name + ": ifup: ignoring unknown interface " + entry.name + "=" + entry.name);
  }
  for (const auto& stanza : config->ifaces)
    if (!up.count(stanza.name))
      out.problem(stanza.file, stanza.line,
                  "iface " + stanza.name + " is not brought up at boot: no auto or allow-hotplug line names it");
  for (const auto& [cls, entries] : config->allow)
    if (cls != "auto" && cls != "hotplug")
      for (const auto& e : entries)
        out.problem(e.file, e.line,
                    "allow-" + cls + " " + e.name + ": not brought up at boot (only auto and allow-hotplug are)");
}

}  // namespace lvs::config::files
