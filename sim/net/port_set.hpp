#pragma once
// The local ports in use towards one destination (local address, remote address, remote
// port), and the first free one in a range: what connect() needs to choose an ephemeral
// port. Linux (__inet_hash_connect(), net/ipv4/inet_hashtables.c) walks the range from an
// offset and takes the first port whose 4-tuple is free (check_established()); it is
// per destination, since the same port may serve many destinations. A walk over a full
// range costs 28,232 probes for every connect once the ports run out; here the search
// is a constant: a sparse two-level bitmap (64 blocks of 1024 ports, a block allocated
// when it holds a port, a summary bit per full block) answers "first free port in
// [a, b]" with at most 64 block checks and 2 x 16 word checks.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>

namespace lvs {

class PortSet {
 public:
  bool contains(std::uint16_t port) const;
  void insert(std::uint16_t port);
  void erase(std::uint16_t port);
  bool empty() const { return count_ == 0; }

  // The lowest port in [a, b] (a <= b <= 65535) that is not in the set; nullopt when
  // every one is. `*probes` counts the blocks and words looked at.
  std::optional<std::uint16_t> first_free(std::uint32_t a, std::uint32_t b, std::uint64_t* probes) const;

 private:
  static constexpr std::uint32_t kBlockPorts = 1024;
  static constexpr std::uint32_t kWordsPerBlock = kBlockPorts / 64;
  static constexpr std::uint32_t kBlocks = 65536 / kBlockPorts;
  struct Block {
    std::array<std::uint64_t, kWordsPerBlock> words{};
    std::uint32_t count = 0;
  };
  std::optional<std::uint16_t> first_free_in_block(std::uint32_t block, std::uint32_t a, std::uint32_t b,
                                                   std::uint64_t* probes) const;

  std::array<std::unique_ptr<Block>, kBlocks> blocks_;
  std::uint64_t full_ = 0;  // bit i: block i holds all of its 1024 ports
  std::uint32_t count_ = 0;
};

}  // namespace lvs
