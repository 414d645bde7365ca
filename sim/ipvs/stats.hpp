#pragma once
// Per-service / per-destination counters and the rate estimator behind `ipvsadm --rate`
// (struct ip_vs_stats + net/netfilter/ipvs/ip_vs_est.c as in Linux 6.1): one timer per
// netns fires every 2 s and folds the counter deltas into fixed-point EWMAs (W = 1/4);
// pps/cps are kept scaled by 2^10, bps by 2^5. Here the 2-second ticks are run lazily:
// the owner calls tick() once per elapsed 2-second boundary before touching counters.
#include <cstdint>

#include "sim/ipvs/snapshot.hpp"

namespace lvs::ipvs {

struct Counters {
  std::uint64_t conns = 0, inpkts = 0, outpkts = 0, inbytes = 0, outbytes = 0;
};

// ip_vs_estimator: last counter values and the scaled averages.
struct Estimator {
  Counters last;
  std::int64_t cps = 0, inpps = 0, outpps = 0, inbps = 0, outbps = 0;

  // estimation_timer(): one 2-second step.
  void tick(const Counters& now);
  // True when a tick with unchanged counters would change nothing (all averages 0).
  bool idle(const Counters& now) const;
  // ip_vs_zero_estimator(): rates to 0, deltas measured from `now`.
  void zero(const Counters& now);
};

struct IpvsStats {
  Counters counters;
  Estimator est;

  void zero() {  // ip_vs_zero_stats(): counters restart at 0, rates zeroed
    counters = {};
    est.zero(counters);
  }
  // ip_vs_copy_stats(): counters plus ip_vs_read_estimator()'s rounded rates.
  Stats read() const;
};

}  // namespace lvs::ipvs
