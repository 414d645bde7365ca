#pragma once
// What the diagnosis reads from a run, record by record (like the path builder): a run can
// feed it as it goes (TraceLevel::kReport) or it replays a whole trace, with the same
// result. Per request (flow) it keeps the first drop with the packet it dropped, the route
// each host chose for the flow's packets, and the applications' notes; the IPVS rules each
// director had. Every piece carries its record number (Trace::number_of), so that a cause
// can point at the record `lvslab view --at-event N` shows.
//
// The state of a flow in progress (its frames' addresses, its packets' routes) is dropped
// when the flow ends; an ended flow keeps its evidence only when something went wrong
// (a drop, a failure, an error status), so memory follows the flows in flight and the
// failures, not the run.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "sim/trace/trace.hpp"

namespace lvs {

// The addresses of a packet, read from its frame (for IPIP, the outer and inner headers).
struct PacketFacts {
  bool known = false;  // a frame of it was seen
  Ipv4Addr src, dst;   // the outer header
  std::uint8_t protocol = 0;
  bool tunnelled = false;  // IPIP: the fields below are the inner packet's
  Ipv4Addr inner_src, inner_dst;
  std::uint16_t sport = 0, dport = 0;
  std::uint8_t tcp_flags = 0;
  // The packet as the connection sees it (inner header when tunnelled).
  Ipv4Addr conn_src() const { return tunnelled ? inner_src : src; }
  Ipv4Addr conn_dst() const { return tunnelled ? inner_dst : dst; }
  bool is_syn() const { return protocol == 6 && (tcp_flags & 0x12) == 0x02; }
};

struct DropFacts {
  std::uint64_t event = 0;
  SimTime time = 0;
  HostId host = kNoId;
  IfIndex iface = kNoId;
  SegmentId segment = kNoId;
  DropReason reason = DropReason::kCount;
  PacketFacts packet;
  std::optional<RouteDecision> route;  // the host's route for this packet, when it chose one
};

struct RouteFacts {
  std::uint64_t event = 0;
  SimTime time = 0;
  RouteDecision route;
};

struct NoteFacts {
  std::uint64_t event = 0;
  SimTime time = 0;
  HostId host = kNoId;
  std::string text;
};

struct FlowFacts {
  std::uint64_t start_event = 0;  // the client's request-start record
  HostId client = kNoId;
  Ipv4Addr client_addr;
  std::optional<DropFacts> first_drop;
  // The first route a host other than the client chose for a packet to the client (a
  // server's reply), per host, in order.
  std::vector<RouteFacts> reply_routes;
  std::vector<NoteFacts> notes;     // the applications' notes about this request (first few)
  std::optional<NoteFacts> served;  // the first server's kServed (text: the path it served)
  std::uint16_t served_status = 0;
  bool failed = false;       // the client gave up (AppEvent kRequestFailed)
  std::uint16_t status = 0;  // the client's status (kRequestDone)
};

// A director's IPVS rules from `time` on (IpvsRules::tables).
struct RulesFacts {
  SimTime time = 0;
  HostId host = kNoId;
  std::uint32_t tables = 0;
};

class DiagnosisEvidence {
 public:
  explicit DiagnosisEvidence(const Trace& trace) : trace_(trace) {}

  // One record, in trace order, with its number. `frame`: a FrameTx's bytes.
  void add(const TraceRecord& rec, std::uint64_t number, wire::Bytes frame);

  // The facts of `flow` (ended with something wrong, or still open); nullptr otherwise.
  const FlowFacts* flow(std::uint32_t flow) const;
  const std::vector<RulesFacts>& rules() const { return rules_; }
  const Trace& trace() const { return trace_; }

  std::size_t open_flows() const { return open_.size(); }

 private:
  // A packet of an open flow: its addresses (from its last frame sent) and its last route.
  struct PacketEntry {
    std::uint32_t id = 0;
    PacketFacts facts;
    std::optional<RouteDecision> route;
  };
  struct OpenFlow {
    FlowFacts facts;
    std::vector<PacketEntry> packets;  // a flow has few: searched from the newest
    PacketEntry& packet(std::uint32_t id);
    const PacketEntry* find(std::uint32_t id) const;
  };
  OpenFlow& open(std::uint32_t flow);
  void frame_sent(const FrameTx& tx, wire::Bytes frame);
  void dropped(const TraceRecord& rec, const FrameDrop& d, std::uint64_t number);
  void routed(const TraceRecord& rec, const RouteDecision& r, std::uint64_t number);
  void app_event(const TraceRecord& rec, const AppEvent& a, std::uint64_t number);
  void end_flow(std::uint32_t flow);

  const Trace& trace_;
  std::unordered_map<std::uint32_t, OpenFlow> open_;
  std::unordered_map<std::uint32_t, FlowFacts> ended_;  // only those with something wrong
  std::unordered_map<std::uint32_t, PacketFacts> frames_;
  std::unordered_map<std::uint32_t, PacketFacts> packets_;   // by packet id: its last frame
  std::unordered_map<std::uint32_t, RouteDecision> routes_;  // by packet id: its last route
  std::vector<RulesFacts> rules_;
};

// Evidence from every record of a (whole) trace.
DiagnosisEvidence replay_evidence(const Trace& trace);

}  // namespace lvs
