#pragma once
// The Linux configuration of hosts while a run goes on: timed shell lines, run on the
// live host through the same interpreter as the load-time boot, and reboots, after which
// only what persists (the JSON keys, the files as they are then, the enabled units) is
// applied again (boot_config.hpp boot_host()).
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sim/config/machine.hpp"
#include "sim/scenario/actions.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs {

class Host;

class LiveConfig {
 public:
  // `hosts`: the specs of the hosts the actions name (copied).
  LiveConfig(std::string file, const std::vector<HostSpec>& hosts);
  ~LiveConfig();

  // Runs the lines on `host`; fills result's transcript and output. Returns "" or what
  // went wrong (the first line that failed or was not understood).
  std::string run_shell(Host& host, const ShellInput& lines, ActionResult& result);
  // Powers the host off, forgets its volatile configuration and boots it again.
  std::string reboot(Host& host, ActionResult& result);

  // Plays a request of a curl/wget line typed in a timed action, from `host`, now
  // (`pointer`: the action's lines, for the report). Set by the run's builder.
  std::function<void(Host& host, HttpRequestPlan plan, const std::string& pointer)> play_request;

 private:
  config::Machine& machine(Host& host);
  // Starts the servers of the units that started since `before` (httpd, nfs-server,
  // autofs) and stops those of the units that stopped.
  // Mounts the NFS mounts of `now` that `before` lacks, unmounts those it lost (the
  // host's NfsMounts). "" or mount.nfs's refusal.
  std::string apply_mounts(Host& host, const std::vector<config::Mount>& before, const std::vector<config::Mount>& now);
  // The NFS server serves the machine's export table (when it has one).
  void apply_export_table(Host& host, config::Machine& m);
  void apply_units(Host& host, config::Machine& m, const std::map<std::string, config::Unit>& before);
  // The programs the lines started (curl/wget requests, arping) begin now.
  void start_processes(Host& host, config::Machine& m, const std::string& pointer);

  std::string file_;
  std::map<std::string, HostSpec> hosts_;
  std::map<std::string, std::unique_ptr<config::Machine>> machines_;
};

}  // namespace lvs
