#pragma once
// A frame decoded layer by layer (Ethernet, ARP, IPv4, the IPv4 inside IPIP, TCP with
// its options, UDP, ICMP, and the application bytes), each field with its value and the
// byte range it occupies, so that the packet panel can list every field and light up
// its bytes in the hex dump. Never trusts a length: a layer that does not fit says so
// and decoding stops there.
#include <cstdint>
#include <string>
#include <vector>

#include "sim/wire/bytes.hpp"

namespace lvs::viz {

struct Field {
  std::string name;          // "Destination"
  std::string value;         // "02:00:00:03:01:00"
  std::uint32_t offset = 0;  // first byte in the frame
  std::uint32_t length = 0;  // bytes (a bit field covers its whole byte(s))
};

struct Layer {
  std::string name;  // "Ethernet II", "IPv4", "IPv4 (inner, IPIP)", "TCP", "HTTP"
  std::uint32_t offset = 0, length = 0;
  std::vector<Field> fields;
  std::string error;  // "truncated: 12 of 20 bytes" (decoding stopped here)
};

std::vector<Layer> decode_frame(wire::Bytes frame);

// What a hop changed in a packet: fields of `now` whose value differs from the field of
// the same name in the same layer of `before` (the previous frame of the same IP
// packet). This is how a NAT rewrite (IPv4 destination), a DR forward (only the
// Ethernet destination) or a routed hop (TTL, checksum, MACs) shows up.
struct FieldChange {
  std::size_t layer = 0, field = 0;  // in `now`
  std::string before;                // the old value
};
std::vector<FieldChange> changed_fields(const std::vector<Layer>& before, const std::vector<Layer>& now);

}  // namespace lvs::viz
