// class.csv: one row per student, one column per check (the points earned), the total,
// the maximum and why a submission was not graded to the end. RFC 4180 quoting; a cell
// that a spreadsheet would run as a formula (starting with = + - @) gets a leading '
// (OWASP's advice on CSV injection): student folder names are not trusted.
#include "sim/grade/class_grade.hpp"
#include "sim/grade/class_stats.hpp"

namespace lvs::grade {
namespace {

std::string cell(const std::string& text) {
  std::string v = text;
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r'))
    v.insert(v.begin(), '\'');
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string q = "\"";
  for (const char c : v) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

}  // namespace

std::string class_csv(const ClassResult& r) {
  std::string out = "student";
  for (const ClassCheck& c : r.checks) out += "," + cell(c.id);
  out += ",total,max,unfinished\r\n";
  for (const GradeReport& g : r.reports) {
    out += cell(g.student);
    for (const ClassCheck& c : r.checks) {
      const CheckOutcome* o = find_outcome(g, c.id);
      out += "," + (o ? std::to_string(o->earned) : std::string());
    }
    out += "," + std::to_string(g.score) + "," + std::to_string(g.max_score) + "," + cell(g.aborted) + "\r\n";
  }
  return out;
}

}  // namespace lvs::grade
