#pragma once
// A director's IPVS tables at a step, as ipvsadm would list them at that instant:
// services and destinations from the last `ipvsadm -Sn` text the director recorded,
// ActiveConn / InActConn / PersistConn counted from the live connection entries (as the
// kernel counts dest->activeconns etc.), and the connection table in /proc/net/ip_vs_conn
// order (hash bucket of the client address:port, newest first in a bucket) with the time
// each entry has left. Printed by the same formatter as `lvslab ipvsadm`.
#include <string>

#include "sim/ipvs/snapshot.hpp"
#include "viz/model/step_state.hpp"

namespace lvs::viz {

// `host` is taken by value: its timers are run up to `now` first.
ipvs::Snapshot ipvs_snapshot(const Trace& trace, HostState host, SimTime now);

std::string ipvsadm_list(const ipvs::Snapshot& s);         // ipvsadm -Ln
std::string ipvsadm_connections(const ipvs::Snapshot& s);  // ipvsadm -Lnc

}  // namespace lvs::viz
