#pragma once
// CentOS 7's network service (/etc/rc.d/init.d/network, initscripts 9.49) at boot.
#include <string>
#include <vector>

#include "sim/config/files/plan_writer.hpp"

namespace lvs::config::files {

// True when the host carries initscripts' files (/etc/sysconfig/network, static-routes or
// anything under /etc/sysconfig/network-scripts/): it is a CentOS machine and the service runs.
bool has_initscripts_files(const FileMap& files);

// `service network start`: lo, then every ifcfg-* but aliases in the service's order,
// then /etc/sysconfig/static-routes.
void plan_initscripts_network(const FileMap& files, const std::vector<std::string>& device_names, PlanWriter& out);

}  // namespace lvs::config::files
