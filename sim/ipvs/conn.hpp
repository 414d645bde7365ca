#pragma once
// The director's connection table (net/netfilter/ipvs/ip_vs_conn.c, Linux 6.1): entries
// keyed by (protocol, client addr:port, virtual addr:port), hashed with jhash_3words on
// the client side into 2^12 buckets (newest first in a bucket, /proc/net/ip_vs_conn
// lists bucket by bucket), each bound to a destination, with a protocol state and a
// timeout. Persistence templates (IP_VS_CONN_F_TEMPLATE) live in the same table.
//
// Expiry: no per-connection timer event. Every entry stores its absolute expiry time
// (the kernel's timer.expires = last packet + timeout of the state then); expire(now)
// runs the expirations that are due, in time order, ties by creation order
// (ip_vs_conn_expire(): a template that still controls connections is re-armed for
// 60 s). The times wait in a min-heap with at most one live slot per entry, queued at
// the earliest time the entry may fire: a packet that pushes the time later costs
// nothing (the slot, when it comes up, is queued again at the entry's real time), one
// that brings it earlier adds a slot. So expire() costs O(log n) per due or moved entry,
// never a walk over the table; lookups never return an entry whose time has passed
// because the owner calls expire(now) before each lookup (see IpvsTables).
//
// Lookup: the kernel's buckets are kept (they decide the /proc/net/ip_vs_conn order, and
// -Ln shows size=4096), but a lookup does not walk a bucket's chain (~30 entries at 1000
// new connections per second). Every entry is also on the list of the entries with its
// exact (protocol, client address, client port), found through a flat hash index. All
// three lookups match on that triple and take the first match in chain order; an entry
// is added to the head of both lists and removed from both, so each such list is its
// bucket chain filtered to the triple and the first match is the same entry.
//
// Memory: entries live in a deque (stable addresses) recycled through a free list, so
// the steady state allocates nothing; the table only grows with the peak entry count.
// The kernel's random hash seed (ip_vs_conn_rnd) and netns pointer are taken as 0 so
// listings are deterministic.
#include <cstdint>
#include <deque>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/core/u64_table.hpp"
#include "sim/ipvs/dest.hpp"
#include "sim/ipvs/proto.hpp"

namespace lvs::ipvs {

// ip_vs_conn_param: what identifies an entry.
struct ConnParam {
  std::uint8_t ipproto = kIpProtoTcp;
  Ipv4Addr caddr;
  std::uint16_t cport = 0;
  Ipv4Addr vaddr;
  std::uint16_t vport = 0;
};

struct Conn {
  std::uint8_t ipproto = kIpProtoTcp;
  Ipv4Addr caddr, vaddr, daddr;
  std::uint16_t cport = 0, vport = 0, dport = 0;
  std::uint32_t fwmark = 0;
  Dest* dest = nullptr;
  FwdMethod method = FwdMethod::kRoute;  // bound from the dest (ip_vs_bind_xmit())

  bool is_template = false;  // IP_VS_CONN_F_TEMPLATE
  bool inactive = true;      // IP_VS_CONN_F_INACTIVE (counted in dest->inactconns)
  bool no_output = false;    // IP_VS_CONN_F_NOOUTPUT (DR/TUN/local: input-only table)
  bool one_packet = false;   // IP_VS_CONN_F_ONE_PACKET (-o: never hashed)

  std::uint8_t state = 0;
  SimTime timeout = seconds(3);  // ip_vs_conn_new(): 3 s until the first state change
  SimTime expires = 0;           // absolute time the entry's timer fires
  SimTime queued = kTimeNever;   // earliest time it waits for in the timer heap

  Conn* control = nullptr;     // the template that controls this connection
  std::int32_t n_control = 0;  // connections this template controls
  std::uint64_t in_pkts = 0;

  // Table bookkeeping.
  Conn* next = nullptr;       // hash chain
  Conn** pprev = nullptr;     // the link that points here (hlist_node.pprev: O(1) unhash)
  Conn* peer_next = nullptr;  // the entries with the same (ipproto, caddr, cport),
  Conn* peer_prev = nullptr;  // newest hashed first (nullptr: the first of them)
  std::uint32_t bucket = 0;
  std::uint64_t seq = 0;  // creation order (timer tie-break)
  bool hashed = false;
  bool in_use = false;
};

// Told of each timer that fires (the director traces them): the entry was freed (`cp`
// keeps its last values in the free list; `dest` is the destination it was bound to,
// its counters already lowered) or, a template that still controls connections,
// re-armed (cp.expires).
class ConnTimerObserver {
 public:
  virtual void conn_timer_fired(const Conn& cp, SimTime at, bool freed, const Dest* dest) = 0;

 protected:
  ~ConnTimerObserver() = default;
};

class ConnTable {
 public:
  explicit ConnTable(const ProtoTimeouts* timeouts, unsigned tab_bits = 12);

