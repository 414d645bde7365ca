// grade_html(): the report as one static HTML page (no script, no outside resource).
#include <sstream>

#include "sim/core/printable.hpp"
#include "sim/grade/grade.hpp"
#include "sim/grade/grade_words.hpp"

namespace lvs::grade {

// Text for HTML element content and attribute values.
std::string html_escape(const std::string& text) {
  std::string out;
  for (char c : printable_lines(text)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

constexpr const char* kStyle =
    "body{font-family:sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#222}"
    "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:left}"
    ".pass{color:#176b1d}.fail{color:#b00020}pre{background:#f4f4f4;padding:.5em;overflow-x:auto}"
    "dt{font-weight:bold}dd{margin:0 0 .5em 1.5em}";

void entry(std::ostream& out, const char* label, const std::string& value, bool pre = false) {
  if (value.empty()) return;
  out << "<dt>" << html_escape(label) << "</dt><dd>";
  if (pre || value.find('\n') != std::string::npos) out << "<pre>" << html_escape(value) << "</pre>";
  else out << html_escape(value);
  out << "</dd>\n";
}

}  // namespace

std::string grade_html(const GradeReport& r, const std::string& lang) {
  std::ostringstream out;
  const std::string title = r.lab + ": " + r.student;
  out << "<!DOCTYPE html>\n<html lang=\"" << (lang == "zh" ? "zh" : "en") << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>" << html_escape(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
  out << "<h1>" << html_escape(word(Word::kLab, lang)) << " " << html_escape(r.lab) << "</h1>\n";
  out << "<p id=\"score\">" << html_escape(word(Word::kStudent, lang)) << " <b>" << html_escape(r.student)
      << "</b>: " << html_escape(word(Word::kScore, lang)) << " <b>" << r.score << "/" << r.max_score << "</b></p>\n";
  out << "<table>\n<tr><th></th><th>" << html_escape(word(Word::kCheck, lang)) << "</th><th>"
      << html_escape(word(Word::kPoints, lang)) << "</th></tr>\n";
  for (const auto& c : r.checks)
    out << "<tr class=\"" << (c.passed ? "pass" : "fail") << "\"><td>"
        << html_escape(c.passed ? word(Word::kPass, lang) : word(Word::kFail, lang)) << "</td><td><a href=\"#"
        << html_escape(c.id) << "\">" << html_escape(c.id) << "</a> " << html_escape(c.title.in(lang)) << "</td><td>"
        << c.earned << "/" << c.points << "</td></tr>\n";
  out << "</table>\n";
  for (const auto& c : r.checks) {
    if (c.passed) continue;
    out << "<h2 id=\"" << html_escape(c.id) << "\" class=\"fail\">" << html_escape(c.id) << ": "
        << html_escape(c.title.in(lang)) << "</h2>\n<dl>\n";
    entry(out, word(Word::kCause, lang), c.cause);
    entry(out, word(Word::kEvidence, lang), c.evidence);
    entry(out, word(Word::kFeedback, lang), c.feedback.in(lang));
    entry(out, word(Word::kHint, lang), c.hint.in(lang));
    entry(out, word(Word::kSection, lang), c.section);
    entry(out, word(Word::kReplay, lang), c.replay, true);
    out << "</dl>\n";
  }
  if (!r.aborted.empty())
    out << "<p><b>" << html_escape(word(Word::kAborted, lang)) << "</b>: " << html_escape(r.aborted) << "</p>\n";
  if (!r.problems.empty()) {
    out << "<h2>" << html_escape(word(Word::kProblems, lang)) << "</h2>\n<ul>\n";
    for (const auto& p : r.problems) out << "<li><code>" << html_escape(p) << "</code></li>\n";
    out << "</ul>\n";
  }
  if (!r.sessions.empty()) {
    out << "<h2>" << html_escape(word(Word::kSessions, lang)) << "</h2>\n";
    for (const auto& s : r.sessions)
      out << "<h3>" << html_escape(s.host) << (s.origin.empty() ? "" : " (" + html_escape(s.origin) + ")")
          << "</h3>\n<pre>" << html_escape(s.text) << "</pre>\n";
  }
  out << "</body>\n</html>\n";
  return out.str();
}

}  // namespace lvs::grade
