#pragma once
// What an administrator asks of IPVS, as plain values: a virtual service and a real
// server (destination) with every option ipvsadm(8) knows for them. The ipvsadm parser
// produces these; the director model (and hardware mode) consumes them.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/wire/addr.hpp"

namespace lvs::ipvs {

enum class Protocol : std::uint8_t { kTcp, kUdp, kSctp };
const char* protocol_name(Protocol p);  // "TCP", "UDP", "SCTP" (as -Ln prints)

// Forwarding method of a destination (IP_VS_CONN_F_*): -m, -g (default), -i; "Local"
// when the real server address is local to the director.
enum class FwdMethod : std::uint8_t { kMasq, kLocal, kTunnel, kRoute };
const char* fwd_method_name(FwdMethod f);  // "Masq", "Local", "Tunnel", "Route"

// A service is either protocol+VIP:port (-t/-u/--sctp-service) or a firewall mark (-f).
struct ServiceKey {
  Protocol protocol = Protocol::kTcp;
  Ipv4Addr addr;
  std::uint16_t port = 0;
  std::uint32_t fwmark = 0;  // non-zero = firewall-mark service (addr/port unused)
  friend bool operator==(const ServiceKey&, const ServiceKey&) = default;
};

struct ServiceSpec {
  ServiceKey key;
  std::string scheduler = "wlc";                    // -s (kernel default wlc)
  std::optional<std::uint32_t> persistent_timeout;  // -p [T] (default 300 when given bare)
  Ipv4Addr netmask{0xffffffffu};                    // -M (persistence granularity)
  bool one_packet = false;                          // -o / --ops (UDP one-packet scheduling)
  std::string pe_name;                              // --pe (e.g. "sip")
  std::string sched_flags;                          // -b flag-1,flag-2 (sh-fallback, sh-port, ...)
};

struct DestSpec {
  Ipv4Addr addr;
  std::uint16_t port = 0;                // 0 = same as the service port
  FwdMethod method = FwdMethod::kRoute;  // -g default
  std::int32_t weight = 1;               // -w 0..2147483647
  std::uint32_t u_threshold = 0;         // -x 0..65535 (0 = none)
  std::uint32_t l_threshold = 0;         // -y 0..65535
  // --tun-type ipip|gue|gre and its options (ipvsadm 1.31): only ipip is modelled.
  std::string tun_type;
};

}  // namespace lvs::ipvs
