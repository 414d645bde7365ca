#include "sim/trace/output_file.hpp"

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace lvs {
namespace {

std::string directory_of(const std::string& path) {
  const std::string dir = std::filesystem::path(path).parent_path().string();
  return dir.empty() ? std::string(".") : dir;
}

// A new file in `dir` that nobody else uses: O_EXCL, retried on a name clash.
int create_temporary(const std::string& dir, std::string& name, int& error) {
  static std::atomic<unsigned> counter{0};
  for (int attempt = 0; attempt < 100; ++attempt) {
    name = dir + "/.lvslab-tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return fd;
    if (errno != EEXIST) break;
  }
  error = errno;
  name.clear();
  return -1;
}

}  // namespace

OutputFile::OutputFile(std::string path) : path_(std::move(path)), stream_(nullptr) {
  if (path_.empty()) throw OutputError("(empty file name): " + std::string(std::strerror(ENOENT)));
  struct stat st {};
  const bool exists = ::lstat(path_.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) throw OutputError(path_ + ": " + std::strerror(EISDIR));
  if (exists && !S_ISREG(st.st_mode)) {
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd_ < 0) fail(errno);
  } else {
    int error = 0;
    fd_ = create_temporary(directory_of(path_), temp_, error);
    if (fd_ < 0) fail(error);
    // Replacing a file keeps its permissions (as writing into it did).
    if (exists) (void)::fchmod(fd_, st.st_mode & 07777);
  }
  buffer_ = std::make_unique<FdStreambuf>(fd_);
  stream_.rdbuf(buffer_.get());
}

OutputFile::~OutputFile() {
  if (!committed_) discard();
}

void OutputFile::discard() {
  stream_.rdbuf(nullptr);
  buffer_.reset();  // its last flush may fail: the file goes anyway
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) ::unlink(temp_.c_str());
  temp_.clear();
}

void OutputFile::fail(int error) {
  discard();
  throw OutputError(path_ + ": " + std::strerror(error));
}

void OutputFile::close() {
  if (closed_) return;
  if (!buffer_->flush()) fail(buffer_->error());
  stream_.rdbuf(nullptr);
  buffer_.reset();
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) fail(errno);
  closed_ = true;
}

void OutputFile::commit() {
  if (committed_) return;
  close();
  if (!temp_.empty() && ::rename(temp_.c_str(), path_.c_str()) != 0) fail(errno);
  temp_.clear();
  committed_ = true;
}

bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {
  }, sb{};
  if (::stat(a.c_str(), &sa) != 0 || ::stat(b.c_str(), &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

}  // namespace lvs
