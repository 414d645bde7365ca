#include "sim/wire/udp.hpp"

#include "sim/wire/checksum.hpp"
#include "sim/wire/ipv4.hpp"

namespace lvs::wire {

namespace {
std::uint16_t udp_checksum(Bytes datagram, Ipv4Addr src, Ipv4Addr dst) {
  const auto len = static_cast<std::uint16_t>(datagram.size());
  return checksum_finish(checksum_add(pseudo_header_sum(src, dst, kIpProtoUdp, len), datagram));
}
}  // namespace

// RFC 768 / RFC 1122 4.1.3.4: the length field bounds the datagram (bytes past it are
// ignored, as in udp_rcv()); a zero checksum means the sender computed none.
std::optional<UdpRepr> parse_udp(Bytes datagram, Ipv4Addr src, Ipv4Addr dst) {
  return parse_udp(datagram, src, dst, true);
}

std::optional<UdpRepr> parse_udp(Bytes datagram, Ipv4Addr src, Ipv4Addr dst, bool verify_checksum) {
  if (datagram.size() < kUdpHeaderLen) return std::nullopt;
  const std::uint8_t* p = datagram.data();
  UdpRepr repr;
  repr.src_port = get16(p);
  repr.dst_port = get16(p + 2);
  repr.length = get16(p + 4);
  if (repr.length < kUdpHeaderLen || repr.length > datagram.size()) return std::nullopt;
  const bool has_checksum = get16(p + 6) != 0;
  if (verify_checksum && has_checksum && udp_checksum(datagram.first(repr.length), src, dst) != 0) return std::nullopt;
  return repr;
}

void emit_udp(const UdpRepr& repr, Ipv4Addr src, Ipv4Addr dst, MutBytes out) {
  std::uint8_t* p = out.data();
  put16(p, repr.src_port);
  put16(p + 2, repr.dst_port);
  put16(p + 4, static_cast<std::uint16_t>(out.size()));
  put16(p + 6, 0);
  const std::uint16_t check = udp_checksum(out, src, dst);
  put16(p + 6, check == 0 ? 0xffff : check);  // RFC 768: a computed 0 is sent as all ones
}

}  // namespace lvs::wire
