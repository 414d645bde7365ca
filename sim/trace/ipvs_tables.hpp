#pragma once
// A director's virtual services and destinations as the trace keeps them (IpvsRules
// record, Trace::ipvs_tables()): their configuration as `ipvsadm -L` reads it from the
// kernel (include/uapi/linux/ip_vs.h ip_vs_service_entry / ip_vs_dest_entry), in the
// trace's own plain values so that the trace needs nothing from sim/ipvs. The numbers
// are sim/ipvs's: `protocol` an ipvs::Protocol, `method` an ipvs::FwdMethod. Connection
// counters are not here: IpvsDestConns records carry them as they change, naming a
// destination by `id`.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/wire/addr.hpp"

namespace lvs {

struct TraceIpvsDest {
  std::uint32_t id = 0;  // the destination's creation number on its director
  Ipv4Addr addr;
  std::uint16_t port = 0;
  std::uint8_t method = 0;  // ipvs::FwdMethod
  std::int32_t weight = 0;
  std::uint32_t u_threshold = 0, l_threshold = 0;
};

struct TraceIpvsService {
  std::uint8_t protocol = 0;  // ipvs::Protocol
  Ipv4Addr addr;
  std::uint16_t port = 0;
  std::uint32_t fwmark = 0;  // non-zero: a firewall-mark service
  std::string scheduler;
  std::optional<std::uint32_t> persistent_timeout;  // seconds, when persistent (-p)
  Ipv4Addr netmask;                                 // -M
  bool one_packet = false;                          // -o
  std::string pe_name;                              // --pe
  std::string sched_flags;                          // -b
  std::vector<TraceIpvsDest> dests;                 // in the director's list order
};

struct TraceIpvsTables {
  std::vector<TraceIpvsService> services;  // in the order the kernel lists them
};

}  // namespace lvs
