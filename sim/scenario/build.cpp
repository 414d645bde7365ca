// build_run(): a validated ScenarioSpec becomes a World. The order follows how a lab
// machine is set up: devices exist first (so that per-device sysctls can be written),
// then sysctls, addresses (which install the connected and local routes), the
// administrator's routes (a gateway must be reachable through them), and finally the
// applications. Every refusal the kernel would give is a ScenarioError here, before
// anything runs.
#include <algorithm>

#include "sim/apps/arping.hpp"
#include "sim/apps/autofs.hpp"
#include "sim/apps/autofs_maps.hpp"
#include "sim/apps/http_client.hpp"
#include "sim/apps/http_server.hpp"
#include "sim/apps/nfs_mounts.hpp"
#include "sim/apps/nfs_server.hpp"
#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"
#include "sim/scenario/host_keys.hpp"
#include "sim/scenario/scenario.hpp"

namespace lvs {
namespace {

// Starts a host's services (its applications), one overload per service type
// (sim/scenario/service_spec.hpp).
class ServiceStarter {
 public:
  // `may_mount`: the host's shell lines may mount NFS (a host configured as Linux, or
  // one that timed shell actions type on).
  ServiceStarter(Host& host, const HostSpec& spec, const std::string& file, bool may_mount)
      : host_(host), spec_(spec), file_(file), may_mount_(may_mount) {}

  void start_all() {
    // A host configured as Linux may mount NFS by hand (now or in a timed action): its
    // HTTP server reads what is mounted over its document root from there.
    if (may_mount_) {
      auto app = make_nfs_mounts(host_);
      mounts_ = app.get();
      for (const auto& m : spec_.nfs_mounts)
        if (const std::string err = mounts_->add(m.source, m.target, m.options); !err.empty())
          throw ScenarioError(file_, spec_.pointer, "mount -t nfs " + m.source + " " + m.target + ": " + err);
      host_.add_app(std::move(app));
    }
    for (const ArpingPlan& plan : spec_.arpings) host_.add_app(make_arping(host_, plan));
    // The automounter first: an HTTP server whose document root is on one of its
    // mount points reads its files through it.
    for (const auto& svc : spec_.services)
      if (std::holds_alternative<AutofsServiceSpec>(svc.config)) start(svc);
    for (const auto& svc : spec_.services)
      if (!std::holds_alternative<AutofsServiceSpec>(svc.config)) start(svc);
  }

  void operator()(const HttpServiceSpec& s) {
    // bind(2) to an address the host does not have: EADDRNOTAVAIL.
    if (!s.server.bind.is_unspecified() && !host_.is_local_address(s.server.bind))
      throw ScenarioError(
          file_, *pointer_ + "/bind",
          "cannot bind to " + s.server.bind.str() + ": it is not an address of " + host_.name() + " (EADDRNOTAVAIL)");
    HttpServerConfig config = s.server;
    if (autofs_ && autofs_->covers(config.document_root + "/")) config.source = autofs_;
    config.mounts = mounts_;
    host_.add_app(make_http_server(host_, std::move(config)));
  }

  void operator()(const NfsServiceSpec&) {
    auto app = make_nfs_server(host_, spec_.files);
    if (spec_.export_table) app->set_export_table(*spec_.export_table);
    host_.add_app(std::move(app));
  }

  void operator()(const AutofsServiceSpec&) {
    auto app = make_autofs(host_, spec_.files);
    autofs_ = app.get();
    host_.add_app(std::move(app));
  }

 private:
  void start(const ServiceSpec& svc) {
    pointer_ = &svc.pointer;
    std::visit(*this, svc.config);
  }

  Host& host_;
  const HostSpec& spec_;
  const std::string& file_;
  const std::string* pointer_ = nullptr;
  Autofs* autofs_ = nullptr;
  bool may_mount_ = false;
  NfsMounts* mounts_ = nullptr;
};

class Builder {
 public:
  Builder(const ScenarioSpec& spec, ScenarioRun& run) : spec_(spec), run_(run), world_(*run.world) {}

  void build() {
    for (const auto& seg : spec_.segments) world_.add_segment(seg.name, seg.link);
    for (const auto& h : spec_.hosts) build_host(h);
    for (const auto& h : spec_.hosts)
      if (!h.transcript.empty() || !h.warnings.empty())
        run_.host_config.push_back({h.name, h.shell ? h.shell->origin : "", h.transcript, h.warnings});
    build_traffic();
    run_.actions = spec_.actions;
    std::vector<HostSpec> live_hosts;
    for (const auto& a : spec_.actions)
      if (a.kind == ActionSpec::Kind::kShell || a.kind == ActionSpec::Kind::kReboot)
        if (const HostSpec* h = spec_.find_host(a.host)) live_hosts.push_back(*h);
    if (!live_hosts.empty()) {
      run_.live_config = std::make_unique<LiveConfig>(spec_.file, live_hosts);
      run_.live_config->play_request = [run = &run_](Host& host, HttpRequestPlan plan, const std::string& pointer) {
        run->traffic.push_back(TrafficSpec{host.name(), "http", plan, {}, pointer});
        run->traffic_results.emplace_back();
        host.add_app(make_http_client(host, {std::move(plan)}, &run->traffic_results.back())).start();
      };
    }
    run_.action_runner = std::make_unique<ActionRunner>(world_, run_.actions, &run_.action_log, run_.live_config.get());
    world_.describe_into_trace(spec_.name);
    describe_idle_automounts();
  }

 private:
  [[noreturn]] void fail(const std::string& pointer, const std::string& message) const {
    throw ScenarioError(spec_.file, pointer, message);
  }

