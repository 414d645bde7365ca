// Connection table: ip_vs_conn.c (ip_vs_conn_hashkey, ip_vs_conn_new, ip_vs_bind_dest,
// ip_vs_unbind_dest, ip_vs_check_template, ip_vs_conn_expire, lookups) and the state
// step of ip_vs_proto_tcp.c set_tcp_state() / ip_vs_proto_udp.c.
#include "sim/ipvs/conn.hpp"

#include <algorithm>

#include "sim/ipvs/hash.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs {

ConnTable::ConnTable(const ProtoTimeouts* timeouts, unsigned tab_bits)
    : timeouts_(timeouts), buckets_(std::size_t{1} << tab_bits, nullptr), mask_((1u << tab_bits) - 1) {}

// ip_vs_conn_hashkey(): jhash_3words(addr, port, proto, rnd) on the raw network-order
// values, rnd and the netns pointer taken as 0.
std::uint32_t ConnTable::hashkey(std::uint8_t ipproto, Ipv4Addr addr, std::uint16_t port) const {
  return khash::jhash_3words(khash::raw_be32(addr.value), khash::raw_be16(port), ipproto, 0) & mask_;
}

namespace {
// The exact key of an entry's peer list: 8 + 32 + 16 bits.
std::uint64_t peer_key(std::uint8_t ipproto, Ipv4Addr caddr, std::uint16_t cport) {
  return (std::uint64_t{ipproto} << 48) | (std::uint64_t{caddr.value} << 16) | cport;
}
}  // namespace

Conn* ConnTable::first_peer(std::uint8_t ipproto, Ipv4Addr caddr, std::uint16_t cport) const {
  Conn* const* head = peers_.find(peer_key(ipproto, caddr, cport));
  return head != nullptr ? *head : nullptr;
}

void ConnTable::hash(Conn& cp) {
  cp.bucket = hashkey(cp.ipproto, cp.caddr, cp.cport);
  cp.next = buckets_[cp.bucket];  // hlist_add_head_rcu()
  if (cp.next != nullptr) cp.next->pprev = &cp.next;
  buckets_[cp.bucket] = &cp;
  cp.pprev = &buckets_[cp.bucket];
  Conn*& first = peers_[peer_key(cp.ipproto, cp.caddr, cp.cport)];  // the same place in its peer list
  cp.peer_next = first;
  cp.peer_prev = nullptr;
  if (first != nullptr) first->peer_prev = &cp;
  first = &cp;
  cp.hashed = true;
}

void ConnTable::unhash(Conn& cp) {
  if (!cp.hashed) return;
  *cp.pprev = cp.next;  // hlist_del_rcu()
  if (cp.next != nullptr) cp.next->pprev = cp.pprev;
  cp.next = nullptr;
  cp.pprev = nullptr;
  if (cp.peer_next != nullptr) cp.peer_next->peer_prev = cp.peer_prev;
  if (cp.peer_prev != nullptr) {
    cp.peer_prev->peer_next = cp.peer_next;
  } else {
    const std::uint64_t key = peer_key(cp.ipproto, cp.caddr, cp.cport);
    if (cp.peer_next != nullptr) *peers_.find(key) = cp.peer_next;
    else peers_.erase(key);
  }
  cp.peer_next = nullptr;
  cp.peer_prev = nullptr;
  cp.hashed = false;
}

// ip_vs_bind_dest(): the connection inherits the dest's flags (INACTIVE, NOOUTPUT for
// non-NAT methods); counters; the upper threshold sets OVERLOAD.
void ConnTable::bind_dest(Conn& cp, Dest* dest) {
  cp.dest = dest;
  if (dest == nullptr) return;
  ++dest->refcnt;
  dest->idle_start = 0;
  cp.method = dest->method;
  cp.no_output = dest->method != FwdMethod::kMasq;
  cp.inactive = true;
  if (!cp.is_template) ++dest->inactconns;
  else ++dest->persistconns;
  if (dest->u_threshold != 0 && dest->total_conns() >= dest->u_threshold) dest->overload = true;
}

