// Weighted least-connection (the kernel default): net/netfilter/ipvs/ip_vs_wlc.c
// ip_vs_wlc_schedule(): smallest (activeconns*256 + inactconns) / weight, first wins.
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/schedulers/common.hpp"

namespace lvs::ipvs::sched {
namespace {

class Wlc final : public Scheduler {
 public:
  const char* name() const override { return "wlc"; }
  Dest* schedule(Service& svc, const SchedInput&) override { return weighted_least_conn(svc); }
};

}  // namespace

std::unique_ptr<Scheduler> make_wlc() { return std::make_unique<Wlc>(); }

}  // namespace lvs::ipvs::sched
