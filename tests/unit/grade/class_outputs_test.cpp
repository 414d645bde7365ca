// The class grader's pieces that do not run a submission: the class folder, shards, the
// class files, reading an output back and merging shard outputs.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/grade/class_grade.hpp"

using namespace lvs::grade;
namespace fs = std::filesystem;

namespace {

// A fresh folder under the test's temporary directory.
fs::path scratch(const std::string& name) {
  const fs::path p = fs::temp_directory_path() / ("lvslab-class-test-" + std::to_string(::getpid())) / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

ClassResult header() {
  ClassResult h;
  h.lab = "lvs-dr";
  h.lab_title = Text{"LVS-DR", "LVS-DR 直接路由"};
  h.lab_digest = "fnv1a64:0123456789abcdef";
  h.checks = {ClassCheck{"arp", "sysctl", 20, Text{"arp_ignore", ""}},
              ClassCheck{"works", "requests_ok", 80, Text{"requests succeed", "请求成功"}}};
  h.max_score = 100;
  return h;
}

GradeReport report(const std::string& student, bool arp, bool works) {
  GradeReport r = ungraded_report(header(), student, "");
  r.aborted.clear();
  for (auto& c : r.checks) c.cause.clear();
  r.checks[0].passed = arp;
  r.checks[0].earned = arp ? 20 : 0;
  r.checks[1].passed = works;
  r.checks[1].earned = works ? 80 : 0;
  if (!arp) r.checks[0].cause = "arp_ignore is 0 on rs1 <lo>";
  r.score = r.checks[0].earned + r.checks[1].earned;
  return r;
}

ClassResult klass(const std::vector<std::string>& students) {
  ClassResult r = header();
  for (std::size_t i = 0; i < students.size(); ++i) r.reports.push_back(report(students[i], i % 2 == 0, i % 3 != 1));
  return r;
}

}  // namespace

TEST_CASE("--shard K/N") {
  CHECK(parse_shard("1/1").whole());
  CHECK(parse_shard("3/8").k == 3);
  CHECK(parse_shard("3/8").n == 8);
  for (const char* bad : {"", "1", "0/4", "5/4", "1/0", "-1/4", "1/4x", " 1/4", "+1/4", "1/100001", "a/b", "1//4"})
    CHECK_THROWS_AS(parse_shard(bad), ClassError);
  CHECK_THROWS_WITH(parse_shard("5/4"), doctest::Contains("K must not exceed N"));
}

TEST_CASE("the students are the sub-folders, sorted; shards split them without overlap") {
  const fs::path dir = scratch("students");
  for (const char* s : {"zoe", "Bob", "alice", ".git", "carl"}) fs::create_directories(dir / s);
  std::ofstream(dir / "README.txt") << "not a student\n";
  fs::create_directory_symlink(dir / "alice", dir / "alias");
  const auto students = list_students(dir.string());
  CHECK(students == std::vector<std::string>{"Bob", "alias", "alice", "carl", "zoe"});
  std::multiset<std::string> seen;
  for (int k = 1; k <= 3; ++k)
    for (const auto& s : shard_students(students, Shard{k, 3})) seen.insert(s);
  CHECK(seen == std::multiset<std::string>(students.begin(), students.end()));
  CHECK(shard_students(students, Shard{2, 3}) == std::vector<std::string>{"alias", "zoe"});
  CHECK(shard_students(students, Shard{4, 7}).empty() == false);
  CHECK(shard_students(students, Shard{7, 7}).empty());
  CHECK_THROWS_WITH(list_students((dir / "README.txt").string()), doctest::Contains("not a folder"));
  CHECK_THROWS_AS(list_students((dir / "nothing").string()), ClassError);
  fs::create_directory_symlink(dir / "gone", dir / "dangling");
  CHECK_THROWS_WITH(list_students(dir.string()), doctest::Contains("dangling: a symbolic link to nothing"));
  fs::remove(dir / "dangling");
  fs::create_directories(dir / "张伟");  // any UTF-8 name is a student
  CHECK(list_students(dir.string()).back() == "张伟");
}

TEST_CASE("a folder name the outputs cannot carry is refused, naming it") {
  for (const char* bad : {"tab\there", "latin1-\xe9"}) {
    const fs::path dir = scratch("bad-names");
    fs::create_directories(dir / "alice");
    fs::create_directories(dir / bad);
    CHECK_THROWS_WITH(list_students(dir.string()), doctest::Contains("rename it"));
  }
}

TEST_CASE("class.csv: one row per student, one column per check, quoted and formula-safe") {
  ClassResult r = klass({"alice", "b,\"ob\"", "=HYPERLINK(1)"});
  r.reports[2].aborted = "stopped, at 60 s";
  const std::string csv = class_csv(r);
  CHECK(csv ==
        "student,arp,works,total,max,unfinished\r\n"
        "alice,20,80,100,100,\r\n"
        "\"b,\"\"ob\"\"\",0,0,0,100,\r\n"
        "'=HYPERLINK(1),20,80,100,100,\"stopped, at 60 s\"\r\n");
}

TEST_CASE("class.json: figures, pass counts and each student's points") {
  const ClassResult r = klass({"a", "b", "c", "d"});  // scores 100, 0, 100, 80
  const auto j = class_json(r);
  CHECK(j["format"] == "lvslab-grade-class");
  CHECK(j["summary"]["students"] == 4);
  CHECK(j["summary"]["full_marks"] == 2);
  CHECK(j["summary"]["mean"] == 70);
  CHECK(j["summary"]["median"] == 90);
  CHECK(j["checks"][0]["passed"] == 2);
  CHECK(j["checks"][1]["passed"] == 3);
  CHECK(j["students"][3]["earned"]["works"] == 80);
  CHECK(j["students"][3]["report"] == "students/d.json");
  CHECK_FALSE(j.contains("shards"));
}

TEST_CASE("index.html: self-contained, escaped, links to every report") {
  ClassResult r = klass({"alice", "x<y> & \"z\"", "a b#c"});
  const std::string html = class_index_html(r, "en");
  CHECK(html.find("<!DOCTYPE html>") == 0);
  CHECK(html.find("href=\"students/alice.html\"") != std::string::npos);
  CHECK(html.find("href=\"students/a%20b%23c.html\"") != std::string::npos);
  CHECK(html.find("x&lt;y&gt; &amp; &quot;z&quot;") != std::string::npos);
  CHECK(html.find("<y>") == std::string::npos);
  CHECK(html.find("http") == std::string::npos);  // nothing from the network
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("arp_ignore is 0 on rs1 &lt;lo&gt;") != std::string::npos);
  CHECK(class_index_html(r, "zh").find("请求成功") != std::string::npos);
}

