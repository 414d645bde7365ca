#include "sim/core/printable.hpp"

#include <cstdint>

namespace lvs {
namespace {

// Length of the valid UTF-8 sequence at the start of s (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF), or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s) {
  const auto b = [&](std::size_t i) { return static_cast<std::uint8_t>(s[i]); };
  const auto cont = [&](std::size_t i) { return i < s.size() && (b(i) & 0xC0) == 0x80; };
  const std::uint8_t c = b(0);
  if (c < 0x80) return 1;
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;  // overlong
    if (c == 0xED && b(1) > 0x9F) return 0;  // UTF-16 surrogates
    return 3;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;  // overlong
    if (c == 0xF4 && b(1) > 0x8F) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

// The character (or lone byte) at the start of s: its length in bytes, at least 1.
std::size_t char_length(std::string_view s) {
  const std::size_t n = utf8_sequence(s);
  return n == 0 ? 1 : n;
}

void append_hex(std::string& out, const char* prefix, unsigned value) {
  static const char digits[] = "0123456789abcdef";
  out += prefix;
  out += digits[(value >> 4) & 0xF];
  out += digits[value & 0xF];
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    const std::size_t n = utf8_sequence(text.substr(i));
    if (n == 0) {
      append_hex(out, "\\x", c);
    } else if (c == 0) {
      out += "\\0";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      append_hex(out, "\\x", c);
    } else if (c == 0xC2 && static_cast<std::uint8_t>(text[i + 1]) < 0xA0) {  // C1 control
      append_hex(out, "\\u00", static_cast<std::uint8_t>(text[i + 1]));
    } else {
      out.append(text.substr(i, n));
    }
    i += n == 0 ? 1 : n;
  }
  return out;
}

std::string_view utf8_prefix(std::string_view text, std::size_t max_chars) {
  std::size_t end = 0;
  for (std::size_t chars = 0; end < text.size() && chars < max_chars; ++chars) end += char_length(text.substr(end));
  return text.substr(0, end);
}

std::size_t utf8_length(std::string_view text) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++chars) i += char_length(text.substr(i));
  return chars;
}

}  // namespace lvs
