// Least-connection: net/netfilter/ipvs/ip_vs_lc.c ip_vs_lc_schedule(): the first dest
// with the smallest activeconns*256 + inactconns, skipping overloaded and weight-0 dests.
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

class Lc final : public Scheduler {
 public:
  const char* name() const override { return "lc"; }
  Dest* schedule(Service& svc, const SchedInput&) override {
    Dest* least = nullptr;
    std::int64_t loh = 0;
    for (auto& dp : svc.dests) {
      Dest& d = *dp;
      if (d.overload || d.weight == 0) continue;
      const std::int64_t doh = d.conn_overhead();
      if (least == nullptr || doh < loh) {
        least = &d;
        loh = doh;
      }
    }
    return least;
  }
};

}  // namespace

std::unique_ptr<Scheduler> make_lc() { return std::make_unique<Lc>(); }

}  // namespace lvs::ipvs::sched