// ip_vs_unbind_dest(): counters down; OVERLOAD cleared below the lower threshold, or
// below 3/4 of the upper one when no lower threshold is set, or at once without any.
void ConnTable::unbind_dest(Conn& cp) {
  Dest* dest = cp.dest;
  if (dest == nullptr) return;
  if (!cp.is_template) {
    if (cp.inactive) --dest->inactconns;
    else --dest->activeconns;
  } else {
    --dest->persistconns;
  }
  if (dest->l_threshold != 0) {
    if (dest->total_conns() < dest->l_threshold) dest->overload = false;
  } else if (dest->u_threshold != 0) {
    if (dest->total_conns() * 4 < std::int64_t{dest->u_threshold} * 3) dest->overload = false;
  } else {
    dest->overload = false;
  }
  --dest->refcnt;
  cp.dest = nullptr;
}

Conn* ConnTable::create(const ConnParam& p, Ipv4Addr daddr, std::uint16_t dport, bool is_template, bool one_packet,
                        Dest* dest, std::uint32_t fwmark, SimTime now) {
  Conn* cp;
  if (!free_.empty()) {
    cp = free_.back();
    free_.pop_back();
  } else {
    cp = &pool_.emplace_back();
  }
  *cp = Conn{};
  cp->in_use = true;
  cp->seq = ++seq_;
  cp->ipproto = p.ipproto;
  cp->caddr = p.caddr;
  cp->cport = p.cport;
  cp->vaddr = p.vaddr;
  cp->vport = p.vport;
  cp->daddr = daddr;
  cp->dport = dport;
  cp->fwmark = fwmark;
  cp->is_template = is_template;
  cp->one_packet = one_packet;
  ++count_;
  bind_dest(*cp, dest);
  cp->state = 0;
  cp->timeout = seconds(3);
  cp->expires = now + cp->timeout;
  arm(*cp);
  if (!one_packet) hash(*cp);  // ip_vs_conn_hash() skips one-packet entries
  return cp;
}

// The lookups walk the peer list of the client's (ipproto, caddr, cport): the entries of
// the bucket chain that can match, in chain order (see the header).
Conn* ConnTable::in_get(const ConnParam& p) const {
  for (Conn* c = first_peer(p.ipproto, p.caddr, p.cport); c != nullptr; c = c->peer_next) {
    ++lookup_steps_;
    if (c->vport == p.vport && c->vaddr == p.vaddr) return c;
  }
  return nullptr;
}

Conn* ConnTable::ct_in_get(const ConnParam& p) const {
  for (Conn* c = first_peer(p.ipproto, p.caddr, p.cport); c != nullptr; c = c->peer_next) {
    ++lookup_steps_;
    if (c->is_template && c->vaddr == p.vaddr && c->vport == p.vport) return c;
  }
  return nullptr;
}

// The kernel hashes by client address/port, so the reply (whose destination is the
// client) hashes to the same bucket (ip_vs_conn_hashkey_param(p, inverse=true)).
Conn* ConnTable::out_get(std::uint8_t ipproto, Ipv4Addr rs, std::uint16_t rport, Ipv4Addr client,
                         std::uint16_t cport) const {
  for (Conn* c = first_peer(ipproto, client, cport); c != nullptr; c = c->peer_next) {
    ++lookup_steps_;
    if (c->dport == rport && c->daddr == rs) return c;
  }
  return nullptr;
}

void ConnTable::transition(Conn& cp, Direction dir, TcpFlags flags) {
  if (cp.ipproto == kIpProtoUdp) {  // udp_state_transition(): always the UDP timeout
    cp.timeout = timeouts_->udp;
    if (dir == Direction::kOutput) assure_control(cp);
    return;
  }
  if (cp.ipproto != kIpProtoTcp) return;
  // "Update state offset to INPUT_ONLY if necessary or delete NO_OUTPUT flag if output
  // packet detected".
  if (cp.no_output) {
    if (dir == Direction::kOutput) cp.no_output = false;
    else dir = Direction::kInputOnly;
  }
  const auto old_state = static_cast<TcpState>(cp.state);
  const TcpState new_state = tcp_next_state(old_state, dir, flags);
  if (new_state != old_state && cp.dest != nullptr) {
    Dest& d = *cp.dest;
    if (!cp.inactive && !tcp_state_active(new_state)) {
      --d.activeconns;
      ++d.inactconns;
      cp.inactive = true;
    } else if (cp.inactive && tcp_state_active(new_state)) {
      ++d.activeconns;
      --d.inactconns;
      cp.inactive = false;
    }
  }
  if (new_state != old_state && new_state == kTcpEstablished) assure_control(cp);
  cp.state = new_state;
  cp.timeout = timeouts_->tcp[new_state];
}

