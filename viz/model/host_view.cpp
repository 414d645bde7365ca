#include "viz/model/host_view.hpp"

#include "viz/model/ipvs_view.hpp"

namespace lvs::viz {

const TraceHostConfig& host_config(const Trace& trace, const StepState& state, HostId host) {
  const std::uint32_t c = state.hosts.at(host).config;
  return c == kInitialConfig ? trace.meta().hosts.at(host).config : trace.host_config(c);
}

std::string neighbour_line(const Trace& trace, HostId host, const NeighRow& row) {
  const auto& ifaces = trace.meta().hosts.at(host).interfaces;
  std::string line = row.ip.str() + " dev " + (row.iface < ifaces.size() ? ifaces[row.iface].name : "?");
  // As Host::show_neighbours(): INCOMPLETE and FAILED entries have no link-layer address.
  if (row.state != NeighState::kIncomplete && row.state != NeighState::kFailed) line += " lladdr " + row.mac.str();
  return line + " " + neigh_state_name(row.state);
}

HostView host_view(const Trace& trace, const StepState& state, HostId host) {
  const TraceHostInfo& info = trace.meta().hosts.at(host);
  const HostState& hs = state.hosts.at(host);
  HostView v;
  v.name = info.name;
  v.role = info.role;
  const TraceHostConfig& cfg = host_config(trace, state, host);
  v.addresses = cfg.addresses;
  v.routes = cfg.routes;
  v.sysctls = cfg.sysctls;
  v.effective = cfg.effective;
  for (const NeighRow& row : hs.neighbours) {
    if (row.state == NeighState::kNone) continue;
    v.neighbour_rows.push_back(row);
    v.neighbours.push_back(neighbour_line(trace, host, row));
  }
  v.director = hs.rules != kNoRules || !hs.conns.empty();
  if (v.director) {
    v.ipvs_rules = hs.rules != kNoRules ? trace.string(hs.rules) : std::string();
    const auto snap = ipvs_snapshot(trace, hs, state.time);
    v.ipvs_list = ipvsadm_list(snap);
    v.ipvs_connections = ipvsadm_connections(snap);
  }
  return v;
}

}  // namespace lvs::viz
