// The report formats carry whatever a submission holds (folder names, command output,
// terminal control characters) without breaking their own syntax.
#include <doctest/doctest.h>

#include "sim/grade/grade.hpp"

using namespace lvs::grade;

namespace {

GradeReport hostile_report() {
  GradeReport r;
  r.lab = "lab";
  r.student = "a<b>&\"c'";
  r.max_score = 10;
  CheckOutcome c;
  c.id = "x";
  c.kind = "path";
  c.points = 10;
  c.title = {"T <b>", "标题"};
  c.feedback = {"F & more", ""};
  c.cause = "cause with ]]> and \x1b[31m red and | pipe and `tick`";
  c.evidence = "line 1\nline 2 ```\n";
  c.replay = "lvslab view 'x y/scenario.json' --seed 1";
  r.checks.push_back(c);
  r.problems.push_back("rs1/setup.sh:3: \x01 control");
  r.sessions.push_back({"rs1", "rs1/setup.sh", "[root@rs1 ~]# echo '<script>'\n<script>\n"});
  return r;
}

}  // namespace

TEST_CASE("formats: HTML escapes what the submission holds") {
  const std::string html = grade_html(hostile_report(), "en");
  CHECK(html.find("<script>") == std::string::npos);
  CHECK(html.find("&lt;script&gt;") != std::string::npos);
  CHECK(html.find("a&lt;b&gt;&amp;&quot;c&#39;") != std::string::npos);
  CHECK(html.find('\x1b') == std::string::npos);  // control characters become visible escapes
  CHECK(grade_html(hostile_report(), "zh").find("<html lang=\"zh\">") != std::string::npos);
  CHECK(grade_html(hostile_report(), "zh").find("标题") != std::string::npos);
}

TEST_CASE("formats: JUnit XML escapes, and has no control characters XML forbids") {
  const std::string xml = grade_junit({hostile_report()});
  CHECK(xml.find("classname=\"lab.a&lt;b&gt;&amp;&quot;c&apos;\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"cause with ]]&gt; and \\x1b[31m red") != std::string::npos);
  for (const char c : xml) CHECK((static_cast<unsigned char>(c) >= 0x20 || c == '\n'));
}

TEST_CASE("formats: Markdown keeps a table row and a fence whole") {
  const std::string md = grade_markdown(hostile_report(), "en");
  CHECK(md.find("| FAIL | `x` T \\<b\\> | 0/10 |") != std::string::npos);
  // The evidence holds ``` : its fence is longer.
  CHECK(md.find("````text\nline 1\nline 2 ```\n````") != std::string::npos);
  CHECK(md.find("\\| pipe") != std::string::npos);
}

TEST_CASE("formats: the text report shows control characters as escapes") {
  const std::string text = grade_text(hostile_report(), "en");
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find("\\x1b[31m") != std::string::npos);
  CHECK(text.find("rs1/setup.sh:3: \\x01 control") != std::string::npos);
}
