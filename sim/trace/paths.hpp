#pragma once
// The path of each request in the textbook notation (design.md "Paths"):
// NAT `CIP-DGW-VIP-RIP-DIP-DGW-CIP`, DR/TUN `CIP-DGW-VIP-RIP-DGW-CIP`.
//
// A path is derived from the trace only (it is a view, nobody re-derives behaviour):
//  * the request packet is the first IP packet of the flow sent by the client with a
//    TCP payload that reached a host which took it as its own; the response packet is the
//    first data packet of the flow sent towards the client's address;
//  * a packet contributes one hop for its sender and one for every host that accepted
//    the frame (FrameRx with a destination MAC of that interface, or broadcast);
//  * a hop's address is the packet's own address when that address is configured on the
//    interface the packet crossed (the client's CIP, the director's VIP on eth0:0, the
//    real server's RIP in TUN), else the primary address of that interface (a gateway's
//    DGW, the director's DIP on the way back, a DR real server's RIP although the VIP it
//    answers for sits on lo);
//  * consecutive hops on the same host and address are merged.
// Role names: the address's own role from the scenario ("VIP"), else from the host role:
// client CIP, gateway DGW, router RTR, director DIP, realserver RIP, server SIP, nfs NFS.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/trace/trace.hpp"

namespace lvs {

struct PathHop {
  std::string role;  // "CIP"
  Ipv4Addr addr;
  std::string host;  // "client1"
  friend bool operator==(const PathHop&, const PathHop&) = default;
};

struct RequestPath {
  std::vector<PathHop> hops;
  bool complete = false;  // both the request and the response were seen
  // "CIP-DGW-VIP-RIP-DIP-DGW-CIP"
  std::string notation() const;
  // "10.0.0.5(client1)-10.0.0.1(gw)-..." with addresses and host names
  std::string detailed() const;
};

// Role label of an address of a host, per the rule above.
std::string address_role(const TraceMeta& meta, HostId host, Ipv4Addr addr);

// Paths of every flow (request) in the trace, keyed by flow id.
std::unordered_map<std::uint32_t, RequestPath> request_paths(const Trace& trace);

}  // namespace lvs
