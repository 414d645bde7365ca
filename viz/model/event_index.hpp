#pragma once
// Per-record facts the event list, the filters and the timeline need, computed once
// when a trace is opened: where the record happened (host, interface, segment), what
// kind of traffic or state it is about, which request (flow) and IP packet it belongs
// to, and for frames the previous frame of the same IP packet (to see a rewrite).
#include <cstdint>
#include <string>
#include <vector>

#include "sim/trace/trace.hpp"

namespace lvs::viz {

enum class EventKind : std::uint8_t {
  kArp,
  kTcp,
  kUdp,
  kIcmp,
  kIpip,
  kOtherFrame,  // frames, by their (outer) protocol
  kNeighbour,
  kArpDecision,
  kRoute,
  kTcpState,
  kIpvs,
  kApp,
  kNote,
  kConfig,
  kCount
};
const char* event_kind_name(EventKind k);  // "ARP", "TCP", ..., "neigh", "ipvs"

struct EventInfo {
  HostId host = kNoId;
  IfIndex iface = kNoId;
  SegmentId segment = kNoId;
  EventKind kind = EventKind::kNote;
  bool frame = false;  // FrameTx / FrameWire / FrameRx / FrameDrop with bytes
  std::uint32_t frame_index = 0;
  std::uint32_t packet_id = 0;
  std::uint32_t flow = 0;
  std::uint32_t prev_frame_event = 0xffffffffu;  // earlier frame record of the same packet
};

// What one frame is (for the kind and the "first forwarded SYN" finder).
struct FrameFacts {
  EventKind kind = EventKind::kOtherFrame;
  bool tcp_syn = false, tcp_ack = false;  // of the inner segment for IPIP
  Ipv4Addr src, dst;                      // outer IPv4 addresses
  MacAddr eth_src, eth_dst;
};
FrameFacts frame_facts(const Trace& trace, std::uint32_t frame);

class EventIndex {
 public:
  explicit EventIndex(const Trace& trace);
  const EventInfo& operator[](std::size_t i) const { return info_[i]; }
  std::size_t size() const { return info_.size(); }
  const std::vector<std::uint32_t>& flows() const { return flows_; }  // sorted, non-zero

 private:
  std::vector<EventInfo> info_;
  std::vector<std::uint32_t> flows_;
};

// The event list's filter: a host (kNoId = any), a set of kinds, a flow (0 = any).
struct EventFilter {
  HostId host = kNoId;
  std::uint32_t kinds = ~0u;  // bit per EventKind
  std::uint32_t flow = 0;
  bool accepts(const EventInfo& e) const;
  friend bool operator==(const EventFilter&, const EventFilter&) = default;
};
std::vector<std::uint32_t> filter_events(const EventIndex& index, const EventFilter& filter);

}  // namespace lvs::viz
