#pragma once
// Text forms of the scenario's values that the net layer does not already parse.
#include <cstdint>
#include <optional>
#include <string_view>

#include "sim/net/interface.hpp"

namespace lvs {

// "1Gbit", "100Mbit", "2.5Gbit", "64kbit", "9600bit" (tc(8) rate units, bits per
// second, decimal prefixes, case-insensitive) or "unlimited" (= 0: no serialisation
// delay). tc's "bps" means *bytes* per second, a classic trap, so it is not accepted.
// A well-formed rate above INT64_MAX bit/s returns nullopt with *too_fast set.
std::optional<std::int64_t> parse_bandwidth(std::string_view text, bool* too_fast = nullptr);

// `ip addr ... scope SCOPE`: "global" (or "universe"), "link", "host".
std::optional<Scope> parse_scope(std::string_view text);

// Host and segment names: 1-32 of [A-Za-z0-9._-], starting with a letter or digit
// (they name output files, so no slashes or spaces).
bool valid_object_name(std::string_view name);

// Interface names as dev_valid_name() allows them, restricted to [A-Za-z0-9._-]:
// 1-15 characters (IFNAMSIZ - 1), not "." or "..".
bool valid_ifname(std::string_view name);

}  // namespace lvs
