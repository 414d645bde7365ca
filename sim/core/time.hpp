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
constexpr SimTime kMinute = 60 * kSecond;
constexpr SimTime kDay = 24 * 60 * kMinute;
constexpr SimTime kTimeNever = std::numeric_limits<SimTime>::max();

// The longest time a user may name anywhere (a scenario's duration, delays and
// timeouts, --until, --at): 365 days. A run therefore ends within a year of simulated
// time, and the sums the engine forms from a few such times (now + delay + jitter,
// the end of a queue of frames, ...) stay far below the int64 limit (about 292 years).
constexpr SimTime kMaxUserTime = 365 * kDay;

// t + d for d >= 0, saturating at kTimeNever: an event that late lies beyond every
// run's time limit, so it never runs (instead of wrapping into the past).
constexpr SimTime time_after(SimTime t, SimTime d) {
  SimTime sum = 0;
  return __builtin_add_overflow(t, d, &sum) ? kTimeNever : sum;
}

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

// The same for a time a user gave, bounded by kMaxUserTime. On error returns nullopt
// and sets *why to the end of a sentence that starts with the text:
// "is not a duration (...)" or "is longer than 365 days, the longest time lvslab simulates".
std::optional<SimTime> parse_user_duration(std::string_view text, std::string* why);
// Whether `text` has the form of a duration, however long.
bool is_duration_syntax(std::string_view text);

}  // namespace lvs
