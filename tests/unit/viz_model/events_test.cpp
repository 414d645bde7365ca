// Event index, filters, named events and explanations.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "viz/model/dump.hpp"
#include "viz/model/event_index.hpp"
#include "viz/model/explain.hpp"
#include "viz/model/find_event.hpp"
#include "viz/model/session.hpp"
#include "viz/model/state_index.hpp"

using namespace lvs;
using namespace lvs::viz;

namespace {
std::string scenario(const char* name) { return std::string(LVSLAB_SOURCE_DIR) + "/scenarios/" + name; }
}  // namespace

TEST_CASE("first-forwarded-syn: the director sends on the SYN it received, to a real server") {
  const Session s = run_session(scenario("lvs-nat.json"), std::nullopt, std::nullopt);
  const Trace& trace = s.trace();
  const EventIndex index(trace);
  std::string error;
  const auto at = find_event(trace, index, "first-forwarded-syn", &error);
  REQUIRE(at);
  const auto* tx = std::get_if<FrameTx>(&trace.records()[*at].body);
  REQUIRE(tx);
  CHECK(trace.meta().hosts[tx->host].name == "director");
  const FrameFacts f = frame_facts(trace, tx->frame);
  CHECK(f.tcp_syn);
  CHECK_FALSE(f.tcp_ack);
  CHECK(f.dst.str() == "192.168.10.12");  // rr picks the newest destination first
  // Nothing earlier qualifies: no director tx of a SYN before it.
  for (std::size_t i = 0; i < *at; ++i)
    if (const auto* t = std::get_if<FrameTx>(&trace.records()[i].body))
      CHECK_FALSE((t->host == tx->host && frame_facts(trace, t->frame).tcp_syn));
  const std::string why = explain_event(trace, index, *at);
  CHECK(why.find("LVS-NAT") != std::string::npos);
  CHECK(why.find("192.168.0.100 (VIP) -> 192.168.10.12 (RIP)") != std::string::npos);
}

TEST_CASE("vip-flip: the gateway's entry for the VIP gets a real server's MAC, and the explanations say why") {
  const Session s = run_session(scenario("lvs-dr-arp-problem.json"), std::nullopt, std::nullopt);
  const Trace& trace = s.trace();
  const EventIndex index(trace);
  const auto at = find_event(trace, index, "vip-flip", nullptr);
  REQUIRE(at);
  const auto* n = std::get_if<NeighChange>(&trace.records()[*at].body);
  REQUIRE(n);
  CHECK(trace.meta().hosts[n->host].role == "gateway");
  CHECK(is_vip(trace.meta(), n->ip));
  CHECK(mac_owner(trace.meta(), n->mac).rfind("rs", 0) == 0);
  CHECK(explain_event(trace, index, *at).find("bypass the director") != std::string::npos);

  // Earlier, a real server answered ARP for the VIP it has on lo (arp_ignore=0).
  bool taught = false;
  for (std::size_t i = 0; i < *at; ++i) {
    const auto* d = std::get_if<ArpDecision>(&trace.records()[i].body);
    if (!d || d->verdict != ArpVerdict::kReplied || trace.meta().hosts[d->host].role != "realserver") continue;
    const std::string why = explain_event(trace, index, i);
    CHECK(why.find("arp_ignore=0") != std::string::npos);
    CHECK(why.find("on lo") != std::string::npos);
    taught = true;
  }
  CHECK(taught);

  // The dump at that step shows the gateway's entry as the trace left it.
  const StateIndex states(trace);
  const auto j = state_json(trace, index, *at, states.state_after(*at + 1));
  bool found = false;
  for (const auto& h : j["hosts"])
    if (h["name"] == "gw")
      for (const auto& e : h["neighbours"])
        if (e["ip"] == n->ip.str()) {
          CHECK(e["lladdr"] == n->mac.str());
          CHECK(e["state"] == neigh_state_name(n->to));
          found = true;
        }
  CHECK(found);
  // One step earlier the entry was not there yet or still INCOMPLETE.
  const auto before = state_json(trace, index, *at - 1, states.state_after(*at));
  for (const auto& h : before["hosts"])
    if (h["name"] == "gw")
      for (const auto& e : h["neighbours"])
        if (e["ip"] == n->ip.str()) CHECK(e["lladdr"] != n->mac.str());
}

TEST_CASE("a trace without a DR ARP problem has no vip-flip; bad specs are explained") {
  const Session s = run_session(scenario("lvs-dr.json"), std::nullopt, std::nullopt);
  const Trace& trace = s.trace();
  const EventIndex index(trace);
  std::string error;
  CHECK_FALSE(find_event(trace, index, "vip-flip", &error));
  CHECK(error.find("no 'vip-flip'") != std::string::npos);
  CHECK_FALSE(find_event(trace, index, "12x", &error));
  CHECK(error.find("expected an event number") != std::string::npos);
  CHECK_FALSE(find_event(trace, index, std::to_string(trace.records().size()), &error));
  CHECK(find_event(trace, index, "0", nullptr) == std::size_t{0});
  CHECK(find_event(trace, index, "last", nullptr) == trace.records().size() - 1);
}

TEST_CASE("filters: by host, kind and request") {
  const Session s = run_session(scenario("lvs-nat.json"), std::nullopt, std::nullopt);
  const Trace& trace = s.trace();
  const EventIndex index(trace);
  CHECK(index.flows().size() == 6);
  EventFilter all;
  CHECK(filter_events(index, all).size() == trace.records().size());

  EventFilter arp_on_gw;
  arp_on_gw.host = 1;  // gw
  arp_on_gw.kinds = 1u << static_cast<unsigned>(EventKind::kArp);
  const auto rows = filter_events(index, arp_on_gw);
  REQUIRE_FALSE(rows.empty());
  for (auto i : rows) {
    CHECK(index[i].host == 1);
    CHECK(index[i].kind == EventKind::kArp);
  }
  EventFilter one_request;
  one_request.flow = index.flows()[2];
  for (auto i : filter_events(index, one_request)) CHECK(index[i].flow == one_request.flow);
  CHECK(filter_events(index, one_request).size() > 10);
}
