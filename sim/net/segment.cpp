#include "sim/net/segment.hpp"

#include "sim/net/host.hpp"
#include "sim/net/world.hpp"
#include "sim/wire/ethernet.hpp"

namespace lvs {

Segment::Segment(World& world, SegmentId id, std::string name, LinkParams defaults)
    : world_(world),
      id_(id),
      name_(std::move(name)),
      defaults_(defaults),
      flood_rng_(world.sim().rng().stream((std::uint64_t{1} << 40) | id)) {}

std::uint16_t Segment::attach(Host& host, Interface& iface, const LinkParams& link) {
  Port port;
  port.host = &host;
  port.iface = &iface;
  port.egress.configure(link);
  ports_.push_back(std::move(port));
  const auto number = static_cast<std::uint16_t>(ports_.size() - 1);
  iface.segment = this;
  iface.port = number;
  iface.tx.configure(link);
  return number;
}

void Segment::transmit_from(std::uint16_t port_no, Packet frame) {
  Port& port = ports_.at(port_no);
  if (!port.up) return drop(std::move(frame), DropReason::kLinkDown);
  const auto arrival = port.iface->tx.send(world_.now(), frame->len);
  if (!arrival) {
    if (world_.tracing()) {
      world_.trace().record(world_.now(), FrameDrop{port.host->id(), port.iface->index, kNoId, DropReason::kTxQueueFull,
                                                    frame->trace_frame, frame->packet_id, frame->flow});
    }
    ++world_.frames_dropped;
    return;
  }
  world_.sim().schedule_at(*arrival, this, kArriveAtSwitch, frame.release(), port_no);
}

void Segment::on_event(const Event& ev) {
  Packet frame = world_.pool().adopt(ev.a);
  const auto port = static_cast<std::uint16_t>(ev.b);
  if (ev.kind == kArriveAtSwitch) {
    switch_frame(port, std::move(frame));
  } else {
    Port& p = ports_[port];
    if (!p.up) return drop(std::move(frame), DropReason::kLinkDown);
    p.host->receive_frame(p.iface->index, std::move(frame));
  }
}

void Segment::switch_frame(std::uint16_t in_port, Packet frame) {
  if (world_.tracing()) world_.trace().record(world_.now(), FrameWire{id_, frame->trace_frame});
  if (!ports_[in_port].up) return drop(std::move(frame), DropReason::kLinkDown);
  const auto eth = wire::parse_ethernet(frame->bytes());
  if (!eth) return drop(std::move(frame), DropReason::kMalformed);
  learn(eth->src, in_port);
  const int out = eth->dst.is_multicast() ? -1 : lookup(eth->dst);
  if (out >= 0) {
    if (out != in_port) egress(static_cast<std::uint16_t>(out), std::move(frame));
    return;  // a frame for the port it came from is filtered, as a bridge does
  }
  // Flood: every other port gets its own copy; the last one gets the original. The copies
  // reach their ports at the same instant, so the hosts handle them in the order they are
  // handed out - and their simultaneous answers (several hosts answering who-has for the
  // same address: the DR ARP problem) reach the switch, and the asker, in that order. On
  // a real LAN timing noise (interrupt and softirq latency) decides it, not the order of
  // the hosts in the scenario file: the order is drawn from the run's seed (a uniform
  // shuffle), the same for the same seed.
  flood_order_.clear();
  for (std::size_t p = 0; p < ports_.size(); ++p)
    if (p != in_port && ports_[p].up) flood_order_.push_back(static_cast<std::uint16_t>(p));
  for (std::size_t i = flood_order_.size(); i > 1; --i)
    std::swap(flood_order_[i - 1], flood_order_[flood_rng_.below(i)]);
  for (std::size_t i = 0; i < flood_order_.size(); ++i) {
    if (i + 1 == flood_order_.size()) egress(flood_order_[i], std::move(frame));
    else egress(flood_order_[i], frame.clone());
  }
}

void Segment::learn(const MacAddr& src, std::uint16_t port) {
  if (src.is_multicast()) return;
  macs_[src.as_u64()] = MacEntry{port, world_.now()};
}

int Segment::lookup(const MacAddr& dst) const {
  const MacEntry* e = macs_.find(dst.as_u64());
  if (e == nullptr) return -1;
  return world_.now() - e->seen <= kMacAgeing ? e->port : -1;
}

void Segment::egress(std::uint16_t port_no, Packet frame) {
  Port& port = ports_[port_no];
  const auto arrival = port.egress.send(world_.now(), frame->len);
  if (!arrival) {
    if (world_.tracing()) {
      world_.trace().record(world_.now(), FrameDrop{kNoId, kNoId, id_, DropReason::kSwitchQueueFull, frame->trace_frame,
                                                    frame->packet_id, frame->flow});
    }
    ++world_.frames_dropped;
    return;
  }
  // The receiving host's stack takes a little time; per-port FIFO order is kept.
  SimTime at = time_after(*arrival, port.host->sample_rx_delay());
  if (at < port.last_delivery) at = port.last_delivery;
  port.last_delivery = at;
  world_.sim().schedule_at(at, this, kArriveAtHost, frame.release(), port_no);
}

void Segment::drop(Packet frame, DropReason why) {
  if (world_.tracing()) {
    world_.trace().record(world_.now(),
                          FrameDrop{kNoId, kNoId, id_, why, frame->trace_frame, frame->packet_id, frame->flow});
  }
  ++world_.frames_dropped;
}

}  // namespace lvs
