#include "sim/core/time.hpp"

#include <cstdio>

namespace lvs {

std::string format_time(SimTime t) {
  const char* sign = t < 0 ? "-" : "";
  std::uint64_t v = t < 0 ? static_cast<std::uint64_t>(-(t + 1)) + 1 : static_cast<std::uint64_t>(t);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%s%llu.%09llus", sign, static_cast<unsigned long long>(v / kSecond),
                static_cast<unsigned long long>(v % kSecond));
  return buf;
}

std::string format_duration(SimTime d) {
  char buf[48];
  const double v = static_cast<double>(d);
  if (d >= kSecond) std::snprintf(buf, sizeof buf, "%.6gs", v / kSecond);
  else if (d >= kMillisecond) std::snprintf(buf, sizeof buf, "%.6gms", v / kMillisecond);
  else if (d >= kMicrosecond) std::snprintf(buf, sizeof buf, "%.6gus", v / kMicrosecond);
  else std::snprintf(buf, sizeof buf, "%lldns", static_cast<long long>(d));
  return buf;
}

namespace {

// A duration's value in nanoseconds, or nullopt for text that is not one (negative,
// unknown unit, finer than 1 ns). Values too large for any SimTime come back as
// kTimeNever + 1 so that callers can tell "too long" from "not a duration".
std::optional<std::uint64_t> parse_duration_ns(std::string_view text) {
  constexpr std::uint64_t kTooLong = static_cast<std::uint64_t>(kTimeNever) + 1;
  if (text.empty()) return std::nullopt;
  std::size_t i = 0;
  std::uint64_t whole = 0;
  bool huge = false;
  bool any_digit = false;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
    if (whole > 1'000'000'000'000'000'000ULL) huge = true;
    else whole = whole * 10 + static_cast<std::uint64_t>(text[i] - '0');
    ++i;
    any_digit = true;
  }
  // Fraction kept as an exact decimal: digits and their count.
  std::uint64_t frac = 0;
  int frac_digits = 0;
  if (i < text.size() && text[i] == '.') {
    ++i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
      if (frac_digits < 18) {
        frac = frac * 10 + static_cast<std::uint64_t>(text[i] - '0');
        ++frac_digits;
      }
      ++i;
      any_digit = true;
    }
  }
  if (!any_digit) return std::nullopt;
  const std::string_view unit = text.substr(i);
  std::uint64_t scale = 0;
  if (unit.empty() || unit == "ns") scale = 1;
  else if (unit == "us") scale = kMicrosecond;
  else if (unit == "ms") scale = kMillisecond;
  else if (unit == "s") scale = kSecond;
  else if (unit == "min") scale = kMinute;
  else return std::nullopt;
  std::uint64_t pow10 = 1;
  for (int k = 0; k < frac_digits; ++k) pow10 *= 10;
  // frac/pow10 * scale, rounded down; a fraction finer than 1 ns is an error.
  const unsigned __int128 part = static_cast<unsigned __int128>(frac) * scale;
  if (part % pow10 != 0) return std::nullopt;
  if (huge) return kTooLong;
  const unsigned __int128 value = static_cast<unsigned __int128>(whole) * scale + part / pow10;
  return value >= kTooLong ? kTooLong : static_cast<std::uint64_t>(value);
}

}  // namespace

std::optional<SimTime> parse_duration(std::string_view text) {
  const auto ns = parse_duration_ns(text);
  if (!ns || *ns > static_cast<std::uint64_t>(kTimeNever)) return std::nullopt;
  return static_cast<SimTime>(*ns);
}

bool is_duration_syntax(std::string_view text) { return parse_duration_ns(text).has_value(); }

std::optional<SimTime> parse_user_duration(std::string_view text, std::string* why) {
  const auto ns = parse_duration_ns(text);
  if (!ns) {
    *why = "is not a duration (a number with a unit: ns, us, ms, s or min, e.g. \"250ms\")";
    return std::nullopt;
  }
  if (*ns > static_cast<std::uint64_t>(kMaxUserTime)) {
    *why = "is longer than " + std::to_string(kMaxUserTime / kDay) + " days, the longest time lvslab simulates";
    return std::nullopt;
  }
  return static_cast<SimTime>(*ns);
}

}  // namespace lvs
