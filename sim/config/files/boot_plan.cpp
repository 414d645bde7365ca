// The boot order (boot_plan.hpp): sysctl, the network, the enabled services, rc.local.
#include "sim/config/files/boot_plan.hpp"

#include "sim/config/files/initscripts.hpp"
#include "sim/config/files/interfaces.hpp"
#include "sim/config/files/plan_writer.hpp"
#include "sim/config/files/rc_local.hpp"
#include "sim/config/files/services.hpp"
#include "sim/config/files/sysctl_d.hpp"

namespace lvs::config {
namespace {

// A unit runs at boot when enabled; `by_default`: enabled unless the map says otherwise.
bool runs(const std::map<std::string, Unit>& units, const std::string& name, bool by_default) {
  const auto it = units.find(name);
  return it == units.end() ? by_default : it->second.enabled;
}

}  // namespace

BootPlan plan_boot(const std::map<std::string, std::string>& files, const std::vector<std::string>& device_names,
                   const std::map<std::string, Unit>& enabled_units) {
  BootPlan plan;
  files::PlanWriter out(plan);
  files::plan_sysctl(files, device_names, out);
  if (runs(enabled_units, "network", true) && files::has_initscripts_files(files)) {
    // With NetworkManager running, ifup hands NM-controlled devices to `nmcli con up`
    // (ifup: "$_use_nm"); lvslab models the network service without it, as LVS labs run.
    if (runs(enabled_units, "NetworkManager", false))
      out.problem("NetworkManager.service", 0,
                  "is not modelled: the ifcfg files are read as the network service reads them without it");
    files::plan_initscripts_network(files, device_names, out);
  }
  if (files::has_initscripts_files(files) && files.count(files::kInterfaces))
    out.problem(files::kInterfaces, 0,
                "a host has CentOS's network-scripts or Debian's interfaces file, not both: lvslab runs both, "
                "initscripts first");
  if (runs(enabled_units, "networking", true)) files::plan_ifupdown(files, device_names, out);
  files::plan_services(files, enabled_units, out);
  files::plan_rc_local(files, out);
  return plan;
}

}  // namespace lvs::config
