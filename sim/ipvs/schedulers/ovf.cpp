// Overflow-connection: net/netfilter/ipvs/ip_vs_ovf.c ip_vs_ovf_schedule(): the first
// dest with the highest weight among those whose activeconns do not exceed their weight.
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

class Ovf final : public Scheduler {
 public:
  const char* name() const override { return "ovf"; }
  Dest* schedule(Service& svc, const SchedInput&) override {
    Dest* h = nullptr;
    std::int32_t hw = 0;
    for (auto& dp : svc.dests) {
      const std::int32_t w = dp->weight;
      if (dp->overload || dp->activeconns > w || w == 0) continue;
      if (h == nullptr || w > hw) {
        h = dp.get();
        hw = w;
      }
    }
    return h;
  }
};

}  // namespace

std::unique_ptr<Scheduler> make_ovf() { return std::make_unique<Ovf>(); }

}  // namespace lvs::ipvs::sched
