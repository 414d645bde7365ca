#include "sim/apps/nfs_mounts.hpp"

#include <cerrno>

#include "sim/apps/app_note.hpp"
#include "sim/apps/nfs_client.hpp"
#include "sim/apps/nfs_options.hpp"
#include "sim/net/host.hpp"

namespace lvs {
namespace {

struct WaitingRead {
  std::string rest;  // below the mount point
  std::uint32_t flow = 0;
  std::function<void(FileReadResult)> done;
};

struct HandMount {
  NfsMountSpec spec;
  std::unique_ptr<NfsMount> mount;
  enum class State : std::uint8_t { kIdle, kMounting, kMounted, kFailed } state = State::kIdle;
  std::vector<WaitingRead> waiting;
};

class NfsMountsImpl final : public NfsMounts {
 public:
  explicit NfsMountsImpl(Host& host) : host_(host) {}

  std::string add(const std::string& source, const std::string& target, const std::string& options) override {
    auto m = std::make_unique<HandMount>();
    const auto colon = source.find(':');
    if (colon == std::string::npos) return "mount.nfs: remote share not in 'host:dir' format";
    std::string error;
    if (!parse_nfs_options(options, &m->spec.options, &error)) return "mount.nfs: " + error;
    if (!resolve_nfs_server(host_, source.substr(0, colon), &m->spec.server))
      return "mount.nfs: Failed to resolve server " + source.substr(0, colon) + ": Name or service not known";
    m->spec.export_path = source.substr(colon + 1);
    m->spec.mount_point = target;
    while (m->spec.mount_point.size() > 1 && m->spec.mount_point.back() == '/') m->spec.mount_point.pop_back();
    mounts_.push_back(std::move(m));
    if (started_) begin(*mounts_.back());
    return {};
  }

  bool remove(const std::string& target) override {
    for (auto it = mounts_.begin(); it != mounts_.end(); ++it) {
      HandMount& m = **it;
      if (m.spec.mount_point != target && m.spec.source() != target) continue;
      if (m.state == HandMount::State::kMounted) m.mount->unmount(0);
      else if (m.mount) m.mount->stop();
      fail_waiting(m);
      table_.remove(m.spec.mount_point);
      retired_.push_back(std::move(*it));  // its RPCs may still have events queued
      mounts_.erase(it);
      return true;
    }
    return false;
  }

  const MountTable& mounts() const override { return table_; }

  bool covers(const std::string& path) const override { return find(path) != nullptr; }

  void read_file(const std::string& path, std::uint32_t flow, std::function<void(FileReadResult)> done) override {
    HandMount* m = find(path);
    if (!m) return done(FileReadResult{ENOENT, {}});
    std::string rest = path.substr(m->spec.mount_point.size());
    while (!rest.empty() && rest.front() == '/') rest.erase(0, 1);
    if (m->state == HandMount::State::kMounted) return m->mount->read_file(rest, flow, std::move(done));
    m->waiting.push_back({std::move(rest), flow, std::move(done)});
  }

  void start() override {
    started_ = true;
    ++epoch_;
    for (auto& m : mounts_)
      if (m->state != HandMount::State::kFailed) begin(*m);
  }

  // The host went down: the mounts are gone with it (a reboot mounts what its files say).
  void stop() override {
    started_ = false;
    ++epoch_;
    for (auto& m : mounts_) {
      if (m->mount) m->mount->stop();
      m->waiting.clear();
    }
    for (auto& m : mounts_) retired_.push_back(std::move(m));
    mounts_.clear();
    table_.clear();
  }

  std::string describe() const override { return "nfs mounts (" + std::to_string(mounts_.size()) + ")"; }

 private:
  // The mount whose mount point holds `path`, mounting or mounted (the last mounted on
  // top wins, as the kernel's mount stack does).
  HandMount* find(const std::string& path) const {
    for (auto it = mounts_.rbegin(); it != mounts_.rend(); ++it) {
      HandMount& m = **it;
      if (m.state != HandMount::State::kMounting && m.state != HandMount::State::kMounted) continue;
      const std::string& p = m.spec.mount_point;
      if (path == p || (path.starts_with(p) && (p == "/" || path[p.size()] == '/'))) return &m;
    }
    return nullptr;
  }

  void begin(HandMount& m) {
    if (m.mount) retired_mounts_.push_back(std::move(m.mount));
    m.mount = std::make_unique<NfsMount>(host_, m.spec);
    m.state = HandMount::State::kMounting;
    const std::uint64_t epoch = epoch_;
    HandMount* mp = &m;
    m.mount->mount(0, [this, mp, epoch](int err, const std::string& message) {
      if (epoch != epoch_) return;
      if (err != 0) {
        mp->state = HandMount::State::kFailed;
        app_note(host_, 0, {}, [&] { return message; });
        fail_waiting(*mp);
        return;
      }
      mp->state = HandMount::State::kMounted;
      table_.add(MountEntry{mp->spec.source(), mp->spec.mount_point, "nfs",
                            nfs_mount_listing_options(mp->spec.options, mp->spec.server.str())});
      app_note(host_, 0, {}, [&] { return "mount: " + mp->mount->listing(); });
      auto waiting = std::move(mp->waiting);
      mp->waiting.clear();
      for (auto& w : waiting) mp->mount->read_file(w.rest, w.flow, std::move(w.done));
    });
  }

  // Reads that waited for a mount that will not come fail (ENOENT). Not as Linux: there
  // mount(8) returns before anything reads below it, and a read would see the host's
  // own directory; here a read can come while the mount is under way.
  static void fail_waiting(HandMount& m) {
    auto waiting = std::move(m.waiting);
    m.waiting.clear();
    for (auto& w : waiting) w.done(FileReadResult{ENOENT, {}});
  }

  Host& host_;
  std::vector<std::unique_ptr<HandMount>> mounts_;
  std::vector<std::unique_ptr<HandMount>> retired_;
  std::vector<std::unique_ptr<NfsMount>> retired_mounts_;
  MountTable table_;
  std::uint64_t epoch_ = 0;
  bool started_ = false;
};

}  // namespace

std::unique_ptr<NfsMounts> make_nfs_mounts(Host& host) { return std::make_unique<NfsMountsImpl>(host); }

}  // namespace lvs
