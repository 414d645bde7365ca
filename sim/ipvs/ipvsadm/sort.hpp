#pragma once
// The order `ipvsadm -L` / `-S` prints in (unless --nosort): libipvs ipvs_cmp_services
// (fwmark, family, protocol, address, port) and ipvs_cmp_dests (address, port), each
// a C int difference of unsigned values -- so addresses more than 2^31 apart compare
// "the wrong way" exactly as on a real system -- sorted by glibc's qsort, which is a
// stable top-down merge sort (msort.c) for tables of this size.
#include <vector>

#include "sim/ipvs/snapshot.hpp"

namespace lvs::ipvs::ipvsadm {

int cmp_services(const ServiceEntry& a, const ServiceEntry& b);
int cmp_dests(const DestEntry& a, const DestEntry& b);

// Pointers to the entries, in libipvs order.
std::vector<const ServiceEntry*> sorted_services(const std::vector<ServiceEntry>& s);
std::vector<const DestEntry*> sorted_dests(const std::vector<DestEntry>& d);

}  // namespace lvs::ipvs::ipvsadm
