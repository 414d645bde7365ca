#pragma once
// A small hand-built trace shared by the pcap and JSON-lines tests: two hosts on one
// segment ("lan"), an empty second segment ("wan"), an ARP exchange and one record of
// every other kind.
#include <cstdint>
#include <vector>

#include "sim/trace/trace.hpp"
#include "sim/wire/bytes.hpp"

namespace lvs::test {

inline constexpr MacAddr kMacClient{{0x02, 0, 0, 0, 0x01, 0x01}};
inline constexpr MacAddr kMacServer{{0x02, 0, 0, 0, 0x02, 0x11}};
inline constexpr Ipv4Addr kIpClient{192, 168, 10, 1};
inline constexpr Ipv4Addr kIpServer{192, 168, 10, 10};

// Ethernet + ARP (RFC 826) frame, 42 bytes, no padding.
inline std::vector<std::uint8_t> arp_frame(std::uint16_t op, MacAddr eth_dst, MacAddr sha, Ipv4Addr spa, MacAddr tha,
                                           Ipv4Addr tpa) {
  std::vector<std::uint8_t> f(42, 0);
  wire::put_mac(&f[0], eth_dst);
  wire::put_mac(&f[6], sha);
  wire::put16(&f[12], 0x0806);
  wire::put16(&f[14], 1);       // htype Ethernet
  wire::put16(&f[16], 0x0800);  // ptype IPv4
  f[18] = 6;
  f[19] = 4;
  wire::put16(&f[20], op);
  wire::put_mac(&f[22], sha);
  wire::put_ip(&f[28], spa);
  wire::put_mac(&f[32], tha);
  wire::put_ip(&f[38], tpa);
  return f;
}

struct Sample {
  Trace trace;
  std::vector<std::uint8_t> request, reply;
  std::uint32_t request_frame = 0, reply_frame = 0;
};

inline void fill_meta(TraceMeta& meta) {
  meta.scenario = "arp-basic";
  meta.seed = 42;
  meta.segments = {{"lan"}, {"wan"}};
  meta.hosts = {
      {"client",
       "client",
       {{"lo", MacAddr::zero(), kNoId, {"127.0.0.1/8"}}, {"eth0", kMacClient, 0, {"192.168.10.1/24"}}}},
      {"rs1",
       "realserver",
       {{"lo", MacAddr::zero(), kNoId, {"127.0.0.1/8"}}, {"eth0", kMacServer, 0, {"192.168.10.10/24"}}}},
  };
}

inline void build_sample(Sample& s) {
  fill_meta(s.trace.meta());
  s.request = arp_frame(1, MacAddr::broadcast(), kMacClient, kIpClient, MacAddr::zero(), kIpServer);
  s.reply = arp_frame(2, kMacClient, kMacServer, kIpServer, kMacClient, kIpClient);
  s.request_frame = s.trace.add_frame(wire::Bytes(s.request));
  s.reply_frame = s.trace.add_frame(wire::Bytes(s.reply));
  Trace& t = s.trace;
  const Endpoint4 ep{kIpClient, 40001, kIpServer, 80};
  t.record(0, WorldNote{kNoId, t.add_string("start")});
  t.record(1'000, FrameTx{0, 1, s.request_frame, 0, 0});
  t.record(1'500, FrameWire{0, s.request_frame});
  t.record(2'000, FrameRx{1, 1, s.request_frame, 0, 0});
  t.record(2'000, ArpDecision{1, 1, kIpClient, kIpServer, kMacClient, ArpVerdict::kReplied, 0});
  t.record(2'000, NeighChange{1, 1, kIpClient, NeighState::kNone, NeighState::kStale, kMacClient, MacAddr::zero()});
  t.record(3'000, FrameTx{1, 1, s.reply_frame, 0, 0});
  t.record(1'000'003'500, FrameWire{0, s.reply_frame});  // 1 s later: exercises ts_sec
  t.record(1'000'004'000, FrameRx{0, 1, s.reply_frame, 0, 0});
  t.record(1'000'004'000, FrameDrop{kNoId, kNoId, 0, DropReason::kSwitchQueueFull, s.reply_frame, 7, 3});
  t.record(1'000'005'000, RouteDecision{0, RouteKind::kOutput, 1, kIpServer, kIpServer, 7, 3});
  t.record(1'000'006'000, TcpStateChange{0, ep, TcpStateId::kClosed, TcpStateId::kSynSent, 3});
  t.record(1'200'006'000, TcpRetransmit{0, ep, 1000, 200'000'000, 3});
  t.record(1'300'000'000, AppEvent{0, AppEventKind::kRequestStart, 3, 0, t.add_string("http://192.168.10.10/"), ep});
}

}  // namespace lvs::test
