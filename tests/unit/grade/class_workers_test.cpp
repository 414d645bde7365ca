// The class grader's workers: every student comes back, in the students' order, whatever
// the number of workers; a worker that crashes, hangs, runs out of memory, throws or
// sends garbage gives that student a report saying so, and the others are graded.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <new>
#include <stdexcept>
#include <vector>

#include "sim/grade/class_grade.hpp"
#include "sim/grade/lab_pack.hpp"

using namespace lvs::grade;

namespace {

ClassResult two_checks() {
  ClassResult h;
  h.lab = "test-lab";
  h.checks = {ClassCheck{"a", "sysctl", 10, Text{"check a", ""}},
              ClassCheck{"b", "requests_ok", 30, Text{"check b", ""}}};
  h.max_score = 40;
  return h;
}

std::string student_of(const std::string& dir) { return std::filesystem::path(dir).filename().string(); }

// A report whose score is derived from the name (so that a mix-up shows).
GradeReport fake_report(const std::string& dir) {
  GradeReport r = ungraded_report(two_checks(), student_of(dir), "");
  r.aborted.clear();
  r.checks[0].passed = true;
  r.checks[0].earned = 10;
  r.score = 10 + static_cast<int>(student_of(dir).size());
  return r;
}

const LabPack& no_lab() {
  static const LabPack lab;
  return lab;
}

std::vector<std::string> names(std::size_t n) {
  std::vector<std::string> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back("s" + std::string(i, 'x'));
  return v;
}

// A process that ended and waits to be reaped (in a container whose PID 1 does not reap).
bool zombie(int pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  std::getline(stat, line);
  const auto paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
}

}  // namespace

TEST_CASE("every student comes back in order, whatever the number of workers") {
  const auto students = names(9);
  for (const int jobs : {1, 2, 5}) {
    WorkerOptions o;
    o.jobs = jobs;
    o.grade = [](const std::string& dir, const GradeOptions&) {
      // Finish in reverse order of the names' length: later students end first.
      ::usleep(static_cast<useconds_t>(2000 * (12 - student_of(dir).size())));
      return fake_report(dir);
    };
    const auto reports = grade_students(no_lab(), two_checks(), "class", students, o, nullptr);
    REQUIRE(reports.size() == students.size());
    for (std::size_t i = 0; i < students.size(); ++i) {
      CHECK(reports[i].student == students[i]);
      CHECK(reports[i].score == 10 + static_cast<int>(students[i].size()));
      CHECK(reports[i].aborted.empty());
      CHECK(reports[i].checks[0].title.en == "check a");
    }
  }
}

TEST_CASE("the worker gets the bounds: --timeout as the grader's wall time, --max-events") {
  WorkerOptions o;
  o.timeout_seconds = 7.5;
  o.max_events = 1234;
  o.grade = [](const std::string& dir, const GradeOptions& go) {
    GradeReport r = fake_report(dir);
    r.score = static_cast<int>(go.max_wall_seconds * 10) + static_cast<int>(go.max_events);
    return r;
  };
  const auto reports = grade_students(no_lab(), two_checks(), "class", {"alice"}, o, nullptr);
  CHECK(reports[0].score == 75 + 1234);
}

TEST_CASE("running out of memory is that student's failure") {
  WorkerOptions o;
  o.max_memory_mb = 256;
  o.grade = [](const std::string& dir, const GradeOptions&) -> GradeReport {
    if (student_of(dir) == "greedy") {
      std::vector<std::unique_ptr<char[]>> hog;
      for (;;) hog.emplace_back(new char[std::size_t{16} << 20]);  // address space, not touched
    }
    return fake_report(dir);
  };
  const auto reports = grade_students(no_lab(), two_checks(), "class", {"alice", "greedy"}, o, nullptr);
  CHECK(reports[0].aborted.empty());
  CHECK_MESSAGE(reports[1].aborted.find("ran out of memory on this submission (limit 256 MiB)") != std::string::npos,
                reports[1].aborted);
  CHECK(reports[1].score == 0);
}

