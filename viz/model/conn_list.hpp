#pragma once
// A director's live connection entries as the viewer's state keeps them (their last
// record, ascending seq), stored so that copies share what they have in common: the
// entries are held in chunks of at most kChunkEntries, each chunk shared between copies
// until one of them changes it (copy on write). A checkpoint of the StateIndex is such
// a copy: it costs the chunks changed since the previous checkpoint (a few per 512
// records), not the whole table (12,000 entries are 480 KB), and a seek copies chunk
// pointers, not entries.
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/trace/trace.hpp"

namespace lvs::viz {

class ConnList {
  struct Chunk;
  using Chunks = std::vector<std::shared_ptr<Chunk>>;

 public:
  static constexpr std::size_t kChunkEntries = 64;

  // Adds the entry, or replaces the one with the same seq.
  void put(const IpvsConnUpdate& entry);
  // The entry `seq`, or nullptr.
  const IpvsConnUpdate* find(std::uint32_t seq) const;
  // Sets the timer of entry `seq` (nothing when there is none).
  void set_expires(std::uint32_t seq, SimTime expires);
  // Removes the entry `seq` (nothing when there is none).
  void erase(std::uint32_t seq);

  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  // Chunks and their bytes (what a copy shares with the list it was copied from).
  std::size_t chunk_count() const { return chunks_.size(); }
  const void* chunk_identity(std::size_t i) const { return chunks_[i].get(); }
  static std::size_t chunk_bytes();

  class const_iterator {
   public:
    using value_type = IpvsConnUpdate;
    using reference = const IpvsConnUpdate&;
    using pointer = const IpvsConnUpdate*;
    using difference_type = std::ptrdiff_t;
    using iterator_category = std::forward_iterator_tag;

    const_iterator() = default;
    reference operator*() const;
    pointer operator->() const { return &**this; }
    const_iterator& operator++();
    const_iterator operator++(int) {
      const_iterator before = *this;
      ++*this;
      return before;
    }
    friend bool operator==(const const_iterator& a, const const_iterator& b) {
      return a.chunk_ == b.chunk_ && a.entry_ == b.entry_;
    }

   private:
    friend class ConnList;
    const_iterator(const Chunks* chunks, std::size_t chunk) : chunks_(chunks), chunk_(chunk) {}
    const Chunks* chunks_ = nullptr;
    std::size_t chunk_ = 0, entry_ = 0;
  };
  const_iterator begin() const { return const_iterator(&chunks_, 0); }
  const_iterator end() const { return const_iterator(&chunks_, chunks_.size()); }

  friend bool operator==(const ConnList& a, const ConnList& b);

 private:
  // The chunk that holds, or would hold, `seq`.
  std::size_t chunk_for(std::uint32_t seq) const;
  // Chunk `i`, copied first when another list shares it.
  Chunk& own(std::size_t i);
  void split(std::size_t i);

  Chunks chunks_;  // none empty; ascending seq across chunks
  std::size_t size_ = 0;
};

}  // namespace lvs::viz
