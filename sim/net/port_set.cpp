#include "sim/net/port_set.hpp"

#include <algorithm>
#include <bit>

namespace lvs {

bool PortSet::contains(std::uint16_t port) const {
  const Block* b = blocks_[port / kBlockPorts].get();
  if (!b) return false;
  const std::uint32_t bit = port % kBlockPorts;
  return (b->words[bit / 64] >> (bit % 64)) & 1u;
}

void PortSet::insert(std::uint16_t port) {
  const std::uint32_t index = port / kBlockPorts;
  auto& b = blocks_[index];
  if (!b) b = std::make_unique<Block>();
  const std::uint32_t bit = port % kBlockPorts;
  std::uint64_t& word = b->words[bit / 64];
  const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
  if (word & mask) return;
  word |= mask;
  ++count_;
  if (++b->count == kBlockPorts) full_ |= std::uint64_t{1} << index;
}

void PortSet::erase(std::uint16_t port) {
  const std::uint32_t index = port / kBlockPorts;
  auto& b = blocks_[index];
  if (!b) return;
  const std::uint32_t bit = port % kBlockPorts;
  std::uint64_t& word = b->words[bit / 64];
  const std::uint64_t mask = std::uint64_t{1} << (bit % 64);
  if (!(word & mask)) return;
  word &= ~mask;
  --count_;
  full_ &= ~(std::uint64_t{1} << index);
  if (--b->count == 0) b.reset();
}

// [a, b] lies inside `block`.
std::optional<std::uint16_t> PortSet::first_free_in_block(std::uint32_t block, std::uint32_t a, std::uint32_t b,
                                                          std::uint64_t* probes) const {
  const Block* blk = blocks_[block].get();
  ++*probes;
  if (!blk) return static_cast<std::uint16_t>(a);
  if ((full_ >> block) & 1u) return std::nullopt;
  const std::uint32_t base = block * kBlockPorts;
  for (std::uint32_t w = (a - base) / 64; w <= (b - base) / 64; ++w) {
    ++*probes;
    std::uint64_t free_bits = ~blk->words[w];
    const std::uint32_t word_first = base + w * 64;
    if (a > word_first) free_bits &= ~std::uint64_t{0} << (a - word_first);            // below a
    if (b < word_first + 63) free_bits &= ~std::uint64_t{0} >> (word_first + 63 - b);  // above b
    if (free_bits)
      return static_cast<std::uint16_t>(word_first + static_cast<std::uint32_t>(std::countr_zero(free_bits)));
  }
  return std::nullopt;
}

std::optional<std::uint16_t> PortSet::first_free(std::uint32_t a, std::uint32_t b, std::uint64_t* probes) const {
  for (std::uint32_t block = a / kBlockPorts; block <= b / kBlockPorts; ++block) {
    const std::uint32_t lo = std::max(a, block * kBlockPorts);
    const std::uint32_t hi = std::min(b, block * kBlockPorts + kBlockPorts - 1);
    if (auto p = first_free_in_block(block, lo, hi, probes)) return p;
  }
  return std::nullopt;
}

}  // namespace lvs
