#include "sim/hw/run.hpp"

#include <unistd.h>

#include <algorithm>
#include <set>
#include <sstream>
#include <thread>

#include "sim/hw/capture.hpp"
#include "sim/hw/error.hpp"
#include "sim/hw/http_apps.hpp"
#include "sim/hw/interrupt.hpp"
#include "sim/hw/ipvs_netlink.hpp"
#include "sim/hw/lab.hpp"
#include "sim/hw/names.hpp"
#include "sim/hw/netns.hpp"
#include "sim/hw/nfs_services.hpp"
#include "sim/hw/power.hpp"
#include "sim/hw/preflight.hpp"
#include "sim/hw/procfs.hpp"
#include "sim/hw/qdisc.hpp"
#include "sim/hw/realtime_timer.hpp"
#include "sim/hw/rtnl.hpp"
#include "sim/hw/schedule.hpp"
#include "sim/hw/services.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/net/host.hpp"
#include "sim/net/sysctl.hpp"
#include "sim/trace/vip_arp.hpp"

namespace lvs::hw {
namespace {

constexpr std::size_t kMaxHwRequests = 1000;
constexpr std::int64_t kStartLeadNs = 200'000'000;  // the captures run before t=0

std::string mac_owner(const TraceMeta& meta, const MacAddr& mac) {
  const auto owner = meta.mac_owner(mac);
  return owner ? meta.hosts[owner->host].name : "?";
}

bool is_gateway(const std::string& role) { return role == "gateway" || role == "router"; }

// One timed action, applied in its host's namespace.
ActionResult apply_action(const Lab& lab, const ActionSpec& a, PowerSwitch& power) {
  ActionResult r{a.at, a.host, a.describe(), "", ""};
  try {
    if (a.kind == ActionSpec::Kind::kPower) {
      if (a.up) power.on(a.host);
      else power.off(a.host);
      return r;
    }
    run_in_netns(lab.host_ns(a.host), [&] {
      switch (a.kind) {
        case ActionSpec::Kind::kIpvsadm: {
          IpvsNetlink ipvs;
          const auto& c = a.ipvsadm.command;
          using ipvs::ipvsadm::Command;
          if (c.command == Command::kList || c.command == Command::kSave || c.command == Command::kVersion) {
            const auto out = ipvs::ipvsadm::run_read_only(ipvs.snapshot(), c);
            r.output = out.out;
            if (out.exit_status != 0) throw HwError(out.err);
          } else {
            ipvs.apply(c);
          }
          break;
        }
        case ActionSpec::Kind::kSysctl:
          for (const auto& s : a.sysctls) write_sysctl(s.key, s.value);
          break;
        case ActionSpec::Kind::kLink: {
          Rtnl rt;
          rt.set_up(a.link, a.up);
          break;
        }
        case ActionSpec::Kind::kPower: break;  // above
        case ActionSpec::Kind::kShell: throw HwError("shell actions are not played in hardware mode");
        case ActionSpec::Kind::kReboot: throw HwError("reboot actions are not played in hardware mode");
      }
    });
  } catch (const HwError& e) {
    r.error = e.what();
  }
  return r;
}

// Effective arp_ignore of every interface, combined from conf/all and conf/<dev> as the
// simulator does (combine_conf, sim/net/sysctl.hpp).
std::map<std::pair<HostId, IfIndex>, int> read_arp_ignore(const Lab& lab, const TraceMeta& meta) {
  std::map<std::pair<HostId, IfIndex>, int> out;
  for (HostId h = 0; h < meta.hosts.size(); ++h) {
    run_in_netns(lab.host_ns(meta.hosts[h].name), [&] {
      const int all = std::atoi(read_sysctl("net/ipv4/conf/all/arp_ignore").value_or("0").c_str());
      for (IfIndex i = 0; i < meta.hosts[h].interfaces.size(); ++i) {
        const auto v = read_sysctl("net/ipv4/conf/" + meta.hosts[h].interfaces[i].name + "/arp_ignore");
        out[{h, i}] = combine_conf(ConfKnob::kArpIgnore, all, std::atoi(v.value_or("0").c_str()));
      }
    });
  }
  return out;
}

std::vector<VipNeighbour> read_vip_neighbours(const Lab& lab, const TraceMeta& meta) {
  const std::vector<Ipv4Addr> vips = virtual_ips(meta);
  std::vector<VipNeighbour> out;
  for (const auto& h : meta.hosts) {
    if (!is_gateway(h.role)) continue;
    run_in_netns(lab.host_ns(h.name), [&] {
      Rtnl rt;
      for (const auto& n : rt.neighbours()) {
        if (std::find(vips.begin(), vips.end(), n.ip) == vips.end()) continue;
        VipNeighbour v{h.name, n.dev, n.ip, n.mac, n.has_mac, n.has_mac ? mac_owner(meta, n.mac) : "none", n.state};
        out.push_back(std::move(v));
      }
    });
  }
  return out;
}

// The address a client's requests leave from when its socket never got one.
Ipv4Addr client_address(const ScenarioSpec& spec, const std::string& host) {
  if (const HostSpec* h = spec.find_host(host))
    for (const auto& i : h->interfaces)
      for (const auto& a : i.addresses) return a.prefix.addr;
  return Ipv4Addr();
}

// One capture socket per interface attached to a segment, in every host's namespace.
void capture_every_interface(const Lab& lab, const TraceMeta& meta, Capture& capture) {
  for (HostId h = 0; h < meta.hosts.size(); ++h) {
    std::vector<std::pair<std::string, IfIndex>> ifaces;
    for (IfIndex i = 0; i < meta.hosts[h].interfaces.size(); ++i)
      if (meta.hosts[h].interfaces[i].segment != kNoId) ifaces.emplace_back(meta.hosts[h].interfaces[i].name, i);
    if (!ifaces.empty()) capture.add_host(lab.host_ns(meta.hosts[h].name), h, ifaces);
  }
}

// Plays the schedule from `origin`: each item at its time (scaled by `speed`) on a
// timerfd, in the simulator's order. An action is applied before the next item starts;
// a request gets a thread of its own, and the next item starts once its connect() has
// been issued. Returns when every request has ended.
std::vector<ClientOutcome> play(const Lab& lab, const ScenarioSpec& spec, const PlaySchedule& schedule,
                                std::int64_t origin, double speed, std::vector<HwServer>& servers,
                                std::vector<ActionResult>& action_log) {
  PowerSwitch power(lab, spec, servers);
  const std::vector<ClientRequest>& plan = schedule.requests;
  std::vector<ClientOutcome> outcomes(plan.size());
  std::vector<std::thread> clients;
  clients.reserve(plan.size());
  struct JoinAll {  // also when something throws on the way: a joinable thread must not be destroyed
    std::vector<std::thread>& threads;
    ~JoinAll() {
      for (auto& t : threads)
        if (t.joinable()) t.join();
    }
  } join_all{clients};
  RealtimeTimer timer;
  for (const ScheduleItem& item : schedule.order) {
    const std::int64_t due = origin + static_cast<std::int64_t>(static_cast<double>(item.at) / speed);
    if (!timer.wait_until(due)) break;
    if (item.kind == ScheduleItem::Kind::kAction) {
      action_log.push_back(apply_action(lab, spec.actions[item.index], power));
      continue;
    }
    const std::size_t k = item.index;
    auto issued = std::make_shared<IssuedSignal>();
    clients.emplace_back(
        [&, k, issued] { outcomes[k] = play_request(lab.host_ns(plan[k].client), plan[k], origin, *issued); });
    issued->wait();
  }
  for (auto& c : clients) c.join();
  return outcomes;
}

// The kernel's IPVS tables, read on the first host that runs IPVS.
void read_director(const Lab& lab, const ScenarioSpec& spec, HwRunResult& res) {
  for (const auto& h : spec.hosts)
    if (h.runs_ipvs && !res.has_ipvs) {
      res.director = h.name;
      res.has_ipvs = true;
      run_in_netns(lab.host_ns(h.name), [&] { res.ipvs = IpvsNetlink().snapshot(); });
    }
}

// What each server answered, as the simulator's "served" application events.
void add_served_records(Trace& trace, const std::vector<HwServer>& servers, const FlowMap& flows, std::int64_t origin,
                        std::vector<TraceRecord>& records) {
  for (const auto& [h, s] : servers)
    for (const auto& rec : s->served()) {
      const auto f = flows.find({rec.peer.value, rec.peer_port});
      const std::uint32_t text = trace.add_string(rec.path);
      records.push_back(
          TraceRecord{rec.t_ns - origin, AppEvent{h, AppEventKind::kServed, f == flows.end() ? 0u : f->second,
                                                  static_cast<std::uint16_t>(rec.status), text, Endpoint4{}}});
    }
}

void record_in_time_order(Trace& trace, std::vector<TraceRecord> records) {
  std::stable_sort(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.time < b.time; });
  for (const auto& r : records) trace.record(r.time, r.body);
}

}  // namespace

