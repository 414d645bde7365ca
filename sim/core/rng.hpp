#pragma once
// Seeded, portable pseudo-random numbers. The generator (xoshiro256**) and every
// distribution here are written out so that a seed gives the same numbers with any
// compiler or standard library (std:: distributions are implementation-defined).
#include <cstdint>

#include "sim/core/time.hpp"

namespace lvs {

class Rng {
 public:
  explicit Rng(std::uint64_t seed = 0) { reseed(seed); }

  void reseed(std::uint64_t seed);

  std::uint64_t next();

  // Uniform in [0, n). n > 0. Unbiased (Lemire's method with rejection).
  std::uint64_t below(std::uint64_t n);

  // Uniform in [lo, hi] (inclusive). lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi);

  // Uniform double in [0, 1) with 53 random bits.
  double uniform01();

  // Exponentially distributed duration with the given mean, rounded to whole ns.
  SimTime exponential(SimTime mean);

  // An independent generator for a named stream (e.g. one per host): derived from this
  // generator's seed, not from its current position, so adding draws elsewhere does not
  // change what a stream produces.
  Rng stream(std::uint64_t stream_id) const;

 private:
  std::uint64_t seed_ = 0;
  std::uint64_t s_[4] = {};
};

// SplitMix64 step, used for seeding and for hashing ids into seeds.
std::uint64_t splitmix64(std::uint64_t& state);

}  // namespace lvs
