// Maglev hashing: net/netfilter/ipvs/ip_vs_mh.c with CONFIG_IP_VS_MH_TAB_INDEX = 12:
// a 4093-slot lookup table (primes[4]). Each dest gets offset = h1(dest) % 4093 and
// skip = h2(dest) % 4092 + 1 with hsiphash keys 2654435761 / 2654446892
// (ip_vs_mh_permutate); the table is filled round by round, each dest taking `turns`
// slots per round, turns = (last_weight / gcd) >> rshift (ip_vs_mh_populate). A client
// maps to slot h1(saddr + port) % 4093 (port only with mh-port = flag-2); mh-fallback
// (flag-1) probes further slots (ip_vs_mh_get_fallback()).
#include <algorithm>
#include <bit>
#include <vector>

#include "sim/ipvs/hash.hpp"
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs::sched {
namespace {

constexpr int kTabSize = 4093;  // primes[CONFIG_IP_VS_MH_TAB_INDEX - 8]
constexpr int kTabBits = 6;     // CONFIG_IP_VS_MH_TAB_INDEX / 2
constexpr khash::HsipKey kHash1{2654435761ull, 2654435761ull};
constexpr khash::HsipKey kHash2{2654446892ull, 2654446892ull};

bool unavailable(const Dest& d) { return d.weight <= 0 || d.overload; }

std::uint32_t hashkey(Ipv4Addr addr, std::uint16_t port, const khash::HsipKey& key, unsigned offset) {
  const std::uint32_t v = offset + port + addr.value;
  return khash::hsiphash_u32(v, key);
}

struct DestSetup {
  unsigned offset = 0, skip = 0, perm = 0;
  int turns = 0;
};

class Mh final : public Scheduler {
 public:
  const char* name() const override { return "mh"; }
  int init_service(Service& svc, SimTime) override {
    lookup_.assign(kTabSize, nullptr);
    return changed(svc);
  }
  void done_service(Service&) override { std::fill(lookup_.begin(), lookup_.end(), nullptr); }
  int add_dest(Service& svc, Dest&) override { return changed(svc); }
  int del_dest(Service& svc, Dest&, std::size_t) override { return changed(svc); }
  int upd_dest(Service& svc, Dest&) override { return changed(svc); }

  Dest* schedule(Service& svc, const SchedInput& in) override {
    const std::uint16_t port = svc.sched_flag2 ? in.cport : 0;
    return svc.sched_flag1 ? get_fallback(in.caddr, port) : get(in.caddr, port);
  }

 private:
  Dest* get(Ipv4Addr addr, std::uint16_t port) const {
    Dest* d = lookup_[hashkey(addr, port, kHash1, 0) % kTabSize];
    return (d == nullptr || unavailable(*d)) ? nullptr : d;
  }
  Dest* get_fallback(Ipv4Addr addr, std::uint16_t port) const {
    const unsigned ihash = hashkey(addr, port, kHash1, 0) % kTabSize;
    Dest* d = lookup_[ihash];
    if (d == nullptr) return nullptr;
    if (!unavailable(*d)) return d;
    for (unsigned offset = 0; offset < static_cast<unsigned>(kTabSize); ++offset) {
      const unsigned roffset = (offset + ihash) % kTabSize;
      d = lookup_[hashkey(addr, port, kHash1, roffset) % kTabSize];
      if (d == nullptr) break;
      if (!unavailable(*d)) return d;
    }
    return nullptr;
  }

  // ip_vs_mh_gcd_weight() and ip_vs_mh_shift_weight() over last_weight.
  int changed(Service& svc) {
    gcd_ = 0;
    int mw = 0;
    for (const auto& d : svc.dests) {
      if (d->last_weight > 0) gcd_ = gcd_ > 0 ? khash::gcd(d->last_weight, gcd_) : d->last_weight;
      mw = std::max(mw, static_cast<int>(d->last_weight));
    }
    rshift_ = 0;
    if (gcd_ >= 1) {
      const int shift = std::bit_width(static_cast<unsigned>(mw / gcd_)) - kTabBits;
      rshift_ = shift >= 0 ? shift : 0;
    }
    if (svc.dests.size() > static_cast<std::size_t>(kTabSize)) return -22;  // -EINVAL
    permutate(svc);
    populate(svc);
    return 0;
  }
  void permutate(Service& svc) {
    setup_.assign(svc.dests.size(), DestSetup{});
    if (gcd_ < 1) return;
    for (std::size_t i = 0; i < svc.dests.size(); ++i) {
      const Dest& d = *svc.dests[i];
      DestSetup& ds = setup_[i];
      ds.offset = hashkey(d.addr, d.port, kHash1, 0) % kTabSize;
      ds.skip = hashkey(d.addr, d.port, kHash2, 0) % (kTabSize - 1) + 1;
      ds.perm = ds.offset;
      const int lw = d.last_weight;
      const int turns = (lw / gcd_) >> rshift_;
      ds.turns = turns != 0 ? turns : (lw != 0 ? 1 : 0);
    }
  }
  void populate(Service& svc) {
    if (gcd_ < 1) {
      std::fill(lookup_.begin(), lookup_.end(), nullptr);
      return;
    }
    taken_.assign(kTabSize, false);
    int n = 0;
    int dt_count = 0;
    while (n < kTabSize) {
      for (std::size_t i = 0; i < svc.dests.size();) {
        DestSetup& ds = setup_[i];
        if (ds.turns < 1) {  // "Ignore added server with zero weight"
          ++i;
          continue;
        }
        unsigned c = ds.perm;
        while (taken_[c]) {
          ds.perm += ds.skip;
          if (ds.perm >= static_cast<unsigned>(kTabSize)) ds.perm -= kTabSize;
          c = ds.perm;
        }
        taken_[c] = true;
        lookup_[c] = svc.dests[i].get();
        if (++n == kTabSize) return;
        if (++dt_count >= ds.turns) {
          dt_count = 0;
          ++i;
        }
      }
    }
  }

  std::vector<Dest*> lookup_;
  std::vector<DestSetup> setup_;
  std::vector<bool> taken_;
  int gcd_ = 0, rshift_ = 0;
};

}  // namespace

std::unique_ptr<Scheduler> make_mh() { return std::make_unique<Mh>(); }

}  // namespace lvs::ipvs::sched
