// load_lab_pack(): lab.json -> LabPack, every error with the file and the JSON pointer.
#include "sim/grade/lab_pack.hpp"

#include <algorithm>
#include <filesystem>
#include <set>

#include "sim/grade/check.hpp"
#include "sim/scenario/units.hpp"

namespace lvs::grade {
namespace {

namespace fs = std::filesystem;

Text text_of(const JsonNode& node) {
  Text t;
  if (node.is_string()) {
    t.en = node.nonempty_string();
    return t;
  }
  if (!node.is_object())
    node.fail("expected a text (a string, or {\"en\": ..., \"zh\": ...}), got " + describe_json_type(node.value()));
  node.expect_object({"en", "zh"});
  t.en = node.at("en").nonempty_string();
  if (auto zh = node.get("zh")) t.zh = zh->nonempty_string();
  return t;
}

std::string name_of(const JsonNode& node, const char* what) {
  const std::string name = node.nonempty_string();
  if (!valid_object_name(name))
    node.fail("'" + name + "' is not a valid " + what +
              " (1-32 characters: letters, digits, '.', '_' or '-', starting with a letter or digit)");
  return name;
}

// A scenario error inside "scenario" (or the hidden traffic appended to its traffic),
// named at its place in lab.json.
[[noreturn]] void relocate(const ScenarioError& e, const LabPack& lab) {
  std::string p = e.pointer();
  const std::string traffic = "/traffic/";
  if (p.starts_with(traffic)) {
    const std::string rest = p.substr(traffic.size());
    const std::size_t slash = std::min(rest.find('/'), rest.size());
    const std::size_t index = std::stoul(rest.substr(0, slash));
    if (index >= lab.visible_traffic) {
      throw LabError(lab.file + ": /hidden_traffic/" + std::to_string(index - lab.visible_traffic) +
                     rest.substr(slash) + ": " + e.message());
    }
  }
  throw LabError(lab.file + ": /scenario" + p + ": " + e.message());
}

// A fixed host's files_dir / shell_file, relative to lab.json's folder, made absolute so
// that the assembled scenario (read from the submission's folder) finds them.
void anchor_paths(nlohmann::json& host, const fs::path& dir) {
  for (const char* key : {"files_dir", "shell_file"}) {
    if (!host.contains(key) || !host[key].is_string()) continue;
    const fs::path given(host[key].get<std::string>());
    if (!given.empty() && given.is_relative()) host[key] = fs::absolute(dir / given).lexically_normal().string();
  }
}

void read_configured_hosts(const JsonNode& node, LabPack& lab) {
  const auto items = node.items();
  if (items.empty()) node.fail("name at least one host the student configures");
  if (items.size() > kMaxConfiguredHosts)
    node.fail("too many configured hosts (" + std::to_string(items.size()) + "; at most " +
              std::to_string(kMaxConfiguredHosts) + ")");
  const nlohmann::json& hosts = lab.scenario["hosts"];
  for (const JsonNode& item : items) {
    const std::string name = item.nonempty_string();
    if (std::find(lab.configured_hosts.begin(), lab.configured_hosts.end(), name) != lab.configured_hosts.end())
      item.fail("host '" + name + "' is named twice");
    const auto host = std::find_if(hosts.begin(), hosts.end(), [&](const nlohmann::json& h) {
      return h.is_object() && h.contains("name") && h["name"] == name;
    });
    if (host == hosts.end()) item.fail("unknown host '" + name + "' (not in /scenario/hosts)");
    // Its files and its terminal session are the submission's.
    for (const char* key : {"files", "files_dir", "shell", "shell_file"})
      if (host->contains(key))
        item.fail("host '" + name + "' is configured by the student, so its scenario entry cannot have '" + key +
                  "' (the submission's " + name + "/root/ and " + name + "/setup.sh give them)");
    lab.configured_hosts.push_back(name);
  }
}

void read_seeds(const std::optional<JsonNode>& node, LabPack& lab) {
  if (!node) {
    const auto& s = lab.scenario;
    lab.seeds.push_back(s.contains("seed") && s["seed"].is_number_unsigned() ? s["seed"].get<std::uint64_t>()
                                                                             : kDefaultSeed);
    return;
  }
  const auto items = node->items();
  if (items.empty() || items.size() > kMaxSeeds)
    node->fail("expected 1 to " + std::to_string(kMaxSeeds) + " seeds, got " + std::to_string(items.size()));
  for (const JsonNode& item : items) {
    const std::uint64_t seed = item.unsigned_integer(0, UINT64_MAX);
    if (std::find(lab.seeds.begin(), lab.seeds.end(), seed) != lab.seeds.end())
      item.fail("seed " + std::to_string(seed) + " is given twice");
    lab.seeds.push_back(seed);
  }
}

CheckSpec read_check(const JsonNode& node, const LabPack& lab, std::set<std::string>& ids) {
  if (!node.is_object()) node.fail("expected a check object, got " + describe_json_type(node.value()));
  CheckSpec c;
  c.pointer = node.pointer();
  const JsonNode id = node.at("id");
  c.id = name_of(id, "check id");
  if (!ids.insert(c.id).second) id.fail("check id '" + c.id + "' is used twice");
  const JsonNode kind = node.at("kind");
  c.kind = kind.nonempty_string();
  const CheckKind* k = find_check_kind(c.kind);
  if (!k) {
    std::vector<std::string_view> names;
    for (const CheckKind* ck : check_kinds()) names.push_back(ck->name);
    kind.fail("unknown check kind '" + c.kind + "' (expected one of: " + join(names) + ")");
  }
  c.points = static_cast<int>(node.at("points").unsigned_integer(0, kMaxPoints));
  c.title = text_of(node.at("title"));
  c.feedback = text_of(node.at("feedback"));
  if (auto h = node.get("hint")) c.hint = text_of(*h);
  if (auto s = node.get("section")) c.section = s->nonempty_string();
  k->validate(node, lab.scenario);
  c.params = node.value();
  return c;
}

void read_lab(const JsonNode& root, LabPack& lab) {
  root.expect_object(
      {"$schema", "name", "title", "section", "scenario", "configured_hosts", "hidden_traffic", "seeds", "checks"});
  if (auto s = root.get("$schema")) (void)s->string();  // for editors
  lab.name = name_of(root.at("name"), "lab name");
  lab.title = text_of(root.at("title"));
  if (auto s = root.get("section")) lab.section = s->nonempty_string();
  const JsonNode scenario = root.at("scenario");
  if (!scenario.is_object())
    scenario.fail("expected a scenario document (an object), got " + describe_json_type(scenario.value()));
  lab.scenario = scenario.value();
  if (!lab.scenario.contains("hosts") || !lab.scenario["hosts"].is_array())
    scenario.fail("the scenario needs its \"hosts\" (an array)");
  for (auto& h : lab.scenario["hosts"])
    if (h.is_object()) anchor_paths(h, fs::path(lab.dir));
  read_configured_hosts(root.at("configured_hosts"), lab);
  if (lab.scenario.contains("traffic") && lab.scenario["traffic"].is_array())
    lab.visible_traffic = lab.scenario["traffic"].size();
  if (auto hidden = root.get("hidden_traffic")) {
    const auto items = hidden->items();
    lab.hidden_traffic = items.size();
    if (!items.empty() && !lab.scenario.contains("traffic")) lab.scenario["traffic"] = nlohmann::json::array();
    for (const JsonNode& t : items) lab.scenario["traffic"].push_back(t.value());
  }
  read_seeds(root.get("seeds"), lab);
  const JsonNode checks = root.at("checks");
  const auto items = checks.items();
  if (items.empty()) checks.fail("a lab needs at least one check");
  if (items.size() > kMaxChecks)
    checks.fail("too many checks (" + std::to_string(items.size()) + "; at most " + std::to_string(kMaxChecks) + ")");
  std::set<std::string> ids;
  for (const JsonNode& item : items) lab.checks.push_back(read_check(item, lab, ids));
}

}  // namespace

int LabPack::max_score() const {
  int total = 0;
  for (const auto& c : checks) total += c.points;
  return total;
}

LabPack parse_lab_pack_text(std::string_view text, const std::string& file) {
  LabPack lab;
  lab.file = file;
  lab.dir = fs::path(file).parent_path().string();
  try {
    const nlohmann::json doc = parse_json_text(text, file);
    read_lab(JsonNode(doc, "", file), lab);
  } catch (const ScenarioError& e) {
    throw LabError(e.what());
  }
  // The scenario as a submission runs it (configured hosts as bare topology), checked
  // now so that a broken pack is the instructor's error, never a student's.
  try {
    (void)parse_scenario(lab.scenario, file);
  } catch (const ScenarioError& e) {
    relocate(e, lab);
  }
  return lab;
}

std::shared_ptr<const LabPack> load_lab_pack(const std::string& path) {
  std::string text;
  try {
    text = read_scenario_bytes(path);
  } catch (const ScenarioError& e) {
    throw LabError(e.what());
  }
  return std::make_shared<const LabPack>(parse_lab_pack_text(text, path));
}

}  // namespace lvs::grade