TEST_CASE("an output folder reads back as it was written, and merges refuse what does not belong together") {
  const fs::path base = scratch("merge");
  ClassResult whole = klass({"a", "b", "c", "d", "e"});
  // Shard k of 2 holds every 2nd student from the k-th.
  auto shard = [&](int k) {
    ClassResult s = header();
    s.shard_n = 2;
    s.shard_ks = {k};
    for (std::size_t i = static_cast<std::size_t>(k - 1); i < whole.reports.size(); i += 2)
      s.reports.push_back(whole.reports[i]);
    return s;
  };
  write_class_outputs(whole, (base / "whole").string(), "en");
  write_class_outputs(shard(1), (base / "s1").string(), "en");
  write_class_outputs(shard(2), (base / "s2").string(), "en");

  const ClassResult back = read_class_output((base / "whole").string());
  CHECK(class_json(back).dump() == class_json(whole).dump());

  const ClassResult merged = merge_class_outputs({(base / "s2").string(), (base / "s1").string()}, false);
  write_class_outputs(merged, (base / "merged").string(), "en");
  for (const char* f : {"class.json", "class.csv", "junit.xml", "index.html", "students/c.json", "students/c.html"})
    CHECK_MESSAGE(slurp(base / "merged" / f) == slurp(base / "whole" / f), f);

  CHECK_THROWS_WITH(merge_class_outputs({(base / "s1").string()}, false), doctest::Contains("shard 2/2 missing"));
  CHECK(merge_class_outputs({(base / "s1").string()}, true).reports.size() == 3);
  CHECK_THROWS_WITH(merge_class_outputs({(base / "s1").string(), (base / "s1").string()}, false),
                    doctest::Contains("shard 1/2 is in both"));
  CHECK_THROWS_WITH(merge_class_outputs({(base / "whole").string(), (base / "s1").string()}, false),
                    doctest::Contains("holds a whole class"));

  ClassResult other_lab = shard(2);
  other_lab.lab = "lvs-nat";
  for (auto& g : other_lab.reports) g.lab = "lvs-nat";
  write_class_outputs(other_lab, (base / "nat").string(), "en");
  CHECK_THROWS_WITH(merge_class_outputs({(base / "s1").string(), (base / "nat").string()}, false),
                    doctest::Contains("different labs"));

  ClassResult other_version = shard(2);
  other_version.lab_digest = "fnv1a64:ffffffffffffffff";
  write_class_outputs(other_version, (base / "v2").string(), "en");
  CHECK_THROWS_WITH(merge_class_outputs({(base / "s1").string(), (base / "v2").string()}, false),
                    doctest::Contains("different versions of lab 'lvs-dr'"));

  ClassResult overlap = shard(2);
  overlap.reports.push_back(whole.reports[0]);  // "a" is in shard 1 too
  std::sort(overlap.reports.begin(), overlap.reports.end(),
            [](const GradeReport& x, const GradeReport& y) { return x.student < y.student; });
  write_class_outputs(overlap, (base / "overlap").string(), "en");
  CHECK_THROWS_WITH(merge_class_outputs({(base / "s1").string(), (base / "overlap").string()}, false),
                    doctest::Contains("student 'a' is in both"));

  ClassResult thirds = shard(2);
  thirds.shard_n = 3;
  write_class_outputs(thirds, (base / "thirds").string(), "en");
  CHECK_THROWS_WITH(merge_class_outputs({(base / "s1").string(), (base / "thirds").string()}, false),
                    doctest::Contains("one --shard K/N split"));
}

