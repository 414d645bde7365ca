// Building a World from a scenario and running it: the shipped web-basic scenario end
// to end, seed and time overrides, the event limit, expectations, and the errors the
// kernel would give while configuring (found before anything runs).
#include <doctest/doctest.h>

#include <fstream>

#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using nlohmann::json;

namespace {

const std::string kWebBasic = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/web-basic.json";

json web_basic() {
  std::ifstream in(kWebBasic);
  return json::parse(in);
}

std::unique_ptr<ScenarioRun> build(const json& doc, std::optional<std::uint64_t> seed = std::nullopt) {
  return build_run(parse_scenario(doc, "t.json"), seed, /*tracing=*/false);
}

std::string build_error(const json& doc) {
  try {
    build(doc);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("web-basic: three GETs through the gateway, all answered by web1") {
  auto run = build_run(load_scenario_file(kWebBasic), std::nullopt, /*tracing=*/true);
  REQUIRE(run);
  CHECK(run->name == "web-basic");
  CHECK(run->seed == 1);
  CHECK(run->duration == 10 * kSecond);
  World& world = *run->world;
  CHECK(world.hosts().size() == 3);
  CHECK(world.segments().size() == 2);

  // The configuration landed where the file says.
  Host* gw = world.find_host("gw");
  REQUIRE(gw);
  CHECK(gw->role() == "gateway");
  CHECK(gw->sysctls().get("net.ipv4.ip_forward") == "1");
  REQUIRE(gw->find_iface("eth1"));
  CHECK(gw->find_iface("eth1")->has_address(Ipv4Addr(192, 168, 10, 1)));
  CHECK(gw->find_iface("eth1")->segment == world.find_segment("server-net"));
  CHECK(gw->find_iface("eth0")->mac.str() == "02:00:00:02:01:00");
  Host* web = world.find_host("web1");
  REQUIRE(web);
  REQUIRE(web->user_routes().size() == 1);
  CHECK(web->user_routes()[0].gateway == Ipv4Addr(192, 168, 10, 1));
  CHECK(world.find_segment("client-net")->port_count() == 2);
  CHECK(world.find_segment("server-net")->port_count() == 2);
  CHECK(world.find_host("client1")->apps().size() == 1);
  CHECK(web->apps().size() == 1);

  execute(*run, std::nullopt);
  CHECK(run->started);
  CHECK(run->stop_reason != StopReason::kEventLimit);
  CHECK(run->end_time == 10 * kSecond);
  CHECK(run->events_processed == world.sim().events_processed());
  REQUIRE(run->results.size() == 3);
  REQUIRE(run->result_traffic.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    const HttpResult& r = *run->results[i];
    CAPTURE(i);
    CHECK(r.client == "client1");
    CHECK(r.url == "http://192.168.10.11/");
    CHECK(r.start == static_cast<SimTime>(i + 1) * kSecond);
    CHECK(r.end > r.start);
    CHECK(r.status == 200);
    CHECK(r.body == "Hello from web1\n");
    CHECK(r.error.empty());
    CHECK(run->result_traffic[i] == 0);
  }
  CHECK(check_expectations(*run).empty());
}

TEST_CASE("the same scenario and seed give the same run") {
  auto a = build(web_basic());
  auto b = build(web_basic());
  execute(*a, std::nullopt);
  execute(*b, std::nullopt);
  CHECK(a->events_processed == b->events_processed);
  REQUIRE(a->results.size() == b->results.size());
  for (std::size_t i = 0; i < a->results.size(); ++i) CHECK(a->results[i]->end == b->results[i]->end);
}

TEST_CASE("seed override and running in steps") {
  auto run = build(web_basic(), 99);
  CHECK(run->seed == 99);
  CHECK(run->world->sim().seed() == 99);

  // Until 1.5 s only the first request has happened; continuing runs the others.
  execute(*run, 1500 * kMillisecond);
  CHECK(run->stop_reason == StopReason::kTimeLimit);
  CHECK(run->end_time == 1500 * kMillisecond);
  REQUIRE(run->results.size() == 1);
  CHECK(run->results[0]->status == 200);
  const auto failures = check_expectations(*run);
  REQUIRE(failures.size() == 1);
  CHECK(failures[0].pointer == "/traffic/0/count");
  CHECK(failures[0].message == "2 of 3 requests did not finish before the run ended");

  execute(*run, std::nullopt);
  CHECK(run->end_time == 10 * kSecond);
  CHECK(run->results.size() == 3);
  CHECK(check_expectations(*run).empty());
}

TEST_CASE("the event limit turns a long run into a reported stop") {
  json d = web_basic();
  d["limits"] = {{"max_events", 20}};
  auto run = build(d);
  execute(*run, std::nullopt);
  CHECK(run->stop_reason == StopReason::kEventLimit);
  CHECK(run->events_processed == 20);
  CHECK(run->end_time < 10 * kSecond);
  // The limit holds for the whole run, also when it is continued.
  execute(*run, std::nullopt);
  CHECK(run->stop_reason == StopReason::kEventLimit);
  CHECK(run->events_processed == 20);
  CHECK_FALSE(check_expectations(*run).empty());
}

TEST_CASE("expectations that do not hold are reported per request") {
  json d = web_basic();
  d["traffic"][0]["expect"] = {{"status", 404}, {"body", "x"}};
  auto run = build(d);
  execute(*run, std::nullopt);
  const auto failures = check_expectations(*run);
  REQUIRE(failures.size() == 6);
  CHECK(failures[0].traffic == 0);
  CHECK(failures[0].pointer == "/traffic/0/expect/status");
  CHECK(failures[0].message == "request 1 (http://192.168.10.11/): expected status 404, got 200");
  CHECK(failures[1].pointer == "/traffic/0/expect/body");
  CHECK(failures[1].message == "request 1 (http://192.168.10.11/): expected body \"x\", got \"Hello from web1\\n\"");

  // A missing page really is a 404 from the server.
  d = web_basic();
  d["traffic"][0]["url"] = "http://192.168.10.11/missing.html";
  d["traffic"][0]["expect"] = {{"status", 404}};
  run = build(d);
  execute(*run, std::nullopt);
  REQUIRE(run->results.size() == 3);
  CHECK(run->results[0]->status == 404);
  CHECK(check_expectations(*run).empty());
}

TEST_CASE("without forwarding on the gateway the requests fail") {
  json d = web_basic();
  d["hosts"][1].erase("sysctls");
  auto run = build(d);
  execute(*run, std::nullopt);
  REQUIRE(run->results.size() == 3);
  for (const HttpResult* r : run->results) CHECK(r->status == 0);
  const auto failures = check_expectations(*run);
  CHECK(failures.size() == 6);  // status and body of each request
  REQUIRE_FALSE(failures.empty());
  CHECK(failures[0].message.rfind("request 1 (http://192.168.10.11/): expected status 200, got no response (", 0) == 0);
}

TEST_CASE("the kernel's refusals while building are errors with the pointer") {
  json d = web_basic();
  d["hosts"][0]["routes"] = {"default via 10.9.9.1"};
  CHECK(build_error(d) == "t.json: /hosts/0/routes/0: 'default via 10.9.9.1': Error: Nexthop has invalid gateway.");

  d = web_basic();
  d["hosts"][0]["interfaces"][0]["addresses"].push_back("10.0.0.5/24");
  CHECK(build_error(d) ==
        "t.json: /hosts/0/interfaces/0/addresses/1: cannot add 10.0.0.5/24 to eth0: RTNETLINK answers: File exists");

  d = web_basic();
  d["hosts"][2]["services"][0]["bind"] = "192.168.10.99";
  CHECK(build_error(d) ==
        "t.json: /hosts/2/services/0/bind: cannot bind to 192.168.10.99: it is not an address of web1 (EADDRNOTAVAIL)");
  d["hosts"][2]["services"][0]["bind"] = "192.168.10.11";
  CHECK(build_error(d) == "no error");
}

TEST_CASE("VIP on lo:0 and tunl0 reach the hosts with their labels and roles") {
  json d = web_basic();
  d["hosts"][2]["interfaces"].push_back({{"name", "tunl0"}, {"type", "ipip"}, {"addresses", {"192.168.10.200/32"}}});
  d["hosts"][2]["loopback"] = {{"addresses", {{{"address", "192.168.10.100/32"}, {"label", "lo:0"}, {"role", "VIP"}}}}};
  d["hosts"][2]["sysctls"] = {{"net.ipv4.conf.all.arp_ignore", 1}, {"net.ipv4.conf.tunl0.rp_filter", 0}};
  auto run = build(d);
  Host* web = run->world->find_host("web1");
  REQUIRE(web);
  const IfAddress* vip = web->iface(web->loopback()).find_address(Ipv4Addr(192, 168, 10, 100));
  REQUIRE(vip);
  CHECK(vip->label == "lo:0");
  CHECK(vip->role == "VIP");
  REQUIRE(web->find_iface("tunl0"));
  CHECK(web->find_iface("tunl0")->kind == IfKind::kIpip);
  CHECK(web->find_iface("tunl0")->has_address(Ipv4Addr(192, 168, 10, 200)));
  CHECK(web->sysctls().get("net.ipv4.conf.all.arp_ignore") == "1");
  CHECK(web->sysctls().get("net.ipv4.conf.tunl0.rp_filter") == "0");
}
