// grade_json() / grade_from_json(): the GradeReport as one JSON object (stable names; the
// class grader writes it per student and reads it back for `grade merge`).
#include "sim/grade/grade.hpp"
#include "sim/scenario/json_node.hpp"

namespace lvs::grade {
namespace {

constexpr int kFormatVersion = 1;

nlohmann::ordered_json text_json(const Text& t) { return {{"en", t.en}, {"zh", t.zh}}; }

Text text_from(const JsonNode& node) {
  node.expect_object({"en", "zh"});
  return {node.at("en").string(), node.at("zh").string()};
}

nlohmann::ordered_json optional_string(const std::string& s) {
  return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(s);
}

std::string optional_string_from(const JsonNode& node) { return node.value().is_null() ? "" : node.string(); }

CheckOutcome check_from(const JsonNode& node) {
  node.expect_object({"id", "kind", "points", "earned", "passed", "title", "feedback", "hint", "section", "cause",
                      "evidence", "replay", "seed"});
  CheckOutcome c;
  c.id = node.at("id").string();
  c.kind = node.at("kind").string();
  c.points = static_cast<int>(node.at("points").unsigned_integer(0, INT32_MAX));
  c.earned = static_cast<int>(node.at("earned").unsigned_integer(0, static_cast<std::uint64_t>(c.points)));
  c.passed = node.at("passed").boolean();
  c.title = text_from(node.at("title"));
  c.feedback = text_from(node.at("feedback"));
  c.hint = text_from(node.at("hint"));
  c.section = optional_string_from(node.at("section"));
  c.cause = optional_string_from(node.at("cause"));
  c.evidence = optional_string_from(node.at("evidence"));
  c.replay = optional_string_from(node.at("replay"));
  const JsonNode seed = node.at("seed");
  c.seed = seed.value().is_null() ? 0 : seed.unsigned_integer(0, UINT64_MAX);
  return c;
}

}  // namespace

nlohmann::ordered_json grade_json(const GradeReport& r) {
  nlohmann::ordered_json j;
  j["format"] = kFormatVersion;
  j["lab"] = r.lab;
  j["student"] = r.student;
  j["score"] = r.score;
  j["max_score"] = r.max_score;
  j["aborted"] = optional_string(r.aborted);
  j["checks"] = nlohmann::ordered_json::array();
  for (const auto& c : r.checks)
    j["checks"].push_back(
        {{"id", c.id},
         {"kind", c.kind},
         {"points", c.points},
         {"earned", c.earned},
         {"passed", c.passed},
         {"title", text_json(c.title)},
         {"feedback", text_json(c.feedback)},
         {"hint", text_json(c.hint)},
         {"section", optional_string(c.section)},
         {"cause", optional_string(c.cause)},
         {"evidence", optional_string(c.evidence)},
         {"replay", optional_string(c.replay)},
         {"seed", c.passed || c.replay.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.seed)}});
  j["problems"] = r.problems;
  j["sessions"] = nlohmann::ordered_json::array();
  for (const auto& s : r.sessions)
    j["sessions"].push_back({{"host", s.host}, {"origin", optional_string(s.origin)}, {"text", s.text}});
  return j;
}

GradeReport grade_from_json(const nlohmann::json& j) {
  static const std::string file = "grade report";
  try {
    const JsonNode root(j, "", file);
    root.expect_object({"format", "lab", "student", "score", "max_score", "aborted", "checks", "problems", "sessions"});
    if (root.at("format").unsigned_integer(0, UINT32_MAX) != kFormatVersion)
      root.at("format").fail("this lvslab reads grade reports of format " + std::to_string(kFormatVersion));
    GradeReport r;
    r.lab = root.at("lab").string();
    r.student = root.at("student").string();
    r.score = static_cast<int>(root.at("score").unsigned_integer(0, INT32_MAX));
    r.max_score = static_cast<int>(root.at("max_score").unsigned_integer(0, INT32_MAX));
    r.aborted = optional_string_from(root.at("aborted"));
    for (const JsonNode& c : root.at("checks").items()) r.checks.push_back(check_from(c));
    for (const JsonNode& p : root.at("problems").items()) r.problems.push_back(p.string());
    for (const JsonNode& s : root.at("sessions").items()) {
      s.expect_object({"host", "origin", "text"});
      r.sessions.push_back({s.at("host").string(), optional_string_from(s.at("origin")), s.at("text").string()});
    }
    return r;
  } catch (const ScenarioError& e) {
    throw LabError(e.what());
  }
}

}  // namespace lvs::grade
