// The class grader's workers: one fork()ed process per submission, at most `jobs` at once.
// A worker grades its student with grade_submission() and writes grade_json() to a pipe;
// the parent reads every pipe as it fills (a long report never blocks its worker), and
// when a worker dies, is killed at its deadline or sends something that is not a report,
// the student gets a report that says so (ungraded_report) instead of the class stopping.
// The reports come back in the order of `students`, whatever order the workers end in.
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <deque>
#include <new>
#include <optional>
#include <thread>

#include "sim/grade/class_grade.hpp"

namespace lvs::grade {
namespace {

using Clock = std::chrono::steady_clock;

// A report larger than this is not a report (the biggest real ones, with every host's
// session kept in full, are a few MiB).
constexpr std::size_t kMaxReportBytes = std::size_t{256} << 20;

struct Worker {
  pid_t pid = -1;
  int fd = -1;  // read end of the worker's pipe
  std::size_t student = 0;
  Clock::time_point deadline;
  std::string bytes;
  std::string failure;  // set when the parent gave up on it (killed, too large)
};

int cpus_available() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

bool write_all(int fd, const std::string& bytes) {
  std::size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

// The report as the worker sends it: a file a student wrote may hold bytes that are not
// UTF-8; they become U+FFFD, as in `lvslab grade --format json`.
std::string report_bytes(const GradeReport& r) {
  return grade_json(r).dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// In the child: bound it, grade, send the report, and leave without running the parent's
// exit handlers or flushing its copied stdio buffers.
[[noreturn]] void run_worker(const LabPack& lab, const ClassResult& header, const std::string& dir,
                             const std::string& student, const WorkerOptions& options, int fd) {
  // The terminal belongs to the parent's progress line; what the grader might print is not
  // part of the report.
  if (const int null = ::open("/dev/null", O_RDWR); null >= 0) {
    ::dup2(null, STDIN_FILENO);
    ::dup2(null, STDOUT_FILENO);
    ::dup2(null, STDERR_FILENO);
    if (null > STDERR_FILENO) ::close(null);
  }
  if (options.max_memory_mb > 0) {
    const rlim_t bytes = static_cast<rlim_t>(options.max_memory_mb) << 20;
    const rlimit limit{bytes, bytes};
    ::setrlimit(RLIMIT_AS, &limit);
  }
  // A backstop for a worker that spins where no wall-time check reaches: the kernel stops
  // it after this much CPU time (SIGXCPU, then SIGKILL).
  const double cpu_bound = options.timeout_seconds + options.kill_grace_seconds + 1;
  const rlim_t cpu = static_cast<rlim_t>(std::ceil(cpu_bound));
  const rlimit cpu_limit{cpu, cpu + 1};
  ::setrlimit(RLIMIT_CPU, &cpu_limit);

  std::string out;
  try {
    GradeOptions go;
    go.max_events = options.max_events;
    go.max_wall_seconds = options.timeout_seconds;
    const std::string submission = (dir.empty() || dir.back() == '/' ? dir : dir + "/") + student;
    go.lab_arg = options.lab_arg;
    go.submission_arg = submission;
    const GradeReport r = options.grade ? options.grade(submission, go) : grade_submission(lab, submission, go);
    out = report_bytes(r);
  } catch (const std::bad_alloc&) {
    out = report_bytes(ungraded_report(
        header, student,
        "the grader ran out of memory on this submission (limit " + std::to_string(options.max_memory_mb) + " MiB)"));
  } catch (const std::exception& e) {
    out = report_bytes(ungraded_report(header, student,
                                       std::string("the grader failed on this submission: ") + e.what() +
                                           " (an lvslab bug: please report it with the submission)"));
  }
  ::_exit(write_all(fd, out) ? 0 : 1);
}

// Why a worker that ended this way sent no usable report.
std::string ending_text(int status, const WorkerOptions& options) {
  if (WIFSIGNALED(status)) {
    const int sig = WTERMSIG(status);
    if (sig == SIGXCPU)
      return "the grader used more than " + seconds_text(options.timeout_seconds + options.kill_grace_seconds + 1) +
             " s of CPU time on this submission and was stopped";
    return std::string("the grader crashed on this submission (signal ") + std::to_string(sig) + ": " + strsignal(sig) +
           "; an lvslab bug: please report it with the submission)";
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    return "the grader's worker for this submission exited with status " + std::to_string(WEXITSTATUS(status)) +
           " without a report";
  return "";
}

// Reads what is there (the read end does not block); false at end of file (or on an error).
bool drain(Worker& w) {
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(w.fd, buf, sizeof buf);
    if (n > 0) {
      if (w.bytes.size() + static_cast<std::size_t>(n) > kMaxReportBytes) {
        w.failure = "the report for this submission exceeded " + std::to_string(kMaxReportBytes >> 20) + " MiB";
        return false;
      }
      w.bytes.append(buf, static_cast<std::size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) return true;  // all read for now
    return false;                                                         // 0: end of file; < 0: the pipe broke
  }
}

class Pool {
 public:
  Pool(const LabPack& lab, const ClassResult& header, const std::string& dir, const std::vector<std::string>& students,
       const WorkerOptions& options, const ProgressFn& progress)
      : lab_(lab), header_(header), dir_(dir), students_(students), options_(options), progress_(progress) {
    jobs_ = options.jobs > 0 ? options.jobs : cpus_available();
    parent_ = ::getpid();
    reports_.resize(students.size());
  }

  std::vector<GradeReport> run() {
    std::size_t next = 0;
    while (next < students_.size() || !running_.empty()) {
      while (next < students_.size() && running_.size() < static_cast<std::size_t>(jobs_)) start(next++);
      wait_some();
    }
    std::vector<GradeReport> out;
    out.reserve(reports_.size());
    for (auto& r : reports_) out.push_back(std::move(*r));
    return out;
  }

 private:
  void start(std::size_t i) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0 || ::fcntl(fds[0], F_SETFL, O_NONBLOCK) != 0)
      throw ClassError(std::string("cannot start a worker: pipe: ") + std::strerror(errno));
    const pid_t pid = ::fork();
    if (pid < 0) {
      const int err = errno;
      ::close(fds[0]);
      ::close(fds[1]);
      throw ClassError(std::string("cannot start a worker: fork: ") + std::strerror(err));
    }
    if (pid == 0) {
      // A worker does not outlive the grader (killed by a batch system, say): the kernel
      // sends it SIGKILL when the parent dies; if that happened already, stop now.
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent_) ::_exit(1);
      ::close(fds[0]);
      for (const Worker& w : running_) ::close(w.fd);
      run_worker(lab_, header_, dir_, students_[i], options_, fds[1]);
    }
    ::close(fds[1]);
    Worker w;
    w.pid = pid;
    w.fd = fds[0];
    w.student = i;
    const auto bound = std::chrono::duration<double>(options_.timeout_seconds + options_.kill_grace_seconds);
    w.deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(bound);
    running_.push_back(std::move(w));
  }

  // Waits for output, an end or a deadline, and handles what happened.
  void wait_some() {
    std::vector<pollfd> fds;
    fds.reserve(running_.size());
    auto soonest = Clock::time_point::max();
    for (const Worker& w : running_) {
      fds.push_back({w.fd, POLLIN, 0});
      soonest = std::min(soonest, w.deadline);
    }
    const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(soonest - Clock::now()).count();
    const int timeout = static_cast<int>(std::clamp<long long>(wait + 1, 0, 1000));
    const int n = ::poll(fds.data(), fds.size(), timeout);
    if (n < 0 && errno != EINTR) throw ClassError(std::string("poll: ") + std::strerror(errno));
    const auto now = Clock::now();
    std::vector<std::size_t> ended;
    for (std::size_t j = 0; j < running_.size(); ++j) {
      Worker& w = running_[j];
      const bool ready = n > 0 && (fds[j].revents & (POLLIN | POLLHUP | POLLERR));
      if (ready && drain(w)) continue;
      if (ready) {
        ended.push_back(j);
      } else if (now >= w.deadline) {
        w.failure = "the grader did not finish this submission within " +
                    seconds_text(options_.timeout_seconds + options_.kill_grace_seconds) +
                    " s of wall time and was stopped (--timeout " + seconds_text(options_.timeout_seconds) + ")";
        ended.push_back(j);
      }
    }
    for (auto it = ended.rbegin(); it != ended.rend(); ++it) {
      finish(running_[*it]);
      running_.erase(running_.begin() + static_cast<std::ptrdiff_t>(*it));
    }
  }

  void finish(Worker& w) {
    if (!w.failure.empty()) ::kill(w.pid, SIGKILL);
    ::close(w.fd);
    int status = 0;
    while (::waitpid(w.pid, &status, 0) < 0 && errno == EINTR) {
    }
    const std::string& student = students_[w.student];
    std::string why = w.failure.empty() ? ending_text(status, options_) : w.failure;
    std::optional<GradeReport> report;
    if (why.empty()) {
      try {
        report = grade_from_json(nlohmann::json::parse(w.bytes));
        if (report->student != student) why = "the grader's worker sent the report of another submission";
      } catch (const std::exception& e) {
        why = std::string("the grader's worker sent a report that cannot be read: ") + e.what();
      }
    }
    if (!why.empty()) {
      report = ungraded_report(header_, student, why);
      ++unfinished_;
    }
    reports_[w.student] = std::move(report);
    ++done_;
    if (progress_) {
      Progress p;
      p.done = done_;
      p.total = students_.size();
      p.running = running_.size() - 1;
      p.unfinished = unfinished_;
      p.last = &*reports_[w.student];
      progress_(p);
    }
  }

  const LabPack& lab_;
  const ClassResult& header_;
  const std::string& dir_;
  const std::vector<std::string>& students_;
  const WorkerOptions& options_;
  const ProgressFn& progress_;
  int jobs_ = 1;
  pid_t parent_ = 0;
  std::vector<Worker> running_;
  std::vector<std::optional<GradeReport>> reports_;
  std::size_t done_ = 0, unfinished_ = 0;
};

}  // namespace

GradeReport ungraded_report(const ClassResult& header, const std::string& student, const std::string& reason) {
  GradeReport r;
  r.lab = header.lab;
  r.student = student;
  r.max_score = header.max_score;
  r.aborted = reason;
  for (const ClassCheck& c : header.checks) {
    CheckOutcome o;
    o.id = c.id;
    o.kind = c.kind;
    o.points = c.points;
    o.title = c.title;
    o.cause = "not decided: " + reason;
    r.checks.push_back(std::move(o));
  }
  return r;
}

std::vector<GradeReport> grade_students(const LabPack& lab, const ClassResult& header, const std::string& class_dir,
                                        const std::vector<std::string>& students, const WorkerOptions& options,
                                        const ProgressFn& progress) {
  return Pool(lab, header, class_dir, students, options, progress).run();
}

}  // namespace lvs::grade
