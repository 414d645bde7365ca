#pragma once
// The state of the simulated network after a given trace step, rebuilt from the trace
// alone (the viewer never simulates): per host the neighbour (ARP) cache, which
// configuration (addresses, routes, sysctls) is in force, and on a director the IPVS
// rules and connection table. apply_record() moves a state one record forward; the
// StateIndex (state_index.hpp) adds checkpoints so that any step is reached quickly.
//
// The connection table mirrors ip_vs_conn.c from the director's IpvsConnUpdate records:
// an entry lives until its timer (`expires`); timers fire in (time, creation) order and a
// persistence template that still controls connections is re-armed for 60 s
// (ip_vs_conn_expire), exactly as sim/ipvs/conn.cpp does, so the table at step N is the
// one `ipvsadm -Lnc` would have printed at that instant.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/trace/trace.hpp"

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

// One IPVS connection entry: the last record of it, and when it was created.
struct ConnRow {
  IpvsConnUpdate conn;
  SimTime created = 0;
  std::int32_t n_control = 0;  // live connections this template controls
  friend bool operator==(const ConnRow& a, const ConnRow& b) {
    return a.created == b.created && a.n_control == b.n_control && a.conn.seq == b.conn.seq &&
           a.conn.expires == b.conn.expires && a.conn.state == b.conn.state && a.conn.flags == b.conn.flags &&
           a.conn.control_seq == b.conn.control_seq && a.conn.caddr == b.conn.caddr &&
           a.conn.cport == b.conn.cport && a.conn.vaddr == b.conn.vaddr && a.conn.vport == b.conn.vport &&
           a.conn.daddr == b.conn.daddr && a.conn.dport == b.conn.dport && a.conn.ipproto == b.conn.ipproto;
  }
};

struct HostState {
  std::vector<NeighRow> neighbours;  // table order: first appearance
  std::uint32_t config = kInitialConfig;
  std::uint32_t rules = kNoRules;    // string index of the last IpvsRules text
  std::vector<ConnRow> conns;        // live entries, ascending seq (creation order)
  SimTime next_expiry = kTimeNever;  // earliest `expires` among conns
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

// Runs the connection timers of one host up to `now` (kernel ip_vs_conn_expire order).
void expire_conns(HostState& host, SimTime now);

}  // namespace lvs::viz
