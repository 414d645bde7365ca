#pragma once
// Grading a whole class (docs/grading-class.md): every sub-folder of CLASS_DIR is one
// student's submission; each is graded in its own fork()ed worker (all cores, bounded in
// events, wall time and memory: a crash, a runaway or a hang is that student's graded
// failure, never the class's); the outputs are the same bytes whatever the number of
// workers or the order they finish in.
//
//   const auto lab = load_lab_pack("examples/labs/lvs-dr/lab.json");
//   ClassResult r = grade_class(*lab, "lab.json", "class/", Shard{}, WorkerOptions{}, nullptr);
//   write_class_outputs(r, "out/", "en");                     // class.csv, index.html, ...
//   ClassResult all = merge_class_outputs({"out-1", "out-2"}, false);   // `grade merge`
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/grade/grade.hpp"

namespace lvs::grade {

// Bad input to the class grader (a class folder, a --shard value, a merge of outputs that
// do not belong together): the message says which and why. The CLI exits 2.
class ClassError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "--shard K/N": this run grades the students whose index (0-based, in the sorted list of
// sub-folders) is K-1 modulo N. {1, 1} is the whole class.
struct Shard {
  int k = 1, n = 1;
  bool whole() const { return n == 1; }
  std::string text() const { return std::to_string(k) + "/" + std::to_string(n); }
};
Shard parse_shard(const std::string& text);  // throws ClassError
inline constexpr int kMaxShards = 100000;

// The students of a class folder: its sub-folders (symbolic links to folders count),
// sorted by name in byte order; names starting with '.' are not students. Throws
// ClassError when the folder cannot be read or holds more than kMaxStudents.
inline constexpr std::size_t kMaxStudents = 100000;
std::vector<std::string> list_students(const std::string& class_dir);
// A name the outputs can carry as it is: not empty, not starting with '.', UTF-8 (class.json,
// the reports), no control character (class.csv rows, the terminal).
bool usable_student_name(const std::string& name);
std::vector<std::string> shard_students(const std::vector<std::string>& students, Shard shard);

// One check of the pack as the class outputs show it.
struct ClassCheck {
  std::string id, kind;
  int points = 0;
  Text title;
};

// What a class run (or a merge of shard runs) produced.
struct ClassResult {
  std::string lab;         // the pack's name
  Text lab_title;          // its title
  std::string lab_digest;  // "fnv1a64:<hex>" of lab.json's bytes: shards graded with one pack
  std::vector<ClassCheck> checks;
  int max_score = 0;
  // Which students of the class this holds: all of them (shard_n == 1), or the shards
  // shard_ks (1-based, ascending) out of shard_n.
  int shard_n = 1;
  std::vector<int> shard_ks{1};
  std::vector<GradeReport> reports;  // sorted by student (byte order), names unique
};

// The pack as the class outputs describe it (checks in the pack's order).
ClassResult class_header(const LabPack& lab, const std::string& lab_path);
std::string file_digest(const std::string& path);  // "fnv1a64:<16 hex digits>"; throws ClassError

// How each submission is bounded.
struct WorkerOptions {
  int jobs = 0;                        // workers at once; 0 = the CPUs this process may use
  std::uint64_t max_events = 0;        // per run; 0 = the pack's/scenario's own limit
  double timeout_seconds = 60;         // wall time per submission (the grader stops the runs)
  double kill_grace_seconds = 5;       // then the worker is killed, if still there
  std::uint64_t max_memory_mb = 2048;  // address space per worker (RLIMIT_AS); 0 = unbounded
  std::string lab_arg;  // the pack as the reports' replay commands name it (as given on the command line)
  // What a worker runs on CLASS_DIR/STUDENT; empty = grade_submission() with the lab (the
  // tests give one that crashes, hangs or runs out of memory).
  std::function<GradeReport(const std::string& submission_dir, const GradeOptions&)> grade;
};

// What the progress line shows (called in the parent, in the order students finish).
struct Progress {
  std::size_t done = 0, total = 0, running = 0, unfinished = 0;
  const GradeReport* last = nullptr;  // the student just finished
};
using ProgressFn = std::function<void(const Progress&)>;

// The cause given to a submission whose worker did not return a report.
GradeReport ungraded_report(const ClassResult& header, const std::string& student, const std::string& reason);

// Grades `students` (sub-folders of class_dir) in workers; the reports in the order of
// `students`.
std::vector<GradeReport> grade_students(const LabPack& lab, const ClassResult& header, const std::string& class_dir,
                                        const std::vector<std::string>& students, const WorkerOptions& options,
                                        const ProgressFn& progress);

// All of it: list, shard, grade. Throws ClassError on a bad class folder.
ClassResult grade_class(const LabPack& lab, const std::string& lab_path, const std::string& class_dir, Shard shard,
                        const WorkerOptions& options, const ProgressFn& progress);

// The class outputs, each a pure function of the result (same result => same bytes).
nlohmann::ordered_json class_json(const ClassResult& r);
std::string class_csv(const ClassResult& r);
std::string class_index_html(const ClassResult& r, const std::string& lang);
// Where a student's reports go inside the output folder: "students/<name>.<ext>".
std::string student_report_path(const std::string& student, const std::string& ext);

// Writes DIR/class.json, class.csv, junit.xml, index.html and students/<name>.{txt,json,html}.
// DIR is created when missing; an existing DIR must be empty or an earlier class output
// (it holds class.json): its students/ folder is replaced. Throws ClassError (refusal)
// or OutputError (a write failed).
void write_class_outputs(const ClassResult& r, const std::string& out_dir, const std::string& lang);

// Reads an output folder back (class.json and every students/<name>.json). Throws ClassError.
ClassResult read_class_output(const std::string& dir);
// class.json's text (`path` names it in errors), each student's report from load_report.
using ReportLoader = std::function<GradeReport(const std::string& student, const ClassResult& header)>;
ClassResult parse_class_json(std::string_view text, const std::string& path, const ReportLoader& load_report);
// Joins the outputs of shard runs: one pack (same name and digest), one N, no student in
// two of them. Shards missing from 1..N are refused unless allow_partial. Throws ClassError.
ClassResult merge_class_outputs(const std::vector<std::string>& dirs, bool allow_partial);

}  // namespace lvs::grade
