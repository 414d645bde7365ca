// Fuzz target: the wire parsers (sim/wire) on one Ethernet frame, as the hosts, the
// trace views and the viewer read frames: Ethernet, ARP, IPv4 (options, fragments),
// IPIP (the inner IPv4 of LVS-TUN), ICMP (with the quoted header of an error), UDP,
// TCP with its options; plus the one-line summary and the viewer's layer decode.
//
// Invariants beyond "does not crash":
//  * parse -> emit -> parse gives the same values for every layer (and the same bytes
//    where the format has only one encoding); what emit writes carries a valid checksum;
//  * the in-place rewrites IPVS and forwarding use (source/destination address, TTL)
//    keep a valid IPv4 header checksum valid (RFC 1624 incremental update);
//  * the viewer's decode never shows a field outside the frame (a cut-short layer says so).
#include <cstring>
#include <vector>

#include "sim/wire/arp.hpp"
#include "sim/wire/checksum.hpp"
#include "sim/wire/ethernet.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/summary.hpp"
#include "sim/wire/tcp.hpp"
#include "sim/wire/udp.hpp"
#include "tests/fuzz/fuzz_check.hpp"
#include "viz/model/decode.hpp"

namespace lvs::wire {
namespace {

using Buffer = std::vector<std::uint8_t>;

Buffer copy(Bytes b) { return Buffer(b.begin(), b.end()); }
Bytes view(const Buffer& b) { return Bytes(b.data(), b.size()); }

void check_ethernet(Bytes frame, const EthernetRepr& eth) {
  std::uint8_t out[kEthHeaderLen];
  emit_ethernet(eth, MutBytes(out, sizeof out));
  FUZZ_CHECK(std::memcmp(out, frame.data(), kEthHeaderLen) == 0, "Ethernet header re-emitted differently");
}

void check_arp(Bytes payload) {
  const auto arp = parse_arp(payload);
  if (!arp) return;
  std::uint8_t out[kArpLen];
  emit_arp(*arp, MutBytes(out, sizeof out));
  FUZZ_CHECK(std::memcmp(out, payload.data(), kArpLen) == 0, "ARP re-emitted differently");
  FUZZ_CHECK(parse_arp(Bytes(out, sizeof out)) == arp, "ARP parse(emit(x)) != x");
}

bool same_ipv4_fields(const Ipv4Repr& a, const Ipv4Repr& b) {
  return a.src == b.src && a.dst == b.dst && a.protocol == b.protocol && a.ttl == b.ttl && a.tos == b.tos &&
         a.ident == b.ident && a.dont_fragment == b.dont_fragment && a.more_fragments == b.more_fragments &&
         a.frag_offset == b.frag_offset;
}

// Emit the parsed header (without options) in front of the same payload and parse again.
void check_ipv4_round_trip(Bytes packet, const Ipv4Repr& ip) {
  const Bytes payload = ipv4_payload(packet, ip);
  if (kIpv4HeaderLen + payload.size() > 0xffff) return;
  Buffer out(kIpv4HeaderLen + payload.size());
  std::copy(payload.begin(), payload.end(), out.begin() + kIpv4HeaderLen);
  emit_ipv4(ip, static_cast<std::uint16_t>(payload.size()), MutBytes(out.data(), out.size()));
  const auto again = parse_ipv4(view(out), /*verify_checksum=*/true);
  FUZZ_CHECK(again.has_value(), "emitted IPv4 header does not parse (or has a bad checksum)");
  FUZZ_CHECK(same_ipv4_fields(*again, ip), "IPv4 parse(emit(x)) != x");
  FUZZ_CHECK(again->header_len == kIpv4HeaderLen && again->total_len == out.size(), "IPv4 lengths after emit");
}

// The rewrites of NAT and forwarding patch the checksum incrementally: a header whose
// checksum was right must still verify, and the fields must hold the new values.
void check_ipv4_rewrites(Bytes packet, const Ipv4Repr& ip) {
  if (!parse_ipv4(packet, true)) return;  // only meaningful on a header that verified
  Buffer p = copy(packet);
  const MutBytes m(p.data(), p.size());
  const Ipv4Addr new_src(ip.dst.value ^ 0x0a0b0c0du), new_dst(ip.src.value + 1);
  ipv4_set_src(m, new_src);
  ipv4_set_dst(m, new_dst);
  const std::uint8_t ttl = ipv4_decrement_ttl(m);
  const auto after = parse_ipv4(view(p), true);
  FUZZ_CHECK(after.has_value(), "IPv4 checksum wrong after set_src/set_dst/decrement_ttl");
  FUZZ_CHECK(after->src == new_src && after->dst == new_dst, "rewritten addresses not in the header");
  FUZZ_CHECK(ttl == static_cast<std::uint8_t>(ip.ttl - 1) && after->ttl == ttl, "TTL not decremented");
}

void check_icmp(Bytes message) {
  const auto icmp = parse_icmp(message);
  if (!icmp) return;
  Buffer out = copy(message);
  emit_icmp(*icmp, MutBytes(out.data(), out.size()));
  // A valid checksum has two encodings (0x0000 and 0xffff are both zero in ones'
  // complement): compare everything else, and check that what emit wrote verifies.
  out[2] = message[2], out[3] = message[3];
  FUZZ_CHECK(out == copy(message), "ICMP re-emitted differently");
  emit_icmp(*icmp, MutBytes(out.data(), out.size()));
  FUZZ_CHECK(parse_icmp(view(out)).has_value(), "emitted ICMP does not verify");
  if (icmp->is_error()) (void)parse_ipv4_quoted(icmp_data(message));
}

void check_udp(Bytes datagram, const Ipv4Repr& ip) {
  const auto udp = parse_udp(datagram, ip.src, ip.dst, /*verify_checksum=*/false);
  if (!udp) return;
  const bool verified = parse_udp(datagram, ip.src, ip.dst, true).has_value();
  const Bytes payload = udp_payload(datagram, *udp);
  Buffer out(kUdpHeaderLen + payload.size());
  std::copy(payload.begin(), payload.end(), out.begin() + kUdpHeaderLen);
  emit_udp(*udp, ip.src, ip.dst, MutBytes(out.data(), out.size()));
  const auto again = parse_udp(view(out), ip.src, ip.dst, true);
  FUZZ_CHECK(again.has_value(), "emitted UDP does not parse or verify");
  FUZZ_CHECK(again->src_port == udp->src_port && again->dst_port == udp->dst_port && again->length == udp->length,
             "UDP parse(emit(x)) != x");
  FUZZ_CHECK(get16(out.data() + 6) != 0, "emitted UDP checksum is 0 (means none)");
  if (verified && get16(datagram.data() + 6) != 0 && get16(datagram.data() + 6) != 0xffff)
    FUZZ_CHECK(std::memcmp(out.data(), datagram.data(), out.size()) == 0, "UDP re-emitted differently");
}

bool same_tcp_fields(const TcpRepr& a, const TcpRepr& b) {
  return a.src_port == b.src_port && a.dst_port == b.dst_port && a.seq == b.seq && a.ack == b.ack &&
         a.flags == b.flags && a.window == b.window && a.mss == b.mss && a.sack_permitted == b.sack_permitted &&
         a.has_wscale == b.has_wscale && a.wscale == b.wscale && a.has_timestamp == b.has_timestamp &&
         a.tsval == b.tsval && a.tsecr == b.tsecr;
}

void check_tcp(Bytes segment, const Ipv4Repr& ip) {
  const auto tcp = parse_tcp(segment, ip.src, ip.dst, /*verify_checksum=*/false);
  if (!tcp) return;
  FUZZ_CHECK(tcp->header_len >= kTcpHeaderLen && tcp->header_len <= segment.size(), "TCP header_len out of range");
  const Bytes payload = tcp_payload(segment, *tcp);
  const std::size_t hlen = tcp_header_len(*tcp);
  if (hlen + payload.size() > 0xffff) return;
  Buffer out(hlen + payload.size());
  std::copy(payload.begin(), payload.end(), out.begin() + static_cast<std::ptrdiff_t>(hlen));
  emit_tcp(*tcp, ip.src, ip.dst, MutBytes(out.data(), out.size()));
  const auto again = parse_tcp(view(out), ip.src, ip.dst, true);
  FUZZ_CHECK(again.has_value(), "emitted TCP does not parse or verify");
  FUZZ_CHECK(same_tcp_fields(*again, *tcp), "TCP parse(emit(x)) != x (options included)");
  FUZZ_CHECK(again->header_len == hlen && hlen % 4 == 0 && hlen <= 60, "TCP header length after emit");
  FUZZ_CHECK(tcp_payload(view(out), *again).size() == payload.size(), "TCP payload length after emit");
}

// The transport layer of an IPv4 packet (not a fragment after the first).
void check_transport(Bytes packet, const Ipv4Repr& ip, int depth) {
  if (ip.frag_offset != 0) return;
  const Bytes l4 = ipv4_payload(packet, ip);
  switch (ip.protocol) {
    case kIpProtoIcmp: check_icmp(l4); break;
    case kIpProtoUdp: check_udp(l4, ip); break;
    case kIpProtoTcp: check_tcp(l4, ip); break;
    case kIpProtoIpip:
      if (depth == 0) {
        if (const auto inner = parse_ipv4(l4, false)) {
          check_ipv4_round_trip(l4, *inner);
          check_transport(l4, *inner, depth + 1);
        }
      }
      break;
    default: break;
  }
}

void check_frame(Bytes frame) {
  const auto eth = parse_ethernet(frame);
  FUZZ_CHECK(eth.has_value() == (frame.size() >= kEthHeaderLen), "parse_ethernet length rule");
  if (!eth) return;
  check_ethernet(frame, *eth);
  const Bytes payload = ethernet_payload(frame);
  if (eth->ethertype == kEtherTypeArp) check_arp(payload);
  if (eth->ethertype != kEtherTypeIpv4) return;
  const auto ip = parse_ipv4(payload, false);
  if (!ip) return;
  FUZZ_CHECK(ip->header_len >= kIpv4HeaderLen && ip->header_len <= ip->total_len && ip->total_len <= payload.size(),
             "IPv4 lengths out of range");
  check_ipv4_round_trip(payload, *ip);
  check_ipv4_rewrites(payload, *ip);
  check_transport(payload, *ip, 0);
}

void check_views(Bytes frame) {
  const std::string summary = summarize_frame(frame);
  FUZZ_CHECK(!summary.empty(), "empty frame summary");
  for (const auto& layer : viz::decode_frame(frame)) {
    // A layer keeps its header's nominal length when the frame is cut short, and says so.
    FUZZ_CHECK(std::size_t{layer.offset} + layer.length <= frame.size() || !layer.error.empty(),
               "decoded layer outside the frame without an error");
    for (const auto& f : layer.fields)
      FUZZ_CHECK(std::size_t{f.offset} + f.length <= frame.size(), "decoded field outside the frame");
  }
}

}  // namespace
}  // namespace lvs::wire

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // A frame longer than any link MTU is never built; keep the buffer within 64 KiB.
  if (size > 0x10000) return -1;
  const lvs::wire::Bytes frame(data, size);
  lvs::wire::check_frame(frame);
  lvs::wire::check_views(frame);
  return 0;
}