TEST_CASE("the output folder: created, rewritten, or refused when it holds something else") {
  const fs::path base = scratch("out");
  const ClassResult r = klass({"a", "b"});
  write_class_outputs(r, (base / "new" / "deep").string(), "en");
  CHECK(fs::exists(base / "new" / "deep" / "students" / "b.txt"));
  write_class_outputs(klass({"c"}), (base / "new" / "deep").string(), "en");  // an earlier output: replaced
  CHECK_FALSE(fs::exists(base / "new" / "deep" / "students" / "b.txt"));
  CHECK(fs::exists(base / "new" / "deep" / "students" / "c.md"));
  fs::create_directories(base / "home");
  std::ofstream(base / "home" / "thesis.tex") << "precious\n";
  CHECK_THROWS_WITH(write_class_outputs(r, (base / "home").string(), "en"), doctest::Contains("not empty"));
  CHECK(slurp(base / "home" / "thesis.tex") == "precious\n");
}

TEST_CASE("a class.json that is not one is refused with its place") {
  const fs::path dir = scratch("bad");
  std::ofstream(dir / "class.json") << "{\"format\": \"something\"}";
  CHECK_THROWS_WITH(read_class_output(dir.string()), doctest::Contains("not a class output"));
  std::ofstream(dir / "class.json", std::ios::trunc) << "{\"format\": \"lvslab-grade-class\", \"version\": 1}";
  CHECK_THROWS_WITH(read_class_output(dir.string()), doctest::Contains("/lab: missing"));
  std::ofstream(dir / "class.json", std::ios::trunc) << "[1,";
  CHECK_THROWS_WITH(read_class_output(dir.string()), doctest::Contains("not JSON"));
  CHECK_THROWS_WITH(read_class_output((dir / "none").string()), doctest::Contains("class.json"));
}
