#include "sim/trace/fd_streambuf.hpp"

#include <cerrno>
#include <cstring>

#include <unistd.h>

namespace lvs {

FdStreambuf::FdStreambuf(int fd, std::size_t buffer_bytes) : fd_(fd), buffer_(buffer_bytes == 0 ? 1 : buffer_bytes) {
  setp(buffer_.data(), buffer_.data() + buffer_.size());
}

FdStreambuf::~FdStreambuf() { flush(); }

// write(2) may write less than asked (a pipe, a signal): go on until everything is
// written or it fails. EINTR is retried; any other errno is the reason kept.
bool FdStreambuf::write_all(const char* data, std::size_t n) {
  if (error_ != 0) return false;
  while (n > 0) {
    const ssize_t done = ::write(fd_, data, n);
    if (done < 0) {
      if (errno == EINTR) continue;
      error_ = errno;
      return false;
    }
    if (done == 0) {  // nothing written and no errno: treat as an I/O error
      error_ = EIO;
      return false;
    }
    data += done;
    n -= static_cast<std::size_t>(done);
  }
  return true;
}

bool FdStreambuf::flush() {
  const std::size_t pending = static_cast<std::size_t>(pptr() - pbase());
  setp(buffer_.data(), buffer_.data() + buffer_.size());
  if (pending != 0) write_all(buffer_.data(), pending);
  return error_ == 0;
}

FdStreambuf::int_type FdStreambuf::overflow(int_type ch) {
  if (!flush()) return traits_type::eof();
  if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
  *pptr() = traits_type::to_char_type(ch);
  pbump(1);
  return ch;
}

std::streamsize FdStreambuf::xsputn(const char* data, std::streamsize n) {
  if (n <= 0) return 0;
  const auto count = static_cast<std::size_t>(n);
  const auto room = static_cast<std::size_t>(epptr() - pptr());
  if (count <= room) {
    std::memcpy(pptr(), data, count);
    pbump(static_cast<int>(count));
    return n;
  }
  // Larger than what is left: write the buffer, then the data straight through.
  if (!flush() || !write_all(data, count)) return 0;
  return n;
}

int FdStreambuf::sync() { return flush() ? 0 : -1; }

}  // namespace lvs