FlowMap client_flows(const ScenarioSpec& spec, const std::vector<ClientRequest>& plan,
                     const std::vector<ClientOutcome>& outcomes, std::vector<std::string>& warnings) {
  FlowMap flows;
  std::set<std::pair<std::uint32_t, std::uint16_t>> repeated;
  for (std::size_t k = 0; k < plan.size(); ++k) {
    if (!outcomes[k].local_port) continue;
    const Ipv4Addr local =
        outcomes[k].local.is_unspecified() ? client_address(spec, plan[k].client) : outcomes[k].local;
    const auto [it, fresh] = flows.emplace(std::pair{local.value, outcomes[k].local_port}, plan[k].flow);
    if (fresh) continue;
    warnings.push_back("requests #" + std::to_string(it->second) + " and #" + std::to_string(plan[k].flow) +
                       " both left from " + local.str() + " port " + std::to_string(outcomes[k].local_port) +
                       ": their frames cannot be told apart, neither is attributed");
    repeated.insert(it->first);
  }
  for (const auto& key : repeated) flows.erase(key);
  return flows;
}

std::string speed_error(double speed) {
  if (speed >= kMinSpeed && speed <= kMaxSpeed) return "";  // false for NaN too
  std::ostringstream out;
  out << "--speed: expected a number from " << kMinSpeed << " to " << kMaxSpeed
      << " (how many times faster than the scenario's clock to play it), got " << speed;
  return out.str();
}

