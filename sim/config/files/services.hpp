#pragma once
// The services systemd starts at boot after the network (After=network.target): the
// ipvsadm unit restores /etc/sysconfig/ipvsadm, the others start as `systemctl start`.
#include <map>
#include <string>

#include "sim/config/files/plan_writer.hpp"
#include "sim/config/machine.hpp"

namespace lvs::config::files {

void plan_services(const FileMap& files, const std::map<std::string, Unit>& units, PlanWriter& out);

}  // namespace lvs::config::files
