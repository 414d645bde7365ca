// U64Table: the flat hash table of the hot path agrees with std::unordered_map through
// any mix of inserts and erases (backward-shift deletion keeps every key reachable),
// including keys that crowd the same few slots.
#include <doctest/doctest.h>

#include <cstdint>
#include <unordered_map>

#include "sim/core/rng.hpp"
#include "sim/core/u64_table.hpp"

using lvs::Rng;
using lvs::U64Table;

TEST_CASE("U64Table: finds, inserts and erases as std::unordered_map does") {
  for (const std::uint64_t key_range : {std::uint64_t{40}, std::uint64_t{5000}, std::uint64_t{1} << 56}) {
    U64Table<std::uint32_t> table;
    std::unordered_map<std::uint64_t, std::uint32_t> model;
    Rng rng(key_range);
    for (std::uint32_t step = 0; step < 200'000; ++step) {
      const std::uint64_t key = key_range > 1'000'000 ? rng.below(1'000) * 0x10000000001ull : rng.below(key_range);
      switch (rng.below(3)) {
        case 0:
          table[key] = step;
          model[key] = step;
          break;
        case 1:
          table.erase(key);
          model.erase(key);
          break;
        default: {
          const std::uint32_t* v = table.find(key);
          const auto it = model.find(key);
          REQUIRE((v != nullptr) == (it != model.end()));
          if (v != nullptr) CHECK(*v == it->second);
        }
      }
      REQUIRE(table.size() == model.size());
    }
    for (const auto& [key, value] : model) {
      const std::uint32_t* v = table.find(key);
      REQUIRE(v != nullptr);
      CHECK(*v == value);
    }
  }
}

TEST_CASE("U64Table: a key's value stays until it is erased; absent keys read as absent") {
  U64Table<int> table;
  CHECK(table.find(7) == nullptr);
  table.erase(7);  // absent: nothing happens
  table[7] = 1;
  for (std::uint64_t k = 100; k < 10'000; ++k) table[k] = static_cast<int>(k);  // grows many times
  REQUIRE(table.find(7) != nullptr);
  CHECK(*table.find(7) == 1);
  CHECK(table[7] == 1);  // operator[] on a present key keeps its value
  for (std::uint64_t k = 100; k < 10'000; k += 2) table.erase(k);
  CHECK(table.size() == 1 + 4950);
  for (std::uint64_t k = 100; k < 10'000; ++k) CHECK((table.find(k) != nullptr) == (k % 2 == 1));
}
