#include "sim/trace/trace.hpp"

namespace lvs {

const char* drop_reason_name(DropReason r) {
  switch (r) {
    case DropReason::kTxQueueFull: return "tx-queue-full";
    case DropReason::kSwitchQueueFull: return "switch-queue-full";
    case DropReason::kLinkDown: return "link-down";
    case DropReason::kHostDown: return "host-down";
    case DropReason::kNotForUs: return "not-for-us";
    case DropReason::kMalformed: return "malformed";
    case DropReason::kNoRoute: return "no-route";
    case DropReason::kNotForwarding: return "not-forwarding";
    case DropReason::kRpFilter: return "rp-filter";
    case DropReason::kMartianSource: return "martian-source";
    case DropReason::kMartianDestination: return "martian-destination";
    case DropReason::kTtlExceeded: return "ttl-exceeded";
    case DropReason::kNeighbourFailed: return "neighbour-failed";
    case DropReason::kNeighbourQueueFull: return "neighbour-queue-full";
    case DropReason::kNoSocket: return "no-socket";
    case DropReason::kUnsupportedProtocol: return "unsupported-protocol";
    case DropReason::kFragmentation: return "fragmentation";
    case DropReason::kFiltered: return "filtered";
    case DropReason::kTooBig: return "too-big";
    case DropReason::kCount: break;
  }
  return "?";
}

const char* neigh_state_name(NeighState s) {
  switch (s) {
    case NeighState::kNone: return "NONE";
    case NeighState::kIncomplete: return "INCOMPLETE";
    case NeighState::kReachable: return "REACHABLE";
    case NeighState::kStale: return "STALE";
    case NeighState::kDelay: return "DELAY";
    case NeighState::kProbe: return "PROBE";
    case NeighState::kFailed: return "FAILED";
    case NeighState::kPermanent: return "PERMANENT";
    case NeighState::kNoArp: return "NOARP";
  }
  return "?";
}

const char* arp_verdict_name(ArpVerdict v) {
  switch (v) {
    case ArpVerdict::kReplied: return "replied";
    case ArpVerdict::kIgnoredArpIgnore: return "ignored-arp_ignore";
    case ArpVerdict::kIgnoredArpFilter: return "ignored-arp_filter";
    case ArpVerdict::kNotLocal: return "not-local";
    case ArpVerdict::kRouteInputFailed: return "source-rejected";
    case ArpVerdict::kAnnounce: return "gratuitous";
  }
  return "?";
}

const char* tcp_state_name(TcpStateId s) {
  switch (s) {
    case TcpStateId::kClosed: return "CLOSED";
    case TcpStateId::kListen: return "LISTEN";
    case TcpStateId::kSynSent: return "SYN_SENT";
    case TcpStateId::kSynReceived: return "SYN_RECV";
    case TcpStateId::kEstablished: return "ESTABLISHED";
    case TcpStateId::kFinWait1: return "FIN_WAIT1";
    case TcpStateId::kFinWait2: return "FIN_WAIT2";
    case TcpStateId::kCloseWait: return "CLOSE_WAIT";
    case TcpStateId::kClosing: return "CLOSING";
    case TcpStateId::kLastAck: return "LAST_ACK";
    case TcpStateId::kTimeWait: return "TIME_WAIT";
  }
  return "?";
}

std::optional<MacOwner> TraceMeta::mac_owner(const MacAddr& mac) const {
  if (mac.is_zero()) return std::nullopt;
  for (std::size_t h = 0; h < hosts.size(); ++h)
    for (std::size_t i = 0; i < hosts[h].interfaces.size(); ++i) {
      const TraceInterfaceInfo& ifc = hosts[h].interfaces[i];
      if (ifc.mac == mac && ifc.segment != kNoId) return MacOwner{static_cast<HostId>(h), static_cast<IfIndex>(i)};
    }
  return std::nullopt;
}

std::uint32_t Trace::add_frame(wire::Bytes bytes) {
  const std::uint64_t offset = frame_bytes_.size();
  frame_bytes_.insert(frame_bytes_.end(), bytes.begin(), bytes.end());
  frame_offsets_.push_back((offset << 16) | static_cast<std::uint64_t>(bytes.size() & 0xffff));
  return static_cast<std::uint32_t>(frame_offsets_.size() - 1);
}

wire::Bytes Trace::frame(std::uint32_t index) const {
  const std::uint64_t packed = frame_offsets_.at(index);
  return wire::Bytes(frame_bytes_.data() + (packed >> 16), packed & 0xffff);
}

std::uint32_t Trace::add_string(std::string_view s) {
  strings_.emplace_back(s);
  return static_cast<std::uint32_t>(strings_.size() - 1);
}

std::uint32_t Trace::add_host_config(TraceHostConfig config) {
  host_configs_.push_back(std::move(config));
  return static_cast<std::uint32_t>(host_configs_.size() - 1);
}

}  // namespace lvs
