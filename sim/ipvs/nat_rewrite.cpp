#include "sim/ipvs/nat_rewrite.hpp"

#include "sim/wire/checksum.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"
#include "sim/wire/udp.hpp"

namespace lvs::ipvs {
namespace {

// Byte offsets inside the transport header.
constexpr std::size_t kSrcPortOffset = 0;
constexpr std::size_t kDstPortOffset = 2;
constexpr std::size_t kTcpChecksumOffset = 16;
constexpr std::size_t kUdpChecksumOffset = 6;

bool rewrite(wire::MutBytes packet, Ipv4Addr addr, std::uint16_t port, bool destination) {
  const auto ip = wire::parse_ipv4(packet, false);
  if (!ip) return false;
  const Ipv4Addr old_addr = destination ? ip->dst : ip->src;
  std::uint8_t* l4 = packet.data() + ip->header_len;
  const std::size_t l4_len = ip->total_len - ip->header_len;
  const std::size_t port_offset = destination ? kDstPortOffset : kSrcPortOffset;

  std::size_t csum_offset = 0;
  bool csum_present = true;
  if (ip->protocol == wire::kIpProtoTcp && l4_len >= wire::kTcpHeaderLen) {
    csum_offset = kTcpChecksumOffset;
  } else if (ip->protocol == wire::kIpProtoUdp && l4_len >= wire::kUdpHeaderLen) {
    csum_offset = kUdpChecksumOffset;
    csum_present = wire::get16(l4 + csum_offset) != 0;  // UDP: 0 = no checksum
  } else {
    csum_offset = 0;  // not TCP/UDP (or too short): address only
  }
  if (csum_offset != 0) {
    const std::uint16_t old_port = wire::get16(l4 + port_offset);
    if (csum_present) {
      std::uint16_t c = wire::get16(l4 + csum_offset);
      c = wire::checksum_replace32(c, old_addr.value, addr.value);  // pseudo-header
      c = wire::checksum_replace16(c, old_port, port);
      if (ip->protocol == wire::kIpProtoUdp && c == 0) c = 0xffff;
      wire::put16(l4 + csum_offset, c);
    }
    wire::put16(l4 + port_offset, port);
  }
  if (destination) wire::ipv4_set_dst(packet, addr);
  else wire::ipv4_set_src(packet, addr);
  return true;
}

}  // namespace

bool nat_rewrite_destination(wire::MutBytes packet, Ipv4Addr addr, std::uint16_t port) {
  return rewrite(packet, addr, port, true);
}

bool nat_rewrite_source(wire::MutBytes packet, Ipv4Addr addr, std::uint16_t port) {
  return rewrite(packet, addr, port, false);
}

}  // namespace lvs::ipvs
