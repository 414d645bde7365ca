// The load-time boot of hosts written as Linux configuration (boot_config.hpp). The order
// is a Linux machine's: devices exist, the JSON's own sysctls and addresses are set (what
// lvslab's keys describe is there from the start), then the boot runs the persistent files
// (systemd-sysctl, the network service, the enabled units, rc.local: config::plan_boot),
// then the JSON's routes and IPVS rules are added, and last the administrator's transcript
// runs, as typed after logging in.
#include "sim/scenario/boot_config.hpp"

#include <algorithm>
#include <set>

#include "sim/apps/autofs_maps.hpp"
#include "sim/apps/exports.hpp"
#include "sim/config/files/boot_plan.hpp"
#include "sim/config/shell.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"
#include "sim/net/world.hpp"
#include "sim/scenario/error.hpp"
#include "sim/scenario/host_keys.hpp"
#include "sim/scenario/read_back.hpp"

namespace lvs {
namespace {

std::string location(const config::Origin& o) { return o.line == 0 ? o.file : o.file + ":" + std::to_string(o.line); }

// The first line of a command's output (for a one-line message).
std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

// The IPVS tables' rules and timeouts, to see whether something changed them.
std::string ipvs_rules(ipvs::Director* d) {
  if (!d) return "ip_vs not loaded";
  const ipvs::Snapshot s = d->tables().snapshot(0);
  return ipvs::ipvsadm::format_save(s) + ipvs::ipvsadm::format_timeout(s.timeouts);
}

// Whether the host runs a service of type Spec.
template <class Spec>
bool runs(const HostSpec& h) {
  return std::any_of(h.services.begin(), h.services.end(),
                     [](const ServiceSpec& s) { return std::holds_alternative<Spec>(s.config); });
}

// The files a host's services read when they start: /etc/exports for nfsd (and the files
// under the exported paths, which it serves), the master map
// and the maps it names for the automounter, the document root's files for httpd; and a
// unit's files once the lines started (or tried to start) it, even if it then failed on
// them: /etc/sysconfig/ipvsadm for ipvsadm (restored at start, written by save).
std::set<std::string> files_services_read(const HostSpec& h) {
  const auto unit_touched = [&](const char* unit) { return h.units.count(unit) != 0; };
  std::set<std::string> out;
  std::vector<std::string> roots;  // directories whose files a server sends
  if (runs<NfsServiceSpec>(h) || unit_touched("nfs-server")) {
    out.insert("/etc/exports");
    if (const auto exports = h.files.find("/etc/exports"); exports != h.files.end())
      for (const auto& e : parse_exports(exports->second).entries) roots.push_back(e.path);
  }
  if (runs<AutofsServiceSpec>(h) || unit_touched("autofs")) {
    out.insert("/etc/auto.master");
    if (const auto master = h.files.find("/etc/auto.master"); master != h.files.end())
      for (const auto& e : parse_auto_master(master->second).entries) out.insert(e.map);
  }
  if (unit_touched("ipvsadm")) out.insert("/etc/sysconfig/ipvsadm");
  for (const auto& s : h.services)
    if (const auto* http = std::get_if<HttpServiceSpec>(&s.config)) roots.push_back(http->server.document_root);
  if (unit_touched("httpd")) roots.push_back(HttpServerConfig{}.document_root);
  for (const std::string& root : roots) {
    const std::string under = root == "/" ? "/" : root + "/";
    for (const auto& [path, text] : h.files)
      if (path.starts_with(under)) out.insert(path);
  }
  return out;
}

// The boot of a host from its JSON keys and its persistent files (boot_config.hpp
// boot_host()): on the scratch host at load time, on the live host at a reboot.
class BootSequence {
 public:
  BootSequence(const std::string& file, const HostSpec& keys, config::Machine& machine)
      : file_(file), keys_(keys), machine_(machine), host_(machine.host()) {}

  BootResult run() {
    BootResult result;
    for (const auto& s : keys_.sysctls)
      if (auto err = host_.set_sysctl(s.key, s.value)) fail(s.pointer, *err);
    add_json_addresses();
    if (keys_.runs_ipvs && !machine_.director()) machine_.set_director(&ipvs::Director::install(host_));
    const std::string rules_at_start = ipvs_rules(machine_.director());
    boot_files(result);
    result.ipvs_changed = ipvs_rules(machine_.director()) != rules_at_start;
    add_json_routes(result);
    add_json_ipvsadm();
    return result;
  }

 private:
  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw ScenarioError(file_, pointer, message);
  }

  std::vector<std::string> device_names() const {
    std::vector<std::string> names;
    for (const auto& dev : host_.interfaces()) names.push_back(dev.name);
    return names;
  }

