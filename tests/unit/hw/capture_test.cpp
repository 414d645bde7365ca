#include <doctest/doctest.h>

#include <algorithm>

#include "sim/hw/capture.hpp"
#include "sim/hw/http_apps.hpp"
#include "sim/scenario/scenario.hpp"
#include "sim/trace/paths.hpp"
#include "sim/trace/vip_arp.hpp"
#include "sim/wire/arp.hpp"
#include "sim/wire/ethernet.hpp"
#include "sim/wire/ipv4.hpp"
#include "sim/wire/tcp.hpp"

using namespace lvs;
using namespace lvs::hw;

namespace {

const std::string kNat = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-nat.json";
const std::string kTun = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-tun.json";

struct Seg {
  std::uint16_t sport, dport;
  std::uint32_t seq, ack;
  std::uint8_t flags;
  std::string payload;
};

std::vector<std::uint8_t> tcp_packet(Ipv4Addr src, Ipv4Addr dst, std::uint16_t id, const Seg& s) {
  wire::TcpRepr t;
  t.src_port = s.sport;
  t.dst_port = s.dport;
  t.seq = s.seq;
  t.ack = s.ack;
  t.flags = s.flags;
  t.window = 65535;
  const std::size_t th = wire::tcp_header_len(t);
  std::vector<std::uint8_t> pkt(20 + th + s.payload.size());
  std::copy(s.payload.begin(), s.payload.end(), pkt.begin() + static_cast<std::ptrdiff_t>(20 + th));
  wire::emit_tcp(t, src, dst, wire::MutBytes(pkt.data() + 20, th + s.payload.size()));
  wire::Ipv4Repr ip;
  ip.src = src;
  ip.dst = dst;
  ip.protocol = wire::kIpProtoTcp;
  ip.ident = id;
  wire::emit_ipv4(ip, static_cast<std::uint16_t>(th + s.payload.size()), wire::MutBytes(pkt.data(), 20));
  return pkt;
}

std::vector<std::uint8_t> ipip(Ipv4Addr src, Ipv4Addr dst, const std::vector<std::uint8_t>& inner) {
  std::vector<std::uint8_t> pkt(20 + inner.size());
  std::copy(inner.begin(), inner.end(), pkt.begin() + 20);
  wire::Ipv4Repr ip;
  ip.src = src;
  ip.dst = dst;
  ip.protocol = wire::kIpProtoIpip;
  ip.ident = 999;
  wire::emit_ipv4(ip, static_cast<std::uint16_t>(inner.size()), wire::MutBytes(pkt.data(), 20));
  return pkt;
}

std::vector<std::uint8_t> eth(MacAddr src, MacAddr dst, const std::vector<std::uint8_t>& payload,
                              std::uint16_t type = wire::kEtherTypeIpv4) {
  std::vector<std::uint8_t> f(14 + payload.size());
  wire::emit_ethernet(wire::EthernetRepr{dst, src, type}, wire::MutBytes(f.data(), 14));
  std::copy(payload.begin(), payload.end(), f.begin() + 14);
  return f;
}

// Builds captured frames hop by hop over the scenario's real MACs.
class Wire {
 public:
  explicit Wire(const TraceMeta& meta) : meta_(meta) {}
  std::pair<HostId, IfIndex> at(const std::string& host, const std::string& iface) const {
    for (HostId h = 0; h < meta_.hosts.size(); ++h)
      if (meta_.hosts[h].name == host)
        for (IfIndex i = 0; i < meta_.hosts[h].interfaces.size(); ++i)
          if (meta_.hosts[h].interfaces[i].name == iface) return {h, i};
    FAIL("no " << host << " " << iface);
    return {0, 0};
  }
  MacAddr mac(const std::string& host, const std::string& iface) const {
    const auto [h, i] = at(host, iface);
    return meta_.hosts[h].interfaces[i].mac;
  }
  // One hop: `from` sends on its interface, `to` receives it.
  void hop(const std::string& from, const std::string& fif, const std::string& to, const std::string& tif,
           const std::vector<std::uint8_t>& packet) {
    const auto frame = eth(mac(from, fif), mac(to, tif), packet);
    add(from, fif, true, frame);
    add(to, tif, false, frame);
  }
  void add(const std::string& host, const std::string& iface, bool out, const std::vector<std::uint8_t>& frame) {
    const auto [h, i] = at(host, iface);
    frames.push_back(CapturedFrame{t_ += 1000, h, i, out, frame});
  }
  std::vector<CapturedFrame> frames;

 private:
  const TraceMeta& meta_;
  std::int64_t t_ = 1'000'000'000;
};

}  // namespace

