// Never queue: net/netfilter/ipvs/ip_vs_nq.c ip_vs_nq_schedule(): the first idle dest
// (activeconns == 0) in list order, otherwise the sed choice.
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

class Nq final : public Scheduler {
 public:
  const char* name() const override { return "nq"; }
  Dest* schedule(Service& svc, const SchedInput&) override {
    Dest* least = nullptr;
    std::int64_t loh = 0;
    for (auto& dp : svc.dests) {
      Dest& d = *dp;
      if (d.overload || d.weight == 0) continue;
      const std::int64_t doh = std::int64_t{d.activeconns} + 1;
      if (d.activeconns == 0) return &d;  // "return the server directly if it is idle"
      if (least == nullptr || loh * d.weight > doh * least->weight) {
        least = &d;
        loh = doh;
      }
    }
    return least;
  }
};

}  // namespace

std::unique_ptr<Scheduler> make_nq() { return std::make_unique<Nq>(); }

}  // namespace lvs::ipvs::sched
