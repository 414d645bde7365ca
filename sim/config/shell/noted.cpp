// Lines kept in the transcript with a note, not run: interactive editors (vim, vi,
// nano: the file's new content is not in the transcript; give it in `files` or with
// `cat > FILE <<EOF`).
#include "sim/config/shell/commands.hpp"

namespace lvs::config::shell {

CommandResult cmd_editor(CommandContext& ctx, const std::vector<std::string>& argv) {
  CommandResult r;
  r.ignored = true;
  r.note = "lvslab: " + ctx.origin.file + ":" + std::to_string(ctx.origin.line) + ": " + argv[0] +
           " is interactive and is not run; give the file's content in the host's files or with cat > FILE <<EOF\n";
  return r;
}

}  // namespace lvs::config::shell
