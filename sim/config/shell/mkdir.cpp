// coreutils' `mkdir [-p] [-v] [-m MODE] DIR...`. Directories are not modelled (files.hpp):
// a directory exists when a file lies below it. So `mkdir` refuses what it can see exists,
// as mkdir(2) does (EEXIST: a file of that name, or a directory that holds files, unless
// -p), and otherwise creates nothing that a later command could tell apart. Messages as
// coreutils prints them in a UTF-8 locale (CentOS 7 and Debian 12's default): ‘DIR’.
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"

namespace lvs::config::shell {
namespace {

bool holds_files(const Machine& m, const std::string& dir) {
  const std::string prefix = dir == "/" ? dir : dir + "/";
  const auto it = m.files().lower_bound(prefix);
  return it != m.files().end() && it->first.starts_with(prefix);
}

// The top directories every installation has (the FHS's), and those holding files.
bool known_to_exist(const Machine& m, const std::string& dir) {
  static constexpr std::string_view kTop[] = {"/",      "/bin", "/boot", "/dev",  "/etc",  "/home", "/lib",
                                              "/media", "/mnt", "/opt",  "/proc", "/root", "/run",  "/sbin",
                                              "/srv",   "/sys", "/tmp",  "/usr",  "/var"};
  for (std::string_view top : kTop)
    if (dir == top) return true;
  return holds_files(m, dir);
}

// -p -v: coreutils reports each directory it makes, the missing parents first.
std::string created_lines(const Machine& m, const std::string& dir) {
  std::string out;
  for (std::size_t slash = dir.find('/', 1);; slash = dir.find('/', slash + 1)) {
    const std::string part = slash == std::string::npos ? dir : dir.substr(0, slash);
    if (!known_to_exist(m, part)) out += "mkdir: created directory \xe2\x80\x98" + part + "\xe2\x80\x99\n";
    if (slash == std::string::npos) return out;
  }
}

}  // namespace

CommandResult cmd_mkdir(CommandContext& ctx, const std::vector<std::string>& argv) {
  bool parents = false, verbose = false;
  std::vector<std::string> dirs;
  bool options_done = false;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (options_done || a.size() < 2 || a[0] != '-') {
      dirs.push_back(a);
    } else if (a == "--") {
      options_done = true;
    } else if (a == "--parents") {
      parents = true;
    } else if (a == "--verbose") {
      verbose = true;
    } else if (a == "-m" || a == "--mode") {
      if (++i == argv.size())
        return fail("mkdir: option requires an argument -- 'm'\nTry 'mkdir --help' for more information.", 1);
    } else if (a.starts_with("--mode=")) {
    } else if (a[1] != '-' && a.find_first_not_of("pv", 1) == std::string::npos) {
      parents |= a.find('p') != std::string::npos;
      verbose |= a.find('v') != std::string::npos;
    } else {
      return not_understood(ctx, join_args(argv));
    }
  }
  if (dirs.empty()) return fail("mkdir: missing operand\nTry 'mkdir --help' for more information.", 1);
  CommandResult r;
  for (const std::string& name : dirs) {
    const std::string dir = absolute_path(ctx.machine, name);
    const bool is_file = ctx.machine.files().contains(dir);
    if (is_file || (!parents && holds_files(ctx.machine, dir))) {
      r.err += "mkdir: cannot create directory \xe2\x80\x98" + name + "\xe2\x80\x99: File exists\n";
      r.status = 1;
      continue;
    }
    if (!verbose) continue;
    if (parents) r.out += created_lines(ctx.machine, dir);
    else r.out += "mkdir: created directory \xe2\x80\x98" + name + "\xe2\x80\x99\n";
  }
  return r;
}

}  // namespace lvs::config::shell
