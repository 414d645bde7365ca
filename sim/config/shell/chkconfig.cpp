// CentOS 7's `chkconfig NAME on|off`: for a systemd unit it forwards to systemctl
// ("Note: Forwarding request to 'systemctl enable NAME.service'.").
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/units.hpp"

namespace lvs::config::shell {

CommandResult cmd_chkconfig(CommandContext& ctx, const std::vector<std::string>& argv) {
  if (argv.size() != 3 || (argv[2] != "on" && argv[2] != "off"))
    return not_understood(ctx, join_args(argv) + " (chkconfig NAME on|off is modelled)");
  const auto unit = canonical_unit(argv[1]);
  if (!unit) return fail("error reading information on service " + argv[1] + ": No such file or directory", 1);
  const bool on = argv[2] == "on";
  CommandResult r = enable_unit(ctx, *unit, on);
  r.err = "Note: Forwarding request to 'systemctl " + std::string(on ? "enable" : "disable") + " " + *unit +
          ".service'.\n" + r.err;
  return r;
}

}  // namespace lvs::config::shell
