// Weighted fail-over: net/netfilter/ipvs/ip_vs_fo.c ip_vs_fo_schedule(): the first
// non-overloaded dest with the highest weight (> 0).
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

class Fo final : public Scheduler {
 public:
  const char* name() const override { return "fo"; }
  Dest* schedule(Service& svc, const SchedInput&) override {
    Dest* best = nullptr;
    std::int32_t hw = 0;
    for (auto& dp : svc.dests) {
      if (!dp->overload && dp->weight > hw) {
        best = dp.get();
        hw = dp->weight;
      }
    }
    return best;
  }
};

}  // namespace

std::unique_ptr<Scheduler> make_fo() { return std::make_unique<Fo>(); }

}  // namespace lvs::ipvs::sched
