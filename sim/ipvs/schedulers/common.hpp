#pragma once
// Small pieces several kernel schedulers repeat verbatim.
#include "sim/ipvs/dest.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {

// The weighted least-connection walk of ip_vs_wlc_schedule(), also inlined as
// __ip_vs_lblc_schedule() / __ip_vs_lblcr_schedule(): the first non-overloaded dest with
// weight > 0 starts, then any later non-overloaded dest with a strictly smaller
// overhead/weight (compared as loh * dw > doh * lw) replaces it.
inline Dest* weighted_least_conn(Service& svc) {
  Dest* least = nullptr;
  std::int64_t loh = 0;
  for (auto& dp : svc.dests) {
    Dest& d = *dp;
    if (d.overload) continue;
    if (least == nullptr) {
      if (d.weight > 0) {
        least = &d;
        loh = d.conn_overhead();
      }
      continue;
    }
    const std::int64_t doh = d.conn_overhead();
    if (loh * d.weight > doh * least->weight) {
      least = &d;
      loh = doh;
    }
  }
  return least;
}

// lblc/lblcr is_overloaded(): more active connections than its weight while some dest
// of the service is below half of its weight.
inline bool lblc_overloaded(const Dest& dest, const Service& svc) {
  if (dest.activeconns > dest.weight) {
    for (const auto& d : svc.dests)
      if (std::int64_t{d->activeconns} * 2 < d->weight) return true;
  }
  return false;
}

}  // namespace lvs::ipvs::sched
