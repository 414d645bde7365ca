// Fuzz target: class.json as `lvslab grade merge` reads it back (sim/grade/class_json.cpp:
// parse_class_json), each student's report made from the header (the reports have their
// own reader, fuzzed with the lab packs), then the merge's checks and every class output.
//
// Invariants beyond "does not crash" (any exception other than ClassError is a crash):
//  * an error names the file;
//  * what is accepted holds: students sorted and unique, each name one the outputs can
//    carry, shards ascending within 1..n;
//  * class.json written from what was read reads back to the same class.json (a merge of
//    merged outputs changes nothing), and class.csv has one row per student.
#include <algorithm>
#include <string>

#include "sim/grade/class_grade.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs {
namespace {

constexpr const char* kFile = "fuzz/class.json";

grade::GradeReport report_of(const std::string& student, const grade::ClassResult& header) {
  grade::GradeReport g = grade::ungraded_report(header, student, "");
  g.aborted.clear();
  return g;
}

void check_result(const grade::ClassResult& r) {
  for (std::size_t i = 0; i < r.reports.size(); ++i) {
    FUZZ_CHECK(grade::usable_student_name(r.reports[i].student), "a student name the outputs cannot carry");
    FUZZ_CHECK(i == 0 || r.reports[i - 1].student < r.reports[i].student, "students not sorted and unique");
  }
  FUZZ_CHECK(!r.shard_ks.empty() && r.shard_ks.front() >= 1 && r.shard_ks.back() <= r.shard_n, "shards out of 1..n");
  const std::string again = grade::class_json(r).dump();
  const grade::ClassResult back = grade::parse_class_json(again, kFile, report_of);
  FUZZ_CHECK(grade::class_json(back).dump() == again, "class.json does not read back to itself");
  const std::string csv = grade::class_csv(r);
  FUZZ_CHECK(static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n')) >= r.reports.size() + 1,
             "class.csv lacks a row");
  (void)grade::class_index_html(r, "en");
}

}  // namespace
}  // namespace lvs

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  grade::ClassResult r;
  try {
    r = grade::parse_class_json(fuzz::as_text(data, size), kFile, report_of);
  } catch (const grade::ClassError& e) {
    FUZZ_CHECK(std::string(e.what()).rfind(kFile, 0) == 0, "an error that does not name the file");
    return 0;
  }
  check_result(r);
  return 0;
}
