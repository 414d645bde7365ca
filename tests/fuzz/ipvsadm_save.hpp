#pragma once
// For the ipvsadm fuzz targets: when `ipvsadm -Sn` output can be restored at all.
#include <climits>

#include "sim/ipvs/snapshot.hpp"

namespace lvs::fuzz {

// ipvsadm prints a firewall mark with "%d" (print_service_entry: "-f %d"), so a mark above
// INT_MAX — which `-f` accepts, parse_fwmark() allows up to UINT_MAX — is saved as a
// negative number that `ipvsadm -R` refuses. lvslab prints what ipvsadm prints; such
// tables are the one case where save -> restore cannot work, on a real system too.
inline bool save_is_restorable(const ipvs::Snapshot& s) {
  for (const auto& svc : s.services)
    if (svc.spec.key.fwmark > static_cast<std::uint32_t>(INT_MAX)) return false;
  return true;
}

}  // namespace lvs::fuzz
