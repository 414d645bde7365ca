#include "sim/hw/host_root.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "sim/hw/error.hpp"
#include "sim/hw/netns.hpp"

namespace lvs::hw {
namespace {

constexpr const char* kOldRoot = "/.oldroot";
constexpr const char* kRootsDir = "/run/lvslab";
constexpr int kStopWaitMs = 2000;

// One step of building the tree, prepared before fork() (the child only makes syscalls).
struct TreeOp {
  enum class Kind { kMkdir, kSymlink, kFile } kind;
  std::string path;    // under the tmpfs
  std::string target;  // symlink target, or file content
};

std::vector<std::string> real_entries(const std::string& dir) {
  std::vector<std::string> out;
  DIR* d = ::opendir(dir.c_str());
  if (!d) return out;
  while (const dirent* e = ::readdir(d)) {
    const std::string n = e->d_name;
    if (n != "." && n != "..") out.push_back(n);
  }
  ::closedir(d);
  std::sort(out.begin(), out.end());
  return out;
}

std::string parent_of(const std::string& p) {
  const auto slash = p.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : p.substr(0, slash);
}

std::string join(const std::string& dir, const std::string& name) { return dir == "/" ? "/" + name : dir + "/" + name; }

// The steps that build the host's tree under `top` (the tmpfs).
std::vector<TreeOp> tree_ops(const HostRootSpec& spec, const std::string& top) {
  const std::vector<std::string> dirs = host_root_dirs(spec);
  const std::set<std::string> own(dirs.begin(), dirs.end());
  const std::set<std::string> empty(spec.empty_dirs.begin(), spec.empty_dirs.end());
  std::vector<TreeOp> ops;
  ops.push_back({TreeOp::Kind::kMkdir, top + kOldRoot, ""});
  // "/" first, then each real directory: its entries not made real are links.
  std::vector<std::string> walk{"/"};
  walk.insert(walk.end(), dirs.begin(), dirs.end());
  for (const auto& d : walk) {
    if (d != "/") ops.push_back({TreeOp::Kind::kMkdir, top + d, ""});
    if (empty.count(d)) continue;
    for (const auto& e : real_entries(d)) {
      const std::string p = join(d, e);
      if (!own.count(p) && p != kOldRoot) ops.push_back({TreeOp::Kind::kSymlink, top + p, kOldRoot + p});
    }
  }
  for (const auto& [path, content] : spec.files) ops.push_back({TreeOp::Kind::kFile, top + path, content});
  return ops;
}

// In the child: a message for the parent, then exit.
[[noreturn]] void child_fail(int ready_fd, const std::string& what) {
  const std::string msg = what + ": " + std::strerror(errno);
  [[maybe_unused]] const ssize_t n = ::write(ready_fd, msg.data(), msg.size());
  ::_exit(1);
}

bool write_file(const std::string& path, const std::string& content) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  bool ok = true;
  for (std::size_t off = 0; ok && off < content.size();) {
    const ssize_t n = ::write(fd, content.data() + off, content.size() - off);
    ok = n > 0;
    if (ok) off += static_cast<std::size_t>(n);
  }
  return ::close(fd) == 0 && ok;
}

// A booted machine's lo is up (its init brings it up): rpcbind's clients (rpc.mountd
// registering, mount.nfs asking whether rpc.statd runs) talk to it over 127.0.0.1.
bool loopback_up() {
  const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  ifreq ifr{};
  std::strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
  bool ok = ::ioctl(fd, SIOCGIFFLAGS, &ifr) == 0;
  if (ok && !(ifr.ifr_flags & IFF_UP)) {
    ifr.ifr_flags = static_cast<short>(ifr.ifr_flags | IFF_UP);
    ok = ::ioctl(fd, SIOCSIFFLAGS, &ifr) == 0;
  }
  ::close(fd);
  return ok;
}

// The holder: the host's namespaces and tree, then it waits to be killed.
[[noreturn]] void hold(int ready_fd, int net_fd, const std::string& top, const std::vector<TreeOp>& ops,
                       const std::string& nfsd_dir) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::setns(net_fd, CLONE_NEWNET) != 0) child_fail(ready_fd, "setns");
  if (!loopback_up()) child_fail(ready_fd, "ip link set lo up");
  if (::unshare(CLONE_NEWNS) != 0) child_fail(ready_fd, "unshare(CLONE_NEWNS)");
  if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0)
    child_fail(ready_fd, "mount --make-rprivate /");
  if (::mount("tmpfs", top.c_str(), "tmpfs", 0, "mode=0755") != 0) child_fail(ready_fd, "mount tmpfs on " + top);
  for (const auto& op : ops) {
    switch (op.kind) {
      case TreeOp::Kind::kMkdir:
        if (::mkdir(op.path.c_str(), 0755) != 0 && errno != EEXIST) child_fail(ready_fd, "mkdir " + op.path);
        break;
      case TreeOp::Kind::kSymlink:
        if (::symlink(op.target.c_str(), op.path.c_str()) != 0) child_fail(ready_fd, "symlink " + op.path);
        break;
      case TreeOp::Kind::kFile:
        if (!write_file(op.path, op.target)) child_fail(ready_fd, "write " + op.path);
        break;
    }
  }
  const std::string old = top + kOldRoot;
  if (::mount("/", old.c_str(), nullptr, MS_BIND | MS_REC, nullptr) != 0) child_fail(ready_fd, "bind / on " + old);
  // nfsd's file system belongs to the network namespace of the process that mounts it.
  if (!nfsd_dir.empty() && ::mount("nfsd", (old + nfsd_dir).c_str(), "nfsd", 0, nullptr) != 0)
    child_fail(ready_fd, "mount -t nfsd nfsd " + nfsd_dir);
  if (::chroot(top.c_str()) != 0 || ::chdir("/") != 0) child_fail(ready_fd, "chroot " + top);
  [[maybe_unused]] const ssize_t n = ::write(ready_fd, "ok", 2);
  ::close(ready_fd);
  for (;;) ::pause();
}

