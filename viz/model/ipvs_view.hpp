#pragma once
// A director's IPVS tables at a step, as ipvsadm would list them at that instant, from
// what the director recorded: services and destinations from its last IpvsRules record
// (as values), ActiveConn / InActConn / PersistConn from its IpvsDestConns records, and
// the live connection entries in /proc/net/ip_vs_conn order (hash bucket of the client
// address:port, newest first in a bucket) with the time each has left at `now`. Printed
// by the same formatter as `lvslab ipvsadm`.
#include <string>

#include "sim/ipvs/snapshot.hpp"
#include "viz/model/step_state.hpp"

namespace lvs::viz {

ipvs::Snapshot ipvs_snapshot(const Trace& trace, const HostState& host, SimTime now);

std::string ipvsadm_list(const ipvs::Snapshot& s);         // ipvsadm -Ln
std::string ipvsadm_connections(const ipvs::Snapshot& s);  // ipvsadm -Lnc

}  // namespace lvs::viz
