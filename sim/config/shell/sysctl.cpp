// procps-ng 4.0.2 `sysctl` (Debian 12): KEY, -n KEY, -w KEY=VALUE (or KEY=VALUE),
// -p [FILE] (default /etc/sysctl.conf), -q, -e. Keys may use dots or slashes; output
// uses dots. -p reads "key = value" lines, '#' and ';' comments, and a leading '-' that
// keeps a missing key from failing the command (its message is still printed).
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

struct SysctlFlags {
  bool names_only_values = false;  // -n
  bool quiet = false;              // -q
  bool ignore_unknown = false;     // -e
  bool write = false;              // -w
};

std::string dotted(std::string_view key) {
  std::string k(key);
  for (char& c : k)
    if (c == '/') c = '.';
  return k;
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// The Sysctls model's refusal in procps's words (its explanation in parentheses dropped).
std::string linux_words(std::string err) {
  if (err.ends_with(")") && err.find(" (") != std::string::npos) err.erase(err.rfind(" ("));
  return err + "\n";
}

// A key Linux has and lvslab does not model: said so (the rest of the command goes on).
bool unmodelled(CommandContext& ctx, const std::string& key, CommandResult& r) {
  const CommandResult nu = not_understood(ctx, "sysctl " + key + " (a sysctl lvslab does not model)");
  r.note += nu.note;
  r.understood = false;
  return false;
}

// One KEY=VALUE write: what sysctl prints on stdout / stderr, and whether it failed.
bool write_setting(CommandContext& ctx, const std::string& setting, const SysctlFlags& f, bool ignore_missing,
                   CommandResult& r) {
  const std::size_t eq = setting.find('=');
  if (eq == std::string::npos) {
    r.err += "sysctl: \"" + setting + "\" must be of the form name=value\n";
    return false;
  }
  const std::string key = dotted(trim(std::string_view(setting).substr(0, eq)));
  const std::string value = trim(std::string_view(setting).substr(eq + 1));
  if (key.empty()) {
    r.err += "sysctl: malformed setting \"" + setting + "\"\n";
    return false;
  }
  if (auto err = ctx.machine.host().set_sysctl(key, value)) {
    const bool missing = err->find("cannot stat") != std::string::npos;
    if (missing && unmodelled_sysctl(key)) return unmodelled(ctx, key, r);
    if (missing && f.ignore_unknown) return true;
    r.err += linux_words(*err);
    return missing && ignore_missing;
  }
  record_sysctl(ctx.machine, ctx.origin, key, value);
  if (!f.quiet) r.out += f.names_only_values ? value + "\n" : key + " = " + value + "\n";
  return true;
}

bool read_setting(CommandContext& ctx, const std::string& name, const SysctlFlags& f, CommandResult& r) {
  const std::string key = dotted(name);
  const auto v = ctx.machine.host().sysctls().get(key);
  if (!v && unmodelled_sysctl(key)) return unmodelled(ctx, key, r);
  if (!v) {
    if (f.ignore_unknown) return true;
    std::string path = "/proc/sys/" + key;
    for (char& c : path)
      if (c == '.') c = '/';
    r.err += "sysctl: cannot stat " + path + ": No such file or directory\n";
    return false;
  }
  r.out += f.names_only_values ? *v + "\n" : key + " = " + *v + "\n";
  return true;
}

bool preload(CommandContext& ctx, const std::string& file, const SysctlFlags& f, CommandResult& r) {
  const FileText text = read_file(ctx.machine, absolute_path(ctx.machine, file));
  if (!text.text) {
    r.err += "sysctl: cannot open \"" + file + "\": " + text.error + "\n";
    return false;
  }
  bool ok = true;
  std::size_t i = 0;
  int n = 0;
  const std::string& t = *text.text;
  while (i < t.size()) {
    ++n;
    std::size_t nl = t.find('\n', i);
    if (nl == std::string::npos) nl = t.size();
    std::string line = trim(std::string_view(t).substr(i, nl - i));
    i = nl + 1;
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    bool ignore = false;
    if (line[0] == '-') {
      ignore = true;
      line.erase(0, 1);
    }
    if (line.find('=') == std::string::npos) {
      r.err += "sysctl: " + file + "(" + std::to_string(n) + "): invalid syntax, continuing...\n";
      continue;
    }
    ok &= write_setting(ctx, line, f, ignore, r);
  }
  return ok;
}

}  // namespace

CommandResult cmd_sysctl(CommandContext& ctx, const std::vector<std::string>& argv) {
  SysctlFlags f;
  bool load = false;
  std::vector<std::string> rest;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--load" || a == "-p" || (a.starts_with("-p") && a.size() > 2)) {
      load = true;
      if (a.size() > 2 && a != "--load") rest.push_back(a.substr(2));
      continue;
    }
    if (a == "--write") {
      f.write = true;
      continue;
    }
    if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      for (char c : a.substr(1)) {
        if (c == 'n') f.names_only_values = true;
        else if (c == 'q') f.quiet = true;
        else if (c == 'e') f.ignore_unknown = true;
        else if (c == 'w') f.write = true;
        else if (c == 'p') load = true;
        else return not_understood(ctx, "sysctl option -" + std::string(1, c) + " in: " + join_args(argv));
      }
      continue;
    }
    if (a.starts_with("--")) return not_understood(ctx, "sysctl " + a + " (sysctl --system is read at boot)");
    rest.push_back(a);
  }
  CommandResult r;
  bool ok = true;
  if (load) {
    if (rest.empty()) rest.push_back("/etc/sysctl.conf");
    for (const auto& file : rest) ok &= preload(ctx, file, f, r);
  } else {
    if (rest.empty())
      return fail(
          "\nUsage:\n sysctl [options] [variable[=value] ...]\n\nOptions:\n -a, --all            display all variables",
          2);
    for (const auto& a : rest)
      ok &= (f.write || a.find('=') != std::string::npos) ? write_setting(ctx, a, f, false, r)
                                                          : read_setting(ctx, a, f, r);
  }
  r.status = ok ? 0 : 1;
  return r;
}

}  // namespace lvs::config::shell
