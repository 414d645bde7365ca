#include "sim/apps/autofs.hpp"

#include <cerrno>
#include <vector>

#include "sim/apps/app_note.hpp"
#include "sim/apps/autofs_maps.hpp"
#include "sim/apps/nfs_client.hpp"
#include "sim/net/host.hpp"
#include "sim/net/world.hpp"

namespace lvs {
namespace {

struct PendingRead {
  std::string rest;  // path below the mounted entry
  std::uint32_t flow = 0;
  std::function<void(FileReadResult)> done;
};

// One key of one automount point (/var/www + html).
struct Trigger {
  std::string target;  // "/var/www/html"
  enum class State : std::uint8_t { kUnmounted, kMounting, kMounted } state = State::kUnmounted;
  std::unique_ptr<NfsMount> mount;
  std::vector<std::unique_ptr<NfsMount>> old;  // unmounted, may still have events queued
  std::vector<PendingRead> waiting;
  SimTime last_used = 0;
  SimTime negative_until = -1;
  std::size_t busy = 0;  // reads in progress (open files keep a mount from expiring)
};

struct AutomountPoint {
  AutoMasterEntry master;
  AutoMapParse map;
  bool map_ok = false;
  std::map<std::string, Trigger> triggers;  // by key
};

class AutofsImpl final : public Autofs, public EventHandler {
 public:
  AutofsImpl(Host& host, std::map<std::string, std::string> files) : host_(host), own_files_(std::move(files)) {}

  void start() override {
    ++epoch_;
    points_.clear();
    table_.clear();
    const auto master = files_->find("/etc/auto.master");
    if (master == files_->end()) return host_.note("automount: /etc/auto.master not found, nothing to mount");
    const AutoMasterParse parsed = parse_auto_master(master->second);
    if (!parsed.ok()) return host_.note("automount: " + parsed.error);
    for (const auto& e : parsed.entries) {
      auto p = std::make_unique<AutomountPoint>();
      p->master = e;
      const auto map = files_->find(e.map);
      if (map == files_->end()) {
        host_.note("automount: lookup(file): file map " + e.map + " missing or not readable, " + e.mount_point +
                   " has no entries");
      } else {
        p->map = parse_auto_map(map->second, e.map);
        p->map_ok = p->map.ok();
        if (!p->map_ok) host_.note("automount: " + p->map.error);
      }
      points_.push_back(std::move(p));
    }
  }

  void stop() override { retire(false); }

  // `systemctl stop autofs`: automount exits after unmounting what it mounted (autofs 5
  // does on SIGTERM); a lookup still waiting for its mount fails (ENOENT).
  bool stop_service() override {
    retire(true);
    return true;
  }

  std::string describe() const override {
    std::string s = "automount";
    for (const auto& p : points_) s += " " + p->master.mount_point + ":" + p->master.map;
    return s;
  }

  const MountTable& mounts() const override { return table_; }

  // From /etc/auto.master itself, so that it also holds before the daemon starts.
  bool covers(const std::string& path) const override {
    const auto master = files_->find("/etc/auto.master");
    if (master == files_->end()) return false;
    for (const auto& e : parse_auto_master(master->second).entries)
      if (path.starts_with(e.mount_point + "/")) return true;
    return false;
  }

  void read_file(const std::string& path, std::uint32_t flow, std::function<void(FileReadResult)> done) override {
    AutomountPoint* point = nullptr;
    for (auto& p : points_)
      if (path.starts_with(p->master.mount_point + "/")) point = p.get();
    if (!point) return done(FileReadResult{ENOENT, {}});
    const std::string below = path.substr(point->master.mount_point.size() + 1);
    const auto slash = below.find('/');
    const std::string key = below.substr(0, slash);
    const std::string rest = slash == std::string::npos ? std::string() : below.substr(slash + 1);
    Trigger* t = trigger(*point, key, flow);
    if (!t) return done(FileReadResult{ENOENT, {}});
    t->last_used = host_.now();
    switch (t->state) {
      case Trigger::State::kMounted: return read_mounted(*t, rest, flow, std::move(done));
      case Trigger::State::kMounting: t->waiting.push_back({rest, flow, std::move(done)}); return;
      case Trigger::State::kUnmounted: break;
    }
    if (host_.now() < t->negative_until) {
      app_note(host_, flow, {}, [&] {
        return "automount: " + t->target +
               ": the last mount failed, not retrying before the negative timeout (60 s) ends";
      });
      return done(FileReadResult{ENOENT, {}});
    }
    t->waiting.push_back({rest, flow, std::move(done)});
    begin_mount(*point, key, *t, flow);
  }

  void on_event(const Event& ev) override {
    if (ev.kind != kExpire || ev.b != epoch_) return;
    expire_pending_ = false;
    bool any = false;
    for (auto& p : points_) {
      if (p->master.timeout == 0) continue;
      for (auto& [key, t] : p->triggers) {
        if (t.state != Trigger::State::kMounted) continue;
        if (t.busy == 0 && host_.now() - t.last_used >= p->master.timeout) unmount(t);
        else any = true;
      }
    }
    if (any) schedule_expire();
  }

 private:
  enum : std::uint32_t { kExpire = 1 };

  // The trigger for `key`, created on first use; nullptr when the map has no such key.
  Trigger* trigger(AutomountPoint& p, const std::string& key, std::uint32_t flow) {
    if (auto it = p.triggers.find(key); it != p.triggers.end()) return &it->second;
    AutoMapEntry e;
    if (key.empty() || !p.map_ok || !lookup_auto_map(p.map, key, &e)) {
      app_note(host_, flow, {}, [&] {
        return "automount: lookup(file): key \"" + key + "\" not found in map source(s) of " + p.master.mount_point;
      });
      return nullptr;
    }
    Trigger& t = p.triggers[key];
    t.target = p.master.mount_point + "/" + key;
    return &t;
  }

