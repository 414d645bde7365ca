#pragma once
// The kernel's IPVS through its generic-netlink family "IPVS" (include/uapi/linux/ip_vs.h;
// the interface ipvsadm itself uses, via libipvs), in the network namespace of the
// thread that creates the object: ipvsadm commands are applied as IPVS_CMD_* messages,
// and the tables are read back into an ipvs::Snapshot (services, destinations,
// counters, timeouts; the connection table from /proc, as ipvsadm -Lc reads it), so
// that the simulator's ipvsadm formatter prints the kernel's tables.
#include <string>

#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/ipvs/snapshot.hpp"

struct nl_sock;

namespace lvs::hw {

inline constexpr const char* kIpvsFamily = "IPVS";  // IPVS_GENL_NAME

// True when the IPVS family is registered (ip_vs loaded or built in).
bool ipvs_family_present();

class IpvsNetlink {
 public:
  IpvsNetlink();  // throws HwError when the family is missing
  ~IpvsNetlink();
  IpvsNetlink(const IpvsNetlink&) = delete;
  IpvsNetlink& operator=(const IpvsNetlink&) = delete;

  // Applies a command that changes state (-A -E -D -C -a -e -d -Z --set). Read-only
  // commands (-L, -S, -v) are answered from snapshot() by the caller. Throws HwError
  // with the kernel's reason, as ipvsadm would report it.
  void apply(const ipvs::ipvsadm::IpvsadmCommand& c);

  // The whole state, as `ipvsadm -L` sees it.
  ipvs::Snapshot snapshot();

 private:
  nl_sock* sk_ = nullptr;
  int family_ = 0;
};

}  // namespace lvs::hw
