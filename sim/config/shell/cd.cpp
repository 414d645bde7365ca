// bash's builtin `cd [DIR]`: the working directory that relative names and the prompt use.
// Directories are not modelled, so any absolute path is accepted.
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"

namespace lvs::config::shell {

CommandResult cmd_cd(CommandContext& ctx, const std::vector<std::string>& argv) {
  if (argv.size() > 2) return fail("-bash: cd: too many arguments", 1);
  const std::string dir = argv.size() == 1 ? "/root" : absolute_path(ctx.machine, argv[1]);
  if (ctx.machine.files().contains(dir)) return fail("-bash: cd: " + argv[1] + ": Not a directory", 1);
  ctx.machine.set_cwd(dir);
  return {};
}

}  // namespace lvs::config::shell
