#pragma once
// The state of the simulated network after a given trace step, rebuilt from the trace
// alone (the viewer never simulates): per host the neighbour (ARP) cache, which
// configuration (addresses, routes, sysctls) is in force, and on a director the IPVS
// rules, the destinations' connection counters and the connection table. apply_record()
// moves a state one record forward; the StateIndex (state_index.hpp) adds checkpoints so
// that any step is reached quickly.
//
// Nothing is derived: the director records each connection entry when a packet creates
// or refreshes it (IpvsConnUpdate), when its timer fires (IpvsConnExpire: freed, or a
// template re-armed) and each destination's counters when they change (IpvsDestConns),
// all at the time they happened, so the table at step N is the one `ipvsadm -Lnc` would
// have printed at that instant.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/trace/trace.hpp"
#include "viz/model/conn_list.hpp"

namespace lvs::viz {

inline constexpr std::uint32_t kInitialConfig = 0xffffffffu;  // TraceHostInfo::config
inline constexpr std::uint32_t kNoRules = 0xffffffffu;

// One neighbour entry, as `ip neigh` lists it (kNone = deleted, not listed).
struct NeighRow {
  IfIndex iface = 0;
  Ipv4Addr ip;
  MacAddr mac;
  NeighState state = NeighState::kNone;
  friend bool operator==(const NeighRow&, const NeighRow&) = default;
};

struct HostState {
  std::vector<NeighRow> neighbours;  // table order: first appearance
  std::uint32_t config = kInitialConfig;
  std::uint32_t rules = kNoRules;         // the last IpvsRules record: its `ipvsadm -Sn` text
  std::uint32_t tables = kNoRules;        // ... and its tables (Trace::ipvs_tables())
  ConnList conns;                         // live entries (their last record), ascending seq
  std::vector<IpvsDestConns> dest_conns;  // last counters of each destination, by its id
  friend bool operator==(const HostState&, const HostState&) = default;
};

struct StepState {
  std::size_t applied = 0;  // records [0, applied) are in this state
  SimTime time = 0;         // time of the last applied record
  std::vector<HostState> hosts;
  friend bool operator==(const StepState&, const StepState&) = default;
};

// The state before the first record.
StepState initial_state(const Trace& trace);
// Applies the next record (trace.records()[state.applied]).
void apply_next(const Trace& trace, StepState& state);

}  // namespace lvs::viz
