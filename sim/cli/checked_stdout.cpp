#include "sim/cli/checked_stdout.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>

#include <unistd.h>

#include "sim/cli/commands.hpp"

namespace lvs::cli {

CheckedStdout::CheckedStdout() : buffer_(STDOUT_FILENO), previous_(std::cout.rdbuf(&buffer_)) {}

CheckedStdout::~CheckedStdout() { std::cout.rdbuf(previous_); }

int CheckedStdout::finish(int command_status) {
  int error = 0;
  if (!buffer_.flush()) error = buffer_.error();
  // C stdio: glibc forgets errno and the buffered bytes after a failed write, so a
  // failure seen only through ferror() has no reason to give.
  errno = 0;
  const bool stdio_failed = std::fflush(stdout) != 0 || std::ferror(stdout) != 0;
  if (stdio_failed && error == 0) error = errno != 0 ? errno : -1;
  if (::close(STDOUT_FILENO) != 0 && errno != EBADF && error == 0) error = errno;
  if (error == 0) return command_status;
  std::cerr << "lvslab: error writing standard output";
  if (error > 0) std::cerr << ": " << std::strerror(error);
  std::cerr << " (the output is incomplete)\n";
  return kExitOutputError;
}

}  // namespace lvs::cli
