#pragma once
// A Linux machine as its administrator sees it from a root shell: the host's network
// state (sim/net Host: devices, addresses, routes, sysctls), its IPVS tables when ip_vs
// is loaded (sim/ipvs Director), its files, its services and its mounts. The shell
// interpreter (shell.hpp) and the boot-time file importers (sim/config/files/) change a
// Machine only through the host's and the director's own operations, so every refusal
// ("RTNETLINK answers: File exists", ipvsadm's messages) is the one the model of the
// kernel gives, and the same code serves a scratch host at load time and the live host
// of a running scenario (timed shell actions).
//
// lvslab never executes anything: commands and files are data, read with the syntax and
// defaults of the real tools (net-tools, iproute2, procps, ipvsadm, initscripts, ifupdown).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <optional>
#include "sim/apps/arping.hpp"
#include "sim/apps/exports.hpp"
#include "sim/apps/http_client.hpp"

namespace lvs {
class Host;
namespace ipvs {
class Director;
}

namespace config {

// Where a command or a setting came from: a scenario's "shell" line, a shell_file line,
// a persistent file line ("/etc/sysconfig/network-scripts/ifcfg-eth0", 4) or a timed action.
struct Origin {
  std::string file;        // as the user named it: "rs1/setup.sh", "/etc/sysctl.conf", "/hosts/2/shell"
  std::uint32_t line = 0;  // 1-based; 0 = not from a file
};

// A systemd unit / SysV service the labs use: network, ipvsadm, nfs-server (alias nfs),
// rpcbind, autofs, httpd (alias apache2).
struct Unit {
  bool enabled = false;  // systemctl enable / chkconfig on: started at (re)boot
  bool running = false;
};

// An NFS mount made by `mount -t nfs` (autofs mounts are the automounter's own).
struct Mount {
  std::string source;   // "192.168.10.103:/public"
  std::string target;   // "/var/www/html"
  std::string options;  // "ro,soft,intr" as given, "" = defaults
};

class Machine {
 public:
  // `director` may be null: ip_vs is not loaded (ipvsadm then says what the real one says
  // on a kernel without it: "Can't initialize ipvs: Protocol not available").
  Machine(Host& host, ipvs::Director* director, std::map<std::string, std::string> files);

  Host& host() { return host_; }
  const Host& host() const { return host_; }
  ipvs::Director* director() { return director_; }
  // modprobe ip_vs / the first ipvsadm command on a host prepared for IPVS.
  void set_director(ipvs::Director* d) { director_ = d; }
  // Whether the kernel has the ip_vs module (true unless told otherwise): then
  // `modprobe ip_vs` or the first ipvsadm command loads it, as ipvsadm does
  // (ipvsadm.c main(): modprobe_ipvs() when ipvs_init() fails), installing a Director on
  // the host. Without it ipvsadm says "Can't initialize ipvs: Protocol not available".
  bool ipvs_available() const { return ipvs_available_; }
  void set_ipvs_available(bool available) { ipvs_available_ = available; }
  // The director, loading ip_vs first when it is available; nullptr when it is not.
  ipvs::Director* load_ip_vs();

  // The file system as far as lvslab models it: absolute path -> text. /proc/sys/... is
  // not in it (it is the host's sysctls).
  std::map<std::string, std::string>& files() { return files_; }
  const std::map<std::string, std::string>& files() const { return files_; }

  std::map<std::string, Unit>& units() { return units_; }
  // One unit's state, created on first use with the distribution's default: "network"
  // (CentOS 7) and "networking" (Debian 12) come enabled with their packages, every other
  // unit starts disabled. Asking about a unit (status, restart) never disables it.
  Unit& unit(const std::string& name);
  const std::map<std::string, Unit>& units() const { return units_; }
  std::vector<Mount>& mounts() { return mounts_; }

  // Every file a command opened for reading (cat, cp, sysctl -p, `< F`, exportfs,
  // ipvsadm.service's restore, ...): what the unread-file check counts as read. A file
  // merely named on a line (`vim F`, `echo x > F`) is not in it.
  const std::set<std::string>& files_read() const { return files_read_; }
  void note_read(const std::string& path) const { files_read_.insert(path); }

  // The kernel's export table (exportfs, nfs-server.service). Unset: nothing ever
  // exported on this machine (an NFS server given by lvslab's JSON keys alone then
  // serves /etc/exports as its start reads it).
  std::optional<ExportTable>& export_table() { return export_table_; }

  // Requests made by curl/wget lines: the run plays them from this host and reports them.
  std::vector<HttpRequestPlan>& requests() { return requests_; }
  // arping lines: the run starts them on this host (their frames are in the trace).
  std::vector<ArpingPlan>& arpings() { return arpings_; }

  // Every sysctl written (sysctl -w/-p, echo > /proc/sys/..., sysctl.conf), in order:
  // what hardware mode writes to the real /proc/sys.
  struct SysctlWrite {
    std::string key;  // dotted: net.ipv4.conf.lo.arp_ignore
    std::string value;
    Origin origin;
  };
  std::vector<SysctlWrite>& sysctl_writes() { return sysctl_writes_; }

  // What the network service runs when it is (re)started: the ifup command lines of the
  // interface files (initscripts' ifcfg-*, ifupdown's interfaces), in order, as the boot
  // integration plans them from the files (sim/config/files). Unset (a machine without
  // that integration): `systemctl restart network` is not modelled and says so.
  struct PlannedCommand {
    Origin origin;
    std::string command;
  };
  std::function<std::vector<PlannedCommand>(const Machine&)> network_commands;

  // The shell prompt of this machine as a root login shows it: "[root@rs1 ~]# "
  // (CentOS's PS1 "[\u@\h \W]\\$ ": the last part of the working directory, ~ for /root).
  std::string prompt() const;

  // What this machine's terminal sessions have kept so far (TranscriptEntry::output), in
  // bytes: the interpreter stops keeping output at kMaxSessionOutputBytes and says so.
  std::size_t& session_output_bytes() { return session_output_bytes_; }

  // The shell's working directory (`cd`): relative file names are read from it.
  const std::string& cwd() const { return cwd_; }
  void set_cwd(std::string dir) { cwd_ = std::move(dir); }

 private:
  Host& host_;
  ipvs::Director* director_;
  std::map<std::string, std::string> files_;
  std::map<std::string, Unit> units_;
  std::vector<Mount> mounts_;
  std::optional<ExportTable> export_table_;
  mutable std::set<std::string> files_read_;  // a read changes no state of the machine
  std::vector<HttpRequestPlan> requests_;
  std::vector<ArpingPlan> arpings_;
  std::vector<SysctlWrite> sysctl_writes_;
  std::string cwd_ = "/root";
  bool ipvs_available_ = true;
  std::size_t session_output_bytes_ = 0;
};

// The most output the terminal sessions of one machine keep (each file is at most 1 MiB,
// so `cat` of one over 10000 lines could otherwise hold 10 GB).
inline constexpr std::size_t kMaxSessionOutputBytes = 4u << 20;

}  // namespace config
}  // namespace lvs
