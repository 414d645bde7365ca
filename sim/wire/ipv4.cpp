#include "sim/wire/ipv4.hpp"

#include "sim/wire/checksum.hpp"

namespace lvs::wire {

namespace {

constexpr std::uint16_t kFlagDf = 0x4000;
constexpr std::uint16_t kFlagMf = 0x2000;
constexpr std::uint16_t kFragOffsetMask = 0x1fff;

// The fixed fields of a header whose first 20 bytes and IHL*4 bytes are known to be in
// `packet` (checked by the callers).
Ipv4Repr read_fields(Bytes packet) {
  const std::uint8_t* p = packet.data();
  Ipv4Repr repr;
  repr.header_len = static_cast<std::uint16_t>((p[0] & 0x0f) * 4);
  repr.tos = p[1];
  repr.total_len = get16(p + 2);
  repr.ident = get16(p + 4);
  const std::uint16_t frag = get16(p + 6);
  repr.dont_fragment = (frag & kFlagDf) != 0;
  repr.more_fragments = (frag & kFlagMf) != 0;
  repr.frag_offset = frag & kFragOffsetMask;
  repr.ttl = p[8];
  repr.protocol = p[9];
  repr.checksum = get16(p + 10);
  repr.src = get_ip(p + 12);
  repr.dst = get_ip(p + 16);
  return repr;
}

// Version 4, IHL >= 5 and the whole header (options too) inside the buffer.
bool header_fits(Bytes packet) {
  if (packet.size() < kIpv4HeaderLen) return false;
  if ((packet[0] >> 4) != 4) return false;
  const std::size_t ihl = packet[0] & 0x0f;
  return ihl >= 5 && ihl * 4 <= packet.size();
}

// Rewrites one 32-bit field at `off` and patches the header checksum (RFC 1624).
void replace32(MutBytes packet, std::size_t off, std::uint32_t value) {
  if (packet.size() < kIpv4HeaderLen) return;
  std::uint8_t* p = packet.data();
  const std::uint32_t old = get32(p + off);
  put32(p + off, value);
  put16(p + 10, checksum_replace32(get16(p + 10), old, value));
}

}  // namespace

// RFC 791 / RFC 1122 3.2.1: check version, IHL, lengths and the header checksum; the
// kernel's ip_rcv_core() does the same checks in the same spirit.
std::optional<Ipv4Repr> parse_ipv4(Bytes packet, bool verify_checksum) {
  if (!header_fits(packet)) return std::nullopt;
  Ipv4Repr repr = read_fields(packet);
  if (repr.total_len < repr.header_len || repr.total_len > packet.size()) return std::nullopt;
  if (verify_checksum && internet_checksum(packet.first(repr.header_len)) != 0) return std::nullopt;
  return repr;
}

std::optional<Ipv4Repr> parse_ipv4_quoted(Bytes quote) {
  if (!header_fits(quote)) return std::nullopt;
  return read_fields(quote);
}

void emit_ipv4(const Ipv4Repr& repr, std::uint16_t payload_len, MutBytes out) {
  std::uint8_t* p = out.data();
  p[0] = 0x45;  // version 4, IHL 5
  p[1] = repr.tos;
  put16(p + 2, static_cast<std::uint16_t>(kIpv4HeaderLen + payload_len));
  put16(p + 4, repr.ident);
  std::uint16_t frag = repr.frag_offset & kFragOffsetMask;
  if (repr.dont_fragment) frag |= kFlagDf;
  if (repr.more_fragments) frag |= kFlagMf;
  put16(p + 6, frag);
  p[8] = repr.ttl;
  p[9] = repr.protocol;
  put16(p + 10, 0);
  put_ip(p + 12, repr.src);
  put_ip(p + 16, repr.dst);
  put16(p + 10, internet_checksum(out.first(kIpv4HeaderLen)));
}

void ipv4_set_src(MutBytes packet, Ipv4Addr src) { replace32(packet, 12, src.value); }
void ipv4_set_dst(MutBytes packet, Ipv4Addr dst) { replace32(packet, 16, dst.value); }

// ip_forward(): ip_decrease_ttl() patches the checksum incrementally; TTL shares its
// 16-bit word with the protocol byte.
std::uint8_t ipv4_decrement_ttl(MutBytes packet) {
  if (packet.size() < kIpv4HeaderLen) return 0;
  std::uint8_t* p = packet.data();
  const std::uint16_t old_word = get16(p + 8);
  p[8] = static_cast<std::uint8_t>(p[8] - 1);
  put16(p + 10, checksum_replace16(get16(p + 10), old_word, get16(p + 8)));
  return p[8];
}

}  // namespace lvs::wire