TEST_CASE("captured LVS-NAT frames give the textbook path through the same path code as the simulator") {
  const ScenarioSpec spec = load_scenario_file(kNat);
  auto run = build_run(spec, std::nullopt, true);
  Trace& trace = run->world->trace();
  Wire w(trace.meta());
  const Ipv4Addr cip(10, 0, 0, 5), vip(192, 168, 0, 100), rip(192, 168, 10, 11);
  const Seg get{40000, 80, 100, 500, wire::kTcpAck | wire::kTcpPsh, "GET / HTTP/1.1\r\n\r\n"};
  // Request: client -> gw -> director (VIP) -> rewritten to the RIP -> rs1.
  w.hop("client1", "eth0", "gw", "eth0", tcp_packet(cip, vip, 7, get));
  w.hop("gw", "eth1", "director", "eth0", tcp_packet(cip, vip, 7, get));
  w.hop("director", "eth1", "rs1", "eth0", tcp_packet(cip, rip, 7, get));
  // Response: rs1 -> director (source rewritten to the VIP) -> gw -> client.
  const Seg resp{80, 40000, 500, 118, wire::kTcpAck | wire::kTcpPsh, "HTTP/1.1 200 OK\r\n\r\nrs1\n"};
  w.hop("rs1", "eth0", "director", "eth1", tcp_packet(rip, cip, 3, resp));
  w.hop("director", "eth0", "gw", "eth1", tcp_packet(vip, cip, 3, resp));
  w.hop("gw", "eth0", "client1", "eth0", tcp_packet(vip, cip, 3, resp));
  // An unrelated flow and the frames' order on arrival must not matter.
  std::reverse(w.frames.begin(), w.frames.end());
  const FlowMap flows{{{cip.value, 40000}, 1}};
  const auto records = capture_records(trace, w.frames, flows, 1'000'000'000, {});
  CHECK(records.size() == 12);
  CHECK(std::is_sorted(records.begin(), records.end(), [](const auto& a, const auto& b) { return a.time < b.time; }));
  for (const auto& r : records) trace.record(r.time, r.body);
  const auto paths = request_paths(trace);
  REQUIRE(paths.count(1) == 1);
  CHECK(paths.at(1).notation() == "CIP-DGW-VIP-RIP-DIP-DGW-CIP");
  CHECK(paths.at(1).complete);
}

TEST_CASE("LVS-TUN: the packet inside the IPIP header keeps its identity") {
  const ScenarioSpec spec = load_scenario_file(kTun);
  auto run = build_run(spec, std::nullopt, true);
  Trace& trace = run->world->trace();
  Wire w(trace.meta());
  const Ipv4Addr cip(10, 0, 0, 5), vip(192, 168, 10, 100), dip(192, 168, 10, 10), rip(192, 168, 20, 12);
  const Seg get{41000, 80, 1, 1, wire::kTcpAck | wire::kTcpPsh, "GET / HTTP/1.1\r\n\r\n"};
  w.hop("client1", "eth0", "gw", "eth0", tcp_packet(cip, vip, 9, get));
  w.hop("gw", "eth1", "director", "eth0", tcp_packet(cip, vip, 9, get));
  w.hop("director", "eth0", "gw", "eth1", ipip(dip, rip, tcp_packet(cip, vip, 9, get)));
  w.hop("gw", "eth2", "rs2", "eth0", ipip(dip, rip, tcp_packet(cip, vip, 9, get)));
  const Seg resp{80, 41000, 1, 20, wire::kTcpAck | wire::kTcpPsh, "HTTP/1.1 200 OK\r\n\r\nrs2\n"};
  w.hop("rs2", "eth0", "gw", "eth2", tcp_packet(vip, cip, 4, resp));
  w.hop("gw", "eth0", "client1", "eth0", tcp_packet(vip, cip, 4, resp));
  const auto records = capture_records(trace, w.frames, FlowMap{{{cip.value, 41000}, 1}}, 0, {});
  for (const auto& r : records) trace.record(r.time, r.body);
  const auto paths = request_paths(trace);
  REQUIRE(paths.count(1) == 1);
  CHECK(paths.at(1).notation() == "CIP-DGW-VIP-DGW-RIP-DGW-CIP");
}

TEST_CASE("an ARP reply a host sent is recorded as its answer for the VIP") {
  const ScenarioSpec spec = load_scenario_file(kNat);
  auto run = build_run(spec, std::nullopt, true);
  Trace& trace = run->world->trace();
  Wire w(trace.meta());
  wire::ArpRepr reply;
  reply.op = wire::kArpReply;
  reply.sender_mac = w.mac("director", "eth0");
  reply.sender_ip = Ipv4Addr(192, 168, 0, 100);
  reply.target_mac = w.mac("gw", "eth1");
  reply.target_ip = Ipv4Addr(192, 168, 0, 1);
  std::vector<std::uint8_t> arp(wire::kArpLen);
  wire::emit_arp(reply, wire::MutBytes(arp.data(), arp.size()));
  const auto frame = eth(reply.sender_mac, reply.target_mac, arp, wire::kEtherTypeArp);
  w.add("director", "eth0", true, frame);
  w.add("gw", "eth1", false, frame);  // a received reply alone says nothing
  const auto [dh, di] = w.at("director", "eth0");
  const auto records = capture_records(trace, w.frames, {}, 0, {{{dh, di}, 0}});
  REQUIRE(records.size() == 1);
  for (const auto& r : records) trace.record(r.time, r.body);
  const auto events = vip_arp_history(trace);
  REQUIRE(events.size() == 1);
  CHECK(events[0].host == "director");
  CHECK(events[0].kind == VipArpEvent::Kind::kAnswered);
}

TEST_CASE("the real server answers as the simulated httpd does") {
  HttpServerConfig c;
  c.files["/var/www/html/index.html"] = "rs1\n";
  int status = 0;
  std::string path;
  const std::string ok = http_response(c, "GET / HTTP/1.1\r\nHost: x", &status, &path);
  CHECK(status == 200);
  CHECK(path == "/index.html");
  CHECK(ok ==
        "HTTP/1.1 200 OK\r\nServer: Apache/2.4 (lvslab)\r\nContent-Length: 4\r\nConnection: close\r\n"
        "Content-Type: text/html\r\n\r\nrs1\n");
  http_response(c, "GET /missing HTTP/1.1\r\nHost: x", &status, &path);
  CHECK(status == 404);
  const std::string head = http_response(c, "HEAD / HTTP/1.1\r\nHost: x", &status, &path);
  CHECK(head.ends_with("\r\n\r\n"));
  http_response(c, "DELETE / HTTP/1.1", &status, &path);
  CHECK(status == 501);
  http_response(c, "nonsense", &status, &path);
  CHECK(status == 400);
}
