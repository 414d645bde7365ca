#include "sim/config/shell/units.hpp"

#include <array>

#include "sim/apps/exports.hpp"
#include "sim/config/shell.hpp"
#include "sim/config/shell/files.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/ipvs/ipvsadm/rules_file.hpp"
#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

constexpr const char* kIpvsadmRules = "/etc/sysconfig/ipvsadm";

struct UnitName {
  std::string_view typed, unit;
};
constexpr std::array<UnitName, 11> kUnits = {{{"network", "network"},
                                              {"networking", "networking"},
                                              {"ipvsadm", "ipvsadm"},
                                              {"nfs-server", "nfs-server"},
                                              {"nfs", "nfs-server"},
                                              {"nfs-kernel-server", "nfs-server"},
                                              {"rpcbind", "rpcbind"},
                                              {"autofs", "autofs"},
                                              {"httpd", "httpd"},
                                              {"apache2", "httpd"},
                                              {"nfs-utils", "nfs-server"}}};

// ipvsadm.service (CentOS 7): ExecStart=/bin/bash -c "exec /sbin/ipvsadm-restore <
// /etc/sysconfig/ipvsadm"; a missing file fails the unit as bash fails the redirection.
std::string start_ipvsadm(CommandContext& ctx) {
  const FileText rules = read_file(ctx.machine, kIpvsadmRules);
  if (!rules.text) return std::string("/bin/bash: ") + kIpvsadmRules + ": " + rules.error;
  ipvs::Director* director = ctx.machine.load_ip_vs();
  if (!director) return "Can't initialize ipvs: Protocol not available";
  const ipvs::ipvsadm::RulesParse parsed = ipvs::ipvsadm::parse_rules(*rules.text, kIpvsadmRules);
  for (const auto& line : parsed.commands) {
    const auto out = director->ipvsadm(line.command, std::string("(restored from ") + kIpvsadmRules + ")");
    if (out.exit_status != 0) return out.err.substr(0, out.err.find('\n'));
  }
  return parsed.error;
}

// ExecStop=/bin/bash -c "exec /sbin/ipvsadm-save -n > /etc/sysconfig/ipvsadm", then
// ExecStop=/sbin/ipvsadm -C.
std::string stop_ipvsadm(CommandContext& ctx) {
  ipvs::Director* director = ctx.machine.director();
  if (!director) return {};
  const auto save = ipvs::ipvsadm::parse_ipvsadm({"-S", "-n"});
  const auto clear = ipvs::ipvsadm::parse_ipvsadm({"-C"});
  ctx.machine.files()[kIpvsadmRules] = director->ipvsadm(*save.command, "-S -n").out;
  (void)director->ipvsadm(*clear.command, "-C");
  return {};
}

// nfs-server.service runs `exportfs -r` (ExecStartPre / ExecStart=rpc.nfsd): the
// kernel's export table becomes /etc/exports'; a bad line fails it.
std::string start_nfs(CommandContext& ctx) {
  const FileText exports = read_file(ctx.machine, "/etc/exports");
  const ExportsParse parsed = parse_exports(exports.text ? *exports.text : std::string());
  if (!parsed.ok()) return parsed.error;
  export_all(ctx.machine.export_table().emplace(), parsed, true);
  return {};
}

// network.service (initscripts' /etc/init.d/network): stop is ifdown of every interface
// it manages (ifdown-eth flushes the device's addresses, and its routes go with them),
// start is their ifup lines. What the lines print goes to the journal, not the terminal.
void network_stop(CommandContext& ctx, const std::vector<Machine::PlannedCommand>& commands) {
  Host& host = ctx.machine.host();
  for (const auto& c : commands) {
    const std::size_t at = c.command.find(" dev ");
    if (at == std::string::npos) continue;
    std::string dev = c.command.substr(at + 5);
    dev = dev.substr(0, dev.find(' '));
    dev = dev.substr(0, dev.find(':'));
    Interface* d = host.find_iface(dev);
    if (!d || d->kind == IfKind::kLoopback) continue;
    while (!d->addresses.empty()) (void)host.del_address(d->name, d->addresses.back().local());
  }
  ctx.machine.unit("network").running = false;
}

void network_start(CommandContext& ctx, const std::vector<Machine::PlannedCommand>& commands) {
  for (const auto& c : commands) (void)run_line(ctx.machine, c.command, c.origin);
  ctx.machine.unit("network").running = true;
}

// start, stop, restart / reload of the network service (Machine::network_commands is set).
void network_action(CommandContext& ctx, const std::string& action) {
  const auto commands = ctx.machine.network_commands(ctx.machine);
  if (action != "start") network_stop(ctx, commands);
  if (action != "stop") network_start(ctx, commands);
}

}  // namespace

