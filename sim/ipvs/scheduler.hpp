#pragma once
// The scheduler interface, mirroring struct ip_vs_scheduler (include/net/ip_vs.h) and
// the registry of net/netfilter/ipvs/ip_vs_sched.c. The kernel keeps one scheduler
// object and per-service state in svc->sched_data; here each service owns its own
// scheduler instance, which holds that state.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "sim/core/time.hpp"
#include "sim/ipvs/spec.hpp"

namespace lvs::ipvs {

struct Service;
struct Dest;

// What a scheduler may look at in the packet that opens a connection.
struct SchedInput {
  Protocol protocol = Protocol::kTcp;
  Ipv4Addr caddr;           // iph->saddr (client)
  std::uint16_t cport = 0;  // source port (sh-port / mh-port)
  Ipv4Addr vaddr;           // iph->daddr (dh, lblc, lblcr hash on it)
  std::uint16_t vport = 0;
  SimTime now = 0;  // jiffies, for lblc/lblcr entry ages
};

class Scheduler {
 public:
  virtual ~Scheduler() = default;
  virtual const char* name() const = 0;

  // Return 0 or a negative errno, as the kernel hooks do.
  virtual int init_service(Service& /*svc*/, SimTime /*now*/) { return 0; }
  virtual void done_service(Service& /*svc*/) {}
  // Called after the dest was linked at the head of svc.dests.
  virtual int add_dest(Service& /*svc*/, Dest& /*dest*/) { return 0; }
  // Called after the dest was unlinked; `former_pos` is where it was in svc.dests (the
  // kernel's unlinked list entry still points at its old neighbours, which rr uses).
  virtual int del_dest(Service& /*svc*/, Dest& /*dest*/, std::size_t /*former_pos*/) { return 0; }
  virtual int upd_dest(Service& /*svc*/, Dest& /*dest*/) { return 0; }
  // nullptr = "no destination available" (ip_vs_scheduler_err()).
  virtual Dest* schedule(Service& svc, const SchedInput& in) = 0;
  // Run periodic timers (lblc/lblcr garbage collection) up to `now`.
  virtual void advance(Service& /*svc*/, SimTime /*now*/) {}
};

// ip_vs_sched.c ip_vs_scheduler_get(): nullptr when no scheduler has that name.
std::unique_ptr<Scheduler> make_scheduler(std::string_view name);
// Whether ip_vs_scheduler_get() would find it (what `ipvsadm -A/-E -s NAME` checks).
bool scheduler_known(std::string_view name);

}  // namespace lvs::ipvs
