#pragma once
// The pending-event set of the simulator.
//
// Contract:
//  * push() assigns the sequence number, so events with equal times pop in push order.
//  * Time is monotone: an event may not be pushed earlier than the last popped event
//    (the simulator never schedules into the past).
//  * No heap allocation in the steady state: storage grows to the peak number of pending
//    events and is then reused.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/core/event.hpp"

namespace lvs {

class EventQueue {
 public:
  EventQueue();

  // Inserts an event; returns the sequence number given to it.
  std::uint64_t push(SimTime time, EventHandler* target, std::uint32_t kind, std::uint32_t a = 0, std::uint64_t b = 0);

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }

  // Time of the earliest pending event. Precondition: !empty().
  SimTime next_time();

  // Removes and returns the earliest pending event. Precondition: !empty().
  Event pop();

  // Forgets every pending event (keeps storage).
  void clear();

 private:
  // Radix heap keyed on time only, with FIFO buckets. Times are monotone (see contract),
  // so an event lives in the bucket of the highest bit in which its time differs from the
  // last popped time (bucket 0: equal times). Popping only ever redistributes the lowest
  // non-empty bucket downwards, into buckets that are empty at that moment; as pushes
  // append with increasing seq, every bucket stays in seq order, which gives FIFO among
  // equal times without comparing sequence numbers. Each bucket keeps its capacity, so
  // after warm-up push/pop allocate nothing (storage is the sum of per-bucket peaks).
  static constexpr int kBuckets = 65;
  static int bucket_of(std::uint64_t time, std::uint64_t last);
  void insert(const Event& event);
  void refill_bucket0();

  std::vector<Event> buckets_[kBuckets];
  std::uint64_t bucket_min_[kBuckets] = {};  // earliest time in each non-empty bucket
  std::uint64_t nonempty_ = 0;               // bit k-1 set: bucket k (k >= 1) not empty
  std::size_t head0_ = 0;                    // next event to pop in bucket 0
  std::uint64_t last_ = 0;                   // time of the last popped event
  std::size_t size_ = 0;
  std::uint64_t next_seq_ = 0;
};

}  // namespace lvs
