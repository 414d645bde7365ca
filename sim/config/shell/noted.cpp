// Lines kept in the transcript with a note, not run: interactive editors (vim, vi,
// nano: the file's new content is not in the transcript; give it in `files` or with
// `cat > FILE <<EOF`).
#include "sim/config/shell/commands.hpp"

namespace lvs::config::shell {

CommandResult cmd_editor(CommandContext& ctx, const std::vector<std::string>& argv) {
  CommandResult r;
  r.ignored = true;
  r.note = lvslab_note(ctx, argv[0] +
                                " is interactive and is not run; give the file's content in the host's files "
                                "or with cat > FILE <<EOF");
  return r;
}

}  // namespace lvs::config::shell
