#include <doctest/doctest.h>

#include <cstdint>
#include <set>
#include <vector>

#include "sim/core/rng.hpp"

using lvs::Rng;

namespace {
std::vector<std::uint64_t> draw(Rng& rng, int n) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(rng.next());
  return out;
}
}  // namespace

TEST_CASE("rng: same seed gives the same sequence, another seed does not") {
  Rng a(12345), b(12345), c(12346);
  const auto xa = draw(a, 1000);
  CHECK(xa == draw(b, 1000));
  CHECK(xa != draw(c, 1000));
  // The numbers are not degenerate.
  CHECK(std::set<std::uint64_t>(xa.begin(), xa.end()).size() == xa.size());
}

TEST_CASE("rng: reseed restarts the sequence") {
  Rng a(7);
  const auto first = draw(a, 50);
  draw(a, 10);
  a.reseed(7);
  CHECK(draw(a, 50) == first);
}

TEST_CASE("rng: stream() depends on the seed and id, not on the draws made") {
  Rng a(99), b(99);
  draw(b, 12345);  // b has moved on, a has not
  Rng sa = a.stream(3), sb = b.stream(3);
  CHECK(draw(sa, 100) == draw(sb, 100));
  Rng s4 = a.stream(4), s3 = a.stream(3);
  CHECK(draw(s4, 100) != draw(s3, 100));
  // A stream differs from its parent's own sequence.
  Rng parent(99), s = parent.stream(3);
  CHECK(draw(parent, 100) != draw(s, 100));
  // Same stream id under another seed differs.
  Rng other(100);
  Rng so = other.stream(3), s3b = Rng(99).stream(3);
  CHECK(draw(so, 100) != draw(s3b, 100));
}

TEST_CASE("rng: below(n) stays in [0, n) and covers it") {
  Rng rng(5);
  for (std::uint64_t n : {1ULL, 2ULL, 3ULL, 7ULL, 10ULL, 1000ULL, (1ULL << 63) + 5}) {
    for (int i = 0; i < 2000; ++i) REQUIRE(rng.below(n) < n);
  }
  std::vector<int> counts(10, 0);
  for (int i = 0; i < 100'000; ++i) ++counts[rng.below(10)];
  for (int c : counts) {
    CHECK(c > 9'000);  // expected 10,000 each; sigma ~95
    CHECK(c < 11'000);
  }
  CHECK(rng.below(1) == 0u);
}

TEST_CASE("rng: between() is inclusive") {
  Rng rng(6);
  bool saw_lo = false, saw_hi = false;
  for (int i = 0; i < 10'000; ++i) {
    const std::int64_t v = rng.between(-3, 3);
    REQUIRE(v >= -3);
    REQUIRE(v <= 3);
    saw_lo |= v == -3;
    saw_hi |= v == 3;
  }
  CHECK(saw_lo);
  CHECK(saw_hi);
  CHECK(rng.between(5, 5) == 5);
}

TEST_CASE("rng: uniform01 in [0, 1) with mean near 1/2") {
  Rng rng(8);
  double sum = 0;
  for (int i = 0; i < 100'000; ++i) {
    const double u = rng.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
  }
  CHECK(sum / 100'000 == doctest::Approx(0.5).epsilon(0.01));
}

TEST_CASE("rng: exponential mean within tolerance on 100k draws") {
  Rng rng(9);
  const lvs::SimTime mean = lvs::milliseconds(1);
  double sum = 0;
  std::int64_t above_mean = 0;
  for (int i = 0; i < 100'000; ++i) {
    const lvs::SimTime d = rng.exponential(mean);
    REQUIRE(d >= 0);
    sum += static_cast<double>(d);
    above_mean += d > mean;
  }
  // Standard error of the mean is mean/sqrt(1e5) ~ 0.3%; allow 2%.
  CHECK(sum / 100'000 == doctest::Approx(static_cast<double>(mean)).epsilon(0.02));
  // P(X > mean) = e^-1 ~ 0.368.
  CHECK(static_cast<double>(above_mean) / 100'000 == doctest::Approx(0.3679).epsilon(0.02));
}
