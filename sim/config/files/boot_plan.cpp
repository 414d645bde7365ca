// The boot order (boot_plan.hpp): sysctl, the network, the enabled services, rc.local.
#include "sim/config/files/boot_plan.hpp"

#include "sim/config/files/plan_writer.hpp"
#include "sim/config/files/sysctl_d.hpp"

namespace lvs::config {

BootPlan plan_boot(const std::map<std::string, std::string>& files, const std::vector<std::string>& device_names,
                   const std::map<std::string, Unit>& enabled_units) {
  (void)enabled_units;
  BootPlan plan;
  files::PlanWriter out(plan);
  files::plan_sysctl(files, device_names, out);
  return plan;
}

}  // namespace lvs::config
