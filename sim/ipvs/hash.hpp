#pragma once
// The kernel hash functions the IPVS schedulers and the connection table use, so that
// a simulated director picks the same buckets as Linux 6.1 on x86-64:
//   include/linux/hash.h      hash_32()        (GOLDEN_RATIO_32 multiplicative hash)
//   include/linux/jhash.h     jhash_3words()   (Bob Jenkins' lookup3 final mix)
//   lib/siphash.c             hsiphash()       (on 64-bit: SipHash-1-3 with a 2x64-bit key)
//   include/linux/gcd.h       gcd()
#include <bit>
#include <cstdint>

namespace lvs::ipvs::khash {

// include/linux/hash.h: hash_32(val, bits) = (val * GOLDEN_RATIO_32) >> (32 - bits).
constexpr std::uint32_t kGoldenRatio32 = 0x61C88647u;
constexpr std::uint32_t hash_32(std::uint32_t val, unsigned bits) {
  return static_cast<std::uint32_t>(val * kGoldenRatio32) >> (32 - bits);
}

// include/linux/jhash.h: __jhash_final() mixing of three words.
constexpr std::uint32_t jhash_3words(std::uint32_t a, std::uint32_t b, std::uint32_t c, std::uint32_t initval) {
  constexpr std::uint32_t kJhashInitval = 0xdeadbeefu;
  const std::uint32_t iv = initval + kJhashInitval + (3u << 2);
  a += iv;
  b += iv;
  c += iv;
  c ^= b;
  c -= std::rotl(b, 14);
  a ^= c;
  a -= std::rotl(c, 11);
  b ^= a;
  b -= std::rotl(a, 25);
  c ^= b;
  c -= std::rotl(b, 16);
  a ^= c;
  a -= std::rotl(c, 4);
  b ^= a;
  b -= std::rotl(a, 14);
  c ^= b;
  c -= std::rotl(b, 24);
  return c;
}

// lib/siphash.c, BITS_PER_LONG == 64: hsiphash() of one little-endian u32 is SipHash-1-3
// (one compression round, three finalisation rounds) truncated to 32 bits.
struct HsipKey {
  std::uint64_t k0 = 0, k1 = 0;
};

namespace detail {
struct SipState {
  std::uint64_t v0, v1, v2, v3;
  constexpr void round() {
    v0 += v1;
    v1 = std::rotl(v1, 13);
    v1 ^= v0;
    v0 = std::rotl(v0, 32);
    v2 += v3;
    v3 = std::rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = std::rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = std::rotl(v1, 17);
    v1 ^= v2;
    v2 = std::rotl(v2, 32);
  }
};
}  // namespace detail

constexpr std::uint32_t hsiphash_u32(std::uint32_t value, const HsipKey& key) {
  detail::SipState s{0x736f6d6570736575ull ^ key.k0, 0x646f72616e646f6dull ^ key.k1, 0x6c7967656e657261ull ^ key.k0,
                     0x7465646279746573ull ^ key.k1};
  const std::uint64_t b = (std::uint64_t{4} << 56) | value;  // len 4, 4 message bytes
  s.v3 ^= b;
  s.round();
  s.v0 ^= b;
  s.v2 ^= 0xff;
  s.round();
  s.round();
  s.round();
  return static_cast<std::uint32_t>((s.v0 ^ s.v1) ^ (s.v2 ^ s.v3));
}

// include/linux/gcd.h (Euclid; the result only matters for positive inputs).
constexpr int gcd(int a, int b) {
  while (b != 0) {
    const int t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// Byte-order helpers: the kernel hashes some fields in network byte order as raw
// integers (e.g. ip_vs_conn_hashkey() hashes (__force u32)addr->ip on a little-endian
// host, i.e. the byte-swapped host value).
constexpr std::uint32_t raw_be32(std::uint32_t host) {
  return (host >> 24) | ((host >> 8) & 0xff00u) | ((host << 8) & 0xff0000u) | (host << 24);
}
constexpr std::uint32_t raw_be16(std::uint16_t host) { return static_cast<std::uint16_t>((host >> 8) | (host << 8)); }

}  // namespace lvs::ipvs::khash
