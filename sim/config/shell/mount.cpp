// util-linux `mount -t nfs [-o OPTIONS] SERVER:/PATH DIR` (recorded as a Machine mount:
// the run mounts it from the NFS server, sim/apps/nfs_mounts.hpp), and `mount` alone
// listing those mounts.
#include "sim/apps/nfs_options.hpp"
#include "sim/config/shell/commands.hpp"

namespace lvs::config::shell {

CommandResult cmd_mount(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::string type, options;
  std::vector<std::string> rest;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    if (argv[i] == "-t" && i + 1 < argv.size()) type = argv[++i];
    else if (argv[i] == "-o" && i + 1 < argv.size()) options = argv[++i];
    else if (argv[i] == "-v") continue;
    else if (argv[i].starts_with("-")) return not_understood(ctx, "mount option " + argv[i]);
    else rest.push_back(argv[i]);
  }
  auto& mounts = ctx.machine.mounts();
  if (rest.empty() && type.empty()) {
    // Only the NFS mounts lvslab models (a real list starts with proc, sysfs, ...).
    CommandResult r;
    for (const auto& m : mounts)
      r.out += m.source + " on " + m.target + " type nfs (" + (m.options.empty() ? "rw" : m.options) + ")\n";
    return r;
  }
  if (rest.size() != 2) return not_understood(ctx, join_args(argv) + " (mount -t nfs [-o OPTIONS] SERVER:/PATH DIR)");
  const bool nfs = type == "nfs" || type == "nfs4" || (type.empty() && rest[0].find(":/") != std::string::npos);
  if (!nfs) return not_understood(ctx, join_args(argv) + " (only NFS mounts are modelled)");
  if (rest[0].find(':') == std::string::npos) return fail("mount.nfs: remote share not in 'host:dir' format", 32);
  NfsMountOptions parsed;
  std::string error;
  if (!parse_nfs_options(options, &parsed, &error))  // the kernel's EINVAL, as mount.nfs words it
    return fail("mount.nfs: an incorrect mount option was specified", 32);
  for (const auto& m : mounts)
    if (m.target == rest[1]) return fail("mount.nfs: " + rest[1] + " is busy or already mounted", 32);
  mounts.push_back(Mount{rest[0], rest[1], options});
  return {};
}

// `umount DIR` (or the source): the mount goes.
CommandResult cmd_umount(CommandContext& ctx, const std::vector<std::string>& argv) {
  if (argv.size() != 2 || argv[1].starts_with("-")) return not_understood(ctx, join_args(argv) + " (umount DIR)");
  auto& mounts = ctx.machine.mounts();
  for (auto it = mounts.begin(); it != mounts.end(); ++it)
    if (it->target == argv[1] || it->source == argv[1]) {
      mounts.erase(it);
      return {};
    }
  return fail("umount: " + argv[1] + ": not mounted.", 32);
}

}  // namespace lvs::config::shell
