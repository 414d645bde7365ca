#pragma once
// Simulated time: signed 64-bit integer nanoseconds since the start of the run.
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace lvs {

using SimTime = std::int64_t;

constexpr SimTime kNanosecond = 1;
constexpr SimTime kMicrosecond = 1'000;
constexpr SimTime kMillisecond = 1'000'000;
constexpr SimTime kSecond = 1'000'000'000;
constexpr SimTime kTimeNever = std::numeric_limits<SimTime>::max();

constexpr SimTime microseconds(std::int64_t v) { return v * kMicrosecond; }
constexpr SimTime milliseconds(std::int64_t v) { return v * kMillisecond; }
constexpr SimTime seconds(std::int64_t v) { return v * kSecond; }

// "1.000250000s": seconds with nanosecond precision, trailing zeros kept (fixed width
// fraction) so that columns line up in reports.
std::string format_time(SimTime t);

// Short human form for latencies and delays: "412.5us", "1.25ms", "3s".
std::string format_duration(SimTime d);

// Parses "10s", "1.5s", "250ms", "20us", "100ns", "2min", or a bare integer (nanoseconds).
// Returns nullopt for anything else (negative values, unknown units, overflow).
std::optional<SimTime> parse_duration(std::string_view text);

}  // namespace lvs
