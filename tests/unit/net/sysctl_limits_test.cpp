// The ranges the kernel's proc handlers put on net.ipv4.neigh.* values: every value
// accepted is one the simulator's nanosecond arithmetic can carry.
#include <doctest/doctest.h>

#include <string>

#include "sim/net/sysctl.hpp"

namespace lvs {
namespace {

std::string set(Sysctls& s, const std::string& key, const std::string& value) {
  const auto err = s.set(key, value);
  return err ? *err : "";
}

}  // namespace

TEST_CASE("sysctl: neigh times and counts stay within what the kernel stores (int jiffies, HZ=250)") {
  Sysctls s;
  s.add_device("eth0");
  // proc_dointvec_jiffies: at most INT_MAX / HZ seconds.
  CHECK(set(s, "net.ipv4.neigh.eth0.base_reachable_time", "8589934") == "");
  CHECK(s.neigh(0).base_reachable_time() == 8589934 * kSecond);
  CHECK(set(s, "net.ipv4.neigh.eth0.base_reachable_time", "8589935") ==
        "sysctl: setting key \"net.ipv4.neigh.eth0.base_reachable_time\": Invalid argument (at most 8589934: "
        "the kernel keeps it as an int (of jiffies, HZ=250, for times))");
  // proc_dointvec_ms_jiffies: msecs_to_jiffies(v) <= INT_MAX. Was a signed overflow
  // (9e12 ms in nanoseconds) and a reachable time in the past.
  CHECK(set(s, "net.ipv4.neigh.eth0.base_reachable_time_ms", "9000000000000") != "");
  CHECK(s.neigh(0).base_reachable_time() == 8589934 * kSecond);  // unchanged by the refused write
  CHECK(set(s, "net.ipv4.neigh.default.retrans_time_ms", "8589934588") == "");
  CHECK(set(s, "net.ipv4.neigh.default.retrans_time_ms", "8589934589") != "");
  // proc_dointvec_userhz_jiffies: v * HZ / USER_HZ must fit an int.
  CHECK(set(s, "net.ipv4.neigh.eth0.locktime", "858993459") == "");
  CHECK(set(s, "net.ipv4.neigh.eth0.locktime", "858993460") != "");
  // neigh_proc_dointvec_zero_intmax and proc_unres_qlen.
  CHECK(set(s, "net.ipv4.neigh.eth0.ucast_solicit", "2147483647") == "");
  CHECK(set(s, "net.ipv4.neigh.eth0.ucast_solicit", "2147483648") != "");
  CHECK(set(s, "net.ipv4.neigh.eth0.unres_qlen_bytes", "2147483648") != "");
  CHECK(set(s, "net.ipv4.neigh.eth0.unres_qlen", "1016800") == "");  // INT_MAX / 2112
  CHECK(set(s, "net.ipv4.neigh.eth0.unres_qlen", "1016801") != "");
  CHECK(set(s, "net.ipv4.neigh.eth0.gc_stale_time", "99999999999999999999") ==
        "sysctl: setting key \"net.ipv4.neigh.eth0.gc_stale_time\": Invalid argument (not an integer)");
}

}  // namespace lvs
