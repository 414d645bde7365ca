// Locality-based least-connection with replication: net/netfilter/ipvs/ip_vs_lblcr.c.
// A destination IP maps to a set of dests (newest first). The least-loaded available
// member of the set serves (ip_vs_dest_set_min); if there is none or it is "overloaded"
// (see lblc), wlc picks a dest that joins the set. A set with several members that has
// not changed for lblcr_expiration (24 h) drops its most loaded member
// (ip_vs_dest_set_max). Entries are collected by the same 60-second timer as lblc.
#include <array>
#include <vector>

#include "sim/ipvs/hash.hpp"
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/schedulers/common.hpp"

namespace lvs::ipvs::sched {
namespace {

constexpr unsigned kTabBits = 10;
constexpr unsigned kTabSize = 1u << kTabBits;
constexpr unsigned kTabMask = kTabSize - 1;
constexpr SimTime kCheckExpireInterval = seconds(60);
constexpr SimTime kEntryTimeout = seconds(6 * 60);
constexpr SimTime kDefaultExpiration = seconds(24 * 60 * 60);
constexpr int kCountForFullExpiration = 30;

struct DestSet {
  std::vector<Dest*> members;  // list_add_rcu(): newest first
  SimTime lastmod = 0;

  void insert(Dest* d, bool check, SimTime now) {
    if (check)
      for (Dest* m : members)
        if (m == d) return;
    ++d->refcnt;
    members.insert(members.begin(), d);
    lastmod = now;
  }
  void erase(Dest* d, SimTime now) {
    for (auto it = members.begin(); it != members.end(); ++it) {
      if (*it == d) {
        lastmod = now;
        --d->refcnt;
        members.erase(it);
        return;
      }
    }
  }
  void erase_all() {
    for (Dest* d : members) --d->refcnt;
    members.clear();
  }
  // ip_vs_dest_set_min(): weighted least-connection among available members.
  Dest* min() const {
    Dest* least = nullptr;
    std::int64_t loh = 0;
    for (Dest* d : members) {
      if (d->overload) continue;
      if (least == nullptr) {
        if (d->weight > 0 && d->available) {
          least = d;
          loh = d->conn_overhead();
        }
        continue;
      }
      const std::int64_t doh = d->conn_overhead();
      if (loh * d->weight > doh * least->weight && d->available) {
        least = d;
        loh = doh;
      }
    }
    return least;
  }
  // ip_vs_dest_set_max(): weighted most-connection member with weight > 0.
  Dest* max() const {
    Dest* most = nullptr;
    std::int64_t moh = 0;
    for (Dest* d : members) {
      if (most == nullptr) {
        if (d->weight > 0) {
          most = d;
          moh = d->conn_overhead();
        }
        continue;
      }
      const std::int64_t doh = d->conn_overhead();
      if (moh * d->weight < doh * most->weight && d->weight > 0) {
        most = d;
        moh = doh;
      }
    }
    return most;
  }
};

struct Entry {
  Ipv4Addr addr;
  DestSet set;
  SimTime lastuse = 0;
};

class Lblcr final : public Scheduler {
 public:
  const char* name() const override { return "lblcr"; }
  int init_service(Service&, SimTime now) override {
    flush();
    dead_ = false;
    rover_ = 0;
    counter_ = 1;
    next_check_ = now + kCheckExpireInterval;
    return 0;
  }
  void done_service(Service&) override {
    dead_ = true;
    flush();
  }
  void advance(Service&, SimTime now) override {
    while (next_check_ <= now) {
      check_expire(next_check_);
      next_check_ += kCheckExpireInterval;
    }
  }

  Dest* schedule(Service& svc, const SchedInput& in) override {
    advance(svc, in.now);
    if (Entry* en = get(in.vaddr)) {
      en->lastuse = in.now;
      Dest* d = en->set.min();
      // "More than one destination + enough time passed by, cleanup"
      if (en->set.members.size() > 1 && in.now > en->set.lastmod + kDefaultExpiration) {
        if (Dest* m = en->set.max()) en->set.erase(m, in.now);
      }
      if (d != nullptr && !lblc_overloaded(*d, svc)) return d;
      d = weighted_least_conn(svc);
      if (d == nullptr) return nullptr;
      if (!dead_) en->set.insert(d, /*check=*/true, in.now);
      return d;
    }
    Dest* d = weighted_least_conn(svc);
    if (d == nullptr) return nullptr;
    if (!dead_) {
      auto& bucket = buckets_[hashkey(in.vaddr)];
      bucket.insert(bucket.begin(), Entry{in.vaddr, DestSet{}, in.now});
      bucket.front().set.insert(d, /*check=*/false, in.now);
      ++entries_;
    }
    return d;
  }

 private:
  static unsigned hashkey(Ipv4Addr a) { return khash::hash_32(a.value, kTabBits); }

  Entry* get(Ipv4Addr addr) {
    for (Entry& e : buckets_[hashkey(addr)])
      if (e.addr == addr) return &e;
    return nullptr;
  }
  template <class Pred>
  int remove_if(std::vector<Entry>& bucket, Pred pred) {
    int removed = 0;
    for (auto it = bucket.begin(); it != bucket.end();) {
      if (pred(*it)) {
        it->set.erase_all();
        it = bucket.erase(it);
        --entries_;
        ++removed;
      } else {
        ++it;
      }
    }
    return removed;
  }
  void flush() {
    for (auto& b : buckets_) remove_if(b, [](const Entry&) { return true; });
  }
  void check_expire(SimTime now) {
    if (counter_ % kCountForFullExpiration == 0) {  // ip_vs_lblcr_full_check()
      unsigned j = rover_;
      for (unsigned i = 0; i < kTabSize; ++i) {
        j = (j + 1) & kTabMask;
        remove_if(buckets_[j], [&](const Entry& e) { return e.lastuse + kDefaultExpiration <= now; });
      }
      rover_ = j;
      counter_ = 1;
      return;
    }
    if (entries_ <= kMaxSize) {
      ++counter_;
      return;
    }
    int goal = (entries_ - kMaxSize) * 4 / 3;
    if (goal > kMaxSize / 2) goal = kMaxSize / 2;
    unsigned j = rover_;
    for (unsigned i = 0; i < kTabSize; ++i) {
      j = (j + 1) & kTabMask;
      goal -= remove_if(buckets_[j], [&](const Entry& e) { return now >= e.lastuse + kEntryTimeout; });
      if (goal <= 0) break;
    }
    rover_ = j;
  }

  static constexpr int kMaxSize = static_cast<int>(kTabSize) * 16;
  std::array<std::vector<Entry>, kTabSize> buckets_{};
  int entries_ = 0;
  unsigned rover_ = 0;
  int counter_ = 1;
  bool dead_ = false;
  SimTime next_check_ = kCheckExpireInterval;
};

}  // namespace

std::unique_ptr<Scheduler> make_lblcr() { return std::make_unique<Lblcr>(); }

}  // namespace lvs::ipvs::sched
