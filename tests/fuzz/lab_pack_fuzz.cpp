// Fuzz target: the lab pack loader (sim/grade/lab_pack.cpp: JSON syntax, duplicate keys,
// every key of the pack and of each check kind, the scenario inside it with the hidden
// traffic), then, for a pack that loads, grading an empty submission (bounded: at most
// three seeds, 20,000 events a run) and every report format.
//
// Invariants beyond "does not crash" (any exception other than LabError is a crash):
//  * an error names the file; loading the same text twice gives the same outcome;
//  * a pack's score is within 0..max_score, each check earns 0 or its points;
//  * grading is deterministic (the same JSON report twice) and the JSON report reads
//    back to itself.
#include <filesystem>
#include <string>

#include "sim/grade/grade.hpp"
#include "sim/grade/lab_pack.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs {
namespace {

constexpr const char* kFile = "fuzz-lab/lab.json";

// An empty folder standing for a submission with nothing handed in.
const std::string& empty_submission() {
  static const std::string dir = [] {
    const auto d = std::filesystem::temp_directory_path() / "lvslab-fuzz-empty-submission";
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}

std::string outcome(std::string_view text, std::optional<grade::LabPack>* pack) {
  try {
    pack->emplace(grade::parse_lab_pack_text(text, kFile));
    return "ok";
  } catch (const grade::LabError& e) {
    const std::string what = e.what();
    FUZZ_CHECK(what.starts_with(std::string(kFile) + ":"), what);
    return what;
  }
}

void check_grading(const grade::LabPack& lab) {
  if (lab.seeds.size() > 3) return;
  grade::GradeOptions options;
  options.max_events = 20'000;
  const grade::GradeReport r = grade::grade_submission(lab, empty_submission(), options);
  FUZZ_CHECK(r.max_score == lab.max_score(), "max_score is not the pack's");
  FUZZ_CHECK(r.score >= 0 && r.score <= r.max_score, "score outside 0..max_score");
  FUZZ_CHECK(r.checks.size() == lab.checks.size(), "not one outcome per check");
  for (const auto& c : r.checks) FUZZ_CHECK(c.earned == (c.passed ? c.points : 0), "earned is not 0 or the points");
  const std::string json = grade::grade_json(r).dump();
  const grade::GradeReport again = grade::grade_submission(lab, empty_submission(), options);
  FUZZ_CHECK(grade::grade_json(again).dump() == json, "grading the same submission twice differs");
  FUZZ_CHECK(grade::grade_json(grade::grade_from_json(nlohmann::json::parse(json))).dump() == json,
             "the JSON report does not read back to itself");
  for (const char* lang : {"en", "zh"}) {
    (void)grade::grade_text(r, lang);
    (void)grade::grade_markdown(r, lang);
    (void)grade::grade_html(r, lang);
  }
  (void)grade::grade_junit({r});
}

}  // namespace
}  // namespace lvs

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 65536) return -1;
  const std::string_view text = fuzz::as_text(data, size);
  std::optional<grade::LabPack> first, second;
  const std::string a = outcome(text, &first);
  const std::string b = outcome(text, &second);
  FUZZ_CHECK(a == b, "loading the same text twice differs:\n" + a + "\n" + b);
  if (first) check_grading(*first);
  return 0;
}
