// Persistence templates (ip_vs_sched_persist): <proto, client & -M mask, 0, VIP, vport,
// RIP, rport>, state NONE (ASSURED once a controlled connection is established),
// timeout = -p, restarted by every new connection, re-armed for 60 s while it still
// controls connections.
#include "ipvs_fixture.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::test;

namespace {

ServiceSpec persistent(std::uint32_t timeout, const char* mask = "255.255.255.255") {
  ServiceSpec s = service("rr");
  s.persistent_timeout = timeout;
  s.netmask = ip(mask);
  return s;
}

const ConnEntry* find_template(const Snapshot& s, const char* client = "203.0.113.10") {
  for (const auto& c : s.conns)
    if (c.is_template && c.client_addr == ip(client)) return &c;
  return nullptr;
}

void two_dests(IpvsTables& t) {
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.11"), 0) == IpvsError::kOk);
  REQUIRE(t.add_dest(vip_key(), dest("192.0.2.12"), 0) == IpvsError::kOk);  // list [.12, .11]
}

}  // namespace

TEST_CASE("-p: a template pins the client to one dest while it lives") {
  IpvsTables t;
  REQUIRE(t.add_service(persistent(360), 0) == IpvsError::kOk);
  two_dests(t);
  CHECK(syn_to(t, "203.0.113.10", 1000, 0) == 12);
  CHECK(syn_to(t, "203.0.113.10", 1001, seconds(1)) == 12);  // template reused, rr untouched
  CHECK(syn_to(t, "203.0.113.20", 1000, seconds(1)) == 11);  // new client: rr's next
  const Snapshot s = t.snapshot(seconds(1));
  const ConnEntry* ct = find_template(s);
  REQUIRE(ct != nullptr);
  CHECK(ct->state == "NONE");
  CHECK(ct->client_port == 0);
  CHECK(ct->virtual_port == 80);
  CHECK(ct->dest_port == 80);
  CHECK(ct->dest_addr == ip("192.0.2.12"));
  CHECK(ct->expires_ms == 360000);  // restarted by the second connection at t = 1 s
  CHECK(s.services[0].dests[0].persist_conns == 1);
  CHECK(s.services[0].dests[0].inactive_conns == 0);
  CHECK(s.services[0].dests[0].active_conns == 2);
  CHECK(s.services[0].stats.conns == 3);  // templates are not counted as connections
}

TEST_CASE("-p: the template becomes ASSURED when a connection is established") {
  IpvsTables t;
  REQUIRE(t.add_service(persistent(300), 0) == IpvsError::kOk);
  two_dests(t);
  syn_to(t, "203.0.113.10", 1000, 0);
  t.in_packet(tcp("203.0.113.10", 1000, kAck), 0);
  CHECK(find_template(t.snapshot(0))->state == "ASSURED");
}

TEST_CASE("-M 255.255.255.0 groups clients of a /24 on one template") {
  IpvsTables t;
  REQUIRE(t.add_service(persistent(300, "255.255.255.0"), 0) == IpvsError::kOk);
  two_dests(t);
  CHECK(syn_to(t, "10.0.0.5", 1000, 0) == 12);
  CHECK(syn_to(t, "10.0.0.77", 2000, 0) == 12);
  CHECK(syn_to(t, "10.0.1.5", 1000, 0) == 11);
  int templates = 0;
  for (const auto& c : t.snapshot(0).conns)
    if (c.is_template) {
      ++templates;
      CHECK(((c.client_addr == ip("10.0.0.0")) || (c.client_addr == ip("10.0.1.0"))));
    }
  CHECK(templates == 2);
}

TEST_CASE("template expiry: gone after -p seconds, re-armed 60 s while controlling") {
  IpvsTables t;
  REQUIRE(t.add_service(persistent(360), 0) == IpvsError::kOk);
  two_dests(t);
  CHECK(syn_to(t, "203.0.113.10", 1000, 0) == 12);  // SYN_RECV, expires at 60 s
  t.advance(seconds(361));
  CHECK(t.conns().size() == 0);
  CHECK(syn_to(t, "203.0.113.10", 1001, seconds(361)) == 11);  // scheduled afresh

  // An established connection (900 s) outlives the 360 s template: the template is
  // re-armed at 360, 420, ..., 900 (+60 s each) and goes at 960 once it controls nobody.
  t.in_packet(tcp("203.0.113.10", 1001, kAck), seconds(361));
  const SimTime base = seconds(361);
  const Snapshot s = t.snapshot(base + seconds(901));
  REQUIRE(find_template(s) != nullptr);
  CHECK(s.conns.size() == 1);
  CHECK(find_template(s)->expires_ms == 59000);
  t.advance(base + seconds(960));
  CHECK(t.conns().size() == 0);
}

TEST_CASE("quiesced dest keeps persistent clients; a deleted one invalidates the template") {
  IpvsTables t;
  REQUIRE(t.add_service(persistent(300), 0) == IpvsError::kOk);
  two_dests(t);
  CHECK(syn_to(t, "203.0.113.10", 1000, 0) == 12);
  REQUIRE(t.edit_dest(vip_key(), dest("192.0.2.12", 0), 0) == IpvsError::kOk);
  CHECK(syn_to(t, "203.0.113.10", 1001, 0) == 12);  // expire_quiescent_template = 0
  t.set_expire_quiescent_template(true);
  CHECK(syn_to(t, "203.0.113.10", 1002, 0) == 11);
  // The invalidated template stays listed with ports 65535 until it expires.
  bool invalidated = false;
  for (const auto& c : t.snapshot(0).conns)
    if (c.is_template && c.virtual_port == 0xffff && c.dest_port == 0xffff) invalidated = true;
  CHECK(invalidated);
}
