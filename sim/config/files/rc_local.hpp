#pragma once
// rc.local, run last at boot by rc-local.service: its lines as shell lines.
#include "sim/config/files/plan_writer.hpp"

namespace lvs::config::files {

void plan_rc_local(const FileMap& files, PlanWriter& out);

}  // namespace lvs::config::files
