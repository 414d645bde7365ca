#pragma once
// /etc/sysctl.conf and the sysctl.d directories as systemd-sysctl.service applies them at
// boot (sysctl.d(5), systemd 219 on CentOS 7 and 252 on Debian 12).
#include <string>
#include <vector>

#include "sim/config/files/plan_writer.hpp"

namespace lvs::config::files {

// The writes systemd-sysctl makes, as `echo VALUE > /proc/sys/KEY` lines, one per key
// in the order it applies them.
void plan_sysctl(const FileMap& files, const std::vector<std::string>& device_names, PlanWriter& out);

// sysctl.d(5): "either / or . may be used as separators ... If the first separator is a
// slash, remaining slashes and dots are left intact. If the first separator is a dot,
// dots and slashes are interchanged." The result uses slashes: "net/ipv4/ip_forward".
std::string sysctl_key_path(std::string_view key);

}  // namespace lvs::config::files
