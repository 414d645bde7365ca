// examples/labs/schema.json and the parser agree: the schema lists exactly the check kinds
// of the registry, and for each kind exactly the keys its parser takes.
#include <doctest/doctest.h>

#include <fstream>
#include <set>

#include "sim/grade/check.hpp"
#include "sim/grade/lab_pack.hpp"

using namespace lvs::grade;
using nlohmann::json;

namespace {

json read_json(const std::string& path) {
  std::ifstream in(std::string(LVSLAB_SOURCE_DIR) + "/" + path);
  return json::parse(in);
}

// The error of the test pack with its first check replaced by `check`; "" when it loads.
std::string error_with_check(const json& check) {
  json lab = read_json("tests/data/grade/lvs-nat/lab.json");
  lab["checks"][0] = check;
  try {
    (void)parse_lab_pack_text(lab.dump(), std::string(LVSLAB_SOURCE_DIR) + "/tests/data/grade/lvs-nat/lab.json");
  } catch (const LabError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("lab schema: the check kinds are the registry's") {
  const json schema = read_json("examples/labs/schema.json");
  std::set<std::string> in_schema, in_registry;
  for (const auto& k : schema["$defs"]["check"]["properties"]["kind"]["enum"]) in_schema.insert(k.get<std::string>());
  for (const CheckKind* k : check_kinds()) in_registry.insert(std::string(k->name));
  CHECK(in_schema == in_registry);
}

TEST_CASE("lab schema: each kind's keys are the keys its parser takes") {
  const json schema = read_json("examples/labs/schema.json");
  for (const auto& rule : schema["$defs"]["check"]["allOf"]) {
    const std::string kind = rule["if"]["properties"]["kind"]["const"];
    const json base = {{"id", "c"}, {"kind", kind}, {"points", 1}, {"title", "t"}, {"feedback", "f"}};
    for (const auto& [key, _] : rule["then"]["properties"].items()) {
      json check = base;
      check[key] = "x";
      CAPTURE(kind);
      CAPTURE(key);
      CHECK(error_with_check(check).find("unknown key '" + key + "'") == std::string::npos);
    }
    json check = base;
    check["not_a_key"] = 1;
    CAPTURE(kind);
    CHECK(error_with_check(check).find("unknown key 'not_a_key' for a check of kind '" + kind + "'") !=
          std::string::npos);
  }
}
