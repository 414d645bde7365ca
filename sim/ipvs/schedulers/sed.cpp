// Shortest expected delay: net/netfilter/ipvs/ip_vs_sed.c ip_vs_sed_schedule(): like wlc
// but the overhead is activeconns + 1 (inactive connections ignored).
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

std::int64_t sed_overhead(const Dest& d) { return std::int64_t{d.activeconns} + 1; }

class Sed final : public Scheduler {
 public:
  const char* name() const override { return "sed"; }
  Dest* schedule(Service& svc, const SchedInput&) override {
    Dest* least = nullptr;
    std::int64_t loh = 0;
    for (auto& dp : svc.dests) {
      Dest& d = *dp;
      if (d.overload) continue;
      if (least == nullptr) {
        if (d.weight > 0) {
          least = &d;
          loh = sed_overhead(d);
        }
        continue;
      }
      const std::int64_t doh = sed_overhead(d);
      if (loh * d.weight > doh * least->weight) {
        least = &d;
        loh = doh;
      }
    }
    return least;
  }
};

}  // namespace

std::unique_ptr<Scheduler> make_sed() { return std::make_unique<Sed>(); }

}  // namespace lvs::ipvs::sched
