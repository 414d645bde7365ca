#pragma once
// A scheduled event: a plain value, no heap memory. The target decides what `kind`,
// `a` and `b` mean (a frame slot, a timer generation, ...).
#include <cstdint>

#include "sim/core/time.hpp"

namespace lvs {

struct Event;

class EventHandler {
 public:
  virtual void on_event(const Event& event) = 0;

 protected:
  ~EventHandler() = default;
};

struct Event {
  SimTime time = 0;
  std::uint64_t seq = 0;  // scheduling order; breaks ties between equal times (FIFO)
  EventHandler* target = nullptr;
  std::uint32_t kind = 0;
  std::uint32_t a = 0;
  std::uint64_t b = 0;
};

// Strict weak order of the queue: earlier time first, then earlier scheduling.
inline bool fires_before(const Event& x, const Event& y) { return x.time != y.time ? x.time < y.time : x.seq < y.seq; }

}  // namespace lvs
