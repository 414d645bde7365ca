#pragma once
// A small valid scenario (client "c", server "s" with one http service, one request) for
// tests to break in one place, and the error its parse gives.
#include <string>

#include <nlohmann/json.hpp>

#include "sim/scenario/scenario.hpp"

namespace lvs::test {

using nlohmann::json;

// A small valid scenario to break in one place per test.
inline json base() {
  return R"({
    "name": "t",
    "duration": "10s",
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

inline std::string error_of(const json& doc) {
  try {
    parse_scenario(doc, "t.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace lvs::test
