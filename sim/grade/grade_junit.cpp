// grade_junit(): JUnit XML for autograding pipelines (GitLab, Jenkins, GitHub Actions):
// one <testsuite> per student, one <testcase> per check; a failed check is a <failure>
// whose message is the cause and whose text holds the evidence, feedback and replay.
#include <sstream>

#include "sim/core/printable.hpp"
#include "sim/grade/grade.hpp"
#include "sim/grade/grade_words.hpp"

namespace lvs::grade {
namespace {

// XML 1.0 text: printable() turns the control characters XML cannot carry into escapes.
std::string xml(const std::string& text) {
  std::string out;
  for (char c : printable_lines(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string failure_text(const CheckOutcome& c) {
  std::string t;
  auto add = [&t](const char* label, const std::string& v) {
    if (!v.empty()) t += std::string(label) + ": " + v + "\n";
  };
  add("cause", c.cause);
  add("evidence", c.evidence);
  add("feedback", c.feedback.en);
  add("hint", c.hint.en);
  add("textbook", c.section);
  add("replay", c.replay);
  return t;
}

}  // namespace

std::string grade_junit(const std::vector<GradeReport>& reports) {
  std::ostringstream out;
  std::size_t tests = 0, failures = 0;
  for (const auto& r : reports)
    for (const auto& c : r.checks) {
      ++tests;
      failures += c.passed ? 0 : 1;
    }
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"lvslab grade\" tests=\"" << tests << "\" failures=\"" << failures << "\">\n";
  for (const auto& r : reports) {
    std::size_t failed = 0;
    for (const auto& c : r.checks) failed += c.passed ? 0 : 1;
    out << "  <testsuite name=\"" << xml(r.lab + "." + r.student) << "\" tests=\"" << r.checks.size()
        << "\" failures=\"" << failed << "\">\n";
    out << "    <properties><property name=\"score\" value=\"" << r.score << "\"/><property name=\"max_score\" value=\""
        << r.max_score << "\"/></properties>\n";
    for (const auto& c : r.checks) {
      out << "    <testcase classname=\"" << xml(r.lab + "." + r.student) << "\" name=\"" << xml(c.id) << "\"";
      if (c.passed) {
        out << "/>\n";
        continue;
      }
      out << ">\n      <failure message=\"" << xml(c.cause) << "\" type=\"" << xml(c.kind) << "\">"
          << xml(failure_text(c)) << "</failure>\n    </testcase>\n";
    }
    if (!r.problems.empty() || !r.aborted.empty()) {
      std::string err = r.aborted.empty() ? "" : "aborted: " + r.aborted + "\n";
      for (const auto& p : r.problems) err += p + "\n";
      out << "    <system-err>" << xml(err) << "</system-err>\n";
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace lvs::grade
