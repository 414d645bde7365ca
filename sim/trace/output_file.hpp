#pragma once
// An output file the user asked for (--trace, --pcap, --dump-state, --screenshot),
// written so that nothing is lost silently and nothing cut short looks complete:
//  * the constructor opens it at once, so that a bad path (no such directory, no
//    permission) is found before a run, with its reason;
//  * the bytes go to a temporary file in the same directory (".lvslab-tmp-PID-N"),
//    renamed over the target by commit() once every byte is written and the file is
//    closed without error. A failure, or destruction without commit(), removes the
//    temporary file: the target keeps what it had (or is not created);
//  * a target that exists and is not a regular file (a symbolic link such as
//    /dev/stdout, a FIFO, /dev/null) is written in place: there is nothing to rename;
//  * every failure throws OutputError "PATH: strerror" (ENOSPC, EFBIG, EACCES...).
#include <cstddef>
#include <memory>
#include <ostream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/trace/fd_streambuf.hpp"

namespace lvs {

class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class OutputFile {
 public:
  explicit OutputFile(std::string path);  // throws OutputError
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Where to write. A failed write turns the stream bad; commit() reports why.
  std::ostream& stream() { return stream_; }
  void write(std::string_view bytes) { stream_.write(bytes.data(), static_cast<std::streamsize>(bytes.size())); }
  // Flushes and closes, keeping the file temporary (for a set of files renamed together
  // when all are complete). Throws OutputError (and removes the temporary file) when any
  // write or the close failed.
  void close();
  // close(), then renames the temporary file over the target. Throws OutputError as close().
  void commit();

  const std::string& path() const { return path_; }

 private:
  [[noreturn]] void fail(int error);
  void discard();

  std::string path_;
  std::string temp_;  // "" = written in place
  int fd_ = -1;
  std::unique_ptr<FdStreambuf> buffer_;
  std::ostream stream_;
  bool closed_ = false;
  bool committed_ = false;
};

// True when a and b both name an existing file and it is the same one (same device
// and inode: hard links and symbolic links count, spelling does not matter).
bool same_file(const std::string& a, const std::string& b);

}  // namespace lvs
