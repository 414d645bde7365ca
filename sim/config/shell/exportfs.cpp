// nfs-utils `exportfs` (exportfs(8), utils/exportfs/exportfs.c main()) on the machine's
// kernel export table (Machine::export_table, sim/apps/exports.hpp):
//   exportfs            the table (dump()); -v with each export's options
//   exportfs -r [-v]    the table becomes /etc/exports' exports ("exporting C:P" with -v)
//   exportfs -a [-v]    /etc/exports' exports are added
//   exportfs [-v] C:/P  one export with the default options
//   exportfs -u[v] C:/P one export goes ("unexporting C:P" with -v); -ua / -au: all
// A bad /etc/exports line fails as exportfs does, naming the file and line; what exportfs
// logs as an error (xlog L_ERROR) makes its exit status 1.
#include "sim/apps/exports.hpp"
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"

namespace lvs::config::shell {
namespace {

struct ExportfsFlags {
  bool all = false, reexport = false, unexport = false, verbose = false;
  std::vector<std::string> args;
};

// Splits "CLIENT:/PATH"; false for what exportfs calls "Invalid export syntax".
bool split_export(const std::string& arg, std::string* client, std::string* path) {
  const auto colon = arg.find(':');
  if (colon == std::string::npos || colon + 1 >= arg.size() || arg[colon + 1] != '/') return false;
  *client = arg.substr(0, colon);
  *path = arg.substr(colon + 1);
  return true;
}

void unexport_args(ExportTable& table, const ExportfsFlags& f, CommandResult& r) {
  for (const auto& arg : f.args) {
    std::string client, path;
    if (!split_export(arg, &client, &path)) {
      r.err += "exportfs: Invalid export syntax: " + arg + "\n";
      r.status = 1;
      continue;
    }
    if (!unexport(table, client, path)) {
      r.err += "exportfs: Could not find '" + client + ":" + path + "' to unexport.\n";
      r.status = 1;
    } else if (f.verbose) {
      r.out += "unexporting " + client + ":" + path + "\n";
    }
  }
}

void export_args(ExportTable& table, const ExportfsFlags& f, CommandResult& r) {
  for (const auto& arg : f.args) {
    std::string client, path;
    const ExportsParse one = split_export(arg, &client, &path)
                                 ? parse_exports(path + " " + client + "(no_subtree_check)", "command line")
                                 : ExportsParse{{}, "x", 0};
    if (!one.ok()) {
      r.err += "exportfs: Invalid export syntax: " + arg + "\n";
      r.status = 1;
      continue;
    }
    export_all(table, one, false);
    if (f.verbose) r.out += "exporting " + client + ":" + path + "\n";
  }
}

}  // namespace

CommandResult cmd_exportfs(CommandContext& ctx, const std::vector<std::string>& argv) {
  ExportfsFlags f;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a.size() < 2 || a[0] != '-') {
      f.args.push_back(a);
      continue;
    }
    for (char c : a.substr(1)) {
      if (c == 'a') f.all = true;
      else if (c == 'r') f.all = f.reexport = true;
      else if (c == 'u') f.unexport = true;
      else if (c == 'v') f.verbose = true;
      else return not_understood(ctx, join_args(argv) + " (exportfs -r, -a, -u, -v are modelled)");
    }
  }
  if (!f.args.empty() && f.all) return fail("exportfs: extra arguments are not permitted with -a or -r", 1);
  if (f.reexport && f.unexport) return fail("exportfs: -r and -u are incompatible", 1);
  auto& table = ctx.machine.export_table();
  CommandResult r;
  if (f.args.empty() && !f.all) {  // the table as it is
    if (table) r.out = exportfs_dump(*table, f.verbose);
    return r;
  }
  if (!table) table.emplace();
  if (f.unexport) {
    if (f.all) table->clear();
    unexport_args(*table, f, r);
    return r;
  }
  const FileText file = read_file(ctx.machine, "/etc/exports");
  const ExportsParse parsed = parse_exports(file.text ? *file.text : std::string());
  if (!parsed.ok()) return fail("exportfs: " + parsed.error, 1);
  r.err_first = true;  // support/nfs/exports.c warns while reading, before anything is exported
  if (!f.all) {
    export_args(*table, f, r);
    return r;
  }
  const ExportfsOutput out = exportfs_rv(parsed);
  r.err = out.err + r.err;
  if (f.verbose) r.out = out.out;
  export_all(*table, parsed, f.reexport);
  return r;
}

}  // namespace lvs::config::shell
