// coreutils' `touch [-c] [-a] [-m] FILE...`: creates each missing FILE empty and leaves an
// existing one as it is (lvslab keeps no times). Directories are not modelled (files.hpp),
// so a missing parent is not refused. CentOS 7's stock /etc/rc.d/rc.local starts with
// `touch /var/lock/subsys/local`. /proc/sys files exist already: touching them changes nothing.
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"

namespace lvs::config::shell {

CommandResult cmd_touch(CommandContext& ctx, const std::vector<std::string>& argv) {
  bool no_create = false, options_done = false;
  std::vector<std::string> names;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (options_done || a.size() < 2 || a[0] != '-') names.push_back(a);
    else if (a == "--") options_done = true;
    else if (a == "--no-create") no_create = true;
    else if (a[1] != '-' && a.find_first_not_of("cam", 1) == std::string::npos)
      no_create |= a.find('c') != std::string::npos;
    else return not_understood(ctx, join_args(argv));
  }
  if (names.empty()) return fail("touch: missing file operand\nTry 'touch --help' for more information.", 1);
  for (const std::string& name : names) {
    const std::string path = absolute_path(ctx.machine, name);
    if (no_create || proc_sys_key(path) || path == "/dev/null") continue;
    ctx.machine.files().try_emplace(path);
  }
  return {};
}

}  // namespace lvs::config::shell
