// class.json: the class result as data (docs/grading-class.md), and reading an output
// folder back for `grade merge`.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/grade/class_grade.hpp"
#include "sim/grade/class_stats.hpp"

namespace lvs::grade {
namespace {

constexpr const char* kFormat = "lvslab-grade-class";
constexpr int kVersion = 1;
constexpr std::uintmax_t kMaxJsonBytes = std::uintmax_t{512} << 20;

nlohmann::ordered_json text_json(const Text& t) {
  nlohmann::ordered_json j;
  j["en"] = t.en;
  if (!t.zh.empty()) j["zh"] = t.zh;
  return j;
}

double two_decimals(double x) { return std::round(x * 100) / 100; }

std::string read_file(const std::string& path) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) throw ClassError(path + ": " + ec.message());
  if (size > kMaxJsonBytes)
    throw ClassError(path + ": larger than " + std::to_string(kMaxJsonBytes >> 20) + " MiB; not a class output");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ClassError(path + ": cannot be read");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

nlohmann::json parse_file(const std::string& path) {
  try {
    return nlohmann::json::parse(read_file(path));
  } catch (const nlohmann::json::exception& e) {
    throw ClassError(path + ": not JSON: " + e.what());
  }
}

// One value of class.json, with the JSON pointer in the error when it is missing or wrong.
template <class T>
T field(const nlohmann::json& j, const std::string& key, const std::string& where) {
  if (!j.is_object() || !j.contains(key)) throw ClassError(where + "/" + key + ": missing");
  try {
    return j.at(key).get<T>();
  } catch (const nlohmann::json::exception&) {
    throw ClassError(where + "/" + key + ": wrong type");
  }
}

Text text_field(const nlohmann::json& j, const std::string& key, const std::string& where) {
  const auto& t = j.contains(key) ? j.at(key) : nlohmann::json();
  if (!t.is_object()) throw ClassError(where + "/" + key + ": missing or not an object {\"en\", \"zh\"}");
  return Text{field<std::string>(t, "en", where + "/" + key), t.value("zh", std::string())};
}

}  // namespace

std::string student_report_path(const std::string& student, const std::string& ext) {
  return "students/" + student + "." + ext;
}

nlohmann::ordered_json class_json(const ClassResult& r) {
  const ClassStats stats = class_stats(r);
  nlohmann::ordered_json j;
  j["format"] = kFormat;
  j["version"] = kVersion;
  j["lab"] = r.lab;
  j["lab_title"] = text_json(r.lab_title);
  j["lab_digest"] = r.lab_digest;
  if (r.shard_n > 1) {
    j["shards"] = {{"n", r.shard_n}, {"k", r.shard_ks}};
  }
  j["max_score"] = r.max_score;
  nlohmann::ordered_json summary;
  summary["students"] = r.reports.size();
  summary["unfinished"] = stats.unfinished;
  summary["full_marks"] = stats.full_marks;
  summary["mean"] = two_decimals(stats.mean);
  summary["median"] = two_decimals(stats.median);
  j["summary"] = summary;
  auto& checks = j["checks"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < r.checks.size(); ++i) {
    const ClassCheck& c = r.checks[i];
    nlohmann::ordered_json cj;
    cj["id"] = c.id;
    cj["kind"] = c.kind;
    cj["points"] = c.points;
    cj["title"] = text_json(c.title);
    cj["passed"] = stats.passed[i];
    checks.push_back(cj);
  }
  auto& students = j["students"] = nlohmann::ordered_json::array();
  for (const GradeReport& g : r.reports) {
    nlohmann::ordered_json s;
    s["student"] = g.student;
    s["score"] = g.score;
    s["max_score"] = g.max_score;
    if (!g.aborted.empty()) s["unfinished"] = g.aborted;
    auto& earned = s["earned"] = nlohmann::ordered_json::object();
    for (const CheckOutcome& o : g.checks) earned[o.id] = o.earned;
    s["report"] = student_report_path(g.student, "json");
    students.push_back(s);
  }
  return j;
}

ClassResult read_class_output(const std::string& dir) {
  const std::string path = dir + "/class.json";
  const nlohmann::json j = parse_file(path);
  if (!j.is_object() || j.value("format", std::string()) != kFormat)
    throw ClassError(path + ": not a class output of `lvslab grade` (no \"format\": \"" + kFormat + "\")");
  if (j.value("version", 0) != kVersion)
    throw ClassError(path + ": /version: " + j["version"].dump() + " is not " + std::to_string(kVersion) +
                     " (written by another version of lvslab)");
  const std::string where = path + ": ";
  ClassResult r;
  r.lab = field<std::string>(j, "lab", where);
  r.lab_title = text_field(j, "lab_title", where);
  r.lab_digest = field<std::string>(j, "lab_digest", where);
  r.max_score = field<int>(j, "max_score", where);
  if (j.contains("shards")) {
    r.shard_n = field<int>(j["shards"], "n", where + "/shards");
    r.shard_ks = field<std::vector<int>>(j["shards"], "k", where + "/shards");
    for (const int k : r.shard_ks)
      if (r.shard_n < 2 || r.shard_n > kMaxShards || k < 1 || k > r.shard_n)
        throw ClassError(where + "/shards: shard " + std::to_string(k) + "/" + std::to_string(r.shard_n) +
                         " is not a shard");
  }
  const auto& checks = j.contains("checks") ? j["checks"] : nlohmann::json();
  if (!checks.is_array()) throw ClassError(where + "/checks: missing or not an array");
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const std::string at = where + "/checks/" + std::to_string(i);
    r.checks.push_back(ClassCheck{field<std::string>(checks[i], "id", at), field<std::string>(checks[i], "kind", at),
                                  field<int>(checks[i], "points", at), text_field(checks[i], "title", at)});
  }
  const auto& students = j.contains("students") ? j["students"] : nlohmann::json();
  if (!students.is_array()) throw ClassError(where + "/students: missing or not an array");
  if (students.size() > kMaxStudents)
    throw ClassError(where + "/students: more than " + std::to_string(kMaxStudents) + " students");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < students.size(); ++i) {
    const std::string at = where + "/students/" + std::to_string(i);
    const std::string name = field<std::string>(students[i], "student", at);
    if (name.empty() || name[0] == '.' || name.find('/') != std::string::npos || name.find('\0') != std::string::npos)
      throw ClassError(at + "/student: '" + name + "' is not a student folder name");
    if (!seen.insert(name).second) throw ClassError(at + "/student: '" + name + "' appears twice");
    const std::string report_path = dir + "/" + student_report_path(name, "json");
    GradeReport g;
    try {
      g = grade_from_json(parse_file(report_path));
    } catch (const LabError& e) {
      throw ClassError(report_path + ": " + e.what());
    }
    if (g.student != name) throw ClassError(report_path + ": the report of '" + g.student + "', not of '" + name + "'");
    if (g.lab != r.lab) throw ClassError(report_path + ": a report of lab '" + g.lab + "', not '" + r.lab + "'");
    r.reports.push_back(std::move(g));
  }
  if (!std::is_sorted(r.reports.begin(), r.reports.end(),
                      [](const GradeReport& a, const GradeReport& b) { return a.student < b.student; }))
    throw ClassError(where + "/students: not sorted by name (not written by `lvslab grade`)");
  return r;
}

}  // namespace lvs::grade
