// Destination hashing: net/netfilter/ipvs/ip_vs_dh.c. 256 buckets filled round-robin
// over the dest list (weights ignored) on every dest change (ip_vs_dh_reassign); the
// bucket is hash_32(daddr, 8) (ip_vs_dh_hashkey); an unavailable, weight-0 or
// overloaded bucket dest means "no destination available".
#include <array>

#include "sim/ipvs/hash.hpp"
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

constexpr unsigned kTabBits = 8;

class Dh final : public Scheduler {
 public:
  const char* name() const override { return "dh"; }
  int init_service(Service& svc, SimTime) override { return reassign(svc); }
  void done_service(Service&) override { buckets_.fill(nullptr); }
  int add_dest(Service& svc, Dest&) override { return reassign(svc); }
  int del_dest(Service& svc, Dest&, std::size_t) override { return reassign(svc); }
  int upd_dest(Service& svc, Dest&) override { return reassign(svc); }

  Dest* schedule(Service&, const SchedInput& in) override {
    Dest* d = buckets_[khash::hash_32(in.vaddr.value, kTabBits)];
    if (d == nullptr || !d->available || d->weight <= 0 || d->overload) return nullptr;
    return d;
  }

 private:
  int reassign(Service& svc) {
    const std::size_t n = svc.dests.size();
    for (std::size_t i = 0; i < buckets_.size(); ++i) buckets_[i] = n == 0 ? nullptr : svc.dests[i % n].get();
    return 0;
  }
  std::array<Dest*, std::size_t{1} << kTabBits> buckets_{};
};

}  // namespace

std::unique_ptr<Scheduler> make_dh() { return std::make_unique<Dh>(); }

}  // namespace lvs::ipvs::sched
