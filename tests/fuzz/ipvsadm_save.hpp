#pragma once
// For the ipvsadm fuzz targets: what save -> restore can promise, on a real system too.
//
// Not the order of the lines. ipvsadm sorts services and destinations with
// ipvs_cmp_services()/ipvs_cmp_dests(), which compare addresses as
// `ntohl(a) - ntohl(b)` in an int: for addresses 2^31 or more apart the difference wraps
// and the comparison is not an order (19.0.0.0 > 192.8.160.101 > 122.16.80.101 > 19.0.0.0),
// so the sorted output depends on the order the kernel lists them in, which depends on
// the order they were added. lvslab sorts exactly so (sim/ipvs/ipvsadm/sort.cpp).
// Restoring a save then saving again can give the same lines in another order.
#include <climits>

#include "sim/ipvs/snapshot.hpp"

namespace lvs::fuzz {

// When it can be restored at all: ipvsadm prints a firewall mark with "%d"
// (print_service_entry: "-f %d"), so a mark above INT_MAX — which `-f` accepts,
// parse_fwmark() allows up to UINT_MAX — is saved as a negative number that `ipvsadm -R` refuses. lvslab prints what
// ipvsadm prints; such tables are the one case where save -> restore cannot work, on a real system too.
inline bool save_is_restorable(const ipvs::Snapshot& s) {
  for (const auto& svc : s.services)
    if (svc.spec.key.fwmark > static_cast<std::uint32_t>(INT_MAX)) return false;
  return true;
}

}  // namespace lvs::fuzz
