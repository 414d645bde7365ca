// Locality-based least-connection with replication: net/netfilter/ipvs/ip_vs_lblcr.c.
// A destination IP maps to a set of dests (newest first). The least-loaded available
// member of the set serves (ip_vs_dest_set_min); if there is none or it is "overloaded"
// (see lblc), wlc picks a dest that joins the set. A set with several members that has
// not changed for lblcr_expiration (24 h) drops its most loaded member
// (ip_vs_dest_set_max). Entries are collected by the same 60-second timer as lblc.
#include <vector>

#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/schedulers/common.hpp"
#include "sim/ipvs/schedulers/locality_table.hpp"

namespace lvs::ipvs::sched {
namespace {

struct DestSet {
  std::vector<Dest*> members;  // list_add_rcu(): newest first
  SimTime lastmod = 0;

  void insert(Dest* d, bool check, SimTime now) {
    if (check)
      for (Dest* m : members)
        if (m == d) return;
    ++d->refcnt;
    members.insert(members.begin(), d);
    lastmod = now;
  }
  void erase(Dest* d, SimTime now) {
    for (auto it = members.begin(); it != members.end(); ++it) {
      if (*it == d) {
        lastmod = now;
        --d->refcnt;
        members.erase(it);
        return;
      }
    }
  }
  void erase_all() {
    for (Dest* d : members) --d->refcnt;
    members.clear();
  }
  // ip_vs_dest_set_min(): weighted least-connection among available members.
  Dest* min() const {
    Dest* least = nullptr;
    std::int64_t loh = 0;
    for (Dest* d : members) {
      if (d->overload) continue;
      if (least == nullptr) {
        if (d->weight > 0 && d->available) {
          least = d;
          loh = d->conn_overhead();
        }
        continue;
      }
      const std::int64_t doh = d->conn_overhead();
      if (loh * d->weight > doh * least->weight && d->available) {
        least = d;
        loh = doh;
      }
    }
    return least;
  }
  // ip_vs_dest_set_max(): weighted most-connection member with weight > 0.
  Dest* max() const {
    Dest* most = nullptr;
    std::int64_t moh = 0;
    for (Dest* d : members) {
      if (most == nullptr) {
        if (d->weight > 0) {
          most = d;
          moh = d->conn_overhead();
        }
        continue;
      }
      const std::int64_t doh = d->conn_overhead();
      if (moh * d->weight < doh * most->weight && d->weight > 0) {
        most = d;
        moh = doh;
      }
    }
    return most;
  }
};

struct Entry {
  Ipv4Addr addr;
  DestSet set;
  SimTime lastuse = 0;
  void release() { set.erase_all(); }
};

using Table = LocalityTable<Entry>;

class Lblcr final : public Scheduler {
 public:
  const char* name() const override { return "lblcr"; }
  int init_service(Service&, SimTime now) override {
    table_.reset(now);
    dead_ = false;
    return 0;
  }
  void done_service(Service&) override {
    dead_ = true;
    table_.flush();
  }
  void advance(Service&, SimTime now) override { table_.advance(now); }

  Dest* schedule(Service& svc, const SchedInput& in) override {
    table_.advance(in.now);
    if (Entry* en = table_.get(in.vaddr)) {
      en->lastuse = in.now;
      Dest* d = en->set.min();
      // "More than one destination + enough time passed by, cleanup"
      if (en->set.members.size() > 1 && in.now > en->set.lastmod + Table::kDefaultExpiration) {
        if (Dest* m = en->set.max()) en->set.erase(m, in.now);
      }
      if (d != nullptr && !lblc_overloaded(*d, svc)) return d;
      d = weighted_least_conn(svc);
      if (d == nullptr) return nullptr;
      if (!dead_) en->set.insert(d, /*check=*/true, in.now);
      return d;
    }
    Dest* d = weighted_least_conn(svc);
    if (d == nullptr) return nullptr;
    if (!dead_) table_.add(Entry{in.vaddr, DestSet{}, in.now}).set.insert(d, /*check=*/false, in.now);
    return d;
  }

 private:
  Table table_;
  bool dead_ = false;
};

}  // namespace

std::unique_ptr<Scheduler> make_lblcr() { return std::make_unique<Lblcr>(); }

}  // namespace lvs::ipvs::sched
