#pragma once
// What the host-state panel shows for one host at a step, as plain text lines in the
// format of the Linux tools (`ip -4 addr`, `ip route`, `ip neigh`, `sysctl`, and on a
// director `ipvsadm -Ln` / `-Lnc`). The --dump-state JSON is built from the same value.
#include <string>
#include <vector>

#include "viz/model/step_state.hpp"

namespace lvs::viz {

struct HostView {
  std::string name;
  std::string role;
  std::vector<std::string> addresses;
  std::vector<std::string> routes;
  std::vector<std::string> sysctls;
  std::vector<TraceIfaceSysctls> effective;
  std::vector<NeighRow> neighbour_rows;  // live entries only, table order
  std::vector<std::string> neighbours;   // `ip neigh show`
  bool director = false;
  std::string ipvs_rules;        // ipvsadm -Sn
  std::string ipvs_list;         // ipvsadm -Ln
  std::string ipvs_connections;  // ipvsadm -Lnc
};

HostView host_view(const Trace& trace, const StepState& state, HostId host);

// The configuration in force (the initial one from the meta, or the last change).
const TraceHostConfig& host_config(const Trace& trace, const StepState& state, HostId host);

// `ip neigh show` line of an entry: "192.168.0.1 dev eth0 lladdr 02:... REACHABLE".
std::string neighbour_line(const Trace& trace, HostId host, const NeighRow& row);

}  // namespace lvs::viz
