#pragma once
// The neighbour (ARP) cache of one host, modelled on net/core/neighbour.c (Linux 6.1):
//  * output through an entry (__neigh_event_send): NONE/FAILED -> INCOMPLETE with an
//    immediate broadcast probe and the packet queued (unres_qlen_bytes); STALE -> DELAY
//    (delay_first_probe_time); packets through STALE/DELAY/PROBE entries go out at once;
//  * the timer (neigh_timer_handler): REACHABLE expires to DELAY when used recently,
//    else STALE; DELAY becomes REACHABLE if confirmed meanwhile, else PROBE; PROBE and
//    INCOMPLETE resend probes every retrans_time and end FAILED after
//    ucast_solicit + app_solicit + (mcast_solicit | mcast_resolicit) probes; queued
//    packets of a FAILED entry are reported unreachable;
//  * updates (__neigh_update): a different address replaces a valid one only with
//    OVERRIDE; a STALE update with the same address keeps the state; `updated` moves
//    only when something changes (it drives arp's locktime rule);
//  * reachable_time is base_reachable_time * uniform[0.5, 1.5) per device.
// Entries are never garbage-collected (gc_thresh1 = 128 is far above lab sizes).
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "sim/core/simulator.hpp"
#include "sim/core/timer.hpp"
#include "sim/core/u64_table.hpp"
#include "sim/net/packet.hpp"
#include "sim/net/sysctl.hpp"
#include "sim/trace/trace.hpp"

namespace lvs {

struct NeighEntry {
  std::uint32_t index = 0;  // position in the table (stable)
  IfIndex dev = 0;
  Ipv4Addr ip;
  MacAddr mac;
  NeighState state = NeighState::kNone;
  SimTime updated = 0;
  SimTime confirmed = 0;
  SimTime used = 0;
  int probes = 0;
  Timer timer;
  std::vector<std::uint32_t> queue;  // packet slots waiting for resolution (IP packets)
  std::int64_t queue_bytes = 0;
};

// What the cache needs from its host.
class NeighbourIo {
 public:
  // Sends an ARP request for entry.ip on entry.dev. `saddr_hint` is the source of the
  // newest queued packet (0.0.0.0 when none); `unicast` asks for a unicast probe to
  // entry.mac (PROBE state) instead of a broadcast.
  virtual void neigh_solicit(const NeighEntry& entry, Ipv4Addr saddr_hint, bool unicast) = 0;
  // Transmits an IP packet to a resolved neighbour.
  virtual void neigh_transmit(IfIndex dev, Packet packet, const MacAddr& dst) = 0;
  // A queued packet could not be delivered (entry FAILED or queue overflow).
  virtual void neigh_drop(IfIndex dev, Packet packet, DropReason why) = 0;
  virtual void neigh_changed(const NeighEntry& entry, NeighState from, const MacAddr& old_mac) = 0;

 protected:
  ~NeighbourIo() = default;
};

class Neighbours : public EventHandler {
 public:
  Neighbours(Simulator& sim, PacketPool& pool, const Sysctls& sysctls, NeighbourIo& io, Rng rng);

  // Called when the host adds a device, and when base_reachable_time changes.
  void device_added();
  void refresh_reachable_time(IfIndex dev);
  SimTime reachable_time(IfIndex dev) const { return reachable_time_.at(dev); }

  // Sends an IP packet to next_hop on dev, resolving it first if needed.
  void output(IfIndex dev, Ipv4Addr next_hop, Packet packet);

  NeighEntry* lookup(IfIndex dev, Ipv4Addr ip);
  const NeighEntry* lookup(IfIndex dev, Ipv4Addr ip) const;
  NeighEntry& lookup_or_create(IfIndex dev, Ipv4Addr ip);

  // neigh_update(): new state with an address; `override` = NEIGH_UPDATE_F_OVERRIDE.
  void update(NeighEntry& e, const MacAddr& mac, NeighState new_state, bool override);
  // neigh_event_ns(): create if needed, STALE, override (ARP request addressed to us).
  void event_ns(IfIndex dev, Ipv4Addr ip, const MacAddr& mac);
  // Forward progress seen by TCP (dst_confirm_neigh): the neighbour is reachable.
  void confirm(IfIndex dev, Ipv4Addr ip);
  // `ip neigh replace IP lladdr MAC nud permanent`.
  void set_permanent(IfIndex dev, Ipv4Addr ip, const MacAddr& mac);
  // `ip neigh flush dev DEV`.
  void flush(IfIndex dev);
  // A reboot: the cache is memory, every entry goes, permanent ones (`ip neigh add ...
  // nud permanent`) too.
  void clear();
  // Every entry of `dev`, permanent ones too: neigh_changeaddr() (its address or its
  // NOARP flag changed).
  void forget_device(IfIndex dev);
  // `ip neigh del IP dev DEV` (neigh_delete(): the entry goes, whatever its state, its
  // queued packets with it). False: there is no such entry.
  bool remove(IfIndex dev, Ipv4Addr ip);

  const std::deque<NeighEntry>& entries() const { return entries_; }

  void on_event(const Event& ev) override;

 private:
  enum : std::uint32_t { kTimerEvent = 1 };
  void set_state(NeighEntry& e, NeighState s, const MacAddr& old_mac);
  void arm(NeighEntry& e, SimTime at);
  void probe(NeighEntry& e);
  void timer_expired(NeighEntry& e);
  void fail(NeighEntry& e);
  void forget(NeighEntry& e);
  void flush_queue(NeighEntry& e);
  int max_probes(const NeighEntry& e) const;

  Simulator& sim_;
  PacketPool& pool_;
  const Sysctls& sysctls_;
  NeighbourIo& io_;
  Rng rng_;
  static std::uint64_t key(IfIndex dev, Ipv4Addr ip) { return (std::uint64_t{dev} << 32) | ip.value; }
  std::deque<NeighEntry> entries_;  // stable addresses (entries are never removed)
  U64Table<std::uint32_t> by_key_;  // (dev, ip) -> index in entries_ (a flat probe per packet)
  std::vector<SimTime> reachable_time_;
};

}  // namespace lvs
