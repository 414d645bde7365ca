// Weighted round-robin: net/netfilter/ipvs/ip_vs_wrr.c. di = gcd of the positive
// weights, mw = max weight - (di - 1), cw starts at mw; each pass over the list picks
// dests with weight >= cw, then cw drops by di; after the pass with cw <= di it starts
// again at mw (ip_vs_wrr_schedule, ip_vs_wrr_dest_changed).
#include <algorithm>

#include "sim/ipvs/hash.hpp"
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

class Wrr final : public Scheduler {
 public:
  const char* name() const override { return "wrr"; }
  int init_service(Service& svc, SimTime) override {
    cl_ = -1;
    di_ = gcd_weight(svc);
    mw_ = max_weight(svc) - (di_ - 1);
    cw_ = mw_;
    return 0;
  }
  int add_dest(Service& svc, Dest&) override { return changed(svc); }
  int del_dest(Service& svc, Dest&, std::size_t) override { return changed(svc); }
  int upd_dest(Service& svc, Dest&) override { return changed(svc); }

  Dest* schedule(Service& svc, const SchedInput&) override {
    if (mw_ == 0) return nullptr;  // "no destination available"
    const auto n = static_cast<std::ptrdiff_t>(svc.dests.size());
    const std::ptrdiff_t last = cl_;
    std::ptrdiff_t stop = -2;  // none
    std::ptrdiff_t cur = cl_;
    bool last_pass = false, restarted = false;
    while (true) {
      for (std::ptrdiff_t i = cur + 1; i < n; ++i) {
        Dest& d = *svc.dests[static_cast<std::size_t>(i)];
        if (!d.overload && d.weight >= cw_) {
          cl_ = i;
          return &d;
        }
        if (i == stop) {  // every dest was checked for weight >= 1
          cl_ = i;
          return nullptr;
        }
      }
      cur = -1;  // back at the list head
      cw_ -= di_;
      if (cw_ <= 0) {
        cw_ = mw_;
        if (last_pass || last == -1) {
          cl_ = -1;
          return nullptr;  // "all destinations are overloaded"
        }
        restarted = true;
      }
      last_pass = cw_ <= di_;
      if (last_pass && restarted && last != -1) stop = last;
    }
  }

 private:
  static int gcd_weight(const Service& svc) {
    int g = 0;
    for (const auto& d : svc.dests)
      if (d->weight > 0) g = g > 0 ? khash::gcd(d->weight, g) : d->weight;
    return g != 0 ? g : 1;
  }
  static int max_weight(const Service& svc) {
    int w = 0;
    for (const auto& d : svc.dests) w = std::max(w, static_cast<int>(d->weight));
    return w;
  }
  int changed(Service& svc) {
    cl_ = -1;
    di_ = gcd_weight(svc);
    mw_ = max_weight(svc) - (di_ - 1);
    if (cw_ > mw_ || cw_ == 0) cw_ = mw_;
    else if (di_ > 1) cw_ = (cw_ / di_) * di_ + 1;
    return 0;
  }

  std::ptrdiff_t cl_ = -1;  // current dest (index), -1 = head
  int cw_ = 0, mw_ = 0, di_ = 1;
};

}  // namespace

std::unique_ptr<Scheduler> make_wrr() { return std::make_unique<Wrr>(); }

}  // namespace lvs::ipvs::sched
