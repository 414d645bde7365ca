#include "sim/scenario/live_config.hpp"

#include "sim/apps/arping.hpp"

#include "sim/apps/autofs.hpp"
#include "sim/apps/http_server.hpp"
#include "sim/apps/nfs_mounts.hpp"
#include "sim/apps/nfs_server.hpp"
#include "sim/config/shell.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/net/host.hpp"
#include "sim/scenario/boot_config.hpp"
#include "sim/scenario/error.hpp"

namespace lvs {
namespace {

// The application of a unit's server on `host` (by the start of its describe()), or null.
Application* find_app(Host& host, std::string_view prefix) {
  for (const auto& app : host.apps())
    if (app->describe().starts_with(prefix)) return app.get();
  return nullptr;
}

// The units whose servers lvslab runs, and their applications' names.
struct UnitApp {
  const char* unit;
  const char* app;
};
constexpr UnitApp kUnitApps[] = {{"httpd", "httpd"}, {"nfs-server", "nfsd"}, {"autofs", "automount"}};

bool unit_running(const std::map<std::string, config::Unit>& units, const char* name) {
  const auto it = units.find(name);
  return it != units.end() && it->second.running;
}

// What a reboot forgets: every address but lo's 127.0.0.1, the routes, the sysctls (back
// to the kernel's defaults), links down, the neighbours (power off did), the IPVS rules.
void forget_volatile_state(Host& host) {
  while (!host.user_routes().empty()) {
    const RouteSpec r = host.user_routes().back();
    if (host.del_route(r)) break;  // cannot happen: the route is the host's own
  }
  for (const Interface& dev : host.interfaces()) {
    std::vector<Ipv4Addr> addrs;
    for (const auto& ifa : dev.addresses)
      if (!(dev.kind == IfKind::kLoopback && ifa.prefix == Ipv4Prefix{Ipv4Addr(127, 0, 0, 1), 8}))
        addrs.push_back(ifa.local());
    for (auto it = addrs.rbegin(); it != addrs.rend(); ++it) (void)host.del_address(dev.name, *it);
  }
  Sysctls fresh;
  for (const Interface& dev : host.interfaces()) fresh.add_device(dev.name);
  host.sysctls() = fresh;
  // As Host::set_sysctl does when a base_reachable_time changes (neigh_proc_base_reachable_time).
  for (const Interface& dev : host.interfaces()) host.neighbours().refresh_reachable_time(dev.index);
  for (const Interface& dev : host.interfaces()) host.set_link_up(dev.index, true);
  host.neighbours().clear();  // permanent entries too: the cache is memory
  if (ipvs::Director* d = ipvs::find_director(host)) {
    d->forget_connections();  // ip_vs is loaded afresh: no connection entries
    for (const char* line : {"-C", "--set 900 120 300"}) {
      auto parsed = ipvs::ipvsadm::parse_ipvsadm_line(line);
      if (parsed.ok()) d->ipvsadm(*parsed.command, line);
    }
  }
}

}  // namespace

LiveConfig::LiveConfig(std::string file, const std::vector<HostSpec>& hosts) : file_(std::move(file)) {
  for (const auto& h : hosts) hosts_.emplace(h.name, h);
}

LiveConfig::~LiveConfig() = default;

config::Machine& LiveConfig::machine(Host& host) {
  auto& m = machines_[host.name()];
  if (!m) {
    const HostSpec& spec = hosts_.at(host.name());
    m = std::make_unique<config::Machine>(host, ipvs::find_director(host), spec.files);
    m->units() = spec.units;
    m->mounts() = spec.nfs_mounts;
    m->export_table() = spec.export_table;
    for (const auto& unit : spec.enable) m->units()[unit].enabled = true;
    plan_network_restarts(*m);
  }
  return *m;
}

void LiveConfig::apply_units(Host& host, config::Machine& m, const std::map<std::string, config::Unit>& before) {
  for (const auto& [unit, name] : kUnitApps) {
    const bool now = unit_running(m.units(), unit);
    if (now == unit_running(before, unit)) continue;
    Application* app = find_app(host, name);
    if (!now) {
      if (app) host.stop_service(*app);
      continue;
    }
    if (app) {
      host.start_service(*app);
      continue;
    }
    if (std::string_view(unit) == "httpd") {
      HttpServerConfig c;
      for (const auto& [path, text] : m.files())
        if (path.starts_with(c.document_root + "/")) c.files[path] = text;
      host.add_app(make_http_server(host, std::move(c))).start();
    } else if (std::string_view(unit) == "nfs-server") {
      host.add_app(make_nfs_server(host, m.files())).start();
    } else {
      host.add_app(make_autofs(host, m.files())).start();
    }
  }
}

void LiveConfig::apply_export_table(Host& host, config::Machine& m) {
  if (!m.export_table()) return;
  for (const auto& app : host.apps())
    if (auto* nfsd = dynamic_cast<NfsService*>(app.get())) nfsd->set_export_table(*m.export_table());
}

std::string LiveConfig::apply_mounts(Host& host, const std::vector<config::Mount>& before,
                                     const std::vector<config::Mount>& now) {
  NfsMounts* mounts = nullptr;
  for (const auto& app : host.apps())
    if (auto* m = dynamic_cast<NfsMounts*>(app.get())) mounts = m;
  const auto has = [](const std::vector<config::Mount>& list, const config::Mount& m) {
    for (const auto& x : list)
      if (x.source == m.source && x.target == m.target && x.options == m.options) return true;
    return false;
  };
  if (!mounts && !now.empty()) return "NFS mounts are not modelled on this host";  // built without config input
  std::string error;
  for (const auto& m : before)
    if (!has(now, m)) mounts->remove(m.target);
  for (const auto& m : now)
    if (!has(before, m))
      if (const std::string e = mounts->add(m.source, m.target, m.options); !e.empty() && error.empty()) error = e;
  return error;
}

std::string LiveConfig::run_shell(Host& host, const ShellInput& lines, ActionResult& result) {
  config::Machine& m = machine(host);
  const auto units_before = m.units();
  const std::vector<config::Mount> mounts_before = m.mounts();
  result.transcript = config::run_script(m, lines.text, lines.origin);
  for (const auto& e : result.transcript) result.output += e.output;
  std::string error;
  if (const auto warnings = transcript_warnings(result.transcript); !warnings.empty()) error = warnings.front();
  apply_units(host, m, units_before);
  apply_export_table(host, m);
  if (const std::string e = apply_mounts(host, mounts_before, m.mounts()); !e.empty() && error.empty()) error = e;
  start_processes(host, m, lines.pointer);
  return error;
}

// The programs the lines started: curl/wget requests and arping, from now on.
void LiveConfig::start_processes(Host& host, config::Machine& m, const std::string& pointer) {
  for (HttpRequestPlan& plan : m.requests()) {
    plan.at = host.now();
    if (play_request) play_request(host, std::move(plan), pointer);
  }
  m.requests().clear();
  for (ArpingPlan& plan : m.arpings()) host.add_app(make_arping(host, std::move(plan))).start();
  m.arpings().clear();
}

std::string LiveConfig::reboot(Host& host, ActionResult& result) {
  config::Machine& m = machine(host);
  const HostSpec& spec = hosts_.at(host.name());
  host.set_powered(false);
  forget_volatile_state(host);
  for (auto& [name, unit] : m.units()) unit.running = false;
  m.set_cwd("/root");
  m.sysctl_writes().clear();
  m.mounts().clear();                               // NfsMounts::stop() forgot them with the power
  if (m.export_table()) m.export_table()->clear();  // the kernel's table is memory
  const auto units_before = m.units();
  std::string error;
  try {
    const BootResult boot = boot_host(file_, spec.as_written ? *spec.as_written : spec, m);
    for (const auto& w : boot.warnings) result.output += w + "\n";
    if (!boot.warnings.empty()) error = boot.warnings.front();
  } catch (const ScenarioError& e) {
    error = e.what();
  }
  // A server runs after the boot only when its unit started (enabled, or started by a
  // boot file): one that ran before the reboot stays stopped otherwise.
  for (const auto& [unit, name] : kUnitApps)
    if (Application* app = find_app(host, name); app && !unit_running(m.units(), unit)) host.stop_service(*app);
  apply_export_table(host, m);  // before the server starts again
  host.set_powered(true);
  apply_units(host, m, units_before);
  if (const std::string e = apply_mounts(host, {}, m.mounts()); !e.empty() && error.empty()) error = e;
  start_processes(host, m, spec.pointer);  // rc.local's curl and arping lines
  return error;
}

}  // namespace lvs
