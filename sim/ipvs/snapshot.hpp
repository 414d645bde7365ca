#pragma once
// IPVS tables as ipvsadm sees them (what `ipvsadm -L` reads from the kernel): plain
// values, filled by the simulated director or, in hardware mode, from a real kernel
// over netlink, and printed by the ipvsadm formatter. Field meanings follow
// include/uapi/linux/ip_vs.h (struct ip_vs_stats_user, ip_vs_service_entry, ...).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/ipvs/spec.hpp"

namespace lvs::ipvs {

// Counters (--stats) and rate estimates (--rate), as in struct ip_vs_kstats / estimator.
struct Stats {
  std::uint64_t conns = 0, inpkts = 0, outpkts = 0, inbytes = 0, outbytes = 0;
  std::uint64_t cps = 0, inpps = 0, outpps = 0, inbps = 0, outbps = 0;
};

struct DestEntry {
  Ipv4Addr addr;
  std::uint16_t port = 0;
  FwdMethod method = FwdMethod::kRoute;
  std::int32_t weight = 1;
  std::uint32_t u_threshold = 0, l_threshold = 0;
  std::uint32_t active_conns = 0;    // ESTABLISHED connections (ip_vs_dest.activeconns)
  std::uint32_t inactive_conns = 0;  // every other state
  std::uint32_t persist_conns = 0;   // persistence templates
  Stats stats;
};

struct ServiceEntry {
  ServiceSpec spec;  // key, scheduler, persistence, flags as configured
  Stats stats;
  std::vector<DestEntry> dests;  // in the order the kernel lists them
};

// One connection entry (`ipvsadm -Lnc`). Templates (persistence) have state NONE and
// client port 0. A firewall-mark service's template has protocol IPPROTO_IP and the
// mark as its virtual address (ip_vs_core.c ip_vs_sched_persist): set `fwmark` and the
// formatter prints protocol "IP" and virtual address = the mark, port virtual_port (0).
struct ConnEntry {
  Protocol protocol = Protocol::kTcp;
  Ipv4Addr client_addr;
  std::uint16_t client_port = 0;
  Ipv4Addr virtual_addr;
  std::uint16_t virtual_port = 0;
  Ipv4Addr dest_addr;
  std::uint16_t dest_port = 0;
  std::string state;             // "ESTABLISHED", "TIME_WAIT", "NONE", ...
  std::uint32_t expires_ms = 0;  // time left
  bool is_template = false;
  std::uint32_t fwmark = 0;  // non-zero: template of a firewall-mark service
};

struct Timeouts {  // seconds, `ipvsadm --set` / `-L --timeout`
  std::uint32_t tcp = 900, tcp_fin = 120, udp = 300;
};

struct Snapshot {
  std::uint32_t conn_tab_size = 4096;  // "(size=4096)"
  std::vector<ServiceEntry> services;  // in the order the kernel lists them
  std::vector<ConnEntry> conns;        // in the order the kernel lists them
  Timeouts timeouts;
};

}  // namespace lvs::ipvs
