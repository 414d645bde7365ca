#include "sim/hw/netns.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <thread>

#include "sim/hw/error.hpp"

namespace lvs::hw {

std::string netns_path(const std::string& name) { return std::string(kNetnsDir) + "/" + name; }

void create_netns(const std::string& name) {
  ::mkdir("/run", 0755);
  if (::mkdir(kNetnsDir, 0755) != 0 && errno != EEXIST) throw_errno(std::string("mkdir ") + kNetnsDir, errno);
  const std::string path = netns_path(name);
  const int fd = ::open(path.c_str(), O_RDONLY | O_CREAT | O_EXCL, 0);
  if (fd < 0) throw_errno("cannot create network namespace " + name + " (" + path + ")", errno);
  ::close(fd);
  // unshare() on a thread of its own: the new namespace is that thread's alone, and the
  // bind mount (the mount namespace is shared) keeps it after the thread ends.
  int err = 0;
  std::thread t([&] {
    if (::unshare(CLONE_NEWNET) != 0) {
      err = errno;
      return;
    }
    if (::mount("/proc/thread-self/ns/net", path.c_str(), "none", MS_BIND, nullptr) != 0) err = errno;
  });
  t.join();
  if (err != 0) {
    ::unlink(path.c_str());
    throw_errno("cannot create network namespace " + name, err);
  }
}

bool delete_netns(const std::string& name) {
  const std::string path = netns_path(name);
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return errno == ENOENT;
  ::umount2(path.c_str(), MNT_DETACH);
  return ::unlink(path.c_str()) == 0 || errno == ENOENT;
}

std::vector<std::string> list_netns() {
  std::vector<std::string> out;
  DIR* d = ::opendir(kNetnsDir);
  if (!d) return out;
  while (const dirent* e = ::readdir(d)) {
    const std::string n = e->d_name;
    if (n != "." && n != "..") out.push_back(n);
  }
  ::closedir(d);
  return out;
}

void enter_netns(const std::string& name) {
  const int fd = ::open(netns_path(name).c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw_errno("network namespace " + name, errno);
  const int rc = ::setns(fd, CLONE_NEWNET);
  const int err = errno;
  ::close(fd);
  if (rc != 0) throw_errno("setns into " + name, err);
}

void run_in_netns(const std::string& name, const std::function<void()>& fn) {
  std::exception_ptr failure;
  std::thread t([&] {
    try {
      enter_netns(name);
      fn();
    } catch (...) {
      failure = std::current_exception();
    }
  });
  t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace lvs::hw
