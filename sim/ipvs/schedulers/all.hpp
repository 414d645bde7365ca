#pragma once
// The schedulers lvslab models, one line each: the name `ipvsadm -s` takes, which is
// also the kernel module net/netfilter/ipvs/ip_vs_<name>.c and the file
// sim/ipvs/schedulers/<name>.cpp that defines sched::make_<name>(). This list is the
// only place that names them: the registry (scheduler_registry.cpp) is built from it,
// and the ipvsadm parser asks the registry (scheduler_known()). Adding a scheduler is
// its file plus one line here.
#include <memory>

#include "sim/ipvs/scheduler.hpp"

#define LVS_IPVS_SCHEDULERS(X) \
  X(rr)                        \
  X(wrr)                       \
  X(lc)                        \
  X(wlc)                       \
  X(lblc)                      \
  X(lblcr)                     \
  X(dh)                        \
  X(sh)                        \
  X(sed)                       \
  X(nq)                        \
  X(fo)                        \
  X(ovf)                       \
  X(mh)                        \
  /* one line per scheduler, each ending in a backslash */

namespace lvs::ipvs::sched {

#define LVS_IPVS_DECLARE_FACTORY(name) std::unique_ptr<Scheduler> make_##name();
LVS_IPVS_SCHEDULERS(LVS_IPVS_DECLARE_FACTORY)
#undef LVS_IPVS_DECLARE_FACTORY

}  // namespace lvs::ipvs::sched
