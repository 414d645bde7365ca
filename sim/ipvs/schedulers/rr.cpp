// Round-robin: net/netfilter/ipvs/ip_vs_rr.c (ip_vs_rr_init_svc, ip_vs_rr_del_dest,
// ip_vs_rr_schedule). The cursor is the last dest picked (or the list head); the next
// pick is the first dest after it, wrapping once, with weight > 0 and not overloaded.
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

class Rr final : public Scheduler {
 public:
  const char* name() const override { return "rr"; }
  int init_service(Service&, SimTime) override {
    last_ = -1;  // svc->sched_data = &svc->destinations
    return 0;
  }
  // A new dest is linked at the head, in front of the cursor.
  int add_dest(Service&, Dest&) override {
    if (last_ >= 0) ++last_;
    return 0;
  }
  // "dest is already unlinked ... use p->next->prev": the cursor moves to the entry
  // before the removed one.
  int del_dest(Service&, Dest&, std::size_t former_pos) override {
    const auto pos = static_cast<std::ptrdiff_t>(former_pos);
    if (last_ == pos) last_ = pos - 1;
    else if (last_ > pos) --last_;
    return 0;
  }
  Dest* schedule(Service& svc, const SchedInput&) override {
    const auto n = static_cast<std::ptrdiff_t>(svc.dests.size());
    for (std::ptrdiff_t k = 0; k < n; ++k) {
      const std::ptrdiff_t idx = (last_ + 1 + k) % n;
      Dest& d = *svc.dests[static_cast<std::size_t>(idx)];
      if (!d.overload && d.weight > 0) {
        last_ = idx;
        return &d;
      }
    }
    return nullptr;
  }

 private:
  std::ptrdiff_t last_ = -1;  // index in svc.dests, -1 = list head
};

}  // namespace

std::unique_ptr<Scheduler> make_rr() { return std::make_unique<Rr>(); }

}  // namespace lvs::ipvs::sched
