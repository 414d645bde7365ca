// combine_conf(): how a per-device knob combines with conf/all (include/linux/inetdevice.h),
// the one rule Sysctls::effective and hardware mode (reading /proc back) both apply.
#include <doctest/doctest.h>

#include <string>

#include "sim/net/sysctl.hpp"

using namespace lvs;

TEST_CASE("combine_conf: arp_ignore and arp_announce take max(all, dev), arp_filter ORs, forwarding is the device's") {
  CHECK(combine_conf(ConfKnob::kArpIgnore, 0, 1) == 1);
  CHECK(combine_conf(ConfKnob::kArpIgnore, 2, 1) == 2);
  CHECK(combine_conf(ConfKnob::kArpIgnore, 8, 0) == 8);
  CHECK(combine_conf(ConfKnob::kArpAnnounce, 2, 0) == 2);
  CHECK(combine_conf(ConfKnob::kArpFilter, 1, 0) == 1);
  CHECK(combine_conf(ConfKnob::kArpFilter, 0, 0) == 0);
  CHECK(combine_conf(ConfKnob::kForwarding, 1, 0) == 0);
}

TEST_CASE("Sysctls::effective is combine_conf of the values written") {
  for (const ConfKnob k : {ConfKnob::kArpIgnore, ConfKnob::kArpAnnounce, ConfKnob::kArpFilter, ConfKnob::kRpFilter})
    for (int all = 0; all <= 2; ++all)
      for (int dev = 0; dev <= 2; ++dev) {
        const std::string name = conf_knob_name(k);
        if (k == ConfKnob::kArpFilter && (all > 1 || dev > 1)) continue;  // 0 or 1
        CAPTURE(name);
        CAPTURE(all);
        CAPTURE(dev);
        Sysctls s;
        s.add_device("eth0");
        REQUIRE_FALSE(s.set("net.ipv4.conf.all." + name, std::to_string(all)).has_value());
        REQUIRE_FALSE(s.set("net.ipv4.conf.eth0." + name, std::to_string(dev)).has_value());
        CHECK(s.effective(k, 0) == combine_conf(k, all, dev));
      }
}