TEST_CASE("a crash, a hang and an exception are that student's failure") {
  WorkerOptions o;
  o.jobs = 3;
  o.timeout_seconds = 0.3;
  o.kill_grace_seconds = 0.2;
  o.max_memory_mb = 512;
  o.grade = [](const std::string& dir, const GradeOptions&) -> GradeReport {
    const std::string s = student_of(dir);
    if (s == "crash") ::raise(SIGSEGV);
    if (s == "hang")
      for (;;) ::pause();
    if (s == "spin") {
      volatile unsigned long x = 0;
      for (;;) x = x + 1;
    }
    if (s == "throws") throw std::runtime_error("boom");
    if (s == "dies") std::_Exit(3);
    return fake_report(dir);
  };
  const std::vector<std::string> students = {"alice", "crash", "dies", "hang", "spin", "throws", "zoe"};
  const auto t0 = std::chrono::steady_clock::now();
  const auto reports = grade_students(no_lab(), two_checks(), "class", students, o, nullptr);
  const double took = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  CHECK(took < 5);  // the hangs were stopped at their deadline, not waited for
  REQUIRE(reports.size() == students.size());
  auto of = [&](const std::string& name) -> const GradeReport& {
    for (const auto& r : reports)
      if (r.student == name) return r;
    FAIL("no report for " << name);
    return reports[0];
  };
  CHECK(of("alice").aborted.empty());
  CHECK(of("zoe").aborted.empty());
  CHECK(of("crash").aborted.find("crashed") != std::string::npos);
  CHECK(of("crash").aborted.find("signal 11") != std::string::npos);
  CHECK(of("dies").aborted.find("exited with status 3") != std::string::npos);
  CHECK(of("hang").aborted.find("did not finish") != std::string::npos);
  CHECK(of("spin").aborted.find("did not finish") != std::string::npos);
  CHECK(of("throws").aborted.find("boom") != std::string::npos);
  for (const char* name : {"crash", "dies", "hang", "spin", "throws"}) {
    const GradeReport& r = of(name);
    CHECK(r.score == 0);
    CHECK(r.max_score == 40);
    REQUIRE(r.checks.size() == 2);  // every check of the pack is there, failed, with the reason
    CHECK_FALSE(r.checks[1].passed);
    CHECK(r.checks[1].points == 30);
    CHECK(r.checks[1].cause.find("not decided") == 0);
  }
}

TEST_CASE("a worker's report must be the student's own") {
  WorkerOptions o;
  o.grade = [](const std::string&, const GradeOptions&) { return fake_report("class/someone-else"); };
  const auto reports = grade_students(no_lab(), two_checks(), "class", {"alice"}, o, nullptr);
  CHECK(reports[0].student == "alice");
  CHECK(reports[0].aborted.find("another submission") != std::string::npos);
}

TEST_CASE("progress is reported once per student, with the totals") {
  WorkerOptions o;
  o.jobs = 2;
  o.grade = [](const std::string& dir, const GradeOptions&) { return fake_report(dir); };
  std::vector<std::size_t> done;
  std::size_t total = 0;
  grade_students(no_lab(), two_checks(), "class", names(5), o, [&](const Progress& p) {
    done.push_back(p.done);
    total = p.total;
    CHECK(p.last != nullptr);
  });
  CHECK(done == std::vector<std::size_t>{1, 2, 3, 4, 5});
  CHECK(total == 5);
}

TEST_CASE("a worker does not outlive the grader") {
  const std::string pid_file =
      (std::filesystem::temp_directory_path() / ("lvslab-worker-pid-" + std::to_string(::getpid()))).string();
  std::filesystem::remove(pid_file);
  const pid_t grader = ::fork();
  REQUIRE(grader >= 0);
  if (grader == 0) {  // the grader, with one worker that hangs
    WorkerOptions o;
    o.timeout_seconds = 600;
    o.grade = [&](const std::string& dir, const GradeOptions&) -> GradeReport {
      if (FILE* f = std::fopen(pid_file.c_str(), "w")) {
        std::fprintf(f, "%d\n", static_cast<int>(::getpid()));
        std::fclose(f);
      }
      for (;;) ::pause();
      return fake_report(dir);
    };
    grade_students(no_lab(), two_checks(), "class", {"alice"}, o, nullptr);
    std::_Exit(0);
  }
  int worker = 0;
  for (int i = 0; i < 500 && worker == 0; ++i) {
    ::usleep(10000);
    if (FILE* f = std::fopen(pid_file.c_str(), "r")) {
      if (std::fscanf(f, "%d", &worker) != 1) worker = 0;
      std::fclose(f);
    }
  }
  REQUIRE(worker > 0);
  ::kill(grader, SIGKILL);  // as a batch system stops a job
  ::waitpid(grader, nullptr, 0);
  bool gone = false;
  for (int i = 0; i < 200 && !gone; ++i) {
    ::usleep(10000);
    gone = ::kill(worker, 0) != 0 || zombie(worker);  // PR_SET_PDEATHSIG killed it
  }
  CHECK(gone);
  if (!gone) ::kill(worker, SIGKILL);
  std::filesystem::remove(pid_file);
}
