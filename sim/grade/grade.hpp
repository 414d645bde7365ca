#pragma once
// The grader: a lab pack (examples/labs/<lab>/lab.json) and one student's submission (a
// folder with one sub-folder per configured host: HOST/root/ = the host's files under /,
// HOST/setup.sh = the terminal session) give a GradeReport. docs/grading.md.
//
//   const LabPack lab = load_lab_pack("examples/labs/lvs-nat/lab.json");   // throws LabError
//   const GradeReport r = grade_submission(lab, "class/alice", GradeOptions{});
//   std::cout << grade_text(r, "en");
//
// Shared contract of the single-submission grader (grade_*.cpp) and the class grader
// (class_*.cpp): the class grader runs grade_submission() per student (bounded: event
// limit and wall time, a broken submission is a graded failure) and reads GradeReports
// back from grade_json() for `grade merge`.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lvs::grade {

// A lab.json that cannot be used: "lab.json: /checks/3/kind: unknown check kind 'foo'".
class LabError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct LabPack;  // lab_pack.hpp: the parsed lab.json
std::shared_ptr<const LabPack> load_lab_pack(const std::string& path);

struct Text {  // a text of the pack in both languages
  std::string en, zh;
  const std::string& in(const std::string& lang) const { return lang == "zh" && !zh.empty() ? zh : en; }
};

struct CheckOutcome {
  std::string id;    // the pack's check id
  std::string kind;  // its check kind
  int points = 0;    // what it is worth
  int earned = 0;    // points or 0
  bool passed = false;
  Text title;              // what is checked
  Text feedback;           // the pack's feedback (shown when failed)
  Text hint;               // optional
  std::string section;     // textbook section it refers to
  std::string cause;       // the cause sentence (diagnosis or the check's own finding)
  std::string evidence;    // what was observed, e.g. "net.ipv4.ip_forward = 0 on director"
  std::string replay;      // behaviour checks that failed: "lvslab view ... --at-event N"
  std::uint64_t seed = 0;  // the seed it failed in (behaviour checks run in every seed)
};

struct HostSession {  // the terminal session the student would have seen on one host
  std::string host;
  std::string origin;  // the transcript's file in the submission: "rs1/setup.sh"
  std::string text;
};

struct GradeReport {
  std::string lab;      // pack name
  std::string student;  // submission folder name
  int score = 0, max_score = 0;
  std::vector<CheckOutcome> checks;   // in the pack's order
  std::vector<std::string> problems;  // in the files themselves: "rs1/setup.sh:4: ..."
  std::vector<HostSession> sessions;
  // The submission could not be graded normally (unreadable, the event limit or wall time
  // was reached): it scores what the checks that could be decided give, and says why.
  std::string aborted;
};

struct GradeOptions {
  std::uint64_t max_events = 0;  // 0 = the pack's/scenario's own limit
  // 0 = no wall-time bound. Checked between runs (a run itself is bounded by max_events):
  // when it is passed, the checks not decided yet fail and `aborted` says why.
  double max_wall_seconds = 0;
  // Replays of failed behaviour checks: `lvslab view SCENARIO --seed S --at-event N` needs
  // the scenario the submission was graded in. With keep_scenario_dir, grade_submission()
  // writes it there (scenario.json, and scenario-reboot-AT.json for survives_reboot) and
  // the replay names it; without, the replay first runs `lvslab grade LAB SUBMISSION
  // --keep-scenario replay`, with LAB and SUBMISSION as below (default: the pack's file
  // and the submission folder as given).
  std::string keep_scenario_dir;
  std::string lab_arg, submission_arg;
  // Run these seeds instead of the pack's (`lvslab grade --seed N`: one seed, to look at it).
  std::vector<std::uint64_t> seeds;
};

GradeReport grade_submission(const LabPack& lab, const std::string& submission_dir, const GradeOptions& options);

// Byte-identical for the same submission. `lang` is "en" or "zh" (the pack's texts).
nlohmann::ordered_json grade_json(const GradeReport& r);
GradeReport grade_from_json(const nlohmann::json& j);  // throws LabError on a bad document
std::string grade_text(const GradeReport& r, const std::string& lang);
std::string grade_markdown(const GradeReport& r, const std::string& lang);
std::string grade_html(const GradeReport& r, const std::string& lang);
std::string grade_junit(const std::vector<GradeReport>& reports);  // one testcase per student and check

}  // namespace lvs::grade
