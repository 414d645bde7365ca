#include "sim/wire/icmp.hpp"

#include "sim/wire/checksum.hpp"

namespace lvs::wire {

// RFC 792: type, code, checksum over the whole ICMP message, then four type-specific
// bytes (echo: identifier + sequence; frag-needed, RFC 1191: unused + next-hop MTU).
std::optional<IcmpRepr> parse_icmp(Bytes message) {
  if (message.size() < kIcmpHeaderLen) return std::nullopt;
  if (internet_checksum(message) != 0) return std::nullopt;
  const std::uint8_t* p = message.data();
  IcmpRepr repr;
  repr.type = p[0];
  repr.code = p[1];
  repr.identifier = get16(p + 4);
  repr.sequence = get16(p + 6);
  return repr;
}

void emit_icmp(const IcmpRepr& repr, MutBytes out) {
  std::uint8_t* p = out.data();
  p[0] = repr.type;
  p[1] = repr.code;
  put16(p + 2, 0);
  put16(p + 4, repr.identifier);
  put16(p + 6, repr.sequence);
  put16(p + 2, internet_checksum(out));
}

}  // namespace lvs::wire