// ip_vs_control_assure_ct(): the controlling template becomes ASSURED.
void ConnTable::assure_control(Conn& cp) {
  if (cp.control != nullptr && cp.control->is_template) cp.control->state |= kCtplAssured;
}

void ConnTable::put(Conn& cp, SimTime now) {
  cp.expires = now + (cp.one_packet ? 0 : cp.timeout);
  arm(cp);
}

void ConnTable::expire_now(Conn& cp, SimTime now) {
  if (cp.expires > now) cp.expires = now;
  arm(cp);
}

void ConnTable::control_add(Conn& cp, Conn& ct) {
  cp.control = &ct;
  ++ct.n_control;
}

bool ConnTable::check_template(Conn& ct, bool expire_quiescent) {
  Dest* d = ct.dest;
  if (d != nullptr && d->available && !(expire_quiescent && d->weight == 0)) return true;
  if (ct.vport != 0xffff) {  // invalidate: never found by ct_in_get() again
    unhash(ct);
    ct.dport = 0xffff;
    ct.vport = 0xffff;
    ct.cport = 0;
    hash(ct);
  }
  return false;  // "don't restart its timer"
}

void ConnTable::free_entry(Conn& cp) {
  unhash(cp);
  if (cp.control != nullptr) {  // ip_vs_control_del()
    --cp.control->n_control;
    cp.control = nullptr;
  }
  unbind_dest(cp);
  cp.in_use = false;
  free_.push_back(&cp);
  --count_;
}

void ConnTable::release(Conn& cp) {
  if (cp.in_use) free_entry(cp);
}

// ip_vs_conn_expire(): "do I control anybody?" -> try again in 60 s; else unlink and
// unbind from the dest.
bool ConnTable::expire_one(Conn& cp) {
  if (cp.n_control > 0) {
    cp.timeout = seconds(60);
    cp.expires += cp.timeout;
    return false;
  }
  free_entry(cp);
  return true;
}

void ConnTable::flush(SimTime now) {
  expiring_ = true;  // the observer's trace must not run the timers meanwhile
  // Templates control connections, never other templates: two rounds free everything.
  for (int round = 0; round < 2; ++round)
    for (Conn& c : pool_) {
      if (!c.in_use || c.n_control > 0) continue;  // its controlled entries go first
      const Dest* dest = c.dest;
      c.expires = now;
      free_entry(c);
      if (observer_ != nullptr) observer_->conn_timer_fired(c, now, true, dest);
    }
  timers_.clear();  // every slot is stale now
  expiring_ = false;
}

namespace {
// Min-heap order of timer slots: earlier time first, then the older entry.
struct SlotLater {
  template <class S>
  bool operator()(const S& a, const S& b) const {
    return a.at != b.at ? a.at > b.at : a.seq > b.seq;
  }
};
}  // namespace

void ConnTable::arm(Conn& cp) {
  if (cp.expires >= cp.queued) return;  // a slot at or before it is already waiting
  cp.queued = cp.expires;
  timers_.push_back(TimerSlot{cp.expires, cp.seq, &cp});
  std::push_heap(timers_.begin(), timers_.end(), SlotLater{});
}

// Timers fire in time order (ties: older entry first). A slot is stale when its entry
// was freed (and maybe reused: seq differs) or a later-queued earlier slot replaced it;
// a live slot whose entry's time has moved on is queued again at that time, so every
// entry fires in (expires, seq) order. A re-armed template goes back in the same way.
void ConnTable::expire(SimTime now) {
  if (expiring_) return;
  expiring_ = true;
  while (!timers_.empty() && timers_.front().at <= now) {
    std::pop_heap(timers_.begin(), timers_.end(), SlotLater{});
    const TimerSlot slot = timers_.back();
    timers_.pop_back();
    ++slots_examined_;
    Conn& c = *slot.conn;
    if (!c.in_use || c.seq != slot.seq || c.queued != slot.at) continue;  // stale
    c.queued = kTimeNever;
    if (c.expires <= slot.at) {
      const Dest* dest = c.dest;
      const bool freed = expire_one(c);
      if (observer_ != nullptr) observer_->conn_timer_fired(c, slot.at, freed, dest);
      if (freed) continue;
    }
    arm(c);  // moved later, or a template re-armed for 60 s
  }
  expiring_ = false;
}

}  // namespace lvs::ipvs
