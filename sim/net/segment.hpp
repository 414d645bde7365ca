#pragma once
// An Ethernet segment: a learning switch with one port per attached interface. Each
// port has its own link parameters (bandwidth, delay, queue) in both directions.
// Unknown unicast, broadcast and multicast frames are flooded to every other port.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/core/rng.hpp"
#include "sim/core/u64_table.hpp"

#include "sim/core/simulator.hpp"
#include "sim/net/link.hpp"
#include "sim/net/packet.hpp"
#include "sim/trace/trace.hpp"

namespace lvs {

class Host;
struct Interface;
class World;

class Segment final : public EventHandler {
 public:
  static constexpr SimTime kMacAgeing = 300 * kSecond;  // bridge ageing_time default

  Segment(World& world, SegmentId id, std::string name, LinkParams defaults);

  SegmentId id() const { return id_; }
  const std::string& name() const { return name_; }
  const LinkParams& defaults() const { return defaults_; }

  // Plugs an interface of a host into a new port; returns the port number.
  std::uint16_t attach(Host& host, Interface& iface, const LinkParams& link);

  // Called by the host's interface: the frame starts its way to the switch.
  void transmit_from(std::uint16_t port, Packet frame);

  void set_port_up(std::uint16_t port, bool up) { ports_.at(port).up = up; }
  std::size_t port_count() const { return ports_.size(); }
  const Transmitter& port_egress(std::uint16_t port) const { return ports_.at(port).egress; }

  void on_event(const Event& ev) override;

 private:
  enum EventKind : std::uint32_t { kArriveAtSwitch = 1, kArriveAtHost = 2 };
  struct Port {
    Host* host = nullptr;
    Interface* iface = nullptr;
    Transmitter egress;         // switch -> host
    SimTime last_delivery = 0;  // host-side processing keeps per-port FIFO order
    bool up = true;
  };
  struct MacEntry {
    std::uint16_t port;
    SimTime seen;
  };

  void switch_frame(std::uint16_t in_port, Packet frame);
  void learn(const MacAddr& src, std::uint16_t port);
  int lookup(const MacAddr& dst) const;  // port or -1
  void egress(std::uint16_t port, Packet frame);
  void drop(Packet frame, DropReason why);

  World& world_;
  SegmentId id_;
  std::string name_;
  LinkParams defaults_;
  std::vector<Port> ports_;
  // Flooding: the order the copies are handed to their ports (reused, no allocation per
  // frame once grown) and the draws that decide it (the segment's own stream of the run's
  // seed, so that no other draw moves).
  std::vector<std::uint16_t> flood_order_;
  Rng flood_rng_;
  // The forwarding database (br_fdb), by MAC as a 48-bit integer: one probe of a flat
  // table per frame whatever the number of ports, no allocation once every MAC is known.
  // Only looked up, never iterated, so its order cannot reach the trace.
  U64Table<MacEntry> macs_;
};

}  // namespace lvs
