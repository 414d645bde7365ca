// Locality-based least-connection: net/netfilter/ipvs/ip_vs_lblc.c. A 1024-bucket table
// (hash_32(daddr, 10), newest first) maps a destination IP to the dest chosen for it;
// the cached dest is used while it is available, has weight > 0 and is not
// "overloaded" (more active connections than its weight while another dest is below
// half of its weight), otherwise wlc picks a new one (ip_vs_lblc_schedule). A timer
// every 60 s collects entries (ip_vs_lblc_check_expire): every 30th run removes those
// unused for lblc_expiration (24 h), otherwise only when the table holds more than
// 16384 entries, those unused for 6 minutes. The timer runs lazily from the
// scheduling time (advance()).
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

struct Entry {
  Ipv4Addr addr;
  Dest* dest = nullptr;
  SimTime lastuse = 0;
};

class Lblc final : public Scheduler {
 public:
  const char* name() const override { return "lblc"; }
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
      Dest* d = en->dest;
      if (d->available && d->weight > 0 && !lblc_overloaded(*d, svc)) return d;
    }
    Dest* d = weighted_least_conn(svc);
    if (d == nullptr) return nullptr;
    if (!dead_) insert(in.vaddr, d, in.now);
    return d;
  }

 private:
  static unsigned hashkey(Ipv4Addr a) { return khash::hash_32(a.value, kTabBits); }

  Entry* get(Ipv4Addr addr) {
    for (Entry& e : buckets_[hashkey(addr)])
      if (e.addr == addr) return &e;
    return nullptr;
  }
  // ip_vs_lblc_new(): keep an entry that already points at `dest`, else replace it.
  void insert(Ipv4Addr addr, Dest* dest, SimTime now) {
    auto& bucket = buckets_[hashkey(addr)];
    for (auto it = bucket.begin(); it != bucket.end(); ++it) {
      if (it->addr != addr) continue;
      if (it->dest == dest) return;
      --it->dest->refcnt;
      bucket.erase(it);
      --entries_;
      break;
    }
    ++dest->refcnt;  // ip_vs_dest_hold()
    bucket.insert(bucket.begin(), Entry{addr, dest, now});
    ++entries_;
  }
  template <class Pred>
  int remove_if(std::vector<Entry>& bucket, Pred pred) {
    int removed = 0;
    for (auto it = bucket.begin(); it != bucket.end();) {
      if (pred(*it)) {
        --it->dest->refcnt;
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
    if (counter_ % kCountForFullExpiration == 0) {  // ip_vs_lblc_full_check()
      unsigned j = rover_;
      for (unsigned i = 0; i < kTabSize; ++i) {
        j = (j + 1) & kTabMask;
        remove_if(buckets_[j], [&](const Entry& e) { return now >= e.lastuse + kDefaultExpiration; });
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

std::unique_ptr<Scheduler> make_lblc() { return std::make_unique<Lblc>(); }

}  // namespace lvs::ipvs::sched