  void add_json_addresses() {
    const auto add = [&](const std::string& dev, const AddressSpec& a) {
      if (auto err = add_spec_address(host_, dev, a, a.role)) fail(a.pointer, *err);
    };
    for (const auto& ifc : keys_.interfaces)
      for (const auto& a : ifc.addresses) add(ifc.name, a);
    for (const auto& a : keys_.loopback) add("lo", a);
  }

  // The persistent files, as the boot runs them; a step that fails is a warning naming
  // the file and line it came from (the boot goes on, as systemd's does).
  void boot_files(BootResult& result) {
    result.plan = config::plan_boot(machine_.files(), device_names(), machine_.units());
    for (const auto& p : result.plan.problems) result.warnings.push_back(p);
    for (const auto& step : result.plan.steps) {
      bool ok = true;
      for (const auto& e : config::run_line(machine_, step.command, step.origin)) {
        ok = ok && e.status == 0;
        if (e.status == 0 || step.ignore_failure) continue;
        result.warnings.push_back(location(step.origin) + ": at boot " + step.by + " ran `" + e.command +
                                  "`, which failed: " + first_line(e.output));
      }
      // ipvsadm.service is Type=oneshot with RemainAfterExit=yes: active once its
      // ExecStart (the restore) succeeded, as `systemctl status ipvsadm` then shows.
      if (step.by == "ipvsadm.service" && ok) machine_.unit("ipvsadm").running = true;
    }
  }

  void add_json_routes(BootResult& result) {
    for (const auto& r : keys_.routes) {
      if (!r.net_tools) {
        if (auto err = host_.add_route(r.route)) fail(r.pointer, "'" + r.route.text + "': " + *err);
        continue;
      }
      const std::size_t before = host_.user_routes().size();
      for (const auto& e : config::run_line(machine_, r.route.text, config::Origin{r.pointer, 0}))
        if (e.status != 0 || !e.understood) fail(r.pointer, "'" + r.route.text + "': " + first_line(e.output));
      for (std::size_t i = before; i < host_.user_routes().size(); ++i)
        result.route_pointers[host_.user_routes()[i].text] = r.pointer;
    }
  }

  void add_json_ipvsadm() {
    for (const auto& l : keys_.ipvsadm) {
      const auto out = machine_.director()->ipvsadm(l.command, l.line);
      if (out.exit_status != 0) fail(l.pointer, "ipvsadm " + l.line + ": " + first_line(out.err));
    }
  }

  const std::string& file_;
  const HostSpec& keys_;
  config::Machine& machine_;
  Host& host_;
};

// The load-time boot of one host on a scratch copy of it, read back into its spec.
class HostBoot {
 public:
  HostBoot(const ScenarioSpec& scenario, HostSpec& spec)
      : scenario_(scenario),
        spec_(spec),
        world_(scenario.seed, TraceLevel::kOff),
        host_(world_.add_host(spec.name, spec.role)) {}

  // Returns the requests of the host's curl/wget lines.
  std::vector<HttpRequestPlan> run() {
    spec_.as_written = std::make_shared<const HostSpec>(spec_);
    add_devices();
    config::Machine machine(host_, nullptr, spec_.files);
    for (const std::string& unit : spec_.enable) machine.unit(unit).enabled = true;
    plan_network_restarts(machine);
    BootResult boot = boot_host(scenario_.file, *spec_.as_written, machine);
    spec_.warnings = std::move(boot.warnings);
    const std::string rules_before_transcript = ipvs_rules(machine.director());
    if (spec_.shell) spec_.transcript = config::run_script(machine, spec_.shell->text, spec_.shell->origin);
    // The JSON's own rules stay as written (their lines name them in the trace) unless the
    // files or the transcript changed the tables.
    const bool ipvs_changed = boot.ipvs_changed || ipvs_rules(machine.director()) != rules_before_transcript;
    warn_about_transcript();

    read_back(machine, ipvs_changed, boot.route_pointers);
    warn_unread_files(spec_.as_written->files, boot.plan, machine.files_read());
    return machine.requests();
  }

 private:
  // The devices, cabled to their segments as in the run (`ip link` shows the carrier).
  void add_devices() {
    for (const auto& ifc : spec_.interfaces) {
      Segment* seg = nullptr;
      if (ifc.type == InterfaceType::kEthernet) {
        seg = world_.find_segment(ifc.segment);
        if (!seg) seg = &world_.add_segment(ifc.segment, scenario_.find_segment(ifc.segment)->link);
      }
      add_spec_device(host_, ifc, seg);
    }
  }

  // Lines lvslab did not understand and commands that failed: the administrator should
  // know, even from `validate`, which prints no transcript.
  void warn_about_transcript() {
    for (const auto& w : transcript_warnings(spec_.transcript)) spec_.warnings.push_back(w);
  }

