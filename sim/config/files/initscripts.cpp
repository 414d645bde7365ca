// /etc/rc.d/init.d/network start (initscripts 9.49):
//  * no /etc/sysconfig/network: "exit 6". Every CentOS install has one (anaconda writes
//    it), so a host given ifcfg files without it is read as having an empty one;
//  * NETWORKING=no: exit 6, nothing is brought up;
//  * "./ifup ifcfg-lo" first. CentOS ships ifcfg-lo (DEVICE=lo IPADDR=127.0.0.1
//    NETMASK=255.0.0.0 NETWORK=127.0.0.0 BROADCAST=127.255.255.255 ONBOOT=yes); a host
//    without one of its own is given that one, so its aliases (ifcfg-lo:0) come up;
//  * then every ifcfg-* but ifcfg-lo, aliases (a ':' in the name), ifcfg-*-range and
//    backup files (~ .bak .old .orig .rpmnew .rpmorig .rpmsave), ordered as
//    `sed 's/[0-9]/ &/' | sort -k 1,1 -k 2n`: by the name before its first digit, then by
//    the number (eth2 before eth10); files with ONBOOT=no (grep -E "^ONBOOT=['\"]?[Nn][Oo]")
//    are skipped; SLAVE=yes interfaces (bonding) are not modelled;
//  * then /etc/sysconfig/static-routes: `grep "^any" | while read ignore args; do
//    /sbin/route add -$args; done` ("any host 192.168.10.10 dev lo:0" -> "route add -host
//    192.168.10.10 dev lo:0"); net-tools' route is assumed installed (the labs use it);
//  * the service also re-applies sysctl (apply_sysctl) before lo and after the interfaces;
//    that writes the values systemd-sysctl wrote at boot again, so it is not repeated here.
#include "sim/config/files/initscripts.hpp"

#include <algorithm>
#include <regex>

#include "sim/config/files/ifup_context.hpp"

namespace lvs::config::files {
namespace {

constexpr const char* kDefaultIfcfgLo =
    "DEVICE=lo\nIPADDR=127.0.0.1\nNETMASK=255.0.0.0\nNETWORK=127.0.0.0\nBROADCAST=127.255.255.255\nONBOOT=yes\n"
    "NAME=loopback\n";

// `sort -k 1,1 -k 2n` of "eth 10": the letters before the first digit, then the number.
struct ServiceOrder {
  bool operator()(const std::string& a, const std::string& b) const {
    const auto split = [](const std::string& name) {
      const auto digit = name.find_first_of("0123456789");
      const std::string head = name.substr(0, digit);
      long number = 0;
      if (digit != std::string::npos)
        for (std::size_t i = digit; i < name.size() && name[i] >= '0' && name[i] <= '9' && number < 1000000000; ++i)
          number = number * 10 + (name[i] - '0');
      return std::tuple(head, number, name);
    };
    return split(a) < split(b);
  }
};

bool onboot_no(std::string_view text) {
  static const std::regex pattern("^ONBOOT=['\"]?[Nn][Oo]['\"]?");
  for (std::string_view line : split_lines(text))
    if (std::regex_search(line.begin(), line.end(), pattern)) return true;
  return false;
}

bool slave(std::string_view text) {
  for (std::string_view line : split_lines(text))
    if (trim(line) == "SLAVE=yes" || trim(line) == "SLAVE=\"yes\"") return true;
  return false;
}

// /etc/sysconfig/static-routes: the lines grep "^any" selects, as `read ignore args` splits them.
void static_routes(const FileMap& files, PlanWriter& out) {
  const std::string path(kStaticRoutes);
  const std::string* text = bounded_file(files, path, out);
  if (!text) return;
  out.read(path);
  std::uint32_t number = 0;
  for (std::string_view line : split_lines(*text)) {
    ++number;
    if (!line.starts_with("any")) {
      const std::string_view t = trim(line);
      if (!t.empty() && t[0] != '#')
        out.problem(path, number, "not read: the network service reads only the lines starting with \"any\"");
      continue;
    }
    std::string_view args = trim(line);
    args = trim(args.substr(std::min(args.find_first_of(" \t"), args.size())));
    std::string command = "route add -";
    for (char c : args) {
      if (c == '\\') continue;  // read without -r drops backslashes
      command += c == '\t' ? ' ' : c;
    }
    out.step(path, number, command, "network");
  }
}

}  // namespace

bool has_initscripts_files(const FileMap& files) {
  if (files.count(std::string(kSysconfigNetwork)) || files.count(std::string(kStaticRoutes))) return true;
  const std::string dir = std::string(kNetworkScripts) + "/";
  const auto it = files.lower_bound(dir);
  return it != files.end() && it->first.starts_with(dir);
}

void plan_initscripts_network(const FileMap& given, const std::vector<std::string>& device_names, PlanWriter& out) {
  const std::string lo_config = std::string(kNetworkScripts) + "/ifcfg-lo";
  FileMap with_lo;
  const FileMap* files = &given;
  if (!given.count(lo_config)) {
    with_lo = given;
    with_lo[lo_config] = kDefaultIfcfgLo;
    files = &with_lo;
  }
  IfupContext ctx{*files, device_names, out, {}};
  const std::string network_path(kSysconfigNetwork);
  if (const std::string* text = bounded_file(*files, network_path, out)) {
    out.read(network_path);
    source_assignments(network_path, *text, ctx.network, out);
    report_unknown_keys(ctx.network, network_path, out);
    if (var_value(ctx.network, "NETWORKING") == "no") {
      out.problem(network_path, var_line(ctx.network, "NETWORKING"),
                  "NETWORKING=no: the network service brings up no interface");
      return;
    }
  }
  ifup_eth(ctx, lo_config, false);
  std::vector<std::string> names;
  for (const auto& path : files_in(*files, kNetworkScripts, "ifcfg-", "")) {
    const std::string name = path.substr(path.rfind("/ifcfg-") + 7);
    if (name == "lo" || name.find(':') != std::string::npos || name.find("-range") != std::string::npos ||
        is_ignored_file(name))
      continue;
    names.push_back(name);
  }
  std::sort(names.begin(), names.end(), ServiceOrder{});
  for (const auto& name : names) {
    const std::string path = std::string(kNetworkScripts) + "/ifcfg-" + name;
    const std::string* text = bounded_file(*files, path, out);
    if (!text) continue;
    out.read(path);
    if (onboot_no(*text)) {
      out.problem(path, 0, "ONBOOT=no: the network service does not bring " + name + " up at boot");
      continue;
    }
    if (slave(*text)) {
      out.problem(path, 0, "SLAVE=yes: bonding is not modelled by lvslab; not brought up");
      continue;
    }
    ifup_eth(ctx, path, true);
  }
  static_routes(*files, out);
}

}  // namespace lvs::config::files
