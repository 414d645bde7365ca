// A host's services: each "type" parsed into its typed spec, the rules between services
// of a host (one nfs, one autofs, ports), the files they read, and the published schema
// agreeing with the parser on the types and their keys.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include "sim/scenario/scenario.hpp"
#include "tests/unit/scenario/small_scenario.hpp"

using namespace lvs;
using nlohmann::json;
using test::error_of;

namespace {

const std::string kSchema = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/schema.json";

// Host 1 ("s") of the small scenario runs `services` and has `files`.
json with_services(const json& services, const json& files = json::object()) {
  json d = test::base();
  d["hosts"][1]["services"] = services;
  if (!files.empty()) d["hosts"][1]["files"] = files;
  return d;
}

const json kExports = {{"/etc/exports", "/srv 10.0.0.0/24(ro)\n"}, {"/srv/a.txt", "A"}};
const json kAutoMaster = {{"/etc/auto.master", "/var/www /etc/auto.www\n"},
                          {"/etc/auto.www", "html -ro 10.0.0.20:/srv\n"}};

// The services items of the schema's host, each as its $defs entry.
std::vector<json> schema_services() {
  std::ifstream in(kSchema);
  const json schema = json::parse(in);
  std::vector<json> out;
  for (const auto& alt : schema["$defs"]["host"]["properties"]["services"]["items"]["oneOf"]) {
    const std::string ref = alt["$ref"];  // "#/$defs/http_service"
    out.push_back(schema["$defs"][ref.substr(ref.rfind('/') + 1)]);
  }
  return out;
}

// The keys the parser accepts for a service of this type, from its "unknown key" error.
std::vector<std::string> parser_keys(std::string_view type) {
  const std::string e = error_of(with_services({{{"type", type}, {"no_such_key", 1}}}));
  const std::string lead = "(expected one of: ";
  const auto at = e.find(lead);
  REQUIRE_MESSAGE(at != std::string::npos, e);
  std::string list = e.substr(at + lead.size());
  list.pop_back();  // ')'
  std::vector<std::string> keys;
  for (std::size_t start = 0;;) {
    const auto comma = list.find(", ", start);
    keys.push_back(list.substr(start, comma - start));
    if (comma == std::string::npos) break;
    start = comma + 2;
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

// "a b c", for messages.
template <class Words>
std::string words(const Words& ws) {
  std::string out;
  for (const auto& w : ws) out += (out.empty() ? "" : " ") + std::string(w);
  return out;
}

}  // namespace

TEST_CASE("each service type is parsed into its own spec") {
  json files = kExports;
  files.update(kAutoMaster);
  const ScenarioSpec spec = parse_scenario(
      with_services({{{"type", "nfs"}}, {{"type", "autofs"}}, {{"type", "http"}, {"port", 8080}}}, files), "t.json");
  const auto& services = spec.hosts[1].services;
  REQUIRE(services.size() == 3);
  CHECK(std::holds_alternative<NfsServiceSpec>(services[0].config));
  CHECK(std::holds_alternative<AutofsServiceSpec>(services[1].config));
  REQUIRE(std::holds_alternative<HttpServiceSpec>(services[2].config));
  CHECK(std::get<HttpServiceSpec>(services[2].config).server.port == 8080);
  CHECK(services[0].type() == "nfs");
  CHECK(services[1].type() == "autofs");
  CHECK(services[2].type() == "http");
  CHECK(services[1].pointer == "/hosts/1/services/1");
  CHECK(words(service_types()) == "http nfs autofs");
}

TEST_CASE("services of one host: one nfs, one autofs, any number of http on distinct ports") {
  CHECK(error_of(with_services({{{"type", "nfs"}}, {{"type", "nfs"}}}, kExports)) ==
        "t.json: /hosts/1/services/1: a second 'nfs' service (the first is at /hosts/1/services/0)");
  CHECK(error_of(with_services({{{"type", "autofs"}}, {{"type", "http"}}, {{"type", "autofs"}}}, kAutoMaster)) ==
        "t.json: /hosts/1/services/2: a second 'autofs' service (the first is at /hosts/1/services/0)");
  CHECK(error_of(with_services({{{"type", "http"}}, {{"type", "http"}, {"port", 8080}}})) == "no error");
  // nfsd listens on 2049, rpc.mountd on 20048.
  CHECK(error_of(with_services({{{"type", "nfs"}}, {{"type", "http"}, {"port", 2049}}}, kExports)) ==
        "t.json: /hosts/1/services/1: port 2049 is already used by the service at /hosts/1/services/0");
  CHECK(error_of(with_services({{{"type", "http"}, {"port", 20048}}, {{"type", "nfs"}}}, kExports)) ==
        "t.json: /hosts/1/services/1: port 20048 is already used by the service at /hosts/1/services/0");
  CHECK(error_of(with_services({{{"type", "nfs"}, {"port", 2049}}}, kExports)) ==
        "t.json: /hosts/1/services/0/port: unknown key 'port' (expected one of: type)");
  CHECK(error_of(with_services({"http"})) == "t.json: /hosts/1/services/0: expected an object, got a string");
  CHECK(error_of(with_services({{{"port", 80}}})) == "t.json: /hosts/1/services/0: missing required key 'type'");
}

TEST_CASE("the files a service reads are given and parse") {
  CHECK(error_of(with_services({{{"type", "nfs"}}})) ==
        "t.json: /hosts/1/services/0: a 'nfs' service reads /etc/exports: give its text in the host's \"files\"");
  CHECK(error_of(with_services({{{"type", "http"}}, {{"type", "autofs"}}})) ==
        "t.json: /hosts/1/services/1: a 'autofs' service reads /etc/auto.master: give its text in the host's "
        "\"files\"");
  CHECK(error_of(with_services({{{"type", "nfs"}}}, {{"/etc/exports", "/srv (ro\n"}})) ==
        "t.json: /hosts/1/files/~1etc~1exports: /etc/exports:1: missing ')' in \"(ro\"");
  json bad_map = kAutoMaster;
  bad_map["/etc/auto.www"] = "html -ro\n";
  CHECK(error_of(with_services({{{"type", "autofs"}}}, bad_map)) ==
        "t.json: /hosts/1/files/~1etc~1auto.www: /etc/auto.www:1: entry \"html\" has no location (expected "
        "host:/path)");
  // A document root on an automount point reads its files through autofs.
  const json http_with_files = {{"type", "http"}, {"files", {{"/var/www/html/a.txt", "A"}}}};
  CHECK(error_of(with_services({{{"type", "autofs"}}, http_with_files}, kAutoMaster)) ==
        "t.json: /hosts/1/services/1/files: document_root /var/www/html is on the automount point /var/www: its "
        "files come from the map /etc/auto.www, so the service's own 'files' would never be read");
  CHECK(error_of(with_services(json::array({http_with_files}))) == "no error");
}

TEST_CASE("the schema lists the parser's service types, in its order, with the keys the parser accepts") {
  const std::vector<json> defs = schema_services();
  std::vector<std::string_view> schema_types;
  for (const auto& def : defs) schema_types.push_back(def["properties"]["type"]["const"].get_ref<const std::string&>());
  CHECK(words(schema_types) == words(service_types()));
  for (const auto& def : defs) {
    const std::string type = def["properties"]["type"]["const"];
    CAPTURE(type);
    CHECK(def["additionalProperties"] == false);
    CHECK(def["required"] == json::array({"type"}));
    std::vector<std::string> keys;
    for (const auto& [key, _] : def["properties"].items()) keys.push_back(key);
    std::sort(keys.begin(), keys.end());
    CHECK(words(keys) == words(parser_keys(type)));
  }
}
