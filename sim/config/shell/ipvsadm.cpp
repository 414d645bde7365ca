// ipvsadm 1.31: every command the director model runs (sim/ipvs/ipvsadm parses them with
// ipvsadm's own wording), `-S`/`-Sn` (redirected by the shell, `> /etc/sysconfig/ipvsadm`),
// `-R` reading the rules from standard input (`< FILE` or a here-document), and the
// ipvsadm-save / ipvsadm-restore scripts (`ipvsadm -S` / `ipvsadm -R` with their options).
// The first ipvsadm command loads ip_vs, as ipvsadm itself does (Machine::load_ip_vs).
#include "sim/config/shell/commands.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/rules_file.hpp"

namespace lvs::config::shell {
namespace {

namespace ipvsadm = ipvs::ipvsadm;

CommandResult no_ip_vs() {
  return fail(
      "Can't initialize ipvs: Protocol not available\n"
      "Are you sure that IP Virtual Server is built in the kernel or as module?",
      2);
}

CommandResult from(const ipvsadm::IpvsadmOutput& o) {
  CommandResult r;
  r.out = o.out;
  r.err = o.err;
  r.status = o.exit_status;
  return r;
}

// ipvsadm -R: each line of standard input as a command (config_stream.c), stopping at
// the first that fails, as ipvsadm does.
CommandResult restore(ipvs::Director& director, const std::string& input) {
  const ipvsadm::RulesParse rules = ipvsadm::parse_rules(input, "-");
  CommandResult r;
  for (const auto& line : rules.commands) {
    const auto out = director.ipvsadm(line.command, "(restored)");
    r.out += out.out;
    r.err += out.err;
    if (out.exit_status != 0) {
      r.status = out.exit_status;
      return r;
    }
  }
  if (!rules.ok()) {
    // parse_rules names the line as "-:LINE: "; ipvsadm prints its message alone.
    std::string msg = rules.error;
    const std::string where = "-:" + std::to_string(rules.error_line) + ": ";
    if (msg.starts_with(where)) msg.erase(0, where.size());
    r.err += msg + "\n";
    r.status = 2;
  }
  return r;
}

CommandResult run(CommandContext& ctx, std::vector<std::string> args) {
  ipvs::Director* director = ctx.machine.load_ip_vs();
  if (!director) return no_ip_vs();
  const ipvsadm::IpvsadmParse parsed = ipvsadm::parse_ipvsadm(args);
  if (!parsed.ok()) return fail(parsed.error, parsed.exit_status);
  if (parsed.command->command == ipvsadm::Command::kRestore) return restore(*director, ctx.stdin_text);
  return from(director->ipvsadm(*parsed.command, join_args(args)));
}

}  // namespace

CommandResult cmd_ipvsadm(CommandContext& ctx, const std::vector<std::string>& argv) {
  return run(ctx, std::vector<std::string>(argv.begin() + 1, argv.end()));
}

// ipvsadm-save [-n]: `ipvsadm -S [-n]`.
CommandResult cmd_ipvsadm_save(CommandContext& ctx, const std::vector<std::string>& argv) {
  std::vector<std::string> args{"-S"};
  for (std::size_t i = 1; i < argv.size(); ++i) {
    if (argv[i] != "-n") return fail("Usage: ipvsadm-save [-n]", 1);
    args.push_back("-n");
  }
  return run(ctx, args);
}

// ipvsadm-restore: `ipvsadm -R` (it takes no options).
CommandResult cmd_ipvsadm_restore(CommandContext& ctx, const std::vector<std::string>& argv) {
  if (argv.size() > 1) return fail("Usage: ipvsadm-restore", 1);
  return run(ctx, {"-R"});
}

}  // namespace lvs::config::shell
