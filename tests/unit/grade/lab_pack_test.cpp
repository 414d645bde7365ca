// Lab packs: what loads, and every error named by the file and the JSON pointer.
#include <doctest/doctest.h>

#include <fstream>

#include "sim/grade/lab_pack.hpp"

using namespace lvs::grade;
using nlohmann::json;

namespace {

const std::string kPackDir = std::string(LVSLAB_SOURCE_DIR) + "/tests/data/grade/lvs-nat";

json test_pack() {
  std::ifstream in(kPackDir + "/lab.json");
  return json::parse(in);
}

// The error loading `doc` gives (as if it were the test pack's lab.json).
std::string error_of(const json& doc) {
  try {
    (void)parse_lab_pack_text(doc.dump(), kPackDir + "/lab.json");
  } catch (const LabError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("lab pack: the test pack loads with its hidden traffic after the visible traffic") {
  const auto lab = load_lab_pack(kPackDir + "/lab.json");
  CHECK(lab->name == "lvs-nat-test");
  CHECK(lab->title.in("zh") == "LVS-NAT 轮询调度（测试用）");
  CHECK(lab->configured_hosts == std::vector<std::string>{"director", "rs1", "rs2"});
  CHECK(lab->visible_traffic == 1);
  CHECK(lab->hidden_traffic == 1);
  CHECK(lab->scenario["traffic"].size() == 2);
  CHECK(lab->seeds == std::vector<std::uint64_t>{1, 2, 3});
  CHECK(lab->checks.size() == 11);
  CHECK(lab->max_score() == 100);
  // The fixed client's files_dir is made absolute (a submission's scenario lives elsewhere).
  CHECK(lab->scenario["hosts"][0]["files_dir"].get<std::string>().starts_with("/"));
}

TEST_CASE("lab pack: errors name lab.json and the JSON pointer") {
  json doc = test_pack();
  doc["checks"][3]["kind"] = "ipvs_servic";
  CHECK(error_of(doc).find("lab.json: /checks/3/kind: unknown check kind 'ipvs_servic' (expected one of: sysctl") !=
        std::string::npos);

  doc = test_pack();
  doc["checks"][0]["host"] = "directr";
  CHECK(error_of(doc).ends_with("lab.json: /checks/0/host: unknown host 'directr' (not in /scenario/hosts)"));

  doc = test_pack();
  doc["checks"][0]["frobnicate"] = 1;
  CHECK(error_of(doc).find("lab.json: /checks/0/frobnicate: unknown key 'frobnicate' for a check of kind 'sysctl'") !=
        std::string::npos);

  doc = test_pack();
  doc["checks"][2]["id"] = "ip-forward";
  CHECK(error_of(doc).ends_with("lab.json: /checks/2/id: check id 'ip-forward' is used twice"));

  doc = test_pack();
  doc["configured_hosts"][1] = "rs9";
  CHECK(error_of(doc).ends_with("lab.json: /configured_hosts/1: unknown host 'rs9' (not in /scenario/hosts)"));

  doc = test_pack();
  doc["scenario"]["hosts"][2]["shell_file"] = "rs1/setup.sh";
  CHECK(error_of(doc).find("lab.json: /configured_hosts/1: host 'rs1' is configured by the student") !=
        std::string::npos);

  doc = test_pack();
  doc["checks"][0].erase("feedback");
  CHECK(error_of(doc).ends_with("lab.json: /checks/0: missing required key 'feedback'"));

  doc = test_pack();
  doc["checks"][0]["key"] = "net.ipv4.ip_forwarding";
  CHECK(error_of(doc).find("lab.json: /checks/0/key: unknown sysctl key 'net.ipv4.ip_forwarding'") !=
        std::string::npos);

  doc = test_pack();
  doc["seeds"] = json::array({1, 1});
  CHECK(error_of(doc).ends_with("lab.json: /seeds/1: seed 1 is given twice"));
}

TEST_CASE("lab pack: the scenario is validated, its errors placed in lab.json") {
  json doc = test_pack();
  doc["scenario"]["hosts"][1]["interfaces"][0]["segment"] = "outsid";
  CHECK(error_of(doc).find("lab.json: /scenario/hosts/1/interfaces/0/segment: unknown segment 'outsid'") !=
        std::string::npos);
  // A hidden traffic entry is named where it is written, not where it runs.
  doc = test_pack();
  doc["hidden_traffic"][0]["client"] = "nobody";
  CHECK(error_of(doc).ends_with("lab.json: /hidden_traffic/0/client: unknown host 'nobody'"));
}

TEST_CASE("lab pack: syntax errors and duplicate keys as in scenario files") {
  try {
    (void)parse_lab_pack_text("{\n  \"name\": \"x\",\n  \"name\": \"y\"\n}", "lab.json");
    FAIL("no error");
  } catch (const LabError& e) {
    CHECK(std::string(e.what()) == "lab.json: /name: duplicate key 'name'");
  }
  try {
    (void)parse_lab_pack_text("{\n  \"name\": tru\n}", "lab.json");
    FAIL("no error");
  } catch (const LabError& e) {
    CHECK(std::string(e.what()).starts_with("lab.json:2:"));
  }
}