std::string VipNeighbour::text() const {
  if (!has_mac) return std::string(neigh_state_name(state));
  return mac.str() + " (" + mac_owner + ") " + neigh_state_name(state);
}

std::string unsupported_in_hw(const ScenarioSpec& spec) {
  for (const auto& h : spec.hosts)
    for (const auto& svc : h.services)
      if (!runs_in_hw(svc))
        return "hardware mode runs lvslab's HTTP server, nfs and autofs only; " + h.name + " has a '" +
               std::string(svc.type()) + "' service (" + svc.pointer + ")";
  for (const auto& t : spec.traffic)
    if (t.type != "http") return "hardware mode plays HTTP traffic only; " + t.pointer + " is '" + t.type + "'";
  for (const auto& a : spec.actions) {
    // A client's requests are threads of lvslab's own, which a power-off would have to
    // stop and a power-on to resume on the simulator's schedule (HttpClient::start()).
    if (a.kind == ActionSpec::Kind::kPower)
      for (const auto& t : spec.traffic)
        if (t.client == a.host)
          return "hardware mode cannot play the action at " + format_time(a.at) + " (" + a.describe() + " on " +
                 a.host + ", " + a.pointer + "): it powers off servers and routers, not a host that makes requests (" +
                 t.pointer + ")";
    if (a.kind == ActionSpec::Kind::kShell || a.kind == ActionSpec::Kind::kReboot)
      return "hardware mode cannot play the action at " + format_time(a.at) + " (" + a.describe() + ", " + a.pointer +
             "): it builds each host as booted and does not replay shell lines or reboots";
  }
  // What the kernel's qdiscs cannot carry (qdisc.hpp).
  for (const auto& h : spec.hosts) {
    for (const auto& ifc : h.interfaces) {
      const SegmentSpec* seg = ifc.type == InterfaceType::kEthernet ? spec.find_segment(ifc.segment) : nullptr;
      if (!seg) continue;
      for (const LinkShape& shape : {shape_from_host(*seg), shape_towards_host(*seg, h)})
        if (const std::string why = shape_error(shape); !why.empty())
          return "hardware mode cannot shape " + h.name + "'s " + ifc.name + " on segment " + seg->name + ": " + why;
    }
    if (!h.arpings.empty())
      return "hardware mode does not run arping: " + h.name + "'s configuration sends ARP probes for " +
             h.arpings.front().target.str() + " on " + h.arpings.front().device;
    if (!h.nfs_mounts.empty())
      return "hardware mode does not mount NFS: " + h.name + " mounts " + h.nfs_mounts.front().source + " on " +
             h.nfs_mounts.front().target;
  }
  std::size_t n = 0;
  std::map<std::string, std::size_t> per_client;
  for (const auto& t : spec.traffic) {
    n += t.plan.count;
    per_client[t.client] += t.plan.count;
  }
  for (const auto& [client, count] : per_client)
    if (const HostSpec* h = spec.find_host(client); h && count > local_port_range(*h).size())
      return "hardware mode gives each request of a client its own local port; " + client + " makes " +
             std::to_string(count) + " requests and its ip_local_port_range has " +
             std::to_string(local_port_range(*h).size()) + " ports";
  if (n > kMaxHwRequests)
    return "hardware mode plays at most " + std::to_string(kMaxHwRequests) +
           " requests in real time; this scenario has " + std::to_string(n);
  return "";
}

