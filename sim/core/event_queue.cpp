#include "sim/core/event_queue.hpp"

#include <bit>
#include <cassert>
#include <cstddef>

namespace lvs {

EventQueue::EventQueue() = default;

namespace {
constexpr std::size_t kCompactAt = 4096;
}

// Bucket 0 holds times equal to `last`; bucket k >= 1 holds times whose highest bit
// differing from `last` is bit k-1.
int EventQueue::bucket_of(std::uint64_t time, std::uint64_t last) {
  const std::uint64_t diff = time ^ last;
  return diff == 0 ? 0 : 64 - std::countl_zero(diff);
}

void EventQueue::insert(const Event& event) {
  const auto t = static_cast<std::uint64_t>(event.time);
  const int k = bucket_of(t, last_);
  std::vector<Event>& bucket = buckets_[k];
  if (k != 0) {
    const std::uint64_t bit = std::uint64_t{1} << (k - 1);
    if ((nonempty_ & bit) == 0 || t < bucket_min_[k]) bucket_min_[k] = t;
    nonempty_ |= bit;
  }
  bucket.push_back(event);
}

std::uint64_t EventQueue::push(SimTime time, EventHandler* target, std::uint32_t kind, std::uint32_t a,
                               std::uint64_t b) {
  // Contract: never earlier than the last popped event (the simulator checks this).
  assert(time >= 0 && static_cast<std::uint64_t>(time) >= last_);
  const std::uint64_t seq = next_seq_++;
  insert(Event{time, seq, target, kind, a, b});
  ++size_;
  return seq;
}

SimTime EventQueue::next_time() {
  assert(size_ != 0);
  // Does not move `last_`: a caller may still push an event between the last popped
  // time and this one (the simulator does so when a run stops at its time limit).
  if (head0_ < buckets_[0].size()) return static_cast<SimTime>(last_);
  return static_cast<SimTime>(bucket_min_[std::countr_zero(nonempty_) + 1]);
}

// Bucket 0 is empty: the lowest non-empty bucket holds the earliest time. Make that time
// the new `last_` and spread the bucket over the (empty) lower buckets, in order, so that
// each keeps increasing seq order.
void EventQueue::refill_bucket0() {
  buckets_[0].clear();
  head0_ = 0;
  const int k = std::countr_zero(nonempty_) + 1;
  nonempty_ &= nonempty_ - 1;
  last_ = bucket_min_[k];
  std::vector<Event>& from = buckets_[k];
  for (const Event& event : from) insert(event);
  from.clear();
}

Event EventQueue::pop() {
  assert(size_ != 0);
  if (head0_ == buckets_[0].size()) refill_bucket0();
  --size_;
  std::vector<Event>& bucket0 = buckets_[0];
  const Event event = bucket0[head0_++];
  // A chain of zero-delay events can keep bucket 0 from ever draining: drop the popped
  // prefix once it is most of the vector, so storage stays bounded (amortised O(1)).
  if (head0_ >= kCompactAt && head0_ * 2 >= bucket0.size()) {
    bucket0.erase(bucket0.begin(), bucket0.begin() + static_cast<std::ptrdiff_t>(head0_));
    head0_ = 0;
  }
  return event;
}

void EventQueue::clear() {
  for (auto& bucket : buckets_) bucket.clear();
  nonempty_ = 0;
  head0_ = 0;
  last_ = 0;
  size_ = 0;
}

}  // namespace lvs