  void read_back(config::Machine& machine, bool ipvs_changed, const std::map<std::string, std::string>& routes) {
    const std::string fallback = spec_.shell ? spec_.shell->pointer : spec_.files_pointer;
    const std::string pointer = fallback.empty() ? spec_.pointer : fallback;
    read_back_addresses_and_routes(host_, spec_, pointer, routes);
    read_back_sysctls(host_, spec_.as_written->sysctls, machine.sysctl_writes(), spec_);
    if (ipvs_changed) read_back_ipvs(machine.director(), spec_, pointer);
    spec_.files = machine.files();
    spec_.units = machine.units();
    add_unit_services();
    spec_.nfs_mounts = machine.mounts();
    spec_.arpings = machine.arpings();
    spec_.export_table = machine.export_table();
  }

  // The units running after boot and transcript run lvslab's applications.
  void add_unit_services() {
    const auto running = [&](const char* unit) {
      const auto it = spec_.units.find(unit);
      return it != spec_.units.end() && it->second.running;
    };
    if (running("httpd") && !runs<HttpServiceSpec>(spec_)) {
      HttpServiceSpec http;
      for (const auto& [path, text] : spec_.files)
        if (path.starts_with(http.server.document_root + "/")) http.server.files[path] = text;
      spec_.services.push_back({http, spec_.pointer});
    }
    if (running("nfs-server") && !runs<NfsServiceSpec>(spec_))
      spec_.services.push_back({NfsServiceSpec{}, spec_.pointer});
    if (running("autofs") && !runs<AutofsServiceSpec>(spec_))
      spec_.services.push_back({AutofsServiceSpec{}, spec_.pointer});
  }

  // A file of the JSON's `files` that neither the boot, nor a service, nor a shell line
  // reads: never silently ignored.
  void warn_unread_files(const std::map<std::string, std::string>& json_files, const config::BootPlan& plan,
                         const std::set<std::string>& read_by_commands) {
    std::set<std::string> read(plan.files_read.begin(), plan.files_read.end());
    read.insert(read_by_commands.begin(), read_by_commands.end());
    for (const auto& f : files_services_read(spec_)) read.insert(f);
    std::vector<std::string> read_given;
    for (const auto& [path, text] : json_files)
      if (read.count(path)) read_given.push_back(path);
    for (const auto& [path, text] : json_files) {
      if (read.count(path)) continue;
      std::string list;
      for (const auto& r : read_given) list += (list.empty() ? "" : ", ") + r;
      spec_.warnings.push_back(
          path + " is not read by anything lvslab models on this host; read are: " + (list.empty() ? "none" : list));
    }
  }

  const ScenarioSpec& scenario_;
  HostSpec& spec_;
  World world_;
  Host& host_;
};

}  // namespace

std::vector<std::string> transcript_warnings(const std::vector<config::TranscriptEntry>& transcript) {
  std::vector<std::string> out;
  for (const auto& e : transcript) {
    if (e.ignored) continue;
    if (!e.understood) out.push_back(location(e.origin) + ": not understood: " + e.command);
    else if (e.status != 0 && !e.answer)
      out.push_back(location(e.origin) + ": `" + e.command + "` failed (exit " + std::to_string(e.status) +
                    "): " + first_line(e.output));
  }
  return out;
}

// The network service's part of the boot: what `systemctl restart network` (or
// networking) runs again, from the files as they are when it is typed.
void plan_network_restarts(config::Machine& machine) {
  machine.network_commands = [](const config::Machine& m) {
    std::vector<std::string> devices;
    for (const auto& dev : m.host().interfaces()) devices.push_back(dev.name);
    std::vector<config::Machine::PlannedCommand> out;
    // Asked for by name, the network service runs whether or not it is enabled at boot.
    std::map<std::string, config::Unit> units = m.units();
    units["network"].enabled = units["networking"].enabled = true;
    for (const auto& step : config::plan_boot(m.files(), devices, units).steps)
      if (step.by == "network" || step.by.starts_with("ifup")) out.push_back({step.origin, step.command});
    return out;
  };
}

BootResult boot_host(const std::string& file, const HostSpec& keys, config::Machine& machine) {
  return BootSequence(file, keys, machine).run();
}

std::vector<TrafficSpec> resolve_boot_config(ScenarioSpec& spec) {
  std::vector<TrafficSpec> requests;
  for (HostSpec& h : spec.hosts) {
    if (!h.has_config_input()) continue;
    for (HttpRequestPlan& plan : HostBoot(spec, h).run()) {
      TrafficSpec t;
      t.client = h.name;
      t.type = "http";
      t.plan = std::move(plan);
      t.pointer = h.shell ? h.shell->pointer : h.pointer;
      requests.push_back(std::move(t));
    }
  }
  return requests;
}

}  // namespace lvs
