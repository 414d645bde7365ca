// The viewer's connection list (viz/model/conn_list.hpp): the entries of a plain sorted
// vector (ascending seq, last record of each), and copies that share the chunks neither
// has changed, without one copy's change showing in the other.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "viz/model/conn_list.hpp"

using namespace lvs;
using namespace lvs::viz;

namespace {

IpvsConnUpdate entry(std::uint32_t seq, SimTime expires = 0) {
  IpvsConnUpdate c{};
  c.seq = seq;
  c.expires = expires;
  c.cport = static_cast<std::uint16_t>(seq);
  return c;
}

std::vector<std::uint32_t> seqs(const ConnList& l) {
  std::vector<std::uint32_t> out;
  for (const IpvsConnUpdate& c : l) out.push_back(c.seq);
  return out;
}

// The reference: a sorted vector, as the state kept it before the list.
struct Reference {
  std::vector<IpvsConnUpdate> v;
  void put(const IpvsConnUpdate& e) {
    auto at = std::lower_bound(v.begin(), v.end(), e.seq, [](const auto& c, std::uint32_t s) { return c.seq < s; });
    if (at != v.end() && at->seq == e.seq) *at = e;
    else v.insert(at, e);
  }
  void erase(std::uint32_t seq) {
    std::erase_if(v, [&](const auto& c) { return c.seq == seq; });
  }
};

bool same(const ConnList& l, const Reference& r) {
  return l.size() == r.v.size() && std::equal(l.begin(), l.end(), r.v.begin(), r.v.end());
}

}  // namespace

TEST_CASE("entries in any order, replaced, re-timed and erased: the sorted vector's content") {
  ConnList l;
  Reference r;
  std::uint64_t x = 88172645463325252ull;
  for (int i = 0; i < 20'000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    // Mostly new entries at the end, as a director makes them; some anywhere.
    const auto seq = static_cast<std::uint32_t>(x % 3 == 0 ? x % 5000 : 5000 + static_cast<std::uint64_t>(i));
    switch (x % 7) {
      case 0: l.erase(seq), r.erase(seq); break;
      case 1:
        l.set_expires(seq, i);
        for (auto& c : r.v)
          if (c.seq == seq) c.expires = i;
        break;
      default: l.put(entry(seq, i)), r.put(entry(seq, i));
    }
    if (i % 997 == 0) REQUIRE(same(l, r));
  }
  CHECK(same(l, r));
  CHECK(l.size() > 1000);
  for (const auto& c : r.v) CHECK(l.find(c.seq)->expires == c.expires);
  CHECK(l.find(4'000'000) == nullptr);
}

TEST_CASE("a copy shares the chunks neither changed; a change shows in one copy only") {
  ConnList a;
  for (std::uint32_t s = 1; s <= 10 * ConnList::kChunkEntries; ++s) a.put(entry(s));
  const ConnList before = a;
  REQUIRE(a.chunk_count() == before.chunk_count());
  a.put(entry(10 * ConnList::kChunkEntries + 1));  // a new connection
  a.erase(3);                                      // an old one expires
  a.set_expires(200, 77);                          // one is re-armed

  CHECK(before.size() == 10 * ConnList::kChunkEntries);
  CHECK(before.find(3) != nullptr);
  CHECK(before.find(200)->expires == 0);
  CHECK(a.find(3) == nullptr);
  CHECK(a.find(200)->expires == 77);
  CHECK(!(a == before));
  // Only the chunks changed (the first, the one with 200, the new last) are a's own.
  std::size_t shared = 0;
  for (std::size_t i = 0; i < a.chunk_count(); ++i)
    for (std::size_t j = 0; j < before.chunk_count(); ++j) shared += a.chunk_identity(i) == before.chunk_identity(j);
  CHECK(shared == before.chunk_count() - 2);
  CHECK(seqs(before).size() == 10 * ConnList::kChunkEntries);
}
