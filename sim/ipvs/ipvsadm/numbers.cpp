#include "sim/ipvs/ipvsadm/numbers.hpp"

#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <string>

namespace lvs::ipvs::ipvsadm {

std::optional<long> string_to_number(std::string_view s, long min, long max) {
  const std::string text(s);
  char* end = nullptr;
  errno = 0;
  const long n = std::strtol(text.c_str(), &end, 10);
  if (end == text.c_str() || *end != '\0' || errno == ERANGE) return std::nullopt;
  if (n < min || n > max) return std::nullopt;
  return n;
}

namespace {

// One inet_aton part: strtoul with base 0 semantics, digits only (no sign, no blanks).
std::optional<std::uint64_t> aton_part(std::string_view p) {
  if (p.empty()) return std::nullopt;
  int base = 10;
  std::size_t i = 0;
  if (p[0] == '0') {
    base = 8;
    i = 1;
    if (p.size() > 1 && (p[1] == 'x' || p[1] == 'X')) {
      base = 16;
      i = 2;
    }
  }
  std::uint64_t v = 0;
  for (; i < p.size(); ++i) {
    const int c = static_cast<unsigned char>(p[i]);
    int d;
    if (std::isdigit(c)) d = c - '0';
    else if (base == 16 && std::isxdigit(c)) d = std::tolower(c) - 'a' + 10;
    else return std::nullopt;
    if (d >= base) return std::nullopt;
    v = v * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(d);
    if (v > 0xffffffffull) return std::nullopt;
  }
  return v;
}

}  // namespace

std::optional<std::uint32_t> inet_aton_host(std::string_view s) {
  std::uint64_t parts[4];
  std::size_t n = 0;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    if (n == 4) return std::nullopt;
    auto v = aton_part(s.substr(start, dot == std::string_view::npos ? dot : dot - start));
    if (!v) return std::nullopt;
    parts[n++] = *v;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // The last part fills the bytes the earlier parts did not (inet_aton(3) NOTES).
  std::uint64_t value = 0;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    if (parts[i] > 0xff) return std::nullopt;
    value |= parts[i] << (24 - 8 * i);
  }
  const unsigned last_bits = 32 - 8 * static_cast<unsigned>(n - 1);
  if (last_bits < 32 && parts[n - 1] >= (1ull << last_bits)) return std::nullopt;
  value |= parts[n - 1];
  return static_cast<std::uint32_t>(value);
}

bool str_is_digit(std::string_view s) {
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace lvs::ipvs::ipvsadm
