#pragma once
// A real server of a virtual service, as the director keeps it (struct ip_vs_dest,
// include/net/ip_vs.h): weight, thresholds, the AVAILABLE / OVERLOAD flags, the
// connection counters the schedulers read, and its statistics.
#include <cstdint>
#include <string>

#include "sim/core/time.hpp"
#include "sim/ipvs/spec.hpp"
#include "sim/ipvs/stats.hpp"

namespace lvs::ipvs {

struct Service;

struct Dest {
  std::uint32_t id = 0;  // creation number on its director (names it in the trace)
  Ipv4Addr addr;
  std::uint16_t port = 0;
  FwdMethod method = FwdMethod::kRoute;
  std::string tun_type;
  std::int32_t weight = 1;
  // ip_vs_ctl.c __ip_vs_update_dest(): "keep the last_weight with latest non-0 weight"
  // (mh builds its table from last_weight, so a quiesced dest keeps its slots).
  std::int32_t last_weight = 1;
  std::uint32_t u_threshold = 0, l_threshold = 0;

  bool available = true;  // IP_VS_DEST_F_AVAILABLE: in a service's list (not in trash)
  bool overload = false;  // IP_VS_DEST_F_OVERLOAD: set/cleared by the thresholds

  std::int32_t activeconns = 0;   // connections in an "active" protocol state
  std::int32_t inactconns = 0;    // all other (non-template) connections
  std::int32_t persistconns = 0;  // persistence templates
  std::int32_t refcnt = 0;        // connections + scheduler caches referring to it

  Service* svc = nullptr;  // owning service; null once that service is deleted
  ServiceKey svc_key;      // which service it belonged to (ip_vs_trash_get_dest())
  SimTime idle_start = 0;  // when it became unreferenced in the trash (0 = not yet)
  IpvsStats stats;

  // include/net/ip_vs.h ip_vs_dest_conn_overhead(): active connections cost 256 times
  // an inactive one.
  std::int64_t conn_overhead() const { return (std::int64_t{activeconns} << 8) + inactconns; }
  // ip_vs_conn.c ip_vs_dest_totalconns() (templates are not counted).
  std::int64_t total_conns() const { return std::int64_t{activeconns} + inactconns; }
};

}  // namespace lvs::ipvs
