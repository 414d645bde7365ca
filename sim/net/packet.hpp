#pragma once
// Packet buffers: fixed-size slots recycled through a pool, so that the steady state
// allocates nothing. A slot holds one frame's real bytes with headroom in front, so an
// Ethernet header or an IPIP outer header can be prepended without copying.
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>
#include <vector>

#include "sim/wire/bytes.hpp"

namespace lvs {

struct PacketBuf {
  static constexpr std::uint16_t kCapacity = 2048;
  static constexpr std::uint16_t kHeadroom = 160;

  std::uint16_t head = kHeadroom;  // offset of the first valid byte
  std::uint16_t len = 0;           // number of valid bytes
  std::uint32_t packet_id = 0;     // trace identity of the IP packet
  std::uint32_t flow = 0;          // request tag (0 = none)
  std::uint32_t trace_frame = 0;   // index of the bytes in the trace (when tracing)
  std::uint8_t data[kCapacity];

  std::uint8_t* begin() { return data + head; }
  const std::uint8_t* begin() const { return data + head; }
  wire::MutBytes bytes() { return {data + head, len}; }
  wire::Bytes bytes() const { return {data + head, len}; }

  void reset() {
    head = kHeadroom;
    len = 0;
    packet_id = 0;
    flow = 0;
    trace_frame = 0;
  }
  // Makes room for n more bytes in front; returns a pointer to them.
  std::uint8_t* push_front(std::uint16_t n) {
    head = static_cast<std::uint16_t>(head - n);
    len = static_cast<std::uint16_t>(len + n);
    return data + head;
  }
  // Drops n bytes from the front (e.g. the Ethernet header on input).
  void pull_front(std::uint16_t n) {
    head = static_cast<std::uint16_t>(head + n);
    len = static_cast<std::uint16_t>(len - n);
  }
  // Appends n bytes at the end; returns a pointer to them.
  std::uint8_t* push_back(std::uint16_t n) {
    std::uint8_t* p = data + head + len;
    len = static_cast<std::uint16_t>(len + n);
    return p;
  }
  void trim(std::uint16_t new_len) { len = new_len; }
  std::uint16_t headroom() const { return head; }
};

class PacketPool;

// Owning handle to a pool slot (move-only). An event carries the raw slot index; the
// handler adopts it again with PacketPool::adopt().
class Packet {
 public:
  Packet() = default;
  Packet(PacketPool* pool, std::uint32_t slot) : pool_(pool), slot_(slot) {}
  Packet(Packet&& o) noexcept : pool_(o.pool_), slot_(o.slot_) { o.pool_ = nullptr; }
  Packet& operator=(Packet&& o) noexcept;
  Packet(const Packet&) = delete;
  Packet& operator=(const Packet&) = delete;
  ~Packet() { reset(); }

  explicit operator bool() const { return pool_ != nullptr; }
  PacketBuf& buf() const;
  PacketBuf* operator->() const { return &buf(); }
  PacketBuf& operator*() const { return buf(); }
  std::uint32_t slot() const { return slot_; }

  // Gives up ownership; the caller must later adopt() the slot again.
  std::uint32_t release() {
    pool_ = nullptr;
    return slot_;
  }
  void reset();
  // A new slot with the same bytes and tags.
  Packet clone() const;

 private:
  PacketPool* pool_ = nullptr;
  std::uint32_t slot_ = 0;
};

class PacketPool {
 public:
  PacketPool() = default;
  PacketPool(const PacketPool&) = delete;
  PacketPool& operator=(const PacketPool&) = delete;

  Packet allocate() {
    if (free_.empty()) grow();
    const std::uint32_t slot = free_.back();
    free_.pop_back();
    ++in_use_;
    PacketBuf& b = at(slot);
    b.reset();
    return Packet(this, slot);
  }
  Packet adopt(std::uint32_t slot) { return Packet(this, slot); }
  void free(std::uint32_t slot) {
    free_.push_back(slot);
    --in_use_;
  }
  PacketBuf& at(std::uint32_t slot) { return chunks_[slot / kChunk][slot % kChunk]; }

  std::size_t in_use() const { return in_use_; }
  std::size_t capacity() const { return chunks_.size() * kChunk; }

 private:
  static constexpr std::uint32_t kChunk = 256;
  void grow() {
    const auto base = static_cast<std::uint32_t>(chunks_.size() * kChunk);
    chunks_.push_back(std::make_unique<PacketBuf[]>(kChunk));
    for (std::uint32_t i = kChunk; i-- > 0;) free_.push_back(base + i);
  }
  std::vector<std::unique_ptr<PacketBuf[]>> chunks_;
  std::vector<std::uint32_t> free_;
  std::size_t in_use_ = 0;
};

inline PacketBuf& Packet::buf() const { return pool_->at(slot_); }
inline void Packet::reset() {
  if (pool_) pool_->free(slot_);
  pool_ = nullptr;
}
inline Packet& Packet::operator=(Packet&& o) noexcept {
  if (this != &o) {
    reset();
    pool_ = o.pool_;
    slot_ = o.slot_;
    o.pool_ = nullptr;
  }
  return *this;
}
inline Packet Packet::clone() const {
  Packet copy = pool_->allocate();
  PacketBuf& dst = copy.buf();
  const PacketBuf& src = buf();
  dst.head = src.head;
  dst.len = src.len;
  dst.packet_id = src.packet_id;
  dst.flow = src.flow;
  dst.trace_frame = src.trace_frame;
  std::memcpy(dst.data + dst.head, src.data + src.head, src.len);
  return copy;
}

}  // namespace lvs
