#pragma once
// The Internet checksum (RFC 1071): ones' complement sum of 16-bit big-endian words.
#include <cstdint>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

// Adds the bytes to a running 32-bit sum (odd length: last byte padded with zero).
std::uint32_t checksum_add(std::uint32_t sum, Bytes data);
// Folds the sum to 16 bits and complements it.
std::uint16_t checksum_finish(std::uint32_t sum);
// checksum_finish(checksum_add(0, data)).
std::uint16_t internet_checksum(Bytes data);
// Sum of the TCP/UDP pseudo-header (src, dst, zero, protocol, length).
std::uint32_t pseudo_header_sum(Ipv4Addr src, Ipv4Addr dst, std::uint8_t protocol, std::uint16_t length);

// Incremental update (RFC 1624) of a stored checksum when one covered 16-bit word, or a
// 32-bit value such as an address, changes from old to new (IPVS NAT rewrites, TTL).
std::uint16_t checksum_replace16(std::uint16_t check, std::uint16_t old_word, std::uint16_t new_word);
std::uint16_t checksum_replace32(std::uint16_t check, std::uint32_t old_value, std::uint32_t new_value);

}  // namespace lvs::wire
