#include "sim/wire/checksum.hpp"

namespace lvs::wire {

// RFC 1071 4.1: sum 16-bit big-endian words; an odd trailing byte is the high half of a
// word padded with zero. The 32-bit accumulator cannot overflow for any IPv4 datagram
// (65535 bytes = 32768 words of at most 0xffff), so the fold happens once, at the end.
std::uint32_t checksum_add(std::uint32_t sum, Bytes data) {
  const std::size_t n = data.size();
  std::size_t i = 0;
  for (; i + 1 < n; i += 2) sum += get16(data.data() + i);
  if (i < n) sum += std::uint32_t{data[i]} << 8;
  return sum;
}

std::uint16_t checksum_finish(std::uint32_t sum) {
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<std::uint16_t>(~sum & 0xffff);
}

std::uint16_t internet_checksum(Bytes data) { return checksum_finish(checksum_add(0, data)); }

// RFC 9293 3.1 / RFC 768: src, dst, zero byte + protocol, TCP/UDP length.
std::uint32_t pseudo_header_sum(Ipv4Addr src, Ipv4Addr dst, std::uint8_t protocol, std::uint16_t length) {
  return (src.value >> 16) + (src.value & 0xffff) + (dst.value >> 16) + (dst.value & 0xffff) + std::uint32_t{protocol} +
         std::uint32_t{length};
}

// RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m').
std::uint16_t checksum_replace16(std::uint16_t check, std::uint16_t old_word, std::uint16_t new_word) {
  std::uint32_t sum = std::uint32_t{static_cast<std::uint16_t>(~check)} +
                      std::uint32_t{static_cast<std::uint16_t>(~old_word)} + new_word;
  return checksum_finish(sum);
}

std::uint16_t checksum_replace32(std::uint16_t check, std::uint32_t old_value, std::uint32_t new_value) {
  check = checksum_replace16(check, static_cast<std::uint16_t>(old_value >> 16),
                             static_cast<std::uint16_t>(new_value >> 16));
  return checksum_replace16(check, static_cast<std::uint16_t>(old_value), static_cast<std::uint16_t>(new_value));
}

}  // namespace lvs::wire
