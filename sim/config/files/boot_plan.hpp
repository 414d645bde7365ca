#pragma once
// What a Linux machine runs at boot from its persistent files, as command lines: the
// boot scripts' own commands (ifup-eth's `ip addr add ...`, systemd-sysctl's writes,
// ipvsadm.service's `ipvsadm-restore < /etc/sysconfig/ipvsadm`, rc.local's lines), each
// with the file and line it comes from, in the order the machine runs them:
//
//   1. systemd-sysctl.service (sysinit.target): /etc/sysctl.d/*.conf, /run/sysctl.d,
//      /usr/local/lib/sysctl.d, /usr/lib/sysctl.d and /etc/sysctl.conf (files/sysctl_d.cpp);
//   2. the network: CentOS 7 initscripts' network service (ifcfg-*, /etc/sysconfig/network,
//      route-*; files/initscripts.cpp) and Debian's networking.service, `ifup -a`
//      (/etc/network/interfaces; files/interfaces.cpp);
//   3. the enabled services, After=network.target: ipvsadm first, then the others
//      (files/services.cpp);
//   4. rc-local.service: /etc/rc.d/rc.local or /etc/rc.local (files/rc_local.cpp).
//
// Pure: it reads the files as data and needs no Host. Running the steps (through the
// shell interpreter, shell.hpp) is the caller's part; so is any error a command gives
// there. A line a boot script would refuse or not understand is a problem
// "FILE:LINE: what is wrong", never dropped silently.
#include <map>
#include <string>
#include <vector>

#include "sim/config/machine.hpp"

namespace lvs::config {

struct BootStep {
  Origin origin;  // the file and line the command comes from
  // A shell line: "ip addr add 192.168.10.11/24 brd 192.168.10.255 dev eth0 label eth0". A
  // here-document (rc.local, ifupdown's up lines) carries its body lines after it, each
  // after a '\n', up to and with the delimiter line, as run_script reads them.
  std::string command;
  // Who runs it at boot: "systemd-sysctl", "ifup-eth", "ifup-aliases", "ifup-routes",
  // "ifup" (Debian), "ipvsadm.service", "systemd", "rc.local". For the transcript.
  std::string by;
  // systemd-sysctl's "-key = value": a failing write is ignored (sysctl.d(5)).
  bool ignore_failure = false;
};

struct BootPlan {
  std::vector<BootStep> steps;          // in boot order
  std::vector<std::string> files_read;  // paths the boot read, each once, in the order read
  std::vector<std::string> problems;    // "FILE:LINE: what is wrong" (bad or unmodelled lines)
};

// `files`: absolute path -> text (the host's files map). `device_names`: the host's
// network devices in creation order, which is their ifindex order (lo, if listed, first;
// lo is always ifindex 1). `enabled_units`: unit name -> state; a unit runs at boot when
// it is enabled. "network" (CentOS) and "networking" (Debian) are enabled unless the map
// says otherwise: both distributions enable them when installed.
BootPlan plan_boot(const std::map<std::string, std::string>& files, const std::vector<std::string>& device_names,
                   const std::map<std::string, Unit>& enabled_units);

}  // namespace lvs::config
