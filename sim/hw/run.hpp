#pragma once
// `lvslab hw run`: a scenario played on the real kernel. The lab is brought up (Lab),
// lvslab's HTTP servers listen in the real servers' namespaces, every interface is
// captured, the traffic is played on the scenario's schedule in real time (optionally
// faster), timed actions are applied when due, and after the last request the run
// waits for IPVS's 2-second estimator before reading the kernel's view: the IPVS
// tables over generic netlink, the connection table from /proc, and the neighbour
// entries of the virtual IPs on the gateways. Then everything is removed.
//
// The result holds a ScenarioRun built from the same spec (so its trace meta names
// the same hosts, interfaces and MACs) whose trace is filled from the captures and
// whose results are the real clients' results: the simulator's report code turns it
// into the same report as `lvslab run`.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/hw/capture.hpp"
#include "sim/hw/http_apps.hpp"
#include "sim/hw/nfs_services.hpp"
#include "sim/ipvs/snapshot.hpp"
#include "sim/scenario/scenario.hpp"

namespace lvs::hw {

// --speed bounds: the schedule (at most kMaxUserTime) divided by the slowest speed
// still fits the int64 nanoseconds it is played in, and the kernel's end time times
// the fastest one still names a scenario time.
inline constexpr double kMinSpeed = 0.01;
inline constexpr double kMaxSpeed = 100.0;
static_assert(static_cast<double>(kMaxUserTime) / kMinSpeed < 9.2e18);
// "" when `speed` is within the bounds, else why not ("--speed: expected ... got inf").
std::string speed_error(double speed);

struct HwRunOptions {
  std::string prefix;                    // namespace prefix (names.hpp); "" = run_prefix(getpid())
  double speed = 1.0;                    // 2 = the schedule played twice as fast
  SimTime settle = 2500 * kMillisecond;  // after the last request, before reading (>= the 2 s estimator)
};

// The neighbour entry of a virtual IP on a gateway/router (`ip neigh show to VIP`).
struct VipNeighbour {
  std::string host, dev;
  Ipv4Addr vip;
  MacAddr mac;
  bool has_mac = false;
  std::string mac_owner;  // host owning that MAC in the scenario, "?" if none
  NeighState state = NeighState::kNone;
  std::string text() const;  // "02:00:00:00:02:12 (rs2) REACHABLE"
};

struct HwRunResult {
  std::unique_ptr<ScenarioRun> run;  // not executed: trace from captures, results from real clients
  std::string kernel;                // uname -r
  std::string director;              // host running IPVS ("" = none)
  bool has_ipvs = false;
  ipvs::Snapshot ipvs;  // the kernel's tables at end_time
  std::vector<VipNeighbour> vip_neighbours;
  SimTime end_time = 0;    // scenario time at which the kernel was read
  std::size_t frames = 0;  // frames captured
  // What real time could not honour as the simulator does (schedule.hpp), and any
  // other caveat of this run: shown with the report.
  std::vector<std::string> warnings;
  // NFS and autofs (nfs_services.hpp): every NFS mount of a host with a tree of its own
  // at end_time, and what the daemons wrote, per host.
  std::vector<HwNfsMount> nfs_mounts;
  std::vector<std::pair<std::string, std::string>> nfs_logs;
};

// Throws HwUnavailable (nothing created), ScenarioError, HwError (lab removed),
// Interrupted (lab removed).
HwRunResult hw_run(const ScenarioSpec& spec, const HwRunOptions& options);

// The simulator's view at the same instant, for comparisons.
std::vector<VipNeighbour> sim_vip_neighbours(ScenarioRun& run);

// Each request's flow id by its client's address and port (which IPVS never rewrites),
// for attributing the captured frames. A port two requests used would make their frames
// indistinguishable: neither gets it, and a warning says so (the schedule gives each
// request its own: schedule.hpp).
FlowMap client_flows(const ScenarioSpec& spec, const std::vector<ClientRequest>& plan,
                     const std::vector<ClientOutcome>& outcomes, std::vector<std::string>& warnings);

// Hardware mode refuses what it cannot play (e.g. power actions): the reason, or "".
std::string unsupported_in_hw(const ScenarioSpec& spec);

}  // namespace lvs::hw