HwRunResult hw_run(const ScenarioSpec& spec, const HwRunOptions& options) {
  if (const std::string why = unsupported_in_hw(spec); !why.empty()) throw HwUnavailable(why);
  if (const std::string why = speed_error(options.speed); !why.empty()) throw HwUnavailable(why);
  const Preflight checked = preflight(spec);
  if (needs_nfs_programs(spec)) require_nfs_programs();
  HwRunResult res;
  if (!checked.warning.empty()) res.warnings.push_back(checked.warning);
  res.kernel = kernel_release();
  res.run = build_run(spec, std::nullopt, /*tracing=*/true);
  ScenarioRun& run = *res.run;
  Trace& trace = run.world->trace();
  const TraceMeta& meta = trace.meta();

  InterruptGuard guard;
  Lab lab(spec, options.prefix.empty() ? run_prefix(::getpid()) : options.prefix, options.speed, checked.shape_links);
  lab.up();
  throw_if_interrupted();

  // NFS servers and automounters, HTTP servers, then captures, then the clock starts.
  HwLogDir logs(lab.prefix());
  std::optional<HwNfsHosts> nfs;
  if (needs_nfs_programs(spec)) nfs.emplace(spec, lab.prefix(), logs.path());
  std::vector<HwServer> servers = start_hw_servers(spec, lab.prefix(), nfs ? &*nfs : nullptr);
  Capture capture;
  capture_every_interface(lab, meta, capture);
  const PlaySchedule schedule = plan_schedule(spec, options.speed);
  const std::vector<ClientRequest>& plan = schedule.requests;
  res.warnings.insert(res.warnings.end(), schedule.warnings.begin(), schedule.warnings.end());
  const std::int64_t origin = realtime_ns() + kStartLeadNs;
  const std::vector<ClientOutcome> outcomes = play(lab, spec, schedule, origin, options.speed, servers, run.action_log);
  throw_if_interrupted();
  sleep_interruptible(static_cast<long long>(options.settle));

  // The kernel's view, now.
  res.end_time = realtime_ns() - origin;
  read_director(lab, spec, res);
  res.vip_neighbours = read_vip_neighbours(lab, meta);
  const auto arp_ignore = read_arp_ignore(lab, meta);
  std::vector<CapturedFrame> frames = capture.stop();
  res.frames = frames.size();
  for (auto& s : servers) s.thread->stop();
  if (nfs) {
    res.nfs_mounts = nfs->nfs_mounts();
    res.nfs_logs = nfs->logs();
  }

  // Results and trace.
  const FlowMap flows = client_flows(spec, plan, outcomes, res.warnings);
  for (std::size_t k = 0; k < plan.size(); ++k) run.traffic_results[plan[k].traffic].push_back(outcomes[k].result);
  std::vector<TraceRecord> records = capture_records(trace, std::move(frames), flows, origin, arp_ignore);
  add_served_records(trace, servers, flows, origin, records);
  record_in_time_order(trace, std::move(records));
  collect_results(run);
  run.started = true;
  run.end_time = res.end_time;
  return res;  // ~Lab removes every namespace
}

std::vector<VipNeighbour> sim_vip_neighbours(ScenarioRun& run) {
  const TraceMeta& meta = run.world->trace().meta();
  const std::vector<Ipv4Addr> vips = virtual_ips(meta);
  std::vector<VipNeighbour> out;
  for (const auto& h : run.world->hosts()) {
    if (!is_gateway(h->role())) continue;
    for (const auto& e : h->neighbours().entries()) {
      if (std::find(vips.begin(), vips.end(), e.ip) == vips.end()) continue;
      const bool has_mac =
          e.state != NeighState::kNone && e.state != NeighState::kIncomplete && e.state != NeighState::kFailed;
      out.push_back(VipNeighbour{h->name(), h->iface(e.dev).name, e.ip, e.mac, has_mac,
                                 has_mac ? mac_owner(meta, e.mac) : "none", e.state});
    }
  }
  return out;
}

}  // namespace lvs::hw
