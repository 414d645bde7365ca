// Enabled units at boot, after the network:
//  * ipvsadm.service (CentOS 7 ipvsadm package): "ExecStart=/bin/bash -c "exec
//    /sbin/ipvsadm-restore < /etc/sysconfig/ipvsadm"", After=network.target. A missing
//    rules file makes the unit fail as bash says ("No such file or directory");
//  * the other units as systemd starts them, in their dependency order: rpcbind before
//    nfs-server (nfs-server.service: Requires= and After=rpcbind.socket), autofs after
//    the NFS server it may mount from, httpd (apache2) After=remote-fs.target so its
//    document root is mounted; units lvslab does not know follow by name. An enabled unit
//    is found by systemd as a link in /etc/systemd/system/multi-user.target.wants/.
// network/networking are the network step of the boot (boot_plan.cpp), not started here.
#include "sim/config/files/services.hpp"

#include <algorithm>
#include <vector>

namespace lvs::config::files {
namespace {

constexpr const char* kIpvsadmRules = "/etc/sysconfig/ipvsadm";

int start_rank(const std::string& unit) {
  static const std::vector<std::string> order = {"rpcbind", "nfs-server", "nfs", "autofs", "httpd", "apache2"};
  const auto it = std::find(order.begin(), order.end(), unit);
  return it == order.end() ? static_cast<int>(order.size()) : static_cast<int>(it - order.begin());
}

}  // namespace

void plan_services(const FileMap& files, const std::map<std::string, Unit>& units, PlanWriter& out) {
  const auto ipvsadm = units.find("ipvsadm");
  if (ipvsadm != units.end() && ipvsadm->second.enabled) {
    const bool present = files.count(kIpvsadmRules) > 0;
    if (!present || bounded_file(files, kIpvsadmRules, out)) {
      if (present) out.read(kIpvsadmRules);
      out.step(kIpvsadmRules, 0, std::string("ipvsadm-restore < ") + kIpvsadmRules, "ipvsadm.service");
    }
  }
  std::vector<std::string> others;
  for (const auto& [name, unit] : units)
    if (unit.enabled && name != "ipvsadm" && name != "network" && name != "networking") others.push_back(name);
  std::stable_sort(others.begin(), others.end(),
                   [](const std::string& a, const std::string& b) { return start_rank(a) < start_rank(b); });
  for (const auto& name : others)
    out.step("/etc/systemd/system/multi-user.target.wants/" + name + ".service", 0,
             "systemctl start " + shell_word(name), "systemd");
}

}  // namespace lvs::config::files
