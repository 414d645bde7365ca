#include "sim/scenario/units.hpp"

#include <cctype>
#include <string>

namespace lvs {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_' || c == '-';
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<std::int64_t> parse_bandwidth(std::string_view text, bool* too_fast) {
  const std::string t = lower(text);
  if (t == "unlimited") return 0;
  std::size_t i = 0;
  std::uint64_t whole = 0;
  bool digits = false;
  bool huge = false;
  while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) {
    if (whole > 1'000'000'000'000'000'000ULL) huge = true;  // 10 * whole + 9 still fits
    else whole = whole * 10 + static_cast<std::uint64_t>(t[i] - '0');
    ++i;
    digits = true;
  }
  std::uint64_t frac = 0, pow10 = 1;
  if (i < t.size() && t[i] == '.') {
    ++i;
    while (i < t.size() && std::isdigit(static_cast<unsigned char>(t[i]))) {
      if (pow10 >= 1'000'000'000'000ULL) return std::nullopt;  // more precision than a bit
      frac = frac * 10 + static_cast<std::uint64_t>(t[i] - '0');
      pow10 *= 10;
      ++i;
      digits = true;
    }
  }
  if (!digits) return std::nullopt;
  const std::string_view unit = std::string_view(t).substr(i);
  std::uint64_t scale = 0;
  if (unit == "bit") scale = 1;
  else if (unit == "kbit") scale = 1'000;
  else if (unit == "mbit") scale = 1'000'000;
  else if (unit == "gbit") scale = 1'000'000'000;
  else if (unit == "tbit") scale = 1'000'000'000'000ULL;
  else return std::nullopt;
  const unsigned __int128 bits =
      static_cast<unsigned __int128>(whole) * scale + static_cast<unsigned __int128>(frac) * scale / pow10;
  if (huge || bits > static_cast<unsigned __int128>(INT64_MAX)) {
    if (too_fast) *too_fast = true;
    return std::nullopt;
  }
  if (bits == 0) return std::nullopt;
  return static_cast<std::int64_t>(bits);
}

std::optional<Scope> parse_scope(std::string_view text) {
  if (text == "global" || text == "universe") return Scope::kGlobal;
  if (text == "link") return Scope::kLink;
  if (text == "host") return Scope::kHost;
  return std::nullopt;
}

bool valid_object_name(std::string_view name) {
  if (name.empty() || name.size() > 32) return false;
  if (std::isalnum(static_cast<unsigned char>(name[0])) == 0) return false;
  for (char c : name)
    if (!is_name_char(c)) return false;
  return true;
}

bool valid_ifname(std::string_view name) {
  if (name.empty() || name.size() > 15 || name == "." || name == "..") return false;
  for (char c : name)
    if (!is_name_char(c)) return false;
  return true;
}

}  // namespace lvs
