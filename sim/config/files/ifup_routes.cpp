// /etc/sysconfig/network-scripts/ifup-routes (initscripts 9.49): the static routes of a
// device, from route-DEVICE (and route-NICKNAME when the ifcfg file's name differs), in
// one of two formats, told apart by a line matching ^[[:space:]]*ADDRESS[0-9]+= :
//  * ADDRESSn=/NETMASKn=/GATEWAYn= (sourced; n from 0 up to the first missing ADDRESSn):
//      ip route add ADDRESSn/PREFIX [via GATEWAYn] dev DEVICE   (PREFIX: ipcalc -p ADDRESSn NETMASKn)
//  * one route per line, the arguments of `ip route add`; blank lines and lines starting
//    with '#' are skipped (MATCH='^[[:space:]]*(\#.*)?$'); `read line` strips the blanks
//    around the line and removes backslashes (a trailing one joins the next line):
//      ip -4 route add LINE
// route6-DEVICE (IPv6) is not modelled.
#include <regex>

#include "sim/config/files/ifup_context.hpp"
#include "sim/config/files/netmask_defaults.hpp"

namespace lvs::config::files {
namespace {

bool address_format(std::string_view text) {
  static const std::regex pattern("^[ \t]*ADDRESS[0-9]+=");
  for (std::string_view line : split_lines(text))
    if (std::regex_search(line.begin(), line.end(), pattern)) return true;
  return false;
}

void address_routes(IfupContext& ctx, const std::string& path, std::string_view text, const std::string& device) {
  ShellVars vars;
  source_assignments(path, text, vars, ctx.out);
  const std::string dev = device.substr(0, device.find(':'));
  int n = 0;
  for (; !var_value(vars, "ADDRESS" + std::to_string(n)).empty(); ++n) {
    const std::string i = std::to_string(n);
    const std::string address = var_value(vars, "ADDRESS" + i), netmask = var_value(vars, "NETMASK" + i);
    const std::string gateway = var_value(vars, "GATEWAY" + i);
    const std::uint32_t line = var_line(vars, "ADDRESS" + i);
    const auto addr = Ipv4Addr::parse(address);
    const auto mask = Ipv4Addr::parse(netmask);
    const auto len = mask ? netmask_to_prefix(*mask) : std::nullopt;
    if (!addr) {
      ctx.out.problem(path, line,
                      "ADDRESS" + i + "=" + address + ": ipcalc: bad IPv4 address: " + address + "; route not added");
      continue;
    }
    if (!len) {
      ctx.out.problem(path, netmask.empty() ? line : var_line(vars, "NETMASK" + i),
                      netmask.empty()
                          ? "NETMASK" + i + " is missing: ipcalc -p needs it; route not added"
                          : "NETMASK" + i + "=" + netmask + ": ipcalc: bad netmask: " + netmask + "; route not added");
      continue;
    }
    ctx.out.step(path, line,
                 "ip route add " + address + "/" + std::to_string(*len) +
                     (gateway.empty() ? "" : " via " + shell_word(gateway)) + " dev " + shell_word(dev),
                 "ifup-routes");
  }
  for (const auto& [key, var] : vars) {
    if (!key.starts_with("ADDRESS") || key.size() == 7 || var.value.empty()) continue;
    const std::string_view digits = std::string_view(key).substr(7);
    if (digits.find_first_not_of("0123456789") != std::string_view::npos || digits.size() > 6) continue;
    if (std::stoi(std::string(digits)) > n)
      ctx.out.problem(path, var.line,
                      key + " is not read: ifup-routes stops at the first missing ADDRESSn (ADDRESS" +
                          std::to_string(n) + " is missing)");
  }
}

// `read line` without -r: backslash-newline joins lines, other backslashes escape the next
// character; $line unquoted is then split into words.
void line_routes(IfupContext& ctx, const std::string& path, std::string_view text) {
  const std::vector<std::string_view> lines = split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto number = static_cast<std::uint32_t>(i + 1);
    std::string joined;
    std::string_view line = lines[i];
    while (true) {
      std::size_t k = 0;
      for (; k < line.size(); ++k) {
        if (line[k] != '\\') {
          joined += line[k];
        } else if (k + 1 < line.size()) {
          joined += line[++k];
        }
      }
      if (!line.empty() && line.back() == '\\' && (line.size() < 2 || line[line.size() - 2] != '\\') &&
          i + 1 < lines.size()) {
        line = lines[++i];
        continue;
      }
      break;
    }
    std::vector<std::string> words;
    std::string word;
    for (char c : joined) {
      if (c == ' ' || c == '\t' || c == '\r') {
        if (!word.empty()) words.push_back(std::move(word)), word.clear();
      } else {
        word += c;
      }
    }
    if (!word.empty()) words.push_back(word);
    if (words.empty() || words[0][0] == '#') continue;
    std::string command = "ip -4 route add";
    for (const auto& w : words) command += " " + shell_word(w);
    ctx.out.step(path, number, command, "ifup-routes");
  }
}

}  // namespace

void ifup_routes(IfupContext& ctx, const std::string& device, const std::string& nickname) {
  std::vector<std::string> names{device};
  if (!nickname.empty() && nickname != device) names.push_back(nickname);
  for (const auto& name : names) {
    const std::string path = std::string(kNetworkScripts) + "/route-" + name;
    if (const std::string* text = bounded_file(ctx.files, path, ctx.out)) {
      ctx.out.read(path);
      if (address_format(*text)) address_routes(ctx, path, *text, device);
      else line_routes(ctx, path, *text);
    }
    const std::string path6 = std::string(kNetworkScripts) + "/route6-" + name;
    if (ctx.files.count(path6)) {
      ctx.out.read(path6);
      ctx.out.problem(path6, 0, "IPv6 routes are not modelled by lvslab; not added");
    }
  }
}

}  // namespace lvs::config::files
