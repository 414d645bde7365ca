// index.html: the class summary a teacher opens in a browser, one static file with no
// external resource (works from file://, from a CI artifact, offline): the figures, the
// score distribution, each check's pass rate, and the students' table (sortable by any
// column, by clicking its header or by the address: index.html#sort=score:desc), every
// name a link to the student's report.
#include <cstdio>

#include "sim/grade/class_grade.hpp"
#include "sim/grade/class_stats.hpp"
#include "sim/grade/grade_words.hpp"

namespace lvs::grade {
namespace {

struct Words {
  const char* results;
  const char* students_word;
  const char* mean;
  const char* median;
  const char* full_marks;
  const char* unfinished;
  const char* distribution;
  const char* checks;
  const char* check;
  const char* points;
  const char* passed;
  const char* student;
  const char* students_heading;
  const char* score;
  const char* note;
  const char* pass_rate;
  const char* shards;
  const char* sort_hint;
  const char* files;
};

// Every word in both languages; a word added to Words and left out of one is a compile error
// (static_assert below), not a null pointer at run time.
constexpr Words kEnglish{.results = "class results",
                         .students_word = "students",
                         .mean = "mean",
                         .median = "median",
                         .full_marks = "full marks",
                         .unfinished = "not graded to the end",
                         .distribution = "Score distribution",
                         .checks = "Checks",
                         .check = "Check",
                         .points = "Points",
                         .passed = "Passed",
                         .student = "Student",
                         .students_heading = "Students",
                         .score = "Score",
                         .note = "Note",
                         .pass_rate = "Pass rate",
                         .shards = "This output holds shards",
                         .sort_hint = "Click a column's header to sort by it.",
                         .files = "The same as data"};
constexpr Words kChinese{.results = "全班成绩",
                         .students_word = "名学生",
                         .mean = "平均分",
                         .median = "中位数",
                         .full_marks = "满分",
                         .unfinished = "未能评完",
                         .distribution = "分数分布",
                         .checks = "检查项",
                         .check = "检查项",
                         .points = "分值",
                         .passed = "通过",
                         .student = "学生",
                         .students_heading = "学生",
                         .score = "得分",
                         .note = "备注",
                         .pass_rate = "通过率",
                         .shards = "本输出只含分片",
                         .sort_hint = "点击列标题可按该列排序。",
                         .files = "数据文件"};

constexpr bool complete(const Words& w) {
  return w.results && w.students_word && w.mean && w.median && w.full_marks && w.unfinished && w.distribution &&
         w.checks && w.check && w.points && w.passed && w.student && w.students_heading && w.score && w.note &&
         w.pass_rate && w.shards && w.sort_hint && w.files;
}
static_assert(complete(kEnglish) && complete(kChinese), "a word of index.html is missing in a language");

const Words& words(const std::string& lang) { return lang == "zh" ? kChinese : kEnglish; }

std::string esc(const std::string& s) { return html_escape(s); }

// A path segment of a link: everything but the unreserved characters percent-encoded
// (RFC 3986), so that a student folder named "a#b" or "x y" still links to its report.
std::string url_segment(const std::string& s) {
  std::string out;
  for (const unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      out += hex;
    }
  }
  return out;
}

std::string link(const std::string& student, const std::string& ext) {
  return "students/" + url_segment(student) + "." + ext;
}

std::string percent(std::size_t part, std::size_t whole) {
  return whole ? std::to_string((part * 100 + whole / 2) / whole) + "%" : "–";
}

constexpr const char* kStyle = R"(
body{font:15px/1.4 system-ui,-apple-system,"Segoe UI","Noto Sans","Noto Sans CJK SC",sans-serif;margin:1.5em;color:#1b1f24;background:#fff}
h1{font-size:1.5em;margin:0 0 .2em}h1 small{color:#57606a;font-weight:normal;font-size:.6em;margin-left:.5em}
h2{font-size:1.15em;margin:1.4em 0 .5em}
.figures{display:flex;flex-wrap:wrap;gap:.6em;margin:.8em 0}
.figure{border:1px solid #d0d7de;border-radius:6px;padding:.4em .8em;min-width:6em}
.figure b{display:block;font-size:1.4em}
.warn b{color:#b35900}
table{border-collapse:collapse}
th,td{border:1px solid #d0d7de;padding:.25em .5em;text-align:left;vertical-align:top}
thead th{background:#f6f8fa;position:sticky;top:0}
#students thead th{cursor:pointer;user-select:none;white-space:nowrap}
#students thead th button{all:unset;cursor:pointer}
#students thead th.check{vertical-align:bottom}
#students thead th.check button{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:600}
#students tbody td:first-child{white-space:nowrap}
.row{display:flex;flex-wrap:wrap;gap:2em;align-items:flex-start}
#students thead th[aria-sort=ascending] button::after{content:" \25B2"}
#students thead th[aria-sort=descending] button::after{content:" \25BC"}
#students thead th.check[aria-sort=ascending] button::after{content:" \25BC"}
#students thead th.check[aria-sort=descending] button::after{content:" \25B2"}
td.num,th.num{text-align:right}
td.pass{background:#dafbe1;color:#116329;text-align:center}
td.fail{background:#ffebe9;color:#a40e26;text-align:center}
td.none{color:#8c959f;text-align:center}
tr.unfinished td:first-child{border-left:4px solid #b35900}
.note{color:#57606a;font-size:.9em;max-width:40em}
td.rate{white-space:nowrap}
.bar{display:inline-block;height:.8em;background:#2f81f7;vertical-align:middle;margin-right:.4em}
.files a{color:#57606a;font-size:.85em;margin-left:.3em}
tfoot th,tfoot td{background:#f6f8fa;font-weight:600}
.hint{color:#57606a;font-size:.9em}
)";

// Sorts the students' table by a column (numbers as numbers, names as text, ties by name),
// marks the header with aria-sort and keeps the choice in the address (#sort=KEY:asc|desc).
constexpr const char* kScript = R"(
(function(){
var table=document.getElementById('students');
var heads=Array.prototype.slice.call(table.tHead.rows[0].cells);
function keyOf(th){return th.getAttribute('data-key');}
function value(row,i,num){var v=row.cells[i].getAttribute('data-v');return num?parseFloat(v):v;}
function sortBy(key,dir){
  var i=heads.findIndex(function(th){return keyOf(th)===key;});
  if(i<0)return;
  var num=heads[i].getAttribute('data-type')==='num';
  var body=table.tBodies[0];
  var rows=Array.prototype.slice.call(body.rows);
  rows.sort(function(a,b){
    var x=value(a,i,num),y=value(b,i,num),c=num?x-y:(x<y?-1:x>y?1:0);
    if(c===0){var n=value(a,0,false),m=value(b,0,false);return n<m?-1:n>m?1:0;}
    return dir==='desc'?-c:c;});
  rows.forEach(function(r){body.appendChild(r);});
  heads.forEach(function(th){th.removeAttribute('aria-sort');});
  heads[i].setAttribute('aria-sort',dir==='desc'?'descending':'ascending');
}
heads.forEach(function(th){
  var b=th.querySelector('button');if(!b)return;
  b.addEventListener('click',function(){
    var dir=th.getAttribute('aria-sort')==='ascending'?'desc':'asc';
    sortBy(keyOf(th),dir);
    history.replaceState(null,'','#sort='+encodeURIComponent(keyOf(th))+':'+dir);
  });});
var m=/^#sort=([^:]*):(asc|desc)$/.exec(location.hash);
if(m)sortBy(decodeURIComponent(m[1]),m[2]);
})();
)";

void figure(std::string& out, const std::string& value, const std::string& label, bool warn = false) {
  out += std::string("<div class=\"figure") + (warn ? " warn" : "") + "\"><b>" + esc(value) + "</b>" + esc(label) +
         "</div>\n";
}

void distribution(std::string& out, const ClassResult& r) {
  // Ten bands of the maximum score (the last one closed: 90-100%).
  std::size_t bands[10] = {};
  for (const GradeReport& g : r.reports) {
    const int max = g.max_score > 0 ? g.max_score : 1;
    const int band = std::min(9, std::max(0, g.score * 10 / max));
    ++bands[band];
  }
  std::size_t most = 1;
  for (const std::size_t b : bands) most = std::max(most, b);
  out += "<table id=\"distribution\"><tbody>\n";
  for (int b = 0; b < 10; ++b) {
    const std::string range = std::to_string(b * 10) + "–" + std::to_string(b == 9 ? 100 : b * 10 + 9) + "%";
    out += "<tr><th>" + range + "</th><td class=\"num\">" + std::to_string(bands[b]) +
           "</td><td><span class=\"bar\" style=\"width:" + std::to_string(bands[b] * 200 / most) +
           "px\"></span></td></tr>\n";
  }
  out += "</tbody></table>\n";
}

void checks_table(std::string& out, const ClassResult& r, const ClassStats& s, const Words& w,
                  const std::string& lang) {
  out += std::string("<table id=\"checks\"><thead><tr><th>") + w.check + "</th><th>" + w.points + "</th><th>" +
         w.passed + "</th><th>" + w.pass_rate + "</th></tr></thead><tbody>\n";
  const std::size_t n = r.reports.size();
  for (std::size_t i = 0; i < r.checks.size(); ++i) {
    const ClassCheck& c = r.checks[i];
    const std::size_t width = n ? s.passed[i] * 150 / n : 0;
    out += "<tr><td><code>" + esc(c.id) + "</code> " + esc(c.title.in(lang)) + "</td><td class=\"num\">" +
           std::to_string(c.points) + "</td><td class=\"num\">" + std::to_string(s.passed[i]) + "/" +
           std::to_string(n) + "</td><td class=\"rate\"><span class=\"bar\" style=\"width:" + std::to_string(width) +
           "px\"></span>" + percent(s.passed[i], n) + "</td></tr>\n";
  }
  out += "</tbody></table>\n";
}

void student_row(std::string& out, const ClassResult& r, const GradeReport& g) {
  out += std::string("<tr") + (g.aborted.empty() ? "" : " class=\"unfinished\"") + "><td data-v=\"" + esc(g.student) +
         "\"><a href=\"" + esc(link(g.student, "html")) + "\">" + esc(g.student) +
         "</a><span class=\"files\"><a href=\"" + esc(link(g.student, "txt")) + "\">txt</a><a href=\"" +
         esc(link(g.student, "json")) + "\">json</a></span></td><td class=\"num\" data-v=\"" + std::to_string(g.score) +
         "\">" + std::to_string(g.score) + "/" + std::to_string(g.max_score) + "</td>";
  for (const ClassCheck& c : r.checks) {
    const CheckOutcome* o = find_outcome(g, c.id);
    if (!o) {
      out += "<td class=\"none\" data-v=\"-1\">–</td>";
    } else {
      const std::string why = o->passed ? "" : (o->cause.empty() ? "" : " title=\"" + esc(o->cause) + "\"");
      out += std::string("<td class=\"") + (o->passed ? "pass" : "fail") + "\" data-v=\"" + (o->passed ? "1" : "0") +
             "\"" + why + ">" + (o->passed ? "✓" : "✗") + "</td>";
    }
  }
  out += "<td class=\"note\" data-v=\"" + esc(g.aborted) + "\">" + esc(g.aborted) + "</td></tr>\n";
}

void students_table(std::string& out, const ClassResult& r, const ClassStats& s, const Words& w,
                    const std::string& lang) {
  out += std::string("<p class=\"hint\">") + w.sort_hint + "</p>\n";
  out += std::string("<table id=\"students\"><thead><tr><th data-key=\"student\" data-type=\"text\"><button>") +
         w.student + "</button></th><th class=\"num\" data-key=\"score\" data-type=\"num\"><button>" + w.score +
         "</button></th>";
  for (const ClassCheck& c : r.checks)
    out += "<th class=\"check\" data-key=\"" + esc(c.id) + "\" data-type=\"num\" title=\"" + esc(c.title.in(lang)) +
           " (" + std::to_string(c.points) + ")\"><button>" + esc(c.id) + "</button></th>";
  out += std::string("<th data-key=\"note\" data-type=\"text\"><button>") + w.note +
         "</button></th></tr></thead>\n<tbody>\n";
  for (const GradeReport& g : r.reports) student_row(out, r, g);
  out += "</tbody>\n<tfoot><tr><th>" + std::string(w.passed) + "</th><td class=\"num\">" + score_text(s.mean) + "</td>";
  for (std::size_t i = 0; i < r.checks.size(); ++i)
    out += "<td class=\"num\">" + percent(s.passed[i], r.reports.size()) + "</td>";
  out += "<td></td></tr></tfoot></table>\n";
}

}  // namespace

std::string class_index_html(const ClassResult& r, const std::string& lang) {
  const Words& w = words(lang);
  const ClassStats s = class_stats(r);
  const std::string title = r.lab_title.in(lang).empty() ? r.lab : r.lab_title.in(lang);
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang == "zh" ? "zh" : "en") +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n"
                    "<title>" +
                    esc(title) + " – " + w.results + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
  out += "<h1>" + esc(title) + " – " + w.results + "<small>" + esc(r.lab) + "</small></h1>\n";
  if (r.shard_n > 1) {
    std::string ks;
    for (const int k : r.shard_ks) ks += (ks.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(r.shard_n);
    out += std::string("<p class=\"note\">") + w.shards + ": " + esc(ks) + "</p>\n";
  }
  out += "<div class=\"figures\" id=\"figures\">\n";
  figure(out, std::to_string(r.reports.size()), w.students_word);
  figure(out, score_text(s.mean) + " / " + std::to_string(r.max_score), w.mean);
  figure(out, score_text(s.median), w.median);
  figure(out, std::to_string(s.full_marks), w.full_marks);
  if (s.unfinished) figure(out, std::to_string(s.unfinished), w.unfinished, true);
  out += "</div>\n";
  out += std::string("<p class=\"hint\" id=\"files\">") + w.files +
         ": <a href=\"class.csv\">class.csv</a> · <a href=\"class.json\">class.json</a> · <a "
         "href=\"junit.xml\">junit.xml</a></p>\n";
  out += std::string("<div class=\"row\"><div><h2>") + w.checks + "</h2>\n";
  checks_table(out, r, s, w, lang);
  out += std::string("</div><div><h2>") + w.distribution + "</h2>\n";
  distribution(out, r);
  out += "</div></div>\n";
  out += std::string("<h2>") + w.students_heading + "</h2>\n";
  students_table(out, r, s, w, lang);
  out += std::string("<script>") + kScript + "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace lvs::grade
