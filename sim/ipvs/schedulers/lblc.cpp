// Locality-based least-connection: net/netfilter/ipvs/ip_vs_lblc.c. A 1024-bucket table
// (hash_32(daddr, 10), newest first) maps a destination IP to the dest chosen for it;
// the cached dest is used while it is available, has weight > 0 and is not
// "overloaded" (more active connections than its weight while another dest is below
// half of its weight), otherwise wlc picks a new one (ip_vs_lblc_schedule). A timer
// every 60 s collects entries (ip_vs_lblc_check_expire): every 30th run removes those
// unused for lblc_expiration (24 h), otherwise only when the table holds more than
// 16384 entries, those unused for 6 minutes. The timer runs lazily from the
// scheduling time (advance()).
#include "sim/ipvs/schedulers/all.hpp"
#include "sim/ipvs/schedulers/common.hpp"
#include "sim/ipvs/schedulers/locality_table.hpp"

namespace lvs::ipvs::sched {
namespace {

struct Entry {
  Ipv4Addr addr;
  Dest* dest = nullptr;
  SimTime lastuse = 0;
  void release() { --dest->refcnt; }  // ip_vs_dest_put()
};

class Lblc final : public Scheduler {
 public:
  const char* name() const override { return "lblc"; }
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
      Dest* d = en->dest;
      if (d->available && d->weight > 0 && !lblc_overloaded(*d, svc)) return d;
    }
    Dest* d = weighted_least_conn(svc);
    if (d == nullptr) return nullptr;
    if (!dead_) insert(in.vaddr, d, in.now);
    return d;
  }

 private:
  // ip_vs_lblc_new(): keep an entry that already points at `dest`, else replace it.
  void insert(Ipv4Addr addr, Dest* dest, SimTime now) {
    if (const Entry* en = table_.get(addr)) {
      if (en->dest == dest) return;
      table_.erase(addr);
    }
    ++dest->refcnt;  // ip_vs_dest_hold()
    table_.add(Entry{addr, dest, now});
  }

  LocalityTable<Entry> table_;
  bool dead_ = false;
};

}  // namespace

std::unique_ptr<Scheduler> make_lblc() { return std::make_unique<Lblc>(); }

}  // namespace lvs::ipvs::sched
