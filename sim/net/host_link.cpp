// The link layer of a host: frames in and out of Ethernet interfaces, the loopback
// device, the neighbour cache's output, and the trace records of all of it.
#include <cstring>

#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/ethernet.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"

namespace lvs {

// --- trace helpers ---------------------------------------------------------------------

bool Host::tracing() const { return world_.tracing(); }

void Host::trace_drop(IfIndex dev, const PacketBuf& packet, DropReason why) {
  ++world_.frames_dropped;
  if (!tracing()) return;
  world_.trace().record(now(), FrameDrop{id_, dev, kNoId, why, packet.trace_frame, packet.packet_id, packet.flow});
}

void Host::note(std::string_view text) {
  if (!tracing()) return;
  world_.trace().record(now(), WorldNote{id_, world_.trace().add_string(text)});
}

std::uint32_t Host::new_packet_id() { return world_.next_packet_id(); }

// --- frames ----------------------------------------------------------------------------------

void Host::transmit_frame(IfIndex index, Packet frame) {
  Interface& dev = ifaces_[index];
  if (!powered_) return trace_drop(index, frame.buf(), DropReason::kHostDown);
  if (!dev.up || !dev.segment) return trace_drop(index, frame.buf(), DropReason::kLinkDown);
  ++world_.frames_transmitted;
  if (tracing()) {
    frame->trace_frame = world_.trace().add_frame(frame->bytes());
    world_.trace().record(now(), FrameTx{id_, index, frame->trace_frame, frame->packet_id, frame->flow});
  }
  dev.segment->transmit_from(dev.port, std::move(frame));
}

// netif_receive_skb() -> eth_type_trans() -> arp_rcv() / ip_rcv().
void Host::receive_frame(IfIndex index, Packet frame) {
  if (!powered_) return trace_drop(index, frame.buf(), DropReason::kHostDown);
  const Interface& dev = ifaces_.at(index);
  if (!dev.up) return trace_drop(index, frame.buf(), DropReason::kLinkDown);
  const auto eth = wire::parse_ethernet(frame->bytes());
  if (!eth) return trace_drop(index, frame.buf(), DropReason::kMalformed);
  // eth_type_trans(): PACKET_OTHERHOST frames go no further (no promiscuous mode).
  PktType type = PktType::kHost;
  if (eth->dst.is_multicast()) type = PktType::kBroadcast;
  else if (eth->dst != dev.mac) return trace_drop(index, frame.buf(), DropReason::kNotForUs);
  if (tracing()) world_.trace().record(now(), FrameRx{id_, index, frame->trace_frame, frame->packet_id, frame->flow});
  if (eth->ethertype == wire::kEtherTypeArp) return arp_receive(index, std::move(frame));
  if (eth->ethertype != wire::kEtherTypeIpv4) return trace_drop(index, frame.buf(), DropReason::kUnsupportedProtocol);
  frame->pull_front(static_cast<std::uint16_t>(wire::kEthHeaderLen));
  ip_receive(index, std::move(frame), type);
}

// loopback_xmit(): the packet comes back in through netif_rx(), i.e. a new event at
// the same time. A zero Ethernet header keeps the trace's frames uniform (as a capture
// on lo shows them).
void Host::loopback_xmit(Packet packet) {
  const IfIndex lo = loopback();
  std::uint8_t* eth = packet->push_front(static_cast<std::uint16_t>(wire::kEthHeaderLen));
  wire::emit_ethernet(wire::EthernetRepr{MacAddr::zero(), MacAddr::zero(), wire::kEtherTypeIpv4},
                      wire::MutBytes(eth, wire::kEthHeaderLen));
  if (!ifaces_[lo].up) return trace_drop(lo, packet.buf(), DropReason::kLinkDown);
  if (tracing()) {
    packet->trace_frame = world_.trace().add_frame(packet->bytes());
    world_.trace().record(now(), FrameTx{id_, lo, packet->trace_frame, packet->packet_id, packet->flow});
  }
  sim().schedule_at(now(), this, kLoopbackDeliver, packet.release());
}

void Host::on_event(const Event& ev) {
  if (ev.kind != kLoopbackDeliver) return;
  Packet packet = world_.pool().adopt(ev.a);
  const IfIndex lo = loopback();
  if (!powered_) return trace_drop(lo, packet.buf(), DropReason::kHostDown);
  if (tracing()) world_.trace().record(now(), FrameRx{id_, lo, packet->trace_frame, packet->packet_id, packet->flow});
  packet->pull_front(static_cast<std::uint16_t>(wire::kEthHeaderLen));
  ip_receive(lo, std::move(packet), PktType::kLoopback);
}

// --- neighbour cache output ---------------------------------------------------------------

void Host::neigh_transmit(IfIndex dev, Packet packet, const MacAddr& dst) {
  std::uint8_t* eth = packet->push_front(static_cast<std::uint16_t>(wire::kEthHeaderLen));
  wire::emit_ethernet(wire::EthernetRepr{dst, ifaces_[dev].mac, wire::kEtherTypeIpv4},
                      wire::MutBytes(eth, wire::kEthHeaderLen));
  transmit_frame(dev, std::move(packet));
}

void Host::neigh_drop(IfIndex dev, Packet packet, DropReason why) {
  trace_drop(dev, packet.buf(), why);
  // arp_error_report() -> ipv4_link_failure(): host unreachable to the sender.
  if (why == DropReason::kNeighbourFailed && powered_)
    send_icmp_error(packet.buf(), wire::kIcmpDestUnreachable, wire::kIcmpHostUnreachable, kNoId);
}

void Host::neigh_changed(const NeighEntry& entry, NeighState from, const MacAddr& old_mac) {
  if (!tracing()) return;
  world_.trace().record(now(), NeighChange{id_, entry.dev, entry.ip, from, entry.state, entry.mac, old_mac});
}

}  // namespace lvs
