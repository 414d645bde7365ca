#pragma once
// A std::streambuf that writes to a file descriptor and remembers why the first write
// failed. The standard streams only say "badbit" and glibc's stdio drops errno (and the
// buffered bytes) when a write fails, so a full disk would be reported without its
// reason; this buffer keeps the errno of the first failed write(2) (ENOSPC, EFBIG, EIO,
// EPIPE...) for the message. After a failure every further write fails too, so the
// stream turns bad and nothing is reported as written that was not.
#include <cstddef>
#include <streambuf>
#include <vector>

namespace lvs {

class FdStreambuf : public std::streambuf {
 public:
  explicit FdStreambuf(int fd, std::size_t buffer_bytes = 64 * 1024);
  FdStreambuf(const FdStreambuf&) = delete;
  FdStreambuf& operator=(const FdStreambuf&) = delete;
  // Writes what is still buffered (errors are kept, not thrown).
  ~FdStreambuf() override;

  // Writes everything buffered; false when any write so far failed.
  bool flush();
  // errno of the first failed write, 0 when every write so far succeeded.
  int error() const { return error_; }
  int fd() const { return fd_; }

 protected:
  int_type overflow(int_type ch) override;
  std::streamsize xsputn(const char* data, std::streamsize n) override;
  int sync() override;

 private:
  bool write_all(const char* data, std::size_t n);

  int fd_;
  std::vector<char> buffer_;
  int error_ = 0;
};

}  // namespace lvs
