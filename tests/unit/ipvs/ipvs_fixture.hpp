#pragma once
// Helpers for the director-model tests: a TCP service on 192.0.2.100:80 and clients that
// open / advance connections through IpvsTables::in_packet()/out_packet().
#include <doctest/doctest.h>

#include <string>

#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::test {

inline Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }

inline ServiceKey vip_key(Protocol p = Protocol::kTcp) {
  ServiceKey k;
  k.protocol = p;
  k.addr = ip("192.0.2.100");
  k.port = 80;
  return k;
}

inline ServiceSpec service(const char* sched, Protocol p = Protocol::kTcp) {
  ServiceSpec s;
  s.key = vip_key(p);
  s.scheduler = sched;
  return s;
}

inline DestSpec dest(const char* addr, int weight = 1, FwdMethod m = FwdMethod::kRoute) {
  DestSpec d;
  d.addr = ip(addr);
  d.port = 80;
  d.method = m;
  d.weight = weight;
  return d;
}

inline PacketMeta tcp(const char* client, std::uint16_t cport, TcpFlags f, std::uint32_t len = 60) {
  PacketMeta p;
  p.protocol = Protocol::kTcp;
  p.saddr = ip(client);
  p.sport = cport;
  p.daddr = ip("192.0.2.100");
  p.dport = 80;
  p.length = len;
  p.tcp = f;
  return p;
}

constexpr TcpFlags kSyn{true, false, false, false};
constexpr TcpFlags kAck{false, false, true, false};
constexpr TcpFlags kSynAck{true, false, true, false};
constexpr TcpFlags kFinAck{false, true, true, false};
constexpr TcpFlags kRst{false, false, false, true};

// Open a connection with a SYN and return the last octet of the chosen real server
// (0 when IPVS had no destination).
inline int syn_to(IpvsTables& t, const char* client, std::uint16_t cport, SimTime now) {
  const InResult r = t.in_packet(tcp(client, cport, kSyn), now);
  if (r.verdict != InVerdict::kForward) return 0;
  return static_cast<int>(r.daddr.value & 0xff);
}

inline std::string picks(IpvsTables& t, int n, SimTime now, std::uint16_t first_port = 40000) {
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (!s.empty()) s += ',';
    s += std::to_string(syn_to(t, "203.0.113.10", static_cast<std::uint16_t>(first_port + i), now));
  }
  return s;
}

}  // namespace lvs::ipvs::test