  void begin_mount(AutomountPoint& p, const std::string& key, Trigger& t, std::uint32_t flow) {
    AutoMapEntry e;
    lookup_auto_map(p.map, key, &e);
    t.state = Trigger::State::kMounting;
    app_note(host_, flow, {}, [&] { return "automount: attempting to mount entry " + t.target; });
    NfsMountSpec spec;
    spec.export_path = e.path;
    spec.mount_point = t.target;
    std::string options;
    for (const auto& o : p.master.mount_options) options += o + ",";
    options += e.options;
    std::string error;
    const std::string source = e.host + ":" + e.path;
    if (e.fstype != "nfs") error = "mount(" + e.fstype + "): file system type " + e.fstype + " is not modelled";
    else if (!parse_nfs_options(options, &spec.options, &error)) error = "mount.nfs: " + error;
    else if (!resolve_nfs_server(host_, e.host, &spec.server))
      error = "mount.nfs: Failed to resolve server " + e.host + ": Name or service not known";
    if (!error.empty()) return mount_failed(t, flow, source, error);
    if (t.mount) t.old.push_back(std::move(t.mount));
    t.mount = std::make_unique<NfsMount>(host_, spec);
    const std::uint64_t epoch = epoch_;
    Trigger* tp = &t;
    t.mount->mount(flow, [this, tp, flow, source, epoch](int err, const std::string& message) {
      if (epoch != epoch_) return;
      if (err != 0) return mount_failed(*tp, flow, source, message);
      tp->state = Trigger::State::kMounted;
      table_.add(MountEntry{tp->mount->spec().source(), tp->target, "nfs",
                            nfs_mount_listing_options(tp->mount->spec().options, tp->mount->spec().server.str())});
      app_note(host_, flow, {}, [&] { return "mount(nfs): mounted " + source + " on " + tp->target; });
      app_note(host_, flow, {}, [&] { return "mount: " + tp->mount->listing(); });
      schedule_expire();
      auto waiting = std::move(tp->waiting);
      tp->waiting.clear();
      for (auto& w : waiting) read_mounted(*tp, w.rest, w.flow, std::move(w.done));
    });
  }

  void mount_failed(Trigger& t, std::uint32_t flow, const std::string& source, const std::string& message) {
    t.state = Trigger::State::kUnmounted;
    t.negative_until = host_.now() + kAutofsNegativeTimeout;
    app_note(host_, flow, {}, [&] { return message; });
    app_note(host_, flow, {}, [&] { return "mount(nfs): nfs: mount failure " + source + " on " + t.target; });
    app_note(host_, flow, {}, [&] { return "automount: failed to mount " + t.target; });
    auto waiting = std::move(t.waiting);
    t.waiting.clear();
    for (auto& w : waiting) w.done(FileReadResult{ENOENT, {}});
  }

  void read_mounted(Trigger& t, const std::string& rest, std::uint32_t flow, std::function<void(FileReadResult)> done) {
    ++t.busy;
    const std::uint64_t epoch = epoch_;
    Trigger* tp = &t;
    t.mount->read_file(rest, flow, [this, tp, epoch, done = std::move(done)](FileReadResult r) {
      if (epoch == epoch_) {
        --tp->busy;
        tp->last_used = host_.now();
      }
      done(std::move(r));
    });
  }

  void unmount(Trigger& t) {
    app_note(host_, 0, {}, [&] { return "automount: expired " + t.target; });
    t.mount->unmount(0);
    table_.remove(t.target);
    t.state = Trigger::State::kUnmounted;
  }

  // The daemon goes: its automount points with it. `umount`: mounts end with UMNT as
  // umount.nfs does; else (the host went down) nothing more is sent.
  void retire(bool umount) {
    ++epoch_;
    for (auto& p : points_)
      for (auto& [key, t] : p->triggers) {
        if (t.mount && umount && t.state == Trigger::State::kMounted) {
          app_note(host_, 0, {}, [&] { return "automount: umounting " + t.target; });
          t.mount->unmount(0);
        } else if (t.mount) {
          t.mount->stop();
        }
        auto waiting = std::move(t.waiting);
        t.waiting.clear();
        if (umount)
          for (auto& w : waiting) w.done(FileReadResult{ENOENT, {}});
      }
    retired_.push_back(std::move(points_));  // mounts may still have events queued
    points_.clear();
    table_.clear();
  }

  // Every ceil(timeout / 4) of the shortest timeout in use (ap->exp_runfreq).
  void schedule_expire() {
    if (expire_pending_) return;
    SimTime every = 0;
    for (const auto& p : points_)
      if (p->master.timeout > 0 && (every == 0 || p->master.timeout < every)) every = p->master.timeout;
    if (every == 0) return;
    every = (every + 3) / 4;
    expire_pending_ = true;
    host_.sim().schedule_in(every, this, kExpire, 0, epoch_);
  }

  Host& host_;
  std::map<std::string, std::string> own_files_;
  const std::map<std::string, std::string>* files_ = &own_files_;
  std::vector<std::unique_ptr<AutomountPoint>> points_;
  std::vector<std::vector<std::unique_ptr<AutomountPoint>>> retired_;
  MountTable table_;
  std::uint64_t epoch_ = 0;
  bool expire_pending_ = false;
};

}  // namespace

std::unique_ptr<Autofs> make_autofs(Host& host, std::map<std::string, std::string> files) {
  return std::make_unique<AutofsImpl>(host, std::move(files));
}

}  // namespace lvs
