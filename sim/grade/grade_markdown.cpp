// grade_markdown(): the report as Markdown (a course forum, a GitLab/GitHub comment).
#include <sstream>

#include "sim/core/printable.hpp"
#include "sim/grade/grade.hpp"
#include "sim/grade/grade_words.hpp"

namespace lvs::grade {
namespace {

// One table cell or list item: one line, '|' and Markdown's active characters escaped.
std::string inline_md(const std::string& text) {
  std::string out;
  for (char c : printable(text)) {
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// A fenced block that no run of backticks inside the text can close.
void block(std::ostream& out, const std::string& text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
  out << fence << "text\n" << printable_lines(text);
  if (!text.empty() && text.back() != '\n') out << "\n";
  out << fence << "\n";
}

void item(std::ostream& out, const char* label, const std::string& value) {
  if (value.empty()) return;
  if (value.find('\n') == std::string::npos) {
    out << "- **" << label << "**: " << inline_md(value) << "\n";
    return;
  }
  out << "- **" << label << "**:\n\n";
  block(out, value);
  out << "\n";
}

}  // namespace

std::string grade_markdown(const GradeReport& r, const std::string& lang) {
  std::ostringstream out;
  out << "# " << word(Word::kLab, lang) << " " << inline_md(r.lab) << ": " << inline_md(r.student) << ", " << r.score
      << "/" << r.max_score << "\n\n";
  out << "| | " << word(Word::kCheck, lang) << " | " << word(Word::kPoints, lang) << " |\n|---|---|---|\n";
  for (const auto& c : r.checks)
    out << "| " << (c.passed ? word(Word::kPass, lang) : word(Word::kFail, lang)) << " | `" << c.id << "` "
        << inline_md(c.title.in(lang)) << " | " << c.earned << "/" << c.points << " |\n";
  for (const auto& c : r.checks) {
    if (c.passed) continue;
    out << "\n## " << word(Word::kFail, lang) << ": `" << c.id << "` " << inline_md(c.title.in(lang)) << "\n\n";
    item(out, word(Word::kCause, lang), c.cause);
    item(out, word(Word::kEvidence, lang), c.evidence);
    item(out, word(Word::kFeedback, lang), c.feedback.in(lang));
    item(out, word(Word::kHint, lang), c.hint.in(lang));
    item(out, word(Word::kSection, lang), c.section);
    if (!c.replay.empty()) {
      out << "- **" << word(Word::kReplay, lang) << "**:\n\n";
      block(out, c.replay);
    }
  }
  if (!r.aborted.empty()) out << "\n**" << word(Word::kAborted, lang) << "**: " << inline_md(r.aborted) << "\n";
  if (!r.problems.empty()) {
    out << "\n## " << word(Word::kProblems, lang) << "\n\n";
    for (const auto& p : r.problems) out << "- " << inline_md(p) << "\n";
  }
  if (!r.sessions.empty()) {
    out << "\n## " << word(Word::kSessions, lang) << "\n";
    for (const auto& s : r.sessions) {
      out << "\n### " << inline_md(s.host) << (s.origin.empty() ? "" : " (" + inline_md(s.origin) + ")") << "\n\n";
      block(out, s.text);
    }
  }
  return out.str();
}

}  // namespace lvs::grade