  // Hosts with an /etc/auto.master and no autofs running: what the trace's meta says about
  // them (TraceHostInfo::idle_automounts).
  void describe_idle_automounts() {
    TraceMeta& meta = world_.trace().meta();
    for (const auto& h : spec_.hosts) {
      const Host* host = world_.find_host(h.name);
      const auto master = h.files.find("/etc/auto.master");
      if (!host || host->id() >= meta.hosts.size() || master == h.files.end()) continue;
      if (std::any_of(h.services.begin(), h.services.end(),
                      [](const ServiceSpec& s) { return std::holds_alternative<AutofsServiceSpec>(s.config); }))
        continue;
      for (const auto& e : parse_auto_master(master->second).entries)
        meta.hosts[host->id()].idle_automounts.push_back(e.mount_point);
    }
  }

  void build_host(const HostSpec& spec) {
    Host& host = world_.add_host(spec.name, spec.role);
    for (const auto& ifc : spec.interfaces) add_device(host, ifc);
    for (const auto& s : spec.sysctls)
      if (auto err = host.set_sysctl(s.key, s.value)) fail(s.pointer, *err);
    const std::vector<Ipv4Addr> vips = virtual_addresses(spec);
    for (const auto& ifc : spec.interfaces)
      for (const auto& a : ifc.addresses) add_address(host, ifc.name, a, vips);
    for (const auto& a : spec.loopback) add_address(host, "lo", a, vips);
    // A device a transcript took down stays down (its addresses and routes stay).
    for (const auto& ifc : spec.interfaces)
      if (!ifc.up) host.set_link_up(host.find_iface(ifc.name)->index, false);
    if (!spec.loopback_up) host.set_link_up(host.loopback(), false);
    for (const auto& r : spec.routes) {
      // The load-time boot (boot_config.cpp) turns "route add ..." lines into routes.
      if (r.net_tools) fail(r.pointer, "'" + r.route.text + "': a net-tools line the load-time boot did not carry out");
      if (auto err = host.add_route(r.route)) fail(r.pointer, "'" + r.route.text + "': " + *err);
    }
    bool typed_on = spec.has_config_input();
    for (const auto& a : spec_.actions)
      typed_on = typed_on || (a.kind == ActionSpec::Kind::kShell && a.host == spec.name);
    ServiceStarter(host, spec, spec_.file, typed_on).start_all();
    if (spec.runs_ipvs) add_ipvs(host, spec);
    host.set_rx_delay(spec.rx_delay, spec.rx_jitter);
  }

  // The addresses of the virtual services a director's rules create (-A): they are
  // labelled VIP in paths unless the scenario gives the address a role itself.
  static std::vector<Ipv4Addr> virtual_addresses(const HostSpec& spec) {
    std::vector<Ipv4Addr> out;
    for (const auto& l : spec.ipvsadm)
      if (l.command.command == ipvs::ipvsadm::Command::kAddService && l.command.service.key.fwmark == 0)
        out.push_back(l.command.service.key.addr);
    return out;
  }

  // ipvsadm's rules, run in order when the world is built (time 0), as a lab's
  // start-up script would; a refused command stops the build with ipvsadm's message.
  void add_ipvs(Host& host, const HostSpec& spec) {
    ipvs::Director& director = ipvs::Director::install(host);
    for (const auto& l : spec.ipvsadm) {
      const auto out = director.ipvsadm(l.command, l.line);
      if (out.exit_status != 0) fail(l.pointer, "ipvsadm " + l.line + ": " + out.err.substr(0, out.err.find('\n')));
    }
  }

  void add_device(Host& host, const InterfaceSpec& ifc) {
    Segment* seg = nullptr;
    if (ifc.type == InterfaceType::kEthernet) {
      seg = world_.find_segment(ifc.segment);
      if (!seg) fail(ifc.pointer + "/segment", "unknown segment '" + ifc.segment + "'");
    }
    add_spec_device(host, ifc, seg);
  }

  void add_address(Host& host, const std::string& dev, const AddressSpec& a, const std::vector<Ipv4Addr>& vips) {
    std::string role = a.role;
    if (role.empty() && std::find(vips.begin(), vips.end(), a.prefix.addr) != vips.end()) role = "VIP";
    if (auto err = add_spec_address(host, dev, a, role)) fail(a.pointer, *err);
  }

  void build_traffic() {
    run_.traffic = spec_.traffic;
    // Sized once: the clients keep a pointer to their own vector.
    run_.traffic_results.assign(spec_.traffic.size(), {});
    for (std::size_t i = 0; i < spec_.traffic.size(); ++i) {
      const TrafficSpec& t = spec_.traffic[i];
      Host* host = world_.find_host(t.client);
      if (!host) fail(t.pointer + "/client", "unknown host '" + t.client + "'");
      host->add_app(make_http_client(*host, {t.plan}, &run_.traffic_results[i]));
    }
  }

  const ScenarioSpec& spec_;
  ScenarioRun& run_;
  World& world_;
};

}  // namespace

std::unique_ptr<ScenarioRun> build_run(const ScenarioSpec& spec, std::optional<std::uint64_t> seed_override,
                                       TraceLevel trace_level) {
  auto run = std::make_unique<ScenarioRun>();
  run->file = spec.file;
  run->name = spec.name;
  run->seed = seed_override.value_or(spec.seed);
  run->duration = spec.duration;
  run->max_events = spec.max_events;
  run->world = std::make_unique<World>(run->seed, trace_level);
  Builder(spec, *run).build();
  return run;
}

}  // namespace lvs
