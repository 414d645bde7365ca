// coreutils `cp [-f|-a|-p|-v] SRC DST`: copies a file's text. DST names a directory when
// it ends in '/' or files exist under it (directories are not modelled otherwise); then
// the copy keeps SRC's name.
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"

namespace lvs::config::shell {
namespace {

bool looks_like_directory(const Machine& m, const std::string& path) {
  const auto it = m.files().lower_bound(path + "/");
  return it != m.files().end() && it->first.starts_with(path + "/");
}

}  // namespace

CommandResult cmd_cp(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::vector<std::string> names;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() > 1 && a[0] == '-') {
      if (a.find_first_not_of("-fapv", 1) != std::string::npos) return not_understood(ctx, "cp option " + a);
      continue;
    }
    names.push_back(a);
  }
  if (names.empty()) return fail("cp: missing file operand\nTry 'cp --help' for more information.", 1);
  if (names.size() == 1)
    return fail("cp: missing destination file operand after '" + names[0] + "'\nTry 'cp --help' for more information.",
                1);
  if (names.size() > 2) return not_understood(ctx, "cp with several sources: " + join_args(argv));
  Machine& m = ctx.machine;
  const std::string src = absolute_path(m, names[0]);
  std::string dst = absolute_path(m, names[1]);
  const FileText f = read_file(m, src);
  if (!f.text) return fail("cp: cannot stat '" + names[0] + "': " + f.error, 1);
  if (names[1].ends_with("/") || looks_like_directory(m, dst)) dst += src.substr(src.rfind('/'));
  if (dst == src) return fail("cp: '" + names[0] + "' and '" + names[1] + "' are the same file", 1);
  if (auto e = open_for_write(m, dst, false))
    return fail("cp: cannot create regular file '" + names[1] + "': " + e->error, 1);
  if (auto e = write_file(m, ctx.origin, dst, *f.text, false))
    return fail("cp: error writing '" + names[1] + "': " + e->error, 1);
  return {};
}

}  // namespace lvs::config::shell
