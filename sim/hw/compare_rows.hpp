#pragma once
// The rows of a comparison as its parts (requests, IPVS tables, ARP) add them: one
// verdict per observable.
#include <string>

#include "sim/hw/compare.hpp"

namespace lvs::hw {

class Rows {
 public:
  explicit Rows(Comparison& c) : c_(c) {}
  void same_or_differs(const std::string& what, const std::string& sim, const std::string& hw) {
    c_.rows.push_back({what, sim, hw, sim == hw ? Verdict::kSame : Verdict::kDiffers});
  }
  void add(const std::string& what, const std::string& sim, const std::string& hw, Verdict v) {
    c_.rows.push_back({what, sim, hw, v});
  }

 private:
  Comparison& c_;
};

inline std::string endpoint(Ipv4Addr a, std::uint16_t port) { return a.str() + ":" + std::to_string(port); }

// The IPVS tables: every field of `ipvsadm -Ln` (scheduler and its flags, persistence
// timeout and netmask, one-packet scheduling, destinations in the kernel's order with
// forwarding method, weight, thresholds, ActiveConn, InActConn, PersistConn), of
// `--stats` and `--timeout`, and the connection table (compare_conns.cpp).
void compare_ipvs_tables(const Observables& sim, const Observables& hw, Rows& rows);
// `expiry`: expiry times compared (within kExpiryToleranceMs), else only shown.
void compare_conn_table(const Observables& sim, const Observables& hw, bool expiry, Rows& rows);

}  // namespace lvs::hw
