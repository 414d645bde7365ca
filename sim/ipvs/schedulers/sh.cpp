// Source hashing: net/netfilter/ipvs/ip_vs_sh.c. 256 buckets; ip_vs_sh_reassign() walks
// the dest list giving each dest `weight` consecutive buckets (at least one); the
// bucket of a client is (offset + hash_32(port + saddr, 8)) & 255 where port is the
// client port only with sh-port (flag-2); sh-fallback (flag-1) walks the table from the
// original bucket when that dest is unavailable (ip_vs_sh_get_fallback()).
#include <array>

#include "sim/ipvs/hash.hpp"
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

constexpr unsigned kTabBits = 8;
constexpr unsigned kTabSize = 1u << kTabBits;
constexpr unsigned kTabMask = kTabSize - 1;

bool unavailable(const Dest& d) { return d.weight <= 0 || d.overload; }

unsigned hashkey(Ipv4Addr addr, std::uint16_t port, unsigned offset) {
  return (offset + khash::hash_32(std::uint32_t{port} + addr.value, kTabBits)) & kTabMask;
}

class Sh final : public Scheduler {
 public:
  const char* name() const override { return "sh"; }
  int init_service(Service& svc, SimTime) override { return reassign(svc); }
  void done_service(Service&) override { buckets_.fill(nullptr); }
  int add_dest(Service& svc, Dest&) override { return reassign(svc); }
  int del_dest(Service& svc, Dest&, std::size_t) override { return reassign(svc); }
  int upd_dest(Service& svc, Dest&) override { return reassign(svc); }

  Dest* schedule(Service& svc, const SchedInput& in) override {
    const std::uint16_t port = svc.sched_flag2 ? in.cport : 0;
    return svc.sched_flag1 ? get_fallback(in.caddr, port) : get(in.caddr, port);
  }

 private:
  Dest* get(Ipv4Addr addr, std::uint16_t port) const {
    Dest* d = buckets_[hashkey(addr, port, 0)];
    return (d == nullptr || unavailable(*d)) ? nullptr : d;
  }
  Dest* get_fallback(Ipv4Addr addr, std::uint16_t port) const {
    const unsigned ihash = hashkey(addr, port, 0);
    Dest* d = buckets_[ihash];
    if (d == nullptr) return nullptr;
    if (!unavailable(*d)) return d;
    for (unsigned offset = 0; offset < kTabSize; ++offset) {
      const unsigned roffset = (offset + ihash) % kTabSize;
      d = buckets_[hashkey(addr, port, roffset)];
      if (d == nullptr) break;
      if (!unavailable(*d)) return d;
    }
    return nullptr;
  }
  int reassign(Service& svc) {
    const std::size_t n = svc.dests.size();
    std::size_t p = 0;
    std::int32_t d_count = 0;
    for (unsigned i = 0; i < kTabSize; ++i) {
      if (n == 0) {
        buckets_[i] = nullptr;
        continue;
      }
      if (p == n) p = 0;
      Dest* d = svc.dests[p].get();
      buckets_[i] = d;
      if (++d_count >= d->weight) {  // "Don't move to next dest until filling weight"
        ++p;
        d_count = 0;
      }
    }
    return 0;
  }
  std::array<Dest*, kTabSize> buckets_{};
};

}  // namespace

std::unique_ptr<Scheduler> make_sh() { return std::make_unique<Sh>(); }

}  // namespace lvs::ipvs::sched
