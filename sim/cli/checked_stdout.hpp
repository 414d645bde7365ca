#pragma once
// Standard output that cannot lose the report silently. While a CheckedStdout lives,
// std::cout writes through an FdStreambuf on fd 1, which keeps the errno of the first
// failed write; finish() flushes everything (std::cout and C stdio, which the viewer's
// benchmark uses), closes fd 1 (a close can report a deferred error, e.g. on NFS) and,
// when anything failed, prints "lvslab: error writing standard output: REASON" on stderr
// and returns kExitOutputError instead of the command's own exit code.
#include <streambuf>

#include "sim/trace/fd_streambuf.hpp"

namespace lvs::cli {

class CheckedStdout {
 public:
  CheckedStdout();
  ~CheckedStdout();
  CheckedStdout(const CheckedStdout&) = delete;
  CheckedStdout& operator=(const CheckedStdout&) = delete;

  // The exit code to return: `command_status`, or kExitOutputError when standard
  // output could not be written completely.
  int finish(int command_status);

 private:
  FdStreambuf buffer_;
  std::streambuf* previous_;
};

}  // namespace lvs::cli