void wait_or_kill(pid_t pid, int wait_ms) {
  for (int waited = 0; waited < wait_ms; waited += 20) {
    if (::waitpid(pid, nullptr, WNOHANG) == pid) return;
    ::usleep(20'000);
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

}  // namespace

std::vector<std::string> host_root_dirs(const HostRootSpec& spec) {
  std::set<std::string> dirs;
  auto add_with_parents = [&](std::string d) {
    while (d != "/" && !d.empty()) {
      dirs.insert(d);
      d = parent_of(d);
    }
  };
  for (const auto& [path, content] : spec.files) add_with_parents(parent_of(path));
  for (const auto& d : spec.own_dirs) add_with_parents(d);
  for (const auto& d : spec.empty_dirs) add_with_parents(d);
  return {dirs.begin(), dirs.end()};
}

HostRoot::HostRoot(HostRootSpec spec) : spec_(std::move(spec)) {
  ::mkdir(kRootsDir, 0755);
  mount_dir_ = std::string(kRootsDir) + "/root-" + spec_.netns;
  if (::mkdir(mount_dir_.c_str(), 0700) != 0 && errno != EEXIST) throw_errno("mkdir " + mount_dir_, errno);
  const std::vector<TreeOp> ops = tree_ops(spec_, mount_dir_);
  const int net_fd = ::open(netns_path(spec_.netns).c_str(), O_RDONLY | O_CLOEXEC);
  if (net_fd < 0) throw_errno("network namespace " + spec_.netns, errno);
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw_errno("pipe", errno);
  const std::string nfsd_dir = spec_.mount_nfsd ? "/proc/fs/nfsd" : "";
  holder_ = ::fork();
  if (holder_ == 0) {
    ::close(pipe_fds[0]);
    hold(pipe_fds[1], net_fd, mount_dir_, ops, nfsd_dir);
  }
  const int fork_errno = errno;
  ::close(net_fd);
  ::close(pipe_fds[1]);
  if (holder_ < 0) {
    ::close(pipe_fds[0]);
    throw_errno("fork", fork_errno);
  }
  char buf[512];
  const ssize_t n = ::read(pipe_fds[0], buf, sizeof buf);
  ::close(pipe_fds[0]);
  const std::string answer(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  if (answer != "ok") {
    wait_or_kill(holder_, 0);
    ::rmdir(mount_dir_.c_str());
    throw HwError(spec_.netns + ": cannot give the host a file tree of its own: " +
                  (answer.empty() ? "the holder process ended" : answer));
  }
}

HostRoot::~HostRoot() {
  // Daemons first (newest first: the automounter before rpcbind), then the holder: the
  // mount namespace, its mounts and the tmpfs go with the last of them.
  for (auto it = daemons_.rbegin(); it != daemons_.rend(); ++it) {
    ::kill(*it, SIGTERM);
    wait_or_kill(*it, kStopWaitMs);
  }
  ::kill(holder_, SIGKILL);
  ::waitpid(holder_, nullptr, 0);
  ::rmdir(mount_dir_.c_str());
}

std::string HostRoot::path(const std::string& in_host) const {
  return "/proc/" + std::to_string(holder_) + "/root" + in_host;
}

pid_t HostRoot::spawn(const std::vector<std::string>& argv, const std::string& log) {
  const std::string proc = "/proc/" + std::to_string(holder_);
  const int net_fd = ::open(netns_path(spec_.netns).c_str(), O_RDONLY | O_CLOEXEC);
  const int mnt_fd = ::open((proc + "/ns/mnt").c_str(), O_RDONLY | O_CLOEXEC);
  const int root_fd = ::open((proc + "/root").c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  const int log_fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  const int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int err = 0;
  if (net_fd < 0 || mnt_fd < 0 || root_fd < 0 || log_fd < 0 || null_fd < 0) {
    err = errno;
  } else {
    pid = ::fork();
    if (pid == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (::setns(net_fd, CLONE_NEWNET) != 0 || ::setns(mnt_fd, CLONE_NEWNS) != 0 || ::fchdir(root_fd) != 0 ||
          ::chroot(".") != 0 || ::chdir("/") != 0)
        ::_exit(126);
      // A session of its own: automount's autofs mounts need a process group (pgrp 0,
      // what a child of the kernel test's init has, is refused: "could not find process
      // group 0").
      ::setsid();
      ::dup2(null_fd, 0);
      ::dup2(log_fd, 1);
      ::dup2(log_fd, 2);
      ::execv(args[0], args.data());
      ::_exit(127);
    }
    err = errno;
  }
  for (int fd : {net_fd, mnt_fd, root_fd, log_fd, null_fd})
    if (fd >= 0) ::close(fd);
  if (pid < 0) throw_errno(spec_.netns + ": cannot start " + argv.front(), err);
  return pid;
}

int HostRoot::run(const std::vector<std::string>& argv, const std::string& log, int timeout_ms) {
  const pid_t pid = spawn(argv, log);
  for (int waited = 0;; waited += 10) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (waited >= timeout_ms) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, nullptr, 0);
      return -1;
    }
    ::usleep(10'000);
  }
}

pid_t HostRoot::start(const std::vector<std::string>& argv, const std::string& log) {
  const pid_t pid = spawn(argv, log);
  daemons_.push_back(pid);
  return pid;
}

}  // namespace lvs::hw