  std::uint32_t tab_size() const { return static_cast<std::uint32_t>(buckets_.size()); }
  std::size_t size() const { return count_; }

  // ip_vs_conn_new() + ip_vs_bind_dest(): state 0, timeout 3 s, hashed (unless
  // one-packet), dest counters updated (new connections start INACTIVE).
  Conn* create(const ConnParam& p, Ipv4Addr daddr, std::uint16_t dport, bool is_template, bool one_packet, Dest* dest,
               std::uint32_t fwmark, SimTime now);

  // ip_vs_conn_in_get(): a client->virtual packet's entry (templates never match: their
  // client port is 0).
  Conn* in_get(const ConnParam& p) const;
  // ip_vs_ct_in_get(): a persistence template.
  Conn* ct_in_get(const ConnParam& p) const;
  // ip_vs_conn_out_get(): a real server's reply rs:rport -> client:cport.
  Conn* out_get(std::uint8_t ipproto, Ipv4Addr rs, std::uint16_t rport, Ipv4Addr client, std::uint16_t cport) const;

  // ip_vs_set_state() for TCP (set_tcp_state()) and UDP (udp_state_transition()),
  // including the activeconns/inactconns moves on the dest.
  void transition(Conn& cp, Direction dir, TcpFlags flags);
  // ip_vs_conn_put(): restart the timer: expires = now + timeout.
  void put(Conn& cp, SimTime now);
  // ip_vs_conn_expire_now(): make it due now (processed by the next expire()).
  void expire_now(Conn& cp, SimTime now);
  // ip_vs_control_add(): `cp` is controlled by template `ct`.
  void control_add(Conn& cp, Conn& ct);
  // ip_vs_check_template(): false (and the template invalidated: ports 0xffff, client
  // port 0, so it is never found again) when its dest is no longer available.
  bool check_template(Conn& ct, bool expire_quiescent);
  // Free a one-packet connection right after its packet (ip_vs_conn_put()).
  void release(Conn& cp);

  // ip_vs_conn_flush() (the module's table goes: ip_vs unloaded, the host rebooted):
  // every entry is freed at `now`, the entries a template controls before it, each
  // reported to the observer as an expiry that freed it.
  void flush(SimTime now);

  // Run all expirations due at or before `now`. Not nested: a call made while one runs
  // (from the observer, whose trace records run due timers) does nothing.
  void expire(SimTime now);
  void set_timer_observer(ConnTimerObserver* observer) { observer_ = observer; }
  // Heap slots examined by expire() so far (each due, moved or stale slot once): the
  // cost of expiry, which tests bound.
  std::uint64_t timer_slots_examined() const { return slots_examined_; }
  // Entries the lookups (in_get, ct_in_get, out_get) compared so far: the cost of
  // lookup, which tests bound.
  std::uint64_t lookup_entries_examined() const { return lookup_steps_; }

  // Entries in /proc/net/ip_vs_conn order.
  template <class F>
  void for_each(F&& f) const {
    for (const Conn* head : buckets_)
      for (const Conn* c = head; c != nullptr; c = c->next) f(*c);
  }

  std::uint32_t hashkey(std::uint8_t ipproto, Ipv4Addr addr, std::uint16_t port) const;
  // The most recently hashed entry of (ipproto, caddr, cport), or nullptr; the others
  // follow through peer_next (for the lookups and the tests).
  Conn* first_peer(std::uint8_t ipproto, Ipv4Addr caddr, std::uint16_t cport) const;

 private:
  void hash(Conn& cp);
  void unhash(Conn& cp);
  void bind_dest(Conn& cp, Dest* dest);
  void unbind_dest(Conn& cp);
  bool expire_one(Conn& cp);  // true when the entry was freed
  void assure_control(Conn& cp);
  void free_entry(Conn& cp);
  void arm(Conn& cp);  // cp.expires was set: queue a heap slot if it is earlier than cp.queued

  const ProtoTimeouts* timeouts_;
  std::vector<Conn*> buckets_;
  std::uint32_t mask_;
  U64Table<Conn*> peers_;  // (ipproto, caddr, cport) -> the first entry of its list
  std::deque<Conn> pool_;
  std::vector<Conn*> free_;
  struct TimerSlot {
    SimTime at;
    std::uint64_t seq;  // the entry's creation number: a recycled entry makes the slot stale
    Conn* conn;
  };
  std::vector<TimerSlot> timers_;  // min-heap by (at, seq)
  std::uint64_t slots_examined_ = 0;
  mutable std::uint64_t lookup_steps_ = 0;
  ConnTimerObserver* observer_ = nullptr;
  bool expiring_ = false;
  std::size_t count_ = 0;
  std::uint64_t seq_ = 0;
};

}  // namespace lvs::ipvs
