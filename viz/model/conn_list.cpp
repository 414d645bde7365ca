#include "viz/model/conn_list.hpp"

#include <algorithm>

namespace lvs::viz {

struct ConnList::Chunk {
  std::array<IpvsConnUpdate, kChunkEntries> entries;
  std::size_t count = 0;  // entries[0, count) are in use, ascending seq

  IpvsConnUpdate* begin() { return entries.data(); }
  IpvsConnUpdate* end() { return entries.data() + count; }
  const IpvsConnUpdate* begin() const { return entries.data(); }
  const IpvsConnUpdate* end() const { return entries.data() + count; }
  // The first entry whose seq is not below `seq`.
  IpvsConnUpdate* lower(std::uint32_t seq) {
    return std::lower_bound(begin(), end(), seq, [](const IpvsConnUpdate& c, std::uint32_t s) { return c.seq < s; });
  }
  const IpvsConnUpdate* lower(std::uint32_t seq) const { return const_cast<Chunk*>(this)->lower(seq); }
};

std::size_t ConnList::chunk_bytes() { return sizeof(Chunk); }

ConnList::const_iterator::reference ConnList::const_iterator::operator*() const {
  return (*chunks_)[chunk_]->entries[entry_];
}

ConnList::const_iterator& ConnList::const_iterator::operator++() {
  if (++entry_ == (*chunks_)[chunk_]->count) {
    ++chunk_;
    entry_ = 0;
  }
  return *this;
}

// The last chunk whose first seq is <= seq (chunk 0 when seq is below them all).
std::size_t ConnList::chunk_for(std::uint32_t seq) const {
  const auto after = std::upper_bound(chunks_.begin(), chunks_.end(), seq,
                                      [](std::uint32_t s, const auto& chunk) { return s < chunk->entries[0].seq; });
  return after == chunks_.begin() ? 0 : static_cast<std::size_t>(after - chunks_.begin() - 1);
}

ConnList::Chunk& ConnList::own(std::size_t i) {
  if (chunks_[i].use_count() > 1) chunks_[i] = std::make_shared<Chunk>(*chunks_[i]);
  return *chunks_[i];
}

// Splits the full chunk `i` in two halves.
void ConnList::split(std::size_t i) {
  const Chunk& full = *chunks_[i];
  auto upper = std::make_shared<Chunk>();
  const std::size_t half = full.count / 2;
  std::copy(full.begin() + half, full.end(), upper->entries.begin());
  upper->count = full.count - half;
  own(i).count = half;
  chunks_.insert(chunks_.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(upper));
}

void ConnList::put(const IpvsConnUpdate& entry) {
  if (chunks_.empty()) chunks_.push_back(std::make_shared<Chunk>());
  std::size_t i = chunk_for(entry.seq);
  if (const IpvsConnUpdate* at = chunks_[i]->lower(entry.seq); at != chunks_[i]->end() && at->seq == entry.seq) {
    *own(i).lower(entry.seq) = entry;
    return;
  }
  if (chunks_[i]->count == kChunkEntries) {
    // The newest entries come last: a full last chunk is followed by a new one, so that
    // the chunks before stay as they are (and shared); elsewhere the chunk is halved.
    if (i + 1 == chunks_.size() && entry.seq > chunks_[i]->entries[kChunkEntries - 1].seq) {
      chunks_.push_back(std::make_shared<Chunk>());
      ++i;
    } else {
      split(i);
      if (entry.seq >= chunks_[i + 1]->entries[0].seq) ++i;
    }
  }
  Chunk& c = own(i);
  IpvsConnUpdate* at = c.lower(entry.seq);
  std::copy_backward(at, c.end(), c.end() + 1);
  *at = entry;
  ++c.count;
  ++size_;
}

const IpvsConnUpdate* ConnList::find(std::uint32_t seq) const {
  if (chunks_.empty()) return nullptr;
  const Chunk& c = *chunks_[chunk_for(seq)];
  const IpvsConnUpdate* at = c.lower(seq);
  return at != c.end() && at->seq == seq ? at : nullptr;
}

void ConnList::set_expires(std::uint32_t seq, SimTime expires) {
  if (!find(seq)) return;
  own(chunk_for(seq)).lower(seq)->expires = expires;
}

void ConnList::erase(std::uint32_t seq) {
  if (!find(seq)) return;
  const std::size_t i = chunk_for(seq);
  Chunk& c = own(i);
  IpvsConnUpdate* at = c.lower(seq);
  std::copy(at + 1, c.end(), at);
  --c.count;
  --size_;
  if (c.count == 0) chunks_.erase(chunks_.begin() + static_cast<std::ptrdiff_t>(i));
}

bool operator==(const ConnList& a, const ConnList& b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin());
}

}  // namespace lvs::viz
