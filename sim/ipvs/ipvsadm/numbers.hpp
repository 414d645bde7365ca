#pragma once
// The number and address readers ipvsadm uses on its arguments, with their C library
// semantics (strtol base 10, inet_aton), so that exactly the strings real ipvsadm
// accepts are accepted here. Host and service names are never resolved.
#include <cstdint>
#include <optional>
#include <string_view>

namespace lvs::ipvs::ipvsadm {

// ipvsadm.c string_to_number(): strtol(s, &end, 10), the whole string must be the
// number (leading blanks and a sign allowed, as strtol does), min <= n <= max.
std::optional<long> string_to_number(std::string_view s, long min, long max);

// inet_aton(3): "a.b.c.d", "a.b.c" (c is 16 bits), "a.b" (b is 24 bits), "a" (32 bits);
// each part decimal, 0-octal or 0x-hex. Returns the address in host byte order.
std::optional<std::uint32_t> inet_aton_host(std::string_view s);

// True when every character is a decimal digit (ipvsadm.c str_is_digit; "" is true).
bool str_is_digit(std::string_view s);

}  // namespace lvs::ipvs::ipvsadm
