// Every size a scenario can ask for has a bound with a clear refusal (issue 9 §3): the
// message names the place and the limit, before anything is built.
#include <doctest/doctest.h>

#include "sim/scenario/scenario.hpp"

using namespace lvs;
using nlohmann::json;

namespace {

json base() {
  return R"({
    "name": "t",
    "duration": "10000s",
    "segments": [ { "name": "lan" } ],
    "hosts": [
      { "name": "c", "role": "client",
        "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.5/24"] } ] },
      { "name": "s", "role": "server",
        "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.10/24"] } ],
        "services": [ { "type": "http" } ] }
    ],
    "traffic": [ { "client": "c", "type": "http", "url": "http://10.0.0.10/" } ]
  })"_json;
}

std::string error_of(const json& doc) {
  try {
    parse_scenario(doc, "t.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

json many(std::size_t n, const std::function<json(std::size_t)>& item) {
  json a = json::array();
  for (std::size_t i = 0; i < n; ++i) a.push_back(item(i));
  return a;
}

std::string ip(std::size_t i) {
  return "10." + std::to_string(1 + i / 65536) + "." + std::to_string(i / 256 % 256) + "." + std::to_string(i % 256);
}

}  // namespace

TEST_CASE("addresses per interface: at most 4096") {
  json d = base();
  d["hosts"][0]["interfaces"][0]["addresses"] = many(kMaxAddressesPerInterface + 1, [](std::size_t i) { return ip(i) + "/32"; });
  CHECK(error_of(d) == "t.json: /hosts/0/interfaces/0/addresses: too many addresses on eth0 (4097; at most 4096)");
  d["hosts"][0]["interfaces"][0]["addresses"].erase(0);
  CHECK(error_of(d) == "no error");
}

TEST_CASE("routes per host: at most 200000") {
  json d = base();
  d["hosts"][0]["routes"] = many(kMaxRoutesPerHost + 1, [](std::size_t i) { return ip(i) + "/32 via 10.0.0.1"; });
  CHECK(error_of(d) == "t.json: /hosts/0/routes: too many routes (200001; at most 200000)");
}

TEST_CASE("ipvsadm lines, traffic entries and actions are bounded") {
  json d = base();
  d["hosts"][1]["ipvsadm"] = many(kMaxIpvsadmLines + 1, [](std::size_t) { return "-Z"; });
  CHECK(error_of(d) == "t.json: /hosts/1/ipvsadm: too many ipvsadm lines (10001; at most 10000)");

  d = base();
  d["traffic"] = many(kMaxTrafficEntries + 1, [](std::size_t) { return base()["traffic"][0]; });
  CHECK(error_of(d) == "t.json: /traffic: too many traffic entries (10001; at most 10000)");

  d = base();
  d["actions"] = many(kMaxActions + 1, [](std::size_t) { return json{{"at", "1s"}, {"host", "c"}, {"power", "on"}}; });
  CHECK(error_of(d) == "t.json: /actions: too many actions (10001; at most 10000)");
}

TEST_CASE("requests in a run: at most 2000000 over all traffic entries") {
  json d = base();
  json t = base()["traffic"][0];
  t["every"] = "1ms";
  t["count"] = 1'000'000;
  d["traffic"] = json::array({t, t, t});
  CHECK(error_of(d) == "t.json: /traffic/2/count: too many requests: the traffic entries up to this one make 3000000 "
                       "(at most 2000000 in a run)");
  d["traffic"].erase(2);
  CHECK(error_of(d) == "no error");
}
