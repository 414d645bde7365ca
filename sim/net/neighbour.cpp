#include "sim/net/neighbour.hpp"

#include <algorithm>

namespace lvs {
namespace {

bool is_valid(NeighState s) {  // NUD_VALID
  return s == NeighState::kPermanent || s == NeighState::kNoArp || s == NeighState::kReachable ||
         s == NeighState::kProbe || s == NeighState::kStale || s == NeighState::kDelay;
}
bool is_connected(NeighState s) {  // NUD_CONNECTED
  return s == NeighState::kPermanent || s == NeighState::kNoArp || s == NeighState::kReachable;
}
bool in_timer(NeighState s) {  // NUD_IN_TIMER
  return s == NeighState::kIncomplete || s == NeighState::kReachable || s == NeighState::kDelay ||
         s == NeighState::kProbe;
}

// Memory a queued packet is charged (skb->truesize, approximated by the size of a
// full-frame skb so that the default unres_qlen_bytes holds 100 packets).
constexpr std::int64_t kQueuedTruesize = 2112;

}  // namespace

Neighbours::Neighbours(Simulator& sim, PacketPool& pool, const Sysctls& sysctls, NeighbourIo& io, Rng rng)
    : sim_(sim), pool_(pool), sysctls_(sysctls), io_(io), rng_(rng) {}

void Neighbours::device_added() {
  reachable_time_.push_back(0);
  refresh_reachable_time(static_cast<IfIndex>(reachable_time_.size() - 1));
}

void Neighbours::refresh_reachable_time(IfIndex dev) {
  // neigh_rand_reach_time(): uniform in [base/2, 3*base/2).
  const SimTime base = sysctls_.neigh(dev).base_reachable_time();
  reachable_time_.at(dev) =
      base > 0 ? base / 2 + static_cast<SimTime>(rng_.below(static_cast<std::uint64_t>(base))) : 0;
}

NeighEntry* Neighbours::lookup(IfIndex dev, Ipv4Addr ip) {
  const std::uint32_t* index = by_key_.find(key(dev, ip));
  return index == nullptr ? nullptr : &entries_[*index];
}

const NeighEntry* Neighbours::lookup(IfIndex dev, Ipv4Addr ip) const {
  const std::uint32_t* index = by_key_.find(key(dev, ip));
  return index == nullptr ? nullptr : &entries_[*index];
}

NeighEntry& Neighbours::lookup_or_create(IfIndex dev, Ipv4Addr ip) {
  if (NeighEntry* e = lookup(dev, ip)) return *e;
  const auto index = static_cast<std::uint32_t>(entries_.size());
  NeighEntry& e = entries_.emplace_back();
  e.index = index;
  e.dev = dev;
  e.ip = ip;
  e.updated = e.confirmed = e.used = sim_.now();
  e.timer.bind(this, kTimerEvent, index);
  by_key_[key(dev, ip)] = index;
  return e;
}

void Neighbours::set_state(NeighEntry& e, NeighState s, const MacAddr& old_mac) {
  const NeighState from = e.state;
  e.state = s;
  if (from != s || old_mac != e.mac) io_.neigh_changed(e, from, old_mac);
}

void Neighbours::arm(NeighEntry& e, SimTime at) {
  // neigh_timer_handler never re-arms sooner than HZ/100 (10 ms) ahead.
  e.timer.arm(sim_, at);
}

// neigh_max_probes(): an int sum of values each up to INT_MAX. The kernel (built with
// -fno-strict-overflow) lets it wrap, so very large settings give a negative maximum
// and the entry fails at once; the same sum, wrapped the same way, without UB here.
int Neighbours::max_probes(const NeighEntry& e) const {
  const NeighParms& p = sysctls_.neigh(e.dev);
  const std::int64_t sum = std::int64_t{p.ucast_solicit()} + p.app_solicit() +
                           (e.state == NeighState::kProbe ? p.mcast_resolicit() : p.mcast_solicit());
  return static_cast<std::int32_t>(static_cast<std::uint32_t>(sum));
}

void Neighbours::probe(NeighEntry& e) {
  // arp_solicit(): the first ucast_solicit probes of an entry with a known address are
  // unicast (PROBE starts at 0); INCOMPLETE starts at ucast_solicit, so it broadcasts.
  const NeighParms& p = sysctls_.neigh(e.dev);
  // The kernel tests probes - ucast_solicit < 0 in ints (wrapping, see below).
  const bool unicast = static_cast<int>(static_cast<unsigned>(e.probes) - static_cast<unsigned>(p.ucast_solicit())) < 0;
  Ipv4Addr hint;
  if (!e.queue.empty()) {
    const PacketBuf& newest = pool_.at(e.queue.back());
    hint = wire::get_ip(newest.begin() + 12);  // IPv4 source address
  }
  // neigh->probes is an atomic_t, which wraps: INCOMPLETE starts it at ucast_solicit,
  // up to INT_MAX.
  e.probes = static_cast<int>(static_cast<unsigned>(e.probes) + 1u);
  io_.neigh_solicit(e, hint, unicast);
}

void Neighbours::output(IfIndex dev, Ipv4Addr next_hop, Packet packet) {
  NeighEntry& e = lookup_or_create(dev, next_hop);
  if (is_connected(e.state)) return io_.neigh_transmit(dev, std::move(packet), e.mac);
  // neigh_resolve_output -> neigh_event_send: only the slow path marks the entry used.
  e.used = sim_.now();
  switch (e.state) {
    case NeighState::kDelay:
    case NeighState::kProbe: return io_.neigh_transmit(dev, std::move(packet), e.mac);
    case NeighState::kStale: {
      e.updated = sim_.now();
      const MacAddr mac = e.mac;
      set_state(e, NeighState::kDelay, mac);
      arm(e, sim_.now() + sysctls_.neigh(dev).delay_first_probe_time());
      return io_.neigh_transmit(dev, std::move(packet), mac);
    }
    case NeighState::kNone:
    case NeighState::kFailed: {
      const NeighParms& p = sysctls_.neigh(dev);
      if (std::int64_t{p.mcast_solicit()} + p.app_solicit() == 0) {
        e.updated = sim_.now();
        set_state(e, NeighState::kFailed, e.mac);
        return io_.neigh_drop(dev, std::move(packet), DropReason::kNeighbourFailed);
      }
      e.probes = p.ucast_solicit();
      e.updated = sim_.now();
      set_state(e, NeighState::kIncomplete, e.mac);
      arm(e, sim_.now() + std::max(p.retrans_time(), 10 * kMillisecond));
      e.queue.push_back(packet.release());
      e.queue_bytes += kQueuedTruesize;
      probe(e);  // immediate_probe
      return;
    }
    case NeighState::kIncomplete: {
      const std::int64_t limit = sysctls_.neigh(dev).unres_qlen_bytes();
      while (!e.queue.empty() && e.queue_bytes + kQueuedTruesize > limit) {
        io_.neigh_drop(dev, pool_.adopt(e.queue.front()), DropReason::kNeighbourQueueFull);
        e.queue.erase(e.queue.begin());
        e.queue_bytes -= kQueuedTruesize;
      }
      if (e.queue_bytes + kQueuedTruesize > limit)
        return io_.neigh_drop(dev, std::move(packet), DropReason::kNeighbourQueueFull);
      e.queue.push_back(packet.release());
      e.queue_bytes += kQueuedTruesize;
      return;
    }
    default: return io_.neigh_transmit(dev, std::move(packet), e.mac);
  }
}

void Neighbours::update(NeighEntry& e, const MacAddr& mac, NeighState new_state, bool override) {
  const NeighState old = e.state;
  const MacAddr old_mac = e.mac;
  if (old == NeighState::kNoArp || old == NeighState::kPermanent) return;  // not ADMIN
  if (!is_valid(new_state)) {
    e.timer.disarm();
    set_state(e, new_state, old_mac);
    if ((old == NeighState::kIncomplete || old == NeighState::kProbe) && new_state == NeighState::kFailed) fail(e);
    return;
  }
  if (is_connected(new_state)) e.confirmed = sim_.now();
  const bool same_mac = is_valid(old) && mac == e.mac;
  if (is_valid(old)) {
    if (!same_mac && !override) return;  // the first answer stays (no WEAK_OVERRIDE for ARP)
    if (same_mac && new_state == NeighState::kStale) new_state = old;
  }
  // The kernel compares lladdr pointers here: an entry that was not valid always
  // takes the new address.
  const bool mac_changes = !same_mac;
  if (new_state != old || mac_changes) e.updated = sim_.now();
  if (mac_changes) {
    e.mac = mac;
    if (!is_connected(new_state)) e.confirmed = sim_.now() - 2 * sysctls_.neigh(e.dev).base_reachable_time();
  }
  if (new_state != old) {
    e.timer.disarm();
    if (new_state == NeighState::kProbe) e.probes = 0;
    if (in_timer(new_state)) arm(e, sim_.now() + (new_state == NeighState::kReachable ? reachable_time_.at(e.dev) : 0));
  }
  set_state(e, new_state, old_mac);
  if (new_state == old) return;
  if (!is_valid(old)) flush_queue(e);
}

void Neighbours::flush_queue(NeighEntry& e) {
  std::vector<std::uint32_t> queued;
  queued.swap(e.queue);
  e.queue_bytes = 0;
  for (const std::uint32_t slot : queued) {
    Packet p = pool_.adopt(slot);
    if (is_valid(e.state)) io_.neigh_transmit(e.dev, std::move(p), e.mac);
  }
}

void Neighbours::fail(NeighEntry& e) {
  // neigh_invalidate(): every queued packet is reported (arp_error_report ->
  // dst_link_failure -> ICMP host unreachable to the sender).
  e.updated = sim_.now();
  std::vector<std::uint32_t> queued;
  queued.swap(e.queue);
  e.queue_bytes = 0;
  for (const std::uint32_t slot : queued) io_.neigh_drop(e.dev, pool_.adopt(slot), DropReason::kNeighbourFailed);
}

void Neighbours::event_ns(IfIndex dev, Ipv4Addr ip, const MacAddr& mac) {
  update(lookup_or_create(dev, ip), mac, NeighState::kStale, true);
}

void Neighbours::confirm(IfIndex dev, Ipv4Addr ip) {
  if (NeighEntry* e = lookup(dev, ip)) e->confirmed = sim_.now();
}

void Neighbours::set_permanent(IfIndex dev, Ipv4Addr ip, const MacAddr& mac) {
  NeighEntry& e = lookup_or_create(dev, ip);
  const MacAddr old_mac = e.mac;
  const bool was_valid = is_valid(e.state);
  e.timer.disarm();
  e.mac = mac;
  e.updated = e.confirmed = sim_.now();
  set_state(e, NeighState::kPermanent, old_mac);
  if (!was_valid) flush_queue(e);
}

// The entry leaves the cache: its timer stops, its queued packets are dropped.
void Neighbours::forget(NeighEntry& e) {
  e.timer.disarm();
  for (const std::uint32_t slot : e.queue) io_.neigh_drop(e.dev, pool_.adopt(slot), DropReason::kNeighbourFailed);
  e.queue.clear();
  e.queue_bytes = 0;
  set_state(e, NeighState::kNone, e.mac);
}

void Neighbours::flush(IfIndex dev) {
  for (auto& e : entries_)
    if (e.dev == dev && e.state != NeighState::kPermanent && e.state != NeighState::kNone) forget(e);
}

void Neighbours::clear() {
  for (auto& e : entries_)
    if (e.state != NeighState::kNone) forget(e);
}

void Neighbours::forget_device(IfIndex dev) {
  for (auto& e : entries_)
    if (e.dev == dev && e.state != NeighState::kNone) forget(e);
}

bool Neighbours::remove(IfIndex dev, Ipv4Addr ip) {
  NeighEntry* e = lookup(dev, ip);
  if (!e || e->state == NeighState::kNone) return false;
  forget(*e);
  return true;
}

void Neighbours::on_event(const Event& ev) {
  NeighEntry& e = entries_.at(ev.a);
  if (!e.timer.should_fire(sim_, ev.b)) return;
  timer_expired(e);
}

void Neighbours::timer_expired(NeighEntry& e) {
  const SimTime now = sim_.now();
  const NeighParms& p = sysctls_.neigh(e.dev);
  const SimTime reachable = reachable_time_.at(e.dev);
  const SimTime retrans = std::max(p.retrans_time(), 10 * kMillisecond);
  SimTime next = now + kSecond;
  const MacAddr mac = e.mac;

  switch (e.state) {
    case NeighState::kReachable:
      if (now <= e.confirmed + reachable) {
        next = e.confirmed + reachable;  // still alive
      } else if (now <= e.used + p.delay_first_probe_time()) {
        e.updated = now;
        set_state(e, NeighState::kDelay, mac);
        next = now + p.delay_first_probe_time();
      } else {
        e.updated = now;
        set_state(e, NeighState::kStale, mac);
      }
      break;
    case NeighState::kDelay:
      if (now <= e.confirmed + p.delay_first_probe_time()) {
        e.updated = now;
        set_state(e, NeighState::kReachable, mac);
        next = e.confirmed + reachable;
      } else {
        e.updated = now;
        e.probes = 0;
        set_state(e, NeighState::kProbe, mac);
        next = now + retrans;
      }
      break;
    case NeighState::kProbe:
    case NeighState::kIncomplete: next = now + retrans; break;
    default: return;  // not a timer state any more
  }

  if ((e.state == NeighState::kIncomplete || e.state == NeighState::kProbe) && e.probes >= max_probes(e)) {
    set_state(e, NeighState::kFailed, mac);
    fail(e);
    return;
  }
  if (in_timer(e.state)) arm(e, std::max(next, now + 10 * kMillisecond));
  if (e.state == NeighState::kIncomplete || e.state == NeighState::kProbe) probe(e);
}

}  // namespace lvs
