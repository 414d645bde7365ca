#include <algorithm>

#include "sim/config/files/ifup_context.hpp"

namespace lvs::config::files {

bool IfupContext::device_exists(std::string_view name) const {
  return name == "lo" || std::find(devices.begin(), devices.end(), name) != devices.end();
}

int IfupContext::ifindex(std::string_view name) const {
  if (name == "lo") return 1;
  int index = 2;
  for (const auto& d : devices) {
    if (d == "lo") continue;
    if (d == name) return index;
    ++index;
  }
  return index;
}

std::optional<ShellVars> source_config(IfupContext& ctx, const std::string& path) {
  const std::string* text = bounded_file(ctx.files, path, ctx.out);
  if (!text) return std::nullopt;
  ctx.out.read(path);
  ShellVars vars = ctx.network;  // ifup: "[ -f ../network ] && . ../network", then the ifcfg file
  source_assignments(path, *text, vars, ctx.out);
  return vars;
}

// /etc/init.d/functions: is_true "[tT] | [yY] | [yY][eE][sS] | [oO][nN] | [tT][rR][uU][eE] | 1",
// is_false "[fF] | [nN] | [nN][oO] | [oO][fF][fF] | [fF][aA][lL][sS][eE] | 0".
namespace {
bool one_of_ci(std::string_view v, std::initializer_list<std::string_view> words) {
  for (std::string_view w : words) {
    if (w.size() != v.size()) continue;
    if (std::equal(w.begin(), w.end(), v.begin(), [](char a, char b) { return a == (b | 0x20) || a == b; }))
      return true;
  }
  return false;
}
}  // namespace

bool is_ignored_file(std::string_view name) {
  for (const char* suffix : {"~", ".bak", ".old", ".orig", ".rpmnew", ".rpmorig", ".rpmsave"})
    if (name.ends_with(suffix)) return true;
  return false;
}

bool is_true(std::string_view v) { return one_of_ci(v, {"t", "y", "yes", "on", "true", "1"}); }
bool is_false(std::string_view v) { return one_of_ci(v, {"f", "n", "no", "off", "false", "0"}); }

}  // namespace lvs::config::files
