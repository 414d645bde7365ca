#pragma once
// The destination-IP table lblc and lblcr share (ip_vs_lblc.c / ip_vs_lblcr.c keep two
// copies of it): 1024 buckets by hash_32(daddr, 10), newest entry first, and the garbage
// collector that a timer runs every 60 s (ip_vs_lblc_check_expire): every 30th run removes
// the entries unused for 24 h (ip_vs_lblc_full_check), the other runs only trim a table
// above 16384 entries of those unused for 6 minutes. The timer runs lazily: advance(now)
// catches up with every tick up to now.
//
// Entry: a struct with `Ipv4Addr addr`, `SimTime lastuse` and `void release()` (drop the
// references it holds on destinations).
#include <array>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/ipvs/hash.hpp"

namespace lvs::ipvs::sched {

template <class Entry>
class LocalityTable {
 public:
  static constexpr unsigned kTabBits = 10;
  static constexpr unsigned kTabSize = 1u << kTabBits;
  static constexpr SimTime kCheckExpireInterval = seconds(60);
  static constexpr SimTime kEntryTimeout = seconds(6 * 60);
  static constexpr SimTime kDefaultExpiration = seconds(24 * 60 * 60);

  // init_service(): empty, with the timer's first tick a minute from now.
  void reset(SimTime now) {
    flush();
    rover_ = 0;
    counter_ = 1;
    next_check_ = now + kCheckExpireInterval;
  }
  void flush() {
    for (auto& b : buckets_) remove_if(b, [](const Entry&) { return true; });
  }
  void advance(SimTime now) {
    while (next_check_ <= now) {
      check_expire(next_check_);
      next_check_ += kCheckExpireInterval;
    }
  }

  std::vector<Entry>& bucket(Ipv4Addr addr) { return buckets_[khash::hash_32(addr.value, kTabBits)]; }
  Entry* get(Ipv4Addr addr) {
    for (Entry& e : bucket(addr))
      if (e.addr == addr) return &e;
    return nullptr;
  }
  // Links a new entry at the head of its bucket (hlist_add_head_rcu).
  Entry& add(Entry entry) {
    auto& b = bucket(entry.addr);
    b.insert(b.begin(), std::move(entry));
    ++entries_;
    return b.front();
  }
  // Unlinks the entry for addr, if any.
  void erase(Ipv4Addr addr) {
    remove_if(bucket(addr), [addr](const Entry& e) { return e.addr == addr; });
  }

 private:
  static constexpr unsigned kTabMask = kTabSize - 1;
  static constexpr int kCountForFullExpiration = 30;
  static constexpr int kMaxSize = static_cast<int>(kTabSize) * 16;

  template <class Pred>
  int remove_if(std::vector<Entry>& b, Pred pred) {
    int removed = 0;
    for (auto it = b.begin(); it != b.end();) {
      if (pred(*it)) {
        it->release();
        it = b.erase(it);
        --entries_;
        ++removed;
      } else {
        ++it;
      }
    }
    return removed;
  }

  void check_expire(SimTime now) {
    if (counter_ % kCountForFullExpiration == 0) {  // the full check
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

  std::array<std::vector<Entry>, kTabSize> buckets_{};
  int entries_ = 0;
  unsigned rover_ = 0;
  int counter_ = 1;
  SimTime next_check_ = kCheckExpireInterval;
};

}  // namespace lvs::ipvs::sched
