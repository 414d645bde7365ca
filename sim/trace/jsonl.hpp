#pragma once
// The trace as JSON lines (one object per line), for tools (jq, the grader, the viewer):
//  line 1: {"type":"meta","scenario":..,"seed":..,"hosts":[{"name","role","interfaces":
//           [{"name","mac","segment","addresses"}]}],"segments":[{"name"}]}
//  then one object per record, in trace order:
//           {"t": <ns>, "type": "frame_tx"|"frame_wire"|"frame_rx"|"drop"|"neigh"|"arp"|
//            "route"|"tcp_state"|"tcp_rtx"|"app"|"note"|"ipvs_conn"|"ipvs_rules"|
//            "host_config"|"ipvs_expire"|"ipvs_dest_conns", ...fields}
// Hosts, interfaces and segments appear by name (null where the record has none);
// addresses as dotted quads, MACs as "02:00:00:00:02:11", states and reasons by their
// stable names. Frame records carry "frame" (arena index), "len" and "summary".
// The director's records (trace.hpp says when each is made):
//   ipvs_conn        "seq", "control_seq", "ipproto", "client"/"virtual"/"dest" (addr:port),
//                    "state_id", "template", "inactive", "expires" (ns, absolute)
//   ipvs_expire      "seq", "freed" (else a template re-armed), "n_control" (connections
//                    the template still controls), "expires" (the re-armed timer, or null)
//   ipvs_dest_conns  "dest_id", "dest" (addr:port), "active", "inactive", "persist"
//   ipvs_rules       "text": what `ipvsadm -Sn` prints
// and "host_config": "addresses", "routes", "sysctls" as the host's tools print them.
// Keys are in a fixed order and the output depends only on the trace: the same trace
// gives the same bytes.
#include <ostream>
#include <string>

#include "sim/trace/trace.hpp"

namespace lvs {

void write_jsonl(const Trace& trace, std::ostream& out);

// A short human line for one record, without the time: "rs1 eth0 rx ARP who-has
// 192.168.10.10 tell 192.168.10.1", "lan wire TCP ...", "dir eth0 drop rp-filter: ...",
// "rs1 eth0 neigh 192.168.10.1 STALE -> REACHABLE 02:00:00:00:01:01".
std::string describe_record(const Trace& trace, const TraceRecord& record);

// Stable names used by both views.
const char* route_kind_name(RouteKind k);             // "local", "forward", "output", "unreachable"
const char* app_event_kind_name(AppEventKind k);      // "request-start", "request-done", ...
const char* record_type_name(const TraceBody& body);  // "frame_tx", ...

}  // namespace lvs
