#pragma once
// One direction of an Ethernet link: serialisation at a bandwidth, propagation delay
// and a drop-tail queue. No event per queued frame: the transmitter knows when each
// accepted frame will finish and tells the caller when it arrives at the far end.
// The ring of finish times grows (doubling) as frames actually queue up, to at most
// queue_frames + 1: an idle link with a queue of 100,000 costs nothing, and once a
// link has reached its peak backlog, sending allocates nothing.
#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

#include "sim/core/time.hpp"

namespace lvs {

struct LinkParams {
  std::int64_t bandwidth_bps = 1'000'000'000;  // 0 = infinite (no serialisation delay)
  SimTime delay = 5 * kMicrosecond;            // propagation delay, one way
  std::uint32_t queue_frames = 1000;           // frames that may wait behind the one on the wire
};

// Bytes a frame occupies on the wire: padding to the 60-byte minimum, FCS (4),
// preamble + SFD (8) and the inter-frame gap (12) (IEEE 802.3).
constexpr std::uint32_t ethernet_wire_bytes(std::uint32_t frame_len) {
  return (frame_len < 60 ? 60 : frame_len) + 4 + 8 + 12;
}

class Transmitter {
 public:
  Transmitter() = default;
  explicit Transmitter(const LinkParams& p) { configure(p); }

  void configure(const LinkParams& p) {
    params_ = p;
    finish_.clear();
    head_ = count_ = 0;
  }
  const LinkParams& params() const { return params_; }

  // Accepts a frame of `frame_len` bytes at `now`: returns the time its last bit
  // reaches the far end, or nullopt when the queue is full (drop-tail).
  std::optional<SimTime> send(SimTime now, std::uint32_t frame_len) {
    while (count_ > 0 && finish_[head_] <= now) {  // frames already on their way
      head_ = (head_ + 1) % finish_.size();
      --count_;
    }
    if (count_ == capacity_limit()) return std::nullopt;
    if (count_ == finish_.size()) grow();
    const SimTime start = busy_until_ > now ? busy_until_ : now;
    const SimTime done = time_after(start, serialisation(frame_len));
    busy_until_ = done;
    finish_[(head_ + count_) % finish_.size()] = done;
    ++count_;
    return time_after(done, params_.delay);
  }

  SimTime serialisation(std::uint32_t frame_len) const {
    if (params_.bandwidth_bps <= 0) return 0;
    const auto bits = static_cast<unsigned __int128>(ethernet_wire_bytes(frame_len)) * 8 * kSecond;
    return static_cast<SimTime>((bits + static_cast<unsigned __int128>(params_.bandwidth_bps) - 1) /
                                static_cast<unsigned __int128>(params_.bandwidth_bps));
  }
  std::size_t queued() const { return count_; }
  // Slots of the ring allocated so far (tests check it follows the backlog).
  std::size_t slots_allocated() const { return finish_.capacity(); }

 private:
  // The frame on the wire and the queue behind it.
  std::size_t capacity_limit() const { return std::size_t{params_.queue_frames} + 1; }
  // Doubles the ring (up to the limit), the oldest frame first in the new one.
  void grow() {
    const std::size_t size = std::min(capacity_limit(), std::max<std::size_t>(8, finish_.size() * 2));
    std::vector<SimTime> bigger;
    bigger.reserve(size);
    for (std::size_t i = 0; i < count_; ++i) bigger.push_back(finish_[(head_ + i) % finish_.size()]);
    bigger.resize(size, 0);
    finish_ = std::move(bigger);
    head_ = 0;
  }

  LinkParams params_;
  std::vector<SimTime> finish_;  // ring of finish times of frames not yet fully sent
  std::size_t head_ = 0;
  std::size_t count_ = 0;
  SimTime busy_until_ = 0;
};

}  // namespace lvs
