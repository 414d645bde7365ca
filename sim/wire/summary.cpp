#include "sim/wire/summary.hpp"

#include <cstdio>
#include <string_view>

#include "sim/wire/arp.hpp"
#include "sim/wire/ethernet.hpp"
#include "sim/wire/icmp.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"
#include "sim/wire/udp.hpp"

// Summaries are built only when tracing is on, so plain std::string formatting is fine.
// Checksums are verified; a packet that parses only without verification is still
// described, with " [bad cksum]" appended (like tcpdump -v's "incorrect" note).

namespace lvs::wire {

namespace {

constexpr std::size_t kMaxHttpLine = 200;

std::string endpoint(Ipv4Addr a, std::uint16_t port) { return a.str() + ":" + std::to_string(port); }

bool starts_with(Bytes data, std::string_view prefix) {
  if (data.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (data[i] != static_cast<std::uint8_t>(prefix[i])) return false;
  return true;
}

// "HTTP/1.x NNN" status line, or a request line starting with a method (RFC 9110 9.3).
bool looks_like_http(Bytes payload) {
  static constexpr std::string_view kMethods[] = {"GET ",     "HEAD ",    "POST ",  "PUT ",  "DELETE ",
                                                  "OPTIONS ", "CONNECT ", "TRACE ", "PATCH "};
  if (starts_with(payload, "HTTP/1.") && payload.size() >= 12 && payload[8] == ' ') {
    for (std::size_t i = 9; i < 12; ++i)
      if (payload[i] < '0' || payload[i] > '9') return false;
    return true;
  }
  for (auto m : kMethods)
    if (starts_with(payload, m)) return true;
  return false;
}

// The first line (up to CR/LF, capped), non-printable bytes shown as '.'.
std::string first_line(Bytes payload) {
  std::string line;
  for (std::size_t i = 0; i < payload.size() && i < kMaxHttpLine; ++i) {
    const auto c = payload[i];
    if (c == '\r' || c == '\n') break;
    line += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '.';
  }
  return line;
}

std::string summarize_tcp(Bytes segment, const Ipv4Repr& ip) {
  auto tcp = parse_tcp(segment, ip.src, ip.dst, true);
  const bool bad_cksum = !tcp;
  if (!tcp) tcp = parse_tcp(segment, ip.src, ip.dst, false);
  if (!tcp) return "malformed TCP " + ip.src.str() + " > " + ip.dst.str();
  const Bytes payload = tcp_payload(segment, *tcp);
  char flags[8];
  std::string s = "TCP " + endpoint(ip.src, tcp->src_port) + " > " + endpoint(ip.dst, tcp->dst_port) + " [" +
                  tcp_flags_text(tcp->flags, flags) + "] seq " + std::to_string(tcp->seq);
  if (!payload.empty()) s += ":" + std::to_string(static_cast<std::uint32_t>(tcp->seq + payload.size()));
  if (tcp->has(kTcpAck)) s += " ack " + std::to_string(tcp->ack);
  // The window field is scaled (RFC 7323) except on SYNs, so only a SYN's is meaningful
  // without connection state.
  if (tcp->has(kTcpSyn)) s += " win " + std::to_string(tcp->window);
  if (!payload.empty()) s += " len " + std::to_string(payload.size());
  if (tcp->has(kTcpSyn) && tcp->mss != 0) s += " mss " + std::to_string(tcp->mss);
  if (looks_like_http(payload)) s += " " + first_line(payload);
  if (bad_cksum) s += " [bad cksum]";
  return s;
}

std::string summarize_udp(Bytes datagram, const Ipv4Repr& ip) {
  auto udp = parse_udp(datagram, ip.src, ip.dst, true);
  const bool bad_cksum = !udp;
  if (!udp) udp = parse_udp(datagram, ip.src, ip.dst, false);
  if (!udp) return "malformed UDP " + ip.src.str() + " > " + ip.dst.str();
  return "UDP " + endpoint(ip.src, udp->src_port) + " > " + endpoint(ip.dst, udp->dst_port) + " len " +
         std::to_string(udp->length - kUdpHeaderLen) + (bad_cksum ? " [bad cksum]" : "");
}

// What an ICMP destination-unreachable says, using the quoted header where needed.
std::string unreachable_text(const IcmpRepr& icmp, Bytes quote) {
  const auto inner = parse_ipv4_quoted(quote);
  const Bytes l4 = inner ? quote.subspan(inner->header_len) : Bytes{};
  switch (icmp.code) {
    case kIcmpNetUnreachable: return inner ? "net " + inner->dst.str() + " unreachable" : "net unreachable";
    case kIcmpHostUnreachable: return inner ? "host " + inner->dst.str() + " unreachable" : "host unreachable";
    case kIcmpProtoUnreachable:
      return inner ? "protocol " + std::to_string(inner->protocol) + " unreachable" : "protocol unreachable";
    case kIcmpPortUnreachable:
      if (inner && l4.size() >= 4) return "port " + std::to_string(get16(l4.data() + 2)) + " unreachable";
      return "port unreachable";
    case kIcmpFragNeeded:
      return (inner ? inner->dst.str() + " unreachable" : std::string("unreachable")) + " - need to frag (mtu " +
             std::to_string(icmp.sequence) + ")";
    default: return "unreachable code " + std::to_string(icmp.code);
  }
}

std::string summarize_icmp(Bytes message, const Ipv4Repr& ip) {
  const auto icmp = parse_icmp(message);
  const std::string head = ip.src.str() + " > " + ip.dst.str();
  if (!icmp) return "malformed ICMP " + head;
  std::string what;
  switch (icmp->type) {
    case kIcmpEchoRequest:
    case kIcmpEchoReply:
      what = std::string(icmp->type == kIcmpEchoRequest ? "echo request" : "echo reply") + " id " +
             std::to_string(icmp->identifier) + " seq " + std::to_string(icmp->sequence);
      break;
    case kIcmpDestUnreachable: what = unreachable_text(*icmp, icmp_data(message)); break;
    case kIcmpTimeExceeded: what = icmp->code == 0 ? "time exceeded in-transit" : "time exceeded reassembly"; break;
    default: what = "type " + std::to_string(icmp->type) + " code " + std::to_string(icmp->code);
  }
  return "ICMP " + head + " " + what;
}

std::string summarize_fragment(const Ipv4Repr& ip) {
  return "IPv4 " + ip.src.str() + " > " + ip.dst.str() + " frag id " + std::to_string(ip.ident) + " off " +
         std::to_string(ip.frag_offset * 8) + (ip.more_fragments ? "+" : "") + " proto " + std::to_string(ip.protocol) +
         " len " + std::to_string(ip.total_len - ip.header_len);
}

std::string summarize_arp(Bytes payload) {
  const auto arp = parse_arp(payload);
  if (!arp) return "malformed ARP";
  if (arp->op == kArpRequest) return "ARP who-has " + arp->target_ip.str() + " tell " + arp->sender_ip.str();
  return "ARP reply " + arp->sender_ip.str() + " is-at " + arp->sender_mac.str();
}

}  // namespace

std::string summarize_ipv4(Bytes packet) {
  auto ip = parse_ipv4(packet, true);
  const bool bad_cksum = !ip;
  if (!ip) ip = parse_ipv4(packet, false);
  if (!ip) return "malformed IPv4";
  const Bytes payload = ipv4_payload(packet, *ip);
  std::string s;
  if (ip->is_fragment()) {
    s = summarize_fragment(*ip);
  } else {
    switch (ip->protocol) {
      case kIpProtoTcp: s = summarize_tcp(payload, *ip); break;
      case kIpProtoUdp: s = summarize_udp(payload, *ip); break;
      case kIpProtoIcmp: s = summarize_icmp(payload, *ip); break;
      case kIpProtoIpip:  // RFC 2003: the payload is a whole IPv4 packet
        s = "IPIP " + ip->src.str() + " > " + ip->dst.str() + ": " + summarize_ipv4(payload);
        break;
      default:
        s = "IPv4 " + ip->src.str() + " > " + ip->dst.str() + " proto " + std::to_string(ip->protocol) + " len " +
            std::to_string(payload.size());
    }
  }
  if (bad_cksum) s += " [bad ip cksum]";
  return s;
}

std::string summarize_frame(Bytes frame) {
  const auto eth = parse_ethernet(frame);
  if (!eth) return "malformed Ethernet";
  const Bytes payload = ethernet_payload(frame);
  switch (eth->ethertype) {
    case kEtherTypeArp: return summarize_arp(payload);
    case kEtherTypeIpv4: return summarize_ipv4(payload);
    default: {
      char buf[48];
      std::snprintf(buf, sizeof buf, "ethertype 0x%04x len %zu", eth->ethertype, payload.size());
      return buf;
    }
  }
}

}  // namespace lvs::wire
