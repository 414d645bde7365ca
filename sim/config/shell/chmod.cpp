// coreutils' `chmod [-R] [-v] MODE FILE...`. lvslab keeps no file modes (rc.local runs at
// boot whether or not it was made executable: docs/config-files.md), so chmod only says
// what coreutils says about a file that does not exist: "chmod: cannot access ‘F’: No such
// file or directory", exit 1. A directory exists when a file lies below it (files.hpp).
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"

namespace lvs::config::shell {
namespace {

bool exists(const Machine& m, const std::string& path) {
  if (path == "/" || m.files().contains(path) || proc_sys_key(path)) return true;
  const auto it = m.files().lower_bound(path + "/");
  return it != m.files().end() && it->first.starts_with(path + "/");
}

}  // namespace

CommandResult cmd_chmod(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::vector<std::string> operands;
  bool options_done = false;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    // A mode may start with '-' ("chmod -x FILE"); -R/-v/-f/-c are options.
    if (!options_done && (a == "-R" || a == "-v" || a == "-f" || a == "-c" || a == "--recursive" || a == "--verbose"))
      continue;
    if (!options_done && a == "--") {
      options_done = true;
      continue;
    }
    operands.push_back(a);
  }
  if (operands.empty()) return fail("chmod: missing operand\nTry 'chmod --help' for more information.", 1);
  if (operands.size() == 1)
    return fail("chmod: missing operand after \xe2\x80\x98" + operands[0] +
                    "\xe2\x80\x99\nTry 'chmod --help' for more information.",
                1);
  CommandResult r;
  for (std::size_t i = 1; i < operands.size(); ++i) {
    if (exists(ctx.machine, absolute_path(ctx.machine, operands[i]))) continue;
    r.err += "chmod: cannot access \xe2\x80\x98" + operands[i] + "\xe2\x80\x99: No such file or directory\n";
    r.status = 1;
  }
  return r;
}

}  // namespace lvs::config::shell
