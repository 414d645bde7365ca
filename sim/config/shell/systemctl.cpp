// systemd's `systemctl ACTION NAME...` for the units lvslab models (units.cpp).
#include "sim/config/shell/commands.hpp"
#include "sim/config/shell/units.hpp"

namespace lvs::config::shell {

CommandResult cmd_systemctl(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::vector<std::string> words;
  bool now = false;
  for (std::size_t i = 1; i < argv.size(); ++i) {
    if (argv[i] == "--now") now = true;
    else if (argv[i] == "-q" || argv[i] == "--quiet" || argv[i] == "--no-pager") continue;
    else if (argv[i].starts_with("-")) return not_understood(ctx, "systemctl option " + argv[i]);
    else words.push_back(argv[i]);
  }
  if (words.size() < 2) return not_understood(ctx, join_args(argv));
  CommandResult all;
  for (std::size_t i = 1; i < words.size(); ++i) {
    CommandResult r = systemctl_action(ctx, words[0], words[i]);
    // enable --now / disable --now also start / stop the unit.
    if (now && r.status == 0 && (words[0] == "enable" || words[0] == "disable")) {
      CommandResult s = systemctl_action(ctx, words[0] == "enable" ? "start" : "stop", words[i]);
      r.err += s.err;
      r.note += s.note;
      r.status = s.status;
      r.understood = r.understood && s.understood;
    }
    all.out += r.out;
    all.err += r.err;
    all.note += r.note;
    if (r.status != 0) all.status = r.status;
    all.answer = r.answer;
    all.understood = all.understood && r.understood;
  }
  return all;
}

}  // namespace lvs::config::shell
