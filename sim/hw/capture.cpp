#include "sim/hw/capture.hpp"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <tuple>

#include "sim/hw/error.hpp"
#include "sim/hw/http_apps.hpp"
#include "sim/hw/netns.hpp"
#include "sim/hw/ready.hpp"
#include "sim/wire/arp.hpp"
#include "sim/wire/ethernet.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

namespace lvs::hw {
namespace {

constexpr std::size_t kSnapLen = 65536 + 64;
constexpr int kRcvBuf = 8 << 20;

// The identity of one IP packet as it crosses hops.
struct PacketKey {
  std::uint32_t flow;
  bool from_client;
  std::uint16_t ident;
  std::uint32_t seq, ack;
  std::uint8_t flags;
  std::size_t payload;
  std::uint32_t src, dst;  // non-TCP only
  auto tie() const { return std::tie(flow, from_client, ident, seq, ack, flags, payload, src, dst); }
  bool operator<(const PacketKey& o) const { return tie() < o.tie(); }
};

struct Classified {
  bool ipv4 = false;
  std::uint32_t flow = 0;
  PacketKey key{};
};

Classified classify(wire::Bytes frame, const FlowMap& flows) {
  Classified c;
  const auto eth = wire::parse_ethernet(frame);
  if (!eth || eth->ethertype != wire::kEtherTypeIpv4) return c;
  const wire::Bytes packet = wire::ethernet_payload(frame);
  auto ip = wire::parse_ipv4(packet, false);
  if (!ip) return c;
  c.ipv4 = true;
  wire::Bytes inner = wire::ipv4_payload(packet, *ip);
  wire::Ipv4Repr hdr = *ip;
  if (hdr.protocol == wire::kIpProtoIpip) {  // LVS-TUN: the packet inside is the one that travels
    const auto in = wire::parse_ipv4(inner, false);
    if (!in) return c;
    hdr = *in;
    inner = wire::ipv4_payload(inner, *in);
  }
  c.key.ident = hdr.ident;
  if (hdr.protocol == wire::kIpProtoTcp && !hdr.is_fragment()) {
    if (const auto tcp = wire::parse_tcp(inner, hdr.src, hdr.dst, false)) {
      if (auto f = flows.find({hdr.src.value, tcp->src_port}); f != flows.end()) {
        c.flow = f->second;
        c.key.from_client = true;
      } else if (auto g = flows.find({hdr.dst.value, tcp->dst_port}); g != flows.end()) {
        c.flow = g->second;
      }
      c.key.flow = c.flow;
      c.key.seq = tcp->seq;
      c.key.ack = tcp->ack;
      c.key.flags = tcp->flags;
      c.key.payload = inner.size() >= tcp->header_len ? inner.size() - tcp->header_len : 0;
      if (c.flow != 0) return c;
    }
  }
  c.key.src = hdr.src.value;
  c.key.dst = hdr.dst.value;
  c.key.flags = hdr.protocol;
  return c;
}

}  // namespace

std::vector<TraceRecord> capture_records(Trace& trace, std::vector<CapturedFrame> frames, const FlowMap& flows,
                                         std::int64_t origin_ns,
                                         const std::map<std::pair<HostId, IfIndex>, int>& arp_ignore) {
  std::vector<TraceRecord> out;
  // Time order; at the same instant a transmission comes before its reception.
  std::stable_sort(frames.begin(), frames.end(), [](const CapturedFrame& a, const CapturedFrame& b) {
    if (a.t_ns != b.t_ns) return a.t_ns < b.t_ns;
    return a.outgoing && !b.outgoing;
  });
  std::map<PacketKey, std::uint32_t> ids;
  std::uint32_t next_id = 0;
  for (auto& f : frames) {
    const wire::Bytes bytes(f.bytes.data(), f.bytes.size());
    const SimTime t = f.t_ns - origin_ns;
    const auto eth = wire::parse_ethernet(bytes);
    if (!eth) continue;
    if (eth->ethertype == wire::kEtherTypeArp) {
      const auto arp = wire::parse_arp(wire::ethernet_payload(bytes));
      if (!arp || arp->op != wire::kArpReply || !f.outgoing) continue;
      const auto ai = arp_ignore.find({f.host, f.iface});
      out.push_back(TraceRecord{
          t, ArpDecision{f.host, f.iface, arp->target_ip, arp->sender_ip, arp->target_mac, ArpVerdict::kReplied,
                         static_cast<std::uint8_t>(ai == arp_ignore.end() ? 0 : ai->second)}});
      continue;
    }
    const Classified c = classify(bytes, flows);
    if (!c.ipv4) continue;
    std::uint32_t id = 0;
    if (f.outgoing) {
      // A host sending a packet it did not just receive starts a new packet identity;
      // a forwarded one (seen arriving before) keeps its id.
      auto [it, fresh] = ids.try_emplace(c.key, 0);
      if (fresh) it->second = ++next_id;
      id = it->second;
    } else {
      auto it = ids.find(c.key);
      if (it == ids.end()) it = ids.emplace(c.key, ++next_id).first;
      id = it->second;
    }
    const std::uint32_t index = trace.add_frame(bytes);
    if (f.outgoing) out.push_back(TraceRecord{t, FrameTx{f.host, f.iface, index, id, c.flow}});
    else out.push_back(TraceRecord{t, FrameRx{f.host, f.iface, index, id, c.flow}});
  }
  return out;
}

Capture::~Capture() { stop(); }

void Capture::add_host(const std::string& ns, HostId host, const std::vector<std::pair<std::string, IfIndex>>& ifaces) {
  auto ready = std::make_shared<ReadySignal>();
  threads_.emplace_back([this, ready, ns, host, ifaces] {
    std::vector<std::pair<int, IfIndex>> socks;
    std::string err;
    try {
      enter_netns(ns);
      for (const auto& [name, index] : ifaces) {
        const int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, htons(ETH_P_ALL));
        if (fd < 0) throw_errno(ns + ": packet socket", errno);
        socks.emplace_back(fd, index);
        const int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
        ::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &kRcvBuf, sizeof kRcvBuf);
        sockaddr_ll sll{};
        sll.sll_family = AF_PACKET;
        sll.sll_protocol = htons(ETH_P_ALL);
        sll.sll_ifindex = static_cast<int>(::if_nametoindex(name.c_str()));
        if (sll.sll_ifindex == 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&sll), sizeof sll) != 0)
          throw_errno(ns + ": capture on " + name, errno ? errno : ENODEV);
      }
    } catch (const std::exception& e) {
      err = e.what();
    }
    ready->notify(err);
    std::vector<pollfd> pfds;
    for (const auto& s : socks) pfds.push_back(pollfd{s.first, POLLIN, 0});
    std::vector<std::uint8_t> buf(kSnapLen);
    alignas(cmsghdr) char control[256];
    // Drain until asked to stop, then once more so that nothing in flight is lost.
    bool last_round = false;
    while (err.empty()) {
      if (stop_) last_round = true;
      ::poll(pfds.data(), pfds.size(), last_round ? 0 : 50);
      for (std::size_t k = 0; k < socks.size(); ++k) {
        for (;;) {
          sockaddr_ll from{};
          iovec iov{buf.data(), buf.size()};
          msghdr msg{};
          msg.msg_name = &from;
          msg.msg_namelen = sizeof from;
          msg.msg_iov = &iov;
          msg.msg_iovlen = 1;
          msg.msg_control = control;
          msg.msg_controllen = sizeof control;
          const ssize_t n = ::recvmsg(socks[k].first, &msg, MSG_DONTWAIT);
          if (n <= 0) break;
          CapturedFrame f;
          f.t_ns = realtime_ns();
          for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_TIMESTAMPNS) {
              timespec ts{};
              std::memcpy(&ts, CMSG_DATA(c), sizeof ts);
              f.t_ns = std::int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
            }
          f.host = host;
          f.iface = socks[k].second;
          f.outgoing = from.sll_pkttype == PACKET_OUTGOING;
          f.bytes.assign(buf.begin(), buf.begin() + std::min<ssize_t>(n, static_cast<ssize_t>(buf.size())));
          std::lock_guard lock(mu_);
          frames_.push_back(std::move(f));
        }
      }
      if (last_round) break;
    }
    for (const auto& s : socks) ::close(s.first);
  });
  if (const std::string error = ready->wait(); !error.empty()) throw HwError(error);
}

std::vector<CapturedFrame> Capture::stop() {
  stop_ = true;
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
  std::lock_guard lock(mu_);
  return std::move(frames_);
}

}  // namespace lvs::hw
