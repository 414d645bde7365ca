// grade_text(): the report a student reads in a terminal.
#include <sstream>

#include "sim/core/printable.hpp"
#include "sim/grade/grade.hpp"
#include "sim/grade/grade_words.hpp"

namespace lvs::grade {
namespace {

void line(std::ostream& out, const char* label, const std::string& value) {
  if (value.empty()) return;
  const std::string first_indent = std::string("      ") + label + ": ";
  const std::string text = printable_lines(value);
  const std::size_t nl = text.find('\n');
  if (nl == std::string::npos || nl + 1 == text.size()) {
    out << first_indent << text.substr(0, nl) << "\n";
    return;
  }
  out << first_indent << text.substr(0, nl) << "\n" << indented(text.substr(nl + 1), "        ");
}

}  // namespace

std::string grade_text(const GradeReport& r, const std::string& lang) {
  std::ostringstream out;
  out << word(Word::kLab, lang) << " " << r.lab << "\n";
  out << word(Word::kStudent, lang) << " " << printable(r.student) << ": " << word(Word::kScore, lang) << " " << r.score
      << "/" << r.max_score << "\n\n";
  for (const auto& c : r.checks) {
    out << (c.passed ? word(Word::kPass, lang) : word(Word::kFail, lang)) << "  " << c.earned << "/" << c.points << "  "
        << c.id << "  " << printable(c.title.in(lang)) << "\n";
    if (c.passed) continue;
    line(out, word(Word::kCause, lang), c.cause);
    line(out, word(Word::kEvidence, lang), c.evidence);
    line(out, word(Word::kFeedback, lang), c.feedback.in(lang));
    line(out, word(Word::kHint, lang), c.hint.in(lang));
    line(out, word(Word::kSection, lang), c.section);
    line(out, word(Word::kReplay, lang), c.replay);
  }
  if (!r.aborted.empty()) out << "\n" << word(Word::kAborted, lang) << ": " << printable(r.aborted) << "\n";
  if (!r.problems.empty()) {
    out << "\n" << word(Word::kProblems, lang) << ":\n";
    for (const auto& p : r.problems) out << "  " << printable(p) << "\n";
  }
  if (!r.sessions.empty()) {
    out << "\n" << word(Word::kSessions, lang) << ":\n";
    for (std::size_t i = 0; i < r.sessions.size(); ++i) {
      const HostSession& s = r.sessions[i];
      out << (i ? "\n" : "") << s.host << (s.origin.empty() ? "" : " (" + printable(s.origin) + ")") << ":\n"
          << indented(printable_lines(s.text), "  ");
    }
  }
  return out.str();
}

}  // namespace lvs::grade
