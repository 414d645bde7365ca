#pragma once
// `lvslab hw compare`: the simulator's and the kernel's observables of one scenario,
// side by side, each row with a verdict (same / DIFFERS / timing / artifact / info).
// What is compared (docs/hardware-mode.md lists it with what is not):
//  * per request: the real server whose page came back, the HTTP status, the path, and
//    whether it met the scenario's `expect` (evaluated on both sides by the report code
//    of `lvslab run`); requests that never started;
//  * the IPVS tables (compare_ipvs.cpp): every field of `ipvsadm -Ln` (scheduler and
//    flags, persistence timeout and netmask, ops/pe, destinations in order with method,
//    weight, thresholds, ActiveConn, InActConn, PersistConn), `--stats` counters and
//    `--timeout`;
//  * the connection table (compare_conns.cpp): persistence templates row by row
//    (destination, NONE/ASSURED, expiry) and connections per (state, destination), with
//    expiry times within kExpiryToleranceMs (client ports are ephemeral: not compared);
//  * who answered ARP who-has for a virtual IP, and each gateway's VIP neighbour entry.
// The ARP race (compare_arp.cpp): only where the kernel's captures show one (two or
// more hosts answering the same who-has for a VIP within one resolution) may a request
// answered by a different real server count as "timing": each side's request went to
// its own ARP winner. The single-kernel artifact (all hosts share one kernel: a TCP
// socket's pending neighbour confirmation travels with its packets through veth, so a
// gateway's VIP entry is confirmed by the client's ACKs) is detected and named; the
// rows it explains say "artifact" and everything else still has to agree.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/hw/run.hpp"
#include "sim/ipvs/snapshot.hpp"
#include "sim/report/report.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs::hw {

// The kernel prints expiry in whole seconds (rounded down) and reads its tables a little
// after the scenario time it is compared at; the real run's requests start up to a few
// milliseconds late. Expiry times closer than this are the same.
inline constexpr std::uint32_t kExpiryToleranceMs = 2000;

struct RequestObs {
  std::string server;  // "" = none
  int status = 0;
  std::string path;            // role notation
  std::string expect = "met";  // the scenario's expect: "met" or what was not met
  SimTime start = 0;
};

// One ARP reply to a who-has for a virtual IP: `host` (its `iface`) answered `asker`.
struct ArpAnswer {
  SimTime time = 0;
  Ipv4Addr vip, asker;
  std::string host, iface;
};

// Answers to one resolution (the same asker and VIP within kArpResolutionWindow) from
// two or more hosts.
struct ArpRace {
  SimTime time = 0;
  Ipv4Addr vip, asker;
  std::vector<std::string> hosts;  // in answer order
  std::string text() const;        // "who-has 192.168.10.100 from 192.168.10.254 at 1.000s: rs2, rs1, director"
};

// A VIP neighbour entry going PROBE (its owner did not confirm it in time).
struct VipProbe {
  SimTime time = 0;
  std::string host;
  Ipv4Addr vip;
  std::string owner;  // the host whose MAC the entry held
};

// A gateway's VIP entry on the kernel kept confirmed without an ARP answer from its
// owner (dst_pending_confirm crossing veth: one kernel, not separate machines).
struct PendingConfirmArtifact {
  std::string gateway, owner;
  Ipv4Addr vip;
  std::string text() const;
};

struct Observables {
  std::vector<RequestObs> requests;  // in start order
  bool has_ipvs = false;
  ipvs::Snapshot ipvs;
  std::vector<VipNeighbour> vip_neighbours;
  std::vector<ArpAnswer> arp_answers;  // in time order
  std::vector<VipProbe> vip_probes;    // in time order
  std::size_t not_run = 0;             // planned requests that never started
};

// An asker sends no new who-has for an address within retrans_time (1 s by default,
// neigh.default.retrans_time_ms) and takes no second reply within locktime (1 s): the
// answers that arrive within 1 s of the first are the answers to one resolution.
inline constexpr SimTime kArpResolutionWindow = 1000 * kMillisecond;
std::vector<ArpRace> arp_races(const std::vector<ArpAnswer>& answers);

// Observables from a run report (either side's: `lvslab run`'s or `hw run`'s) and its
// trace (ARP answers).
Observables observe(const RunReport& report, const Trace& trace);
// The simulator run to scenario time `at` (the instant the kernel was read).
Observables simulated_observables(const ScenarioSpec& spec, SimTime at);
// The kernel's side of a `hw run`.
Observables kernel_observables(const HwRunResult& res);

enum class Verdict { kSame, kDiffers, kTiming, kArtifact, kInfo };
const char* verdict_name(Verdict v);  // "same", "DIFFERS", "timing", "artifact", "info"

struct CompareRow {
  std::string what, sim, hw;
  Verdict verdict = Verdict::kSame;
};

struct Comparison {
  std::vector<CompareRow> rows;
  std::vector<ArpRace> kernel_races;               // the ARP-race rule applies where these are
  std::optional<PendingConfirmArtifact> artifact;  // detected on the kernel
  std::size_t expect_failed_sim = 0, expect_failed_hw = 0;
  bool expiry_compared = true;
  bool arp_race() const { return !kernel_races.empty(); }
  std::size_t differences() const;
  // Agreement and the scenario's expect met on both sides: `hw compare` exits 0.
  bool ok() const { return differences() == 0 && expect_failed_sim == 0 && expect_failed_hw == 0; }
};

struct CompareOptions {
  // Expiry times are compared only when the schedule was played in real time (--speed
  // 1): the kernel's timers run in real time, the simulator's in scenario time.
  bool expiry = true;
};

Comparison compare(const ScenarioSpec& spec, const Observables& sim, const Observables& hw,
                   const CompareOptions& options = {});

// The table, then one line per difference ("DIFFERS: request 3 server: simulator rs1,
// kernel rs2").
std::string comparison_text(const Comparison& c, const std::string& title, const std::string& hw_label);

}  // namespace lvs::hw