std::string initscripts_ok(const std::string& message) {
  std::string line = message;
  if (line.size() < 59) line.resize(59, ' ');
  return line + "[  OK  ]\n";
}

std::optional<std::string> canonical_unit(std::string_view typed) {
  if (typed.ends_with(".service")) typed.remove_suffix(8);
  for (const auto& u : kUnits)
    if (u.typed == typed) return std::string(u.unit);
  return std::nullopt;
}

std::string start_unit(CommandContext& ctx, const std::string& unit) {
  Unit& u = ctx.machine.unit(unit);
  if (u.running) return {};
  std::string err;
  if (unit == "ipvsadm") err = start_ipvsadm(ctx);
  else if (unit == "nfs-server") err = start_nfs(ctx);
  if (!err.empty()) return err;
  ctx.machine.unit(unit).running = true;
  return {};
}

std::string stop_unit(CommandContext& ctx, const std::string& unit) {
  Unit& u = ctx.machine.unit(unit);
  if (!u.running) return {};
  if (unit == "ipvsadm") (void)stop_ipvsadm(ctx);
  // nfs-server.service's ExecStopPost: `exportfs -au` empties the export table.
  if (unit == "nfs-server" && ctx.machine.export_table()) ctx.machine.export_table()->clear();
  ctx.machine.unit(unit).running = false;
  return {};
}

CommandResult enable_unit(CommandContext& ctx, const std::string& unit, bool enable) {
  Unit& u = ctx.machine.unit(unit);
  CommandResult r;
  if (u.enabled == enable) return r;
  u.enabled = enable;
  const std::string link = "/etc/systemd/system/multi-user.target.wants/" + unit + ".service";
  if (enable) r.err = "Created symlink from " + link + " to /usr/lib/systemd/system/" + unit + ".service.\n";
  else r.err = "Removed symlink " + link + ".\n";
  return r;
}

CommandResult systemctl_action(CommandContext& ctx, const std::string& action, const std::string& typed) {
  const auto unit = canonical_unit(typed);
  const std::string service = (typed.ends_with(".service") ? typed.substr(0, typed.size() - 8) : typed) + ".service";
  if (!unit) {
    if (action == "status" || action == "is-active")
      return fail(action == "status" ? "Unit " + service + " could not be found." : "unknown", 4);
    return not_understood(ctx, "systemctl " + action + " " + typed +
                                   " (lvslab models network, ipvsadm, nfs-server, "
                                   "rpcbind, autofs and httpd)");
  }
  Unit& u = ctx.machine.unit(*unit);
  const auto job_failed = [&](const std::string& why) {
    CommandResult r = fail("Job for " + service +
                               " failed because the control process exited with error code. See \"systemctl status " +
                               service + "\" and \"journalctl -xe\" for details.",
                           1);
    r.err = "lvslab: " + why + "\n" + r.err;
    return r;
  };
  const bool network = *unit == "network" || *unit == "networking";
  if (network && (action == "start" || action == "stop" || action == "restart" || action == "reload")) {
    if (!ctx.machine.network_commands)
      return not_understood(ctx, "systemctl " + action + " " + typed +
                                     ": the network files are applied at boot (power: reboot), not by this line");
    network_action(ctx, action);
    return {};
  }
  if (action == "start" || action == "restart" || action == "reload") {
    if (action != "start") (void)stop_unit(ctx, *unit);
    if (auto err = start_unit(ctx, *unit); !err.empty()) return job_failed(err);
    return {};
  }
  if (action == "stop") {
    (void)stop_unit(ctx, *unit);
    return {};
  }
  if (action == "enable" || action == "disable") return enable_unit(ctx, *unit, action == "enable");
  if (action == "is-active") {
    CommandResult r;
    r.out = u.running ? "active\n" : "inactive\n";
    r.status = u.running ? 0 : 3;
    r.answer = true;
    return r;
  }
  if (action == "is-enabled") {
    CommandResult r;
    r.out = u.enabled ? "enabled\n" : "disabled\n";
    r.status = u.enabled ? 0 : 1;
    r.answer = true;
    return r;
  }
  if (action == "status") {
    // A shortened `systemctl status` (no PIDs, dates or journal: nothing lvslab runs has them).
    CommandResult r;
    r.out = "* " + service + "\n   Loaded: loaded (/usr/lib/systemd/system/" + service + "; " +
            (u.enabled ? "enabled" : "disabled") + ")\n   Active: " +
            (u.running ? (*unit == "ipvsadm" ? "active (exited)" : "active (running)") : "inactive (dead)") + "\n";
    r.status = u.running ? 0 : 3;  // LSB: program is not running
    r.answer = true;
    return r;
  }
  return not_understood(ctx, "systemctl " + action + " " + typed);
}

}  // namespace lvs::config::shell
