// class.json: the class result as data (docs/grading-class.md), and reading an output
// folder back for `grade merge`.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "sim/core/printable.hpp"
#include "sim/grade/class_grade.hpp"
#include "sim/grade/class_stats.hpp"

namespace lvs::grade {
namespace {

constexpr const char* kFormat = "lvslab-grade-class";
constexpr int kVersion = 1;
// Bounds of a class.json read back (a pack has at most 200 checks of at most 10,000 points).
constexpr std::size_t kMaxClassChecks = 1000;
constexpr int kMaxScore = 100000000;
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

// A whole number from lo to hi (a float or an out-of-range number is refused, not cast).
int int_value(const nlohmann::json& v, const std::string& where, int lo, int hi) {
  if (!v.is_number_integer()) throw ClassError(where + ": expected a whole number");
  const bool in_range = v.is_number_unsigned() ? v.get<std::uint64_t>() <= static_cast<std::uint64_t>(hi)
                                               : v.get<std::int64_t>() >= lo && v.get<std::int64_t>() <= hi;
  if (!in_range || v.get<std::int64_t>() < lo)
    throw ClassError(where + ": expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
  return static_cast<int>(v.get<std::int64_t>());
}

int int_field(const nlohmann::json& j, const std::string& key, const std::string& where, int lo, int hi) {
  if (!j.is_object() || !j.contains(key)) throw ClassError(where + "/" + key + ": missing");
  return int_value(j.at(key), where + "/" + key, lo, hi);
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

ClassResult parse_class_json(std::string_view text, const std::string& path, const ReportLoader& load_report) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw ClassError(path + ": not JSON: " + e.what());
  }
  const auto* format = j.is_object() && j.contains("format") ? &j["format"] : nullptr;
  if (!format || !format->is_string() || format->get<std::string>() != kFormat)
    throw ClassError(path + ": not a class output of `lvslab grade` (no \"format\": \"" + kFormat + "\")");
  const auto* version = j.contains("version") ? &j["version"] : nullptr;
  if (!version || !version->is_number_integer() || version->get<std::int64_t>() != kVersion)
    throw ClassError(path + ": /version: " + (version ? version->dump() : std::string("missing")) + " is not " +
                     std::to_string(kVersion) + " (written by another version of lvslab)");
  const std::string where = path + ": ";
  ClassResult r;
  r.lab = field<std::string>(j, "lab", where);
  r.lab_title = text_field(j, "lab_title", where);
  r.lab_digest = field<std::string>(j, "lab_digest", where);
  r.max_score = int_field(j, "max_score", where, 0, kMaxScore);
  if (j.contains("shards")) {
    const auto& shards = j["shards"];
    r.shard_n = int_field(shards, "n", where + "/shards", 2, kMaxShards);
    const auto* ks = shards.is_object() && shards.contains("k") ? &shards["k"] : nullptr;
    if (!ks || !ks->is_array() || ks->size() > static_cast<std::size_t>(r.shard_n))
      throw ClassError(where + "/shards/k: expected the list of shards held");
    r.shard_ks.clear();
    for (std::size_t i = 0; i < ks->size(); ++i)
      r.shard_ks.push_back(int_value((*ks)[i], where + "/shards/k/" + std::to_string(i), 1, r.shard_n));
    if (r.shard_ks.empty() || !std::is_sorted(r.shard_ks.begin(), r.shard_ks.end(), std::less_equal<int>()) ||
        std::adjacent_find(r.shard_ks.begin(), r.shard_ks.end()) != r.shard_ks.end())
      throw ClassError(where + "/shards/k: expected the shards held, ascending, each once");
  }
  const auto& checks = j.contains("checks") ? j["checks"] : nlohmann::json();
  if (!checks.is_array()) throw ClassError(where + "/checks: missing or not an array");
  if (checks.size() > kMaxClassChecks)
    throw ClassError(where + "/checks: more than " + std::to_string(kMaxClassChecks) + " checks");
  for (std::size_t i = 0; i < checks.size(); ++i) {
    const std::string at = where + "/checks/" + std::to_string(i);
    r.checks.push_back(ClassCheck{field<std::string>(checks[i], "id", at), field<std::string>(checks[i], "kind", at),
                                  int_field(checks[i], "points", at, 0, kMaxScore),
                                  text_field(checks[i], "title", at)});
  }
  const auto& students = j.contains("students") ? j["students"] : nlohmann::json();
  if (!students.is_array()) throw ClassError(where + "/students: missing or not an array");
  if (students.size() > kMaxStudents)
    throw ClassError(where + "/students: more than " + std::to_string(kMaxStudents) + " students");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < students.size(); ++i) {
    const std::string at = where + "/students/" + std::to_string(i);
    const std::string name = field<std::string>(students[i], "student", at);
    if (!usable_student_name(name) || name.find('/') != std::string::npos)
      throw ClassError(at + "/student: '" + printable(name) + "' is not a student folder name");
    if (!seen.insert(name).second) throw ClassError(at + "/student: '" + printable(name) + "' appears twice");
    r.reports.push_back(load_report(name, r));
  }
  if (!std::is_sorted(r.reports.begin(), r.reports.end(),
                      [](const GradeReport& a, const GradeReport& b) { return a.student < b.student; }))
    throw ClassError(where + "/students: not sorted by name (not written by `lvslab grade`)");
  return r;
}

ClassResult read_class_output(const std::string& dir) {
  return parse_class_json(
      read_file(dir + "/class.json"), dir + "/class.json", [&](const std::string& name, const ClassResult& header) {
        const std::string path = dir + "/" + student_report_path(name, "json");
        GradeReport g;
        try {
          g = grade_from_json(parse_file(path));
        } catch (const LabError& e) {
          throw ClassError(path + ": " + e.what());
        }
        if (g.student != name)
          throw ClassError(path + ": the report of '" + printable(g.student) + "', not of '" + printable(name) + "'");
        if (g.lab != header.lab)
          throw ClassError(path + ": a report of lab '" + printable(g.lab) + "', not '" + printable(header.lab) + "'");
        return g;
      });
}

}  // namespace lvs::grade
