#pragma once
// Debian's /etc/network/interfaces (interfaces(5), ifupdown 0.8.41 of Debian 12) as
// networking.service brings it up at boot (`ifup -a`).
#include <string>
#include <vector>

#include "sim/config/files/plan_writer.hpp"

namespace lvs::config::files {

inline constexpr const char* kInterfaces = "/etc/network/interfaces";

// The commands of the inet static/manual/loopback methods and the stanzas' pre-up,
// up and post-up lines, for each "auto" and then each "allow-hotplug" interface in the
// order the file names them. Nothing when /etc/network/interfaces is absent.
void plan_ifupdown(const FileMap& files, const std::vector<std::string>& device_names, PlanWriter& out);

}  // namespace lvs::config::files
