// coreutils `cat [FILE...]`: the files in order (standard input without one, e.g. a
// here-document in `cat > F <<EOF`). /proc/sys/... files are the host's sysctls.
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"

namespace lvs::config::shell {

CommandResult cmd_cat(CommandContext& ctx, const std::vector<std::string>& argv) {
  CommandResult r;
  bool any = false;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "-") {
      r.out += ctx.stdin_text;
      any = true;
      continue;
    }
    if (a.size() > 1 && a[0] == '-') return not_understood(ctx, "cat option " + a);
    any = true;
    const FileText f = read_file(ctx.machine, absolute_path(ctx.machine, a));
    if (!f.text && f.unmodelled) {
      r.note += not_understood(ctx, "cat " + a + " (a sysctl lvslab does not model)").note;
      r.understood = false;
      r.status = 1;
      continue;
    }
    if (!f.text) {
      r.err += "cat: " + a + ": " + f.error + "\n";
      r.status = 1;
      continue;
    }
    r.out += *f.text;
  }
  if (!any) r.out += ctx.stdin_text;
  return r;
}

}  // namespace lvs::config::shell
