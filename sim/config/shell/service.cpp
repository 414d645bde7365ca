// CentOS 7's `service NAME ACTION` (initscripts 9.49): units without a SysV script are
// handed to systemctl with "Redirecting to /bin/systemctl ACTION NAME.service" on
// stderr; the network script goes through systemctl too ("Restarting network (via
// systemctl):" and [  OK  ]). The legacy action `service ipvsadm save` writes
// `ipvsadm-save -n` to /etc/sysconfig/ipvsadm (what ipvsadm.service's ExecStop writes
// too) and says "Saving IPVS table to /etc/sysconfig/ipvsadm:" with [  OK  ], as
// CentOS 7 transcripts show it.
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/files.hpp"
#include "sim/config/shell/units.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"

namespace lvs::config::shell {
namespace {

CommandResult save_ipvsadm(CommandContext& ctx) {
  ipvs::Director* director = ctx.machine.load_ip_vs();
  if (!director)
    return fail(
        "Can't initialize ipvs: Protocol not available\n"
        "Are you sure that IP Virtual Server is built in the kernel or as module?",
        2);
  const auto save = ipvs::ipvsadm::parse_ipvsadm({"-S", "-n"});
  const auto out = director->ipvsadm(*save.command, "-S -n");
  if (auto e = write_file(ctx.machine, ctx.origin, "/etc/sysconfig/ipvsadm", out.out, false))
    return fail("/etc/sysconfig/ipvsadm: " + e->error, 1);
  CommandResult r;
  r.out = initscripts_ok("Saving IPVS table to /etc/sysconfig/ipvsadm:");
  return r;
}

}  // namespace

CommandResult cmd_service(CommandContext& ctx, const std::vector<std::string>& argv) {
  if (argv.size() < 3)
    return fail("Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]", 1);
  const std::string& name = argv[1];
  const std::string& action = argv[2];
  const auto unit = canonical_unit(name);
  if (unit && *unit == "ipvsadm" && action == "save") return save_ipvsadm(ctx);
  if (!unit) return fail(name + ": unrecognized service", 1);
  if (action != "start" && action != "stop" && action != "restart" && action != "status" && action != "reload")
    return not_understood(ctx,
                          join_args(argv) + " (start, stop, restart, reload, status and ipvsadm save are modelled)");
  if (*unit == "network") {
    CommandResult r = systemctl_action(ctx, action, "network");
    if (!r.understood || action == "status") return r;
    const char* verb = action == "start"    ? "Starting"
                       : action == "stop"   ? "Stopping"
                       : action == "reload" ? "Reloading"
                                            : "Restarting";
    r.out = initscripts_ok(std::string(verb) + " network (via systemctl):") + r.out;
    return r;
  }
  CommandResult r = systemctl_action(ctx, action, name);
  r.err = "Redirecting to /bin/systemctl " + action + " " + (name.ends_with(".service") ? name : name + ".service") +
          "\n" + r.err;
  return r;
}

}  // namespace lvs::config::shell
