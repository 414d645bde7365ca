#pragma once
// A hash table from 64-bit keys to small values for the hot path: open addressing with
// linear probing in one flat array (no allocation per entry; it grows by doubling when
// half full, so a steady population allocates nothing), deletion by backward shift (no
// tombstones, probes stay short however many keys come and go). It has no iteration on
// purpose: its order depends on the hash and must never reach a trace or a listing.
//
// The all-ones key marks an empty slot and may not be used (the users' keys are at most
// 56 bits wide). The table holds at most 2^31 keys (then it refuses to grow: a bound no
// simulated table comes near; the callers bound their own populations first).
#include <cstdint>
#include <stdexcept>
#include <vector>

namespace lvs {

template <class V>
class U64Table {
 public:
  static constexpr std::uint64_t kEmptyKey = ~std::uint64_t{0};
  static constexpr std::size_t kMaxKeys = std::size_t{1} << 31;

  std::size_t size() const { return count_; }

  V* find(std::uint64_t key) {
    if (count_ == 0) return nullptr;
    for (std::size_t i = home(key);; i = (i + 1) & mask_) {
      Slot& s = slots_[i];
      if (s.key == key) return &s.value;
      if (s.key == kEmptyKey) return nullptr;
    }
  }
  const V* find(std::uint64_t key) const { return const_cast<U64Table*>(this)->find(key); }

  // The value for `key`, default-constructed first if the key was absent.
  V& operator[](std::uint64_t key) {
    if (2 * (count_ + 1) > slots_.size()) grow();
    std::size_t i = home(key);
    while (slots_[i].key != key && slots_[i].key != kEmptyKey) i = (i + 1) & mask_;
    if (slots_[i].key == kEmptyKey) {
      slots_[i].key = key;
      slots_[i].value = V{};
      ++count_;
    }
    return slots_[i].value;
  }

  // Removes `key` if present: the later members of its probe run move back into the gap
  // (each to the first free place not before its home), so no lookup crosses a hole.
  void erase(std::uint64_t key) {
    if (count_ == 0) return;
    std::size_t hole = home(key);
    while (slots_[hole].key != key) {
      if (slots_[hole].key == kEmptyKey) return;
      hole = (hole + 1) & mask_;
    }
    for (std::size_t i = (hole + 1) & mask_; slots_[i].key != kEmptyKey; i = (i + 1) & mask_) {
      const std::size_t h = home(slots_[i].key);
      // Movable when its home is not inside (hole, i] (cyclically).
      if (((i - h) & mask_) >= ((i - hole) & mask_)) {
        slots_[hole] = slots_[i];
        hole = i;
      }
    }
    slots_[hole].key = kEmptyKey;
    --count_;
  }

 private:
  struct Slot {
    std::uint64_t key = kEmptyKey;
    V value{};
  };

  // A 64-bit finaliser (MurmurHash3's fmix64): every key bit reaches the low bits used.
  std::size_t home(std::uint64_t key) const {
    key ^= key >> 33;
    key *= 0xff51afd7ed558ccdull;
    key ^= key >> 33;
    key *= 0xc4ceb9fe1a85ec53ull;
    key ^= key >> 33;
    return static_cast<std::size_t>(key) & mask_;
  }

  void grow() {
    const std::size_t capacity = slots_.empty() ? 16 : 2 * slots_.size();
    if (capacity / 2 > kMaxKeys) throw std::length_error("U64Table: more than 2^31 keys");
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    mask_ = capacity - 1;
    for (const Slot& s : old) {
      if (s.key == kEmptyKey) continue;
      std::size_t i = home(s.key);
      while (slots_[i].key != kEmptyKey) i = (i + 1) & mask_;
      slots_[i] = s;
    }
  }

  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  std::size_t count_ = 0;
};

}  // namespace lvs
