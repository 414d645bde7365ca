#include "sim/hw/nfs_services.hpp"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <fstream>
#include <set>
#include <sstream>

#include "sim/apps/autofs_maps.hpp"
#include "sim/hw/error.hpp"
#include "sim/hw/names.hpp"

namespace lvs::hw {
namespace {

constexpr int kCommandTimeoutMs = 30'000;
constexpr int kReadyTimeoutMs = 20'000;
constexpr const char* kNfsdThreads = "8";  // nfs-kernel-server's default (RPCNFSDCOUNT)

template <typename T>
bool has_service(const HostSpec& h) {
  for (const auto& s : h.services)
    if (std::holds_alternative<T>(s.config)) return true;
  return false;
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Waits until `ready()` holds; false at the timeout.
template <typename F>
bool wait_for(F ready, int timeout_ms) {
  for (int waited = 0; waited < timeout_ms; waited += 20) {
    if (ready()) return true;
    ::usleep(20'000);
  }
  return ready();
}

// An octal escape of /proc/mounts (\040 space, \011 tab, \012 newline, \134 backslash).
std::string unescape_mount_field(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto octal = [&](std::size_t k) { return k < s.size() && s[k] >= '0' && s[k] <= '7'; };
    if (s[i] == '\\' && octal(i + 1) && octal(i + 2) && octal(i + 3)) {
      out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

// The host's automount points, from its /etc/auto.master (the simulator's parser: the
// same file, the same lines).
std::vector<std::string> automount_points(const HostSpec& h) {
  std::vector<std::string> out;
  const auto it = h.files.find("/etc/auto.master");
  if (it == h.files.end()) return out;
  for (const auto& e : parse_auto_master(it->second).entries) out.push_back(e.mount_point);
  return out;
}

bool is_autofs_mount(const std::string& proc_mounts, const std::string& target) {
  std::istringstream in(proc_mounts);
  std::string line;
  HwNfsMount m;
  while (std::getline(in, line))
    if (parse_proc_mounts_line(line, &m) && m.type == "autofs" && m.target == target) return true;
  return false;
}

}  // namespace

HwLogDir::HwLogDir(const std::string& prefix) : path_("/run/lvslab/" + prefix + "-logs") {
  ::mkdir("/run/lvslab", 0755);
  if (::mkdir(path_.c_str(), 0700) != 0 && errno != EEXIST) throw_errno("mkdir " + path_, errno);
}

HwLogDir::~HwLogDir() {
  if (DIR* d = ::opendir(path_.c_str())) {
    while (const dirent* e = ::readdir(d))
      if (std::string(e->d_name) != "." && std::string(e->d_name) != "..") ::unlink((path_ + "/" + e->d_name).c_str());
    ::closedir(d);
  }
  ::rmdir(path_.c_str());
}

std::string HwNfsMount::mount_line() const {
  return "mount: " + source + " on " + target + " type " + type + " (" + options + ")";
}

bool parse_proc_mounts_line(const std::string& line, HwNfsMount* out) {
  std::istringstream in(line);
  std::string source, target, type, options;
  if (!(in >> source >> target >> type >> options)) return false;
  out->source = unescape_mount_field(source);
  out->target = unescape_mount_field(target);
  out->type = type;
  out->options = options;
  return true;
}

const std::vector<NfsProgram>& nfs_programs() {
  static const std::vector<NfsProgram> programs = {
      {"/sbin/rpcbind", "rpcbind"},
      {"/usr/sbin/exportfs", "nfs-kernel-server"},
      {"/usr/sbin/rpc.mountd", "nfs-kernel-server"},
      {"/usr/sbin/rpc.nfsd", "nfs-kernel-server"},
      {"/sbin/rpc.statd", "nfs-common"},
      {"/sbin/mount.nfs", "nfs-common"},
      {"/usr/sbin/automount", "autofs"},
      {"/bin/mount", "mount"},
  };
  return programs;
}

bool needs_nfs_programs(const ScenarioSpec& spec) {
  for (const auto& h : spec.hosts)
    if (has_service<NfsServiceSpec>(h) || has_service<AutofsServiceSpec>(h)) return true;
  return false;
}

void require_nfs_programs() {
  std::string missing;
  std::set<std::string> packages;
  for (const auto& p : nfs_programs())
    if (::access(p.path, X_OK) != 0) {
      missing += std::string(missing.empty() ? "" : ", ") + p.path;
      packages.insert(p.package);
    }
  if (missing.empty()) return;
  std::string install;
  for (const auto& p : packages) install += " " + p;
  throw HwUnavailable("this scenario's nfs/autofs services run the real programs, and " + missing +
                      (packages.size() == 1 && missing.find(',') == std::string::npos ? " is" : " are") +
                      " missing: apt-get install" + install);
}

HwNfsHosts::HwNfsHosts(const ScenarioSpec& spec, const std::string& prefix, const std::string& log_dir)
    : spec_(spec), prefix_(prefix), log_dir_(log_dir) {
  for (HostId h = 0; h < spec.hosts.size(); ++h)
    if (has_service<NfsServiceSpec>(spec.hosts[h])) start_nfs_server(h);
  for (HostId h = 0; h < spec.hosts.size(); ++h)
    if (has_service<AutofsServiceSpec>(spec.hosts[h])) start_automounter(h);
}

HwNfsHosts::~HwNfsHosts() {
  // The kernel's nfsd threads belong to no process: rpc.nfsd 0 stops them.
  for (HostId h : nfs_servers_) {
    const auto it = roots_.find(h);
    if (it != roots_.end())
      it->second->run({"/usr/sbin/rpc.nfsd", "0"}, log_dir_ + "/" + spec_.hosts[h].name + ".log", kCommandTimeoutMs);
  }
  // Automounters (and their mounts) before the NFS servers.
  for (auto it = roots_.rbegin(); it != roots_.rend(); ++it)
    if (std::find(nfs_servers_.begin(), nfs_servers_.end(), it->first) == nfs_servers_.end()) it->second.reset();
  roots_.clear();
}

void HwNfsHosts::start_nfs_server(HostId h) {
  const HostSpec& host = spec_.hosts[h];
  HostRootSpec rs;
  rs.netns = host_netns(prefix_, host.name);
  rs.files = host.files;
  // rpc.mountd records its clients in rmtab and does not create it (nfs-kernel-server's
  // install does): "can't open /var/lib/nfs/rmtab for writing" without it.
  rs.files["/var/lib/nfs/rmtab"] = "";
  rs.empty_dirs = {"/run", "/var/lib/nfs"};
  rs.mount_nfsd = true;
  auto root = std::make_unique<HostRoot>(rs);
  const std::string log = log_dir_ + "/" + host.name + ".log";
  HostRoot& r = *root;
  roots_[h] = std::move(root);
  nfs_servers_.push_back(h);
  r.start({"/sbin/rpcbind", "-f"}, log);
  if (!wait_for([&] { return exists(r.path("/run/rpcbind.sock")); }, kReadyTimeoutMs))
    throw HwError(host.name + ": rpcbind did not start (" + log + ")");
  const auto must = [&](const std::vector<std::string>& argv) {
    const int rc = r.run(argv, log, kCommandTimeoutMs);
    if (rc != 0)
      throw HwError(host.name + ": " + argv.front() + " exited with " + std::to_string(rc) + ": " + read_file(log));
  };
  must({"/usr/sbin/exportfs", "-rv"});
  r.start({"/usr/sbin/rpc.mountd", "-F"}, log);
  must({"/usr/sbin/rpc.nfsd", "-N", "4", kNfsdThreads});
}

void HwNfsHosts::start_automounter(HostId h) {
  const HostSpec& host = spec_.hosts[h];
  HostRootSpec rs;
  rs.netns = host_netns(prefix_, host.name);
  rs.files = host.files;
  rs.empty_dirs = {"/run", "/var/lib/nfs/sm", "/var/lib/nfs/sm.bak"};
  const std::vector<std::string> points = automount_points(host);
  rs.own_dirs = points;
  auto root = std::make_unique<HostRoot>(rs);
  const std::string log = log_dir_ + "/" + host.name + ".log";
  HostRoot& r = *root;
  roots_[h] = std::move(root);
  r.start({"/sbin/rpcbind", "-f"}, log);
  if (!wait_for([&] { return exists(r.path("/run/rpcbind.sock")); }, kReadyTimeoutMs))
    throw HwError(host.name + ": rpcbind did not start (" + log + ")");
  // --no-notify: sm-notify tells the servers a rebooted client held locks on; a host
  // built fresh held none.
  r.start({"/sbin/rpc.statd", "-F", "--no-notify"}, log);
  r.start({"/usr/sbin/automount", "-f", "-v"}, log);
  // Ready when every mount point of auto.master is an autofs mount of the host.
  const std::string mounts = "/proc/" + std::to_string(r.holder()) + "/mounts";
  for (const auto& p : points)
    if (!wait_for([&] { return is_autofs_mount(read_file(mounts), p); }, kReadyTimeoutMs))
      throw HwError(host.name + ": automount did not mount " + p + " within " + std::to_string(kReadyTimeoutMs / 1000) +
                    " s: " + read_file(log));
}

std::string HwNfsHosts::file_root(HostId h) const {
  const auto it = roots_.find(h);
  return it == roots_.end() ? "" : it->second->path("");
}

std::vector<HwNfsMount> HwNfsHosts::nfs_mounts() const {
  std::vector<HwNfsMount> out;
  for (const auto& [h, root] : roots_) {
    std::istringstream in(read_file("/proc/" + std::to_string(root->holder()) + "/mounts"));
    std::string line;
    HwNfsMount m;
    while (std::getline(in, line))
      if (parse_proc_mounts_line(line, &m) && (m.type == "nfs" || m.type == "nfs4")) {
        m.host = spec_.hosts[h].name;
        out.push_back(m);
      }
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> HwNfsHosts::logs() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [h, root] : roots_)
    out.emplace_back(spec_.hosts[h].name, read_file(log_dir_ + "/" + spec_.hosts[h].name + ".log"));
  return out;
}

}  // namespace lvs::hw
