// Counters (--stats), the ip_vs_est.c estimator (--rate), zeroing, control-plane errors
// with ipvsadm's messages, dest port rules and listing order.
#include "ipvs_fixture.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::test;

TEST_CASE("stats: connections, packets and bytes per service and dest") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12"), 0) == IpvsError::kOk);
  for (std::uint16_t port = 1; port <= 6; ++port) {
    t.in_packet(tcp("203.0.113.10", port, kSyn, 60), 0);
    t.in_packet(tcp("203.0.113.10", port, kAck, 52), 0);
  }
  const Snapshot s = t.snapshot(0);
  CHECK(s.services[0].stats.conns == 6);
  CHECK(s.services[0].stats.inpkts == 12);
  CHECK(s.services[0].stats.inbytes == 6 * 112);
  CHECK(s.services[0].stats.outpkts == 0);
  CHECK(s.services[0].dests[0].stats.conns == 3);
  CHECK(s.services[0].dests[1].stats.inpkts == 6);
}

TEST_CASE("rate estimator: 2-second EWMA in the kernel's fixed point") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  for (std::uint16_t port = 1; port <= 10; ++port) t.in_packet(tcp("203.0.113.10", port, kSyn, 60), seconds(1));
  // Tick at 2 s: cps = (10 << 9) >> 2 = 1280 -> (1280 + 0x1FF) >> 10 = 1;
  // inbps = (600 << 4) >> 2 = 2400 -> (2400 + 0xF) >> 5 = 75.
  Snapshot s = t.snapshot(seconds(2));
  CHECK(s.services[0].stats.cps == 1);
  CHECK(s.services[0].stats.inpps == 1);
  CHECK(s.services[0].stats.inbps == 75);
  CHECK(s.services[0].dests[0].stats.inbps == 75);
  // Tick at 4 s with nothing new: cps 1280 - 320 = 960 -> 1; inbps 2400 - 600 = 1800 -> 56.
  s = t.snapshot(seconds(4));
  CHECK(s.services[0].stats.cps == 1);
  CHECK(s.services[0].stats.inbps == 56);
  // Tick at 6 s: cps 720 -> (720 + 511) >> 10 = 1; at 8 s: 540 -> 1; at 10 s: 405 -> 0.
  CHECK(t.snapshot(seconds(10)).services[0].stats.cps == 0);

  // -Z: counters and rates to zero.
  REQUIRE(t.zero(nullptr, seconds(10)) == IpvsError::kOk);
  s = t.snapshot(seconds(10));
  CHECK(s.services[0].stats.conns == 0);
  CHECK(s.services[0].stats.inbps == 0);
  CHECK(s.services[0].dests[0].stats.inpkts == 0);
}

TEST_CASE("control errors carry ipvsadm's messages") {
  IpvsTables t;
  CHECK(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kNoService);
  CHECK(std::string(error_message(IpvsOp::kAddDest, IpvsError::kNoService)) == "Service not defined");
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  CHECK(t.add_service(service("rr"), 0) == IpvsError::kExists);
  CHECK(std::string(error_message(IpvsOp::kAddService, IpvsError::kExists)) == "Service already exists");
  ServiceSpec bad = service("nope");
  bad.key.port = 81;
  CHECK(t.add_service(bad, 0) == IpvsError::kNotFound);
  CHECK(std::string(error_message(IpvsOp::kAddService, IpvsError::kNotFound)) ==
        "Scheduler or persistence engine not found");
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  CHECK(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kExists);
  CHECK(std::string(error_message(IpvsOp::kAddDest, IpvsError::kExists)) == "Destination already exists");
  CHECK(t.edit_dest(vip_key(), dest("192.0.2.99"), 0) == IpvsError::kNotFound);
  CHECK(std::string(error_message(IpvsOp::kEditDest, IpvsError::kNotFound)) == "No such destination");
  CHECK(t.del_dest(vip_key(), ip("192.0.2.99"), 80, 0) == IpvsError::kNotFound);
  DestSpec th = dest("192.0.2.13");
  th.l_threshold = 5;  // lower above upper (0)
  CHECK(t.add_dest(vip_key(), th, 0) == IpvsError::kRange);
  ServiceKey other = vip_key();
  other.port = 8080;
  CHECK(t.del_service(other, 0) == IpvsError::kNoService);
  CHECK(std::string(error_message(IpvsOp::kDelService, IpvsError::kNoService)) == "No such service");
  CHECK(std::string(error_message(IpvsOp::kAddDest, IpvsError::kNoMemory)) == "Memory allocation problem");
}

TEST_CASE("DR/TUN dests take the service port; NAT keeps its own") {
  IpvsTables t;
  REQUIRE(t.add_service(service("rr"), 0) == IpvsError::kOk);
  DestSpec dr = dest("192.0.2.11");
  dr.port = 8080;
  REQUIRE(t.add_dest(vip_key(), dr, 0) == IpvsError::kOk);
  CHECK(t.find_dest(vip_key(), ip("192.0.2.11"), 80) != nullptr);
  DestSpec nat = dest("192.0.2.12", 1, FwdMethod::kMasq);
  nat.port = 8080;
  REQUIRE(t.add_dest(vip_key(), nat, 0) == IpvsError::kOk);
  const InResult r = t.in_packet(tcp("203.0.113.10", 1, kSyn), 0);  // list head: .12
  CHECK(r.daddr == ip("192.0.2.12"));
  CHECK(r.dport == 8080);
}

TEST_CASE("services and connections in kernel listing order") {
  IpvsTables t;
  ServiceSpec a = service("rr");
  a.key.port = 443;               // bucket (6 ^ 0xC0000264 ^ 1 ^ 443) & 255 = 0x5e
  ServiceSpec b = service("rr");  // port 80: (6 ^ 0x64 ^ 0 ^ 80) & 255 = 0x32
  ServiceSpec f = service("wlc");
  f.key.fwmark = 1;
  REQUIRE(t.add_service(f, 0) == IpvsError::kOk);
  REQUIRE(t.add_service(a, 0) == IpvsError::kOk);
  REQUIRE(t.add_service(b, 0) == IpvsError::kOk);
  const Snapshot s = t.snapshot(0);
  REQUIRE(s.services.size() == 3);
  CHECK(s.services[0].spec.key.port == 80);
  CHECK(s.services[1].spec.key.port == 443);
  CHECK(s.services[2].spec.key.fwmark == 1);
  CHECK(s.conn_tab_size == 4096);
}
