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
//  * consecutive hops on the same host and address are merged;
//  * a flow's path is fixed when its client's request ends (AppEvent kRequestDone or
//    kRequestFailed): what the flow's packets do afterwards (the closing handshake, an
//    answer that comes after the client gave up) is not part of it. Flows that never
//    end are taken as they are when the trace ends.
// Role names: the address's own role from the scenario ("VIP"), else from the host role:
// client CIP, gateway DGW, router RTR, director DIP, realserver RIP, server SIP, nfs NFS.
#include <cstdint>
#include <optional>
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

// How a path differs from the notation a scenario or a lab expects:
// "expected path CIP-DGW-VIP-RIP-DGW-CIP, got CIP-DGW-RIP-DGW-CIP: hop 3 is RIP 192.0.2.11 (rs1), expected VIP"
std::string path_mismatch(const std::string& expected, const RequestPath& got);

// Role label of an address of a host, per the rule above.
std::string address_role(const TraceMeta& meta, HostId host, Ipv4Addr addr);

// The path builder, record by record: a run can feed it as it goes and keep, per ended
// flow, only its hops as (host, address) pairs (8 bytes each) and the host that served
// it. The state of a flow in progress (its packets' hops, its frames' summaries) is
// dropped when the flow ends, so memory follows the flows in flight, not the run.
class PathBuilder {
 public:
  explicit PathBuilder(const TraceMeta& meta);

  // One record, in trace order. For a FrameTx, `frame` is the frame's bytes; for a
  // FrameRx, its bytes when the trace has them, else empty (it is then matched with its
  // FrameTx by frame index). Other records ignore it.
  void add(const TraceRecord& rec, wire::Bytes frame);

  // The path of `flow` (ended or still open); nullopt when no packet of it was a request
  // or response candidate.
  std::optional<RequestPath> path(std::uint32_t flow) const;
  // The host whose application served `flow` (first AppEvent kServed), or kNoId.
  HostId server(std::uint32_t flow) const;
  // Every flow with a path, keyed by flow id.
  std::unordered_map<std::uint32_t, RequestPath> all_paths() const;

  // Flows not ended yet and the packets of theirs still tracked (tests bound them).
  std::size_t open_flows() const { return open_.size(); }
  std::size_t tracked_packets() const { return packets_.size(); }

 private:
  struct Hop {
    HostId host;
    Ipv4Addr addr;
    friend bool operator==(const Hop&, const Hop&) = default;
  };
  struct FrameView {
    MacAddr eth_dst;
    Ipv4Addr src, dst;
    std::size_t tcp_payload = 0;
    bool ipv4 = false;
  };
  struct PacketHops {
    std::vector<Hop> hops;
    bool delivered = false;  // the last hop took the packet as addressed to itself
  };
  struct OpenFlow {
    bool has_path = false;  // a client packet or a data packet was seen: it gets a path
    Ipv4Addr client_addr;
    HostId client = kNoId;
    std::vector<std::uint32_t> request_ids;            // data packets from the client, in order
    std::uint32_t first_id = 0;                        // the flow's first packet from the client (its SYN)
    std::vector<std::uint32_t> response_ids;           // data packets towards the client
    std::vector<std::uint32_t> packet_ids, frame_ids;  // everything to forget when it ends
  };
  enum class FlowState : std::uint8_t { kNone, kOpen, kEnded };
  struct FlowSlot {             // by flow id
    std::uint32_t hops_at = 0;  // in ended_hops_
    std::uint16_t hop_count = 0;
    FlowState state = FlowState::kNone;
    bool has_path = false, complete = false;
    HostId server = kNoId;
  };

  static FrameView view_frame(wire::Bytes frame);
  FlowSlot& slot(std::uint32_t flow);
  const FlowSlot* find_slot(std::uint32_t flow) const;
  void frame_sent(const FrameTx& tx, wire::Bytes bytes);
  void frame_received(const FrameRx& rx, wire::Bytes bytes);
  void end_flow(std::uint32_t flow);
  // The path of an open flow, as (host, address) hops.
  std::vector<Hop> hops_of(const OpenFlow& f, bool* complete) const;
  RequestPath expand(const std::vector<Hop>& hops, bool complete) const;
  bool local_to(HostId host, Ipv4Addr a) const;
  Ipv4Addr hop_address(HostId host, IfIndex iface, Ipv4Addr packet_addr) const;

  const TraceMeta& meta_;
  std::vector<std::vector<std::vector<Ipv4Addr>>> addresses_;  // [host][iface], parsed once
  std::vector<FlowSlot> slots_;
  std::unordered_map<std::uint32_t, OpenFlow> open_;
  std::unordered_map<std::uint32_t, PacketHops> packets_;
  std::unordered_map<std::uint32_t, FrameView> frames_;  // sent frames of open flows
  std::vector<Hop> ended_hops_;
};

// A path builder fed every record of the (whole) trace.
PathBuilder build_paths(const Trace& trace);
// Paths of every flow (request) in the trace, keyed by flow id.
std::unordered_map<std::uint32_t, RequestPath> request_paths(const Trace& trace);

}  // namespace lvs
