// nfs-utils `exportfs` -r / -a (re-read /etc/exports), with -v printing "exporting
// CLIENT:PATH" lines (sim/apps/exports.cpp: the parser and exportfs -rv's output).
// A bad line fails as exportfs does, naming the file and line.
#include "sim/apps/exports.hpp"
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"

namespace lvs::config::shell {

CommandResult cmd_exportfs(CommandContext& ctx, const std::vector<std::string>& argv) {
  bool reexport = false, verbose = false;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-')
      return not_understood(ctx, join_args(argv) + " (exportfs -r, -a, -v are modelled)");
    for (char c : a.substr(1)) {
      if (c == 'r' || c == 'a') reexport = true;
      else if (c == 'v') verbose = true;
      else return not_understood(ctx, join_args(argv) + " (exportfs -r, -a, -v are modelled)");
    }
  }
  if (!reexport)
    return not_understood(ctx, join_args(argv) + " (listing the kernel's export table is not modelled; use -rv)");
  CommandResult r;
  const FileText file = read_file(ctx.machine, "/etc/exports");
  const ExportsParse parsed = parse_exports(file.text ? *file.text : std::string());
  if (!parsed.ok()) return fail("exportfs: " + parsed.error, 1);
  const ExportfsOutput out = exportfs_rv(parsed);
  r.err = out.err;  // support/nfs/exports.c warns while reading, before anything is exported
  r.err_first = true;
  if (verbose) r.out = out.out;
  return r;
}

}  // namespace lvs::config::shell
