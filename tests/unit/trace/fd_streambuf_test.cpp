#include <doctest/doctest.h>

#include <cerrno>
#include <ostream>
#include <string>

#include <fcntl.h>
#include <unistd.h>

#include "sim/trace/fd_streambuf.hpp"

namespace {

// Everything readable from fd (a pipe whose write end is closed).
std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  return out;
}

}  // namespace

TEST_CASE("FdStreambuf: writes every byte, small and large, in order") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::string big(200000, 'x');
  for (std::size_t i = 0; i < big.size(); i += 97) big[i] = static_cast<char>('a' + i % 26);
  std::string got;
  {
    lvs::FdStreambuf buf(fds[1], 16);
    std::ostream out(&buf);
    // The reader runs after the writer is done: keep below the pipe's capacity.
    out << "head:" << 42 << '\n';
    out.write(big.data(), 1000);
    out << "tail\n";
    CHECK(buf.flush());
    CHECK(buf.error() == 0);
    CHECK(out.good());
  }
  ::close(fds[1]);
  got = drain(fds[0]);
  ::close(fds[0]);
  CHECK(got == "head:42\n" + big.substr(0, 1000) + "tail\n");
}

TEST_CASE("FdStreambuf: a full disk is reported with its errno, and the stream turns bad") {
  const int fd = ::open("/dev/full", O_WRONLY);
  REQUIRE(fd >= 0);
  {
    lvs::FdStreambuf buf(fd, 64);
    std::ostream out(&buf);
    out << "short";  // buffered: no error yet
    CHECK(buf.error() == 0);
    CHECK_FALSE(buf.flush());
    CHECK(buf.error() == ENOSPC);
    out << std::string(1000, 'y');  // every later write fails too
    CHECK_FALSE(out.good());
    CHECK(buf.error() == ENOSPC);
  }
  ::close(fd);
}

TEST_CASE("FdStreambuf: a write larger than the buffer fails at once on a full disk") {
  const int fd = ::open("/dev/full", O_WRONLY);
  REQUIRE(fd >= 0);
  {
    lvs::FdStreambuf buf(fd, 8);
    std::ostream out(&buf);
    out << std::string(100, 'z');
    CHECK_FALSE(out.good());
    CHECK(buf.error() == ENOSPC);
  }
  ::close(fd);
}
