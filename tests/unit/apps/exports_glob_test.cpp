// /etc/exports wildcards in linear-time steps (issue 9 §3): a pattern of many stars
// used to take exponential time ("*" x 22: 21 s, x 40: never). The match must take at
// most (|pattern|+1) x (|text|+1) steps and agree with the plain recursive definition.
#include <doctest/doctest.h>

#include <string>

#include "sim/apps/exports.hpp"
#include "sim/core/rng.hpp"

using namespace lvs;

namespace {

// The definition, recursively (exponential in the number of stars; small inputs only).
bool reference_match(std::string_view p, std::string_view t) {
  if (p.empty()) return t.empty();
  if (p[0] == '*') {
    for (std::size_t k = 0; k <= t.size(); ++k)
      if (reference_match(p.substr(1), t.substr(k))) return true;
    return false;
  }
  if (t.empty()) return false;
  if (p[0] == '?') return reference_match(p.substr(1), t.substr(1));
  if (p[0] == '[') {
    const auto close = p.find(']', 1);
    if (close != std::string_view::npos) {
      const std::string_view set = p.substr(1, close - 1);
      const bool negate = !set.empty() && (set[0] == '!' || set[0] == '^');
      bool hit = false;
      for (std::size_t k = negate ? 1 : 0; k < set.size(); ++k) {
        if (k + 2 < set.size() && set[k + 1] == '-') {
          hit = hit || (t[0] >= set[k] && t[0] <= set[k + 2]);
          k += 2;
        } else {
          hit = hit || t[0] == set[k];
        }
      }
      return hit != negate && reference_match(p.substr(close + 1), t.substr(1));
    }
  }
  return p[0] == t[0] && reference_match(p.substr(1), t.substr(1));
}

}  // namespace

TEST_CASE("exports wildcards: 40 stars against a 60-character name, in at most (|p|+1) x (|t|+1) steps") {
  const std::string text(60, 'a');
  for (const std::string& pattern :
       {std::string(40, '*') + "b", std::string(40, '*') + "a", std::string("*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b")}) {
    std::uint64_t steps = 0;
    const bool hit = export_wildcard_match(pattern, text, &steps);
    CHECK(hit == (pattern.back() == 'a'));
    CHECK(steps <= (pattern.size() + 1) * (text.size() + 1));
  }
}

TEST_CASE("exports wildcards agree with the recursive definition") {
  Rng rng(9);
  const char alphabet[] = {'a', 'b', '.', '*', '?', '[', ']', '!', '-'};
  for (int n = 0; n < 20000; ++n) {
    std::string p, t;
    const auto plen = rng.below(8), tlen = rng.below(8);
    for (std::uint64_t i = 0; i < plen; ++i) p += alphabet[rng.below(sizeof alphabet)];
    for (std::uint64_t i = 0; i < tlen; ++i) t += "ab.-"[rng.below(4)];
    CHECK_MESSAGE(export_wildcard_match(p, t) == reference_match(p, t), "pattern '" << p << "' text '" << t << "'");
  }
}
