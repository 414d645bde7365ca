#include <doctest/doctest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <initializer_list>
#include <string>

#include "sim/hw/lab_lock.hpp"
#include "sim/hw/owner.hpp"
#include "sim/hw/process.hpp"
#include "sim/hw/procfs.hpp"

using namespace lvs::hw;

namespace {

// A child that waits for a signal, with SIGTERM at `term` (the test runner's own
// handlers, inherited through fork, put back to the default first); returns once the
// child is ready. Reaped by the caller.
pid_t sleeping_child(void (*term)(int) = SIG_DFL) {
  int ready[2];
  REQUIRE(::pipe(ready) == 0);
  const pid_t pid = ::fork();
  if (pid == 0) {
    for (int sig : {SIGTERM, SIGINT, SIGHUP}) ::signal(sig, SIG_DFL);
    ::signal(SIGTERM, term);
    [[maybe_unused]] const ssize_t n = ::write(ready[1], "r", 1);
    for (;;) ::pause();
  }
  REQUIRE(pid > 0);
  char c = 0;
  ::close(ready[1]);
  REQUIRE(::read(ready[0], &c, 1) == 1);
  ::close(ready[0]);
  return pid;
}

// How the child ended: the signal that killed it, or 0.
int reap(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

}  // namespace

TEST_CASE("the start time is field 22 of /proc/PID/stat, counted after the command") {
  // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt
  // cmajflt utime stime cutime cstime priority nice num_threads itrealvalue starttime ...
  const std::string tail = " S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 0 987654 100 200\n";
  CHECK(parse_stat_start_time("4242 (lvslab)" + tail) == 987654ull);
  // The command may hold spaces and parentheses: only the last ')' ends it.
  CHECK(parse_stat_start_time("4242 (a) b (c) 1 2 3)" + tail) == 987654ull);
  // A zombie or dead process holds nothing.
  CHECK_FALSE(parse_stat_start_time("4242 (x) Z 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 0 987654 1").has_value());
  CHECK_FALSE(parse_stat_start_time("4242 (x) X 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 0 987654 1").has_value());
  CHECK_FALSE(parse_stat_start_time("").has_value());
  CHECK_FALSE(parse_stat_start_time("4242 (x) S 1 2 3").has_value());
  CHECK_FALSE(parse_stat_start_time("4242 (x) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 0 98x 1").has_value());
}

TEST_CASE("a record is \"PID START\", and nothing else is taken for one") {
  CHECK(format_stamp({4242, 987654}) == "4242 987654");
  CHECK(parse_stamp("4242 987654\n") == ProcessStamp{4242, 987654});
  CHECK_FALSE(parse_stamp("4242").has_value());  // what lvslab wrote before: a pid alone
  CHECK_FALSE(parse_stamp("4242 x").has_value());
  CHECK_FALSE(parse_stamp("0 1").has_value());
  CHECK_FALSE(parse_stamp("-5 1").has_value());
  CHECK_FALSE(parse_stamp("99999999 1").has_value());  // above PID_MAX_LIMIT
  CHECK_FALSE(parse_stamp("").has_value());
}

TEST_CASE("a process is known again by its pid and start time") {
  const auto self = stamp_of(::getpid());
  REQUIRE(self.has_value());
  CHECK(self->start_time == *parse_stat_start_time(read_file("/proc/self/stat")));
  CHECK(is_running(*self));
  // The same pid with another start time is another process: the pid was reused.
  CHECK_FALSE(is_running({self->pid, self->start_time + 1}));
  CHECK(command_line(::getpid()).find("unit_hw") != std::string::npos);

  const pid_t child = sleeping_child();
  const auto stamp = stamp_of(child);
  REQUIRE(stamp.has_value());
  CHECK(is_running(*stamp));
  ::kill(child, SIGKILL);
  CHECK(reap(child) == SIGKILL);
  CHECK_FALSE(is_running(*stamp));
  CHECK_FALSE(stamp_of(child).has_value());
}

TEST_CASE("a signal goes only to the process recorded") {
  const pid_t child = sleeping_child();
  const auto stamp = stamp_of(child);
  REQUIRE(stamp.has_value());
  // A record naming this pid with another start time (the recorded process ended and
  // its pid went to this child): not signalled.
  CHECK(signal_process({stamp->pid, stamp->start_time - 1}, SIGTERM, 100) == SignalResult::kGone);
  CHECK(is_running(*stamp));
  // The right record: signalled; it ends.
  CHECK(signal_process(*stamp, SIGTERM, 5000) == SignalResult::kExited);
  CHECK(reap(child) == SIGTERM);
  CHECK(signal_process(*stamp, SIGTERM, 100) == SignalResult::kGone);
}

TEST_CASE("a signal the process ignores: still running after the wait") {
  const pid_t child = sleeping_child(SIG_IGN);
  const auto stamp = stamp_of(child);
  REQUIRE(stamp.has_value());
  CHECK(signal_process(*stamp, SIGTERM, 200) == SignalResult::kSignalled);
  CHECK(signal_process(*stamp, SIGKILL, 5000) == SignalResult::kExited);
  CHECK(reap(child) == SIGKILL);
}

TEST_CASE("the holder of an flock is found in /proc/locks") {
  const char* text =
      "1: POSIX  ADVISORY  WRITE 111 fe:00:42 0 EOF\n"
      "2: FLOCK  ADVISORY  WRITE 222 fe:01:42 0 EOF\n"
      "3: FLOCK  ADVISORY  WRITE 4242 fe:00:42 0 EOF\n"
      "3: -> FLOCK  ADVISORY  WRITE 5555 fe:00:42 0 EOF\n";
  CHECK(flock_holder(text, 0xfe, 0, 42) == 4242L);
  CHECK(flock_holder(text, 0xfe, 1, 42) == 222L);
  CHECK_FALSE(flock_holder(text, 0xfe, 0, 43).has_value());
  CHECK_FALSE(flock_holder("", 0xfe, 0, 42).has_value());

  // This process's own lock, as the kernel shows it.
  char path[] = "/tmp/lvslab-lock-test-XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX) == 0);
  struct stat st {};
  REQUIRE(::fstat(fd, &st) == 0);
  CHECK(flock_holder(read_file("/proc/locks"), major(st.st_dev), minor(st.st_dev), st.st_ino) ==
        static_cast<long>(::getpid()));
  ::close(fd);
  ::unlink(path);
}

TEST_CASE("each lab's owner has its own record") {
  CHECK(owner_file("lvslab-") == "/run/lvslab/lab.pid");
  CHECK(owner_file("lvslab1234-") == "/run/lvslab/lvslab1234.pid");
}
