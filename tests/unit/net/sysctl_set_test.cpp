// Sysctls::set() and get() on every kind of key: the host-wide net.ipv4.* knobs,
// net.ipv4.conf.{all,default,<dev>}.* and net.ipv4.neigh.{default,<dev>}.*, with the
// messages `sysctl -w` gives and the kernel's propagation rules (devinet_copy_dflt_conf,
// inet_forward_change, neigh_copy_dflt_parms).
#include <doctest/doctest.h>

#include <string>

#include "sim/net/sysctl.hpp"

namespace lvs {
namespace {

std::string set(Sysctls& s, const std::string& key, const std::string& value) {
  const auto err = s.set(key, value);
  return err ? *err : "";
}

std::string get(const Sysctls& s, const std::string& key) { return s.get(key).value_or("(none)"); }

std::string not_found(const std::string& path) {
  return "sysctl: cannot stat /proc/sys/" + path + ": No such file or directory";
}

std::string invalid(const std::string& key, const std::string& why) {
  return "sysctl: setting key \"" + key + "\": Invalid argument (" + why + ")";
}

}  // namespace

TEST_CASE("sysctl set: keys outside net.ipv4 or of the wrong shape are not found") {
  Sysctls s;
  s.add_device("eth0");
  CHECK(set(s, "net.ipv6.conf.all.forwarding", "1") == not_found("net/ipv6/conf/all/forwarding"));
  CHECK(set(s, "net.ipv4", "1") == not_found("net/ipv4"));
  CHECK(set(s, "net/ipv4/conf/eth0", "1") == not_found("net/ipv4/conf/eth0"));
  CHECK(set(s, "net.ipv4.conf.eth0.arp_ignore.x", "1") == not_found("net/ipv4/conf/eth0/arp_ignore/x"));
  CHECK(set(s, "net.ipv4.route.eth0.x", "1") == not_found("net/ipv4/route/eth0/x"));
  CHECK(get(s, "net.ipv6.conf.all.forwarding") == "(none)");
  CHECK(get(s, "net.ipv4.route.eth0.x") == "(none)");
}

TEST_CASE("sysctl set: host-wide net.ipv4 knobs") {
  Sysctls s;
  s.add_device("eth0");
  // The value is read before the name is looked up, as the original order does.
  CHECK(set(s, "net.ipv4.no_such_knob", "x") == invalid("net.ipv4.no_such_knob", "not an integer"));
  CHECK(set(s, "net.ipv4.no_such_knob", "1") == not_found("net/ipv4/no_such_knob"));

  CHECK(set(s, "net.ipv4.ip_local_port_range", "1024") ==
        invalid("net.ipv4.ip_local_port_range", "expected two port numbers"));
  CHECK(set(s, "net.ipv4.ip_local_port_range", "2000 1000") ==
        invalid("net.ipv4.ip_local_port_range", "expected 'FIRST LAST' ports"));
  CHECK(set(s, "net.ipv4.ip_local_port_range", "0 1000") ==
        invalid("net.ipv4.ip_local_port_range", "expected 'FIRST LAST' ports"));
  CHECK(set(s, "net.ipv4.ip_local_port_range", "1000 65536") ==
        invalid("net.ipv4.ip_local_port_range", "expected 'FIRST LAST' ports"));
  CHECK(set(s, "net/ipv4/ip_local_port_range", "1024\t2048\n") == "");
  CHECK(s.global().ip_local_port_first == 1024);
  CHECK(s.global().ip_local_port_last == 2048);
  CHECK(get(s, "net.ipv4.ip_local_port_range") == "1024\t2048");

  CHECK(set(s, "net.ipv4.tcp_syn_retries", "0") == invalid("net.ipv4.tcp_syn_retries", "1..127"));
  CHECK(set(s, "net.ipv4.tcp_syn_retries", "128") == invalid("net.ipv4.tcp_syn_retries", "1..127"));
  CHECK(set(s, "net.ipv4.tcp_synack_retries", "256") == invalid("net.ipv4.tcp_synack_retries", "0..255"));
  CHECK(set(s, "net.ipv4.tcp_retries2", "-1") == invalid("net.ipv4.tcp_retries2", "0..255"));
  CHECK(set(s, "net.ipv4.tcp_fin_timeout", "3601") == invalid("net.ipv4.tcp_fin_timeout", "1..3600"));
  CHECK(set(s, "net.ipv4.ip_default_ttl", "0") == invalid("net.ipv4.ip_default_ttl", "1..255"));
  CHECK(set(s, "net.ipv4.tcp_syn_retries", " 3 ") == "");
  CHECK(set(s, "net.ipv4.tcp_synack_retries", "0") == "");
  CHECK(set(s, "net.ipv4.tcp_retries2", "255") == "");
  CHECK(set(s, "net.ipv4.tcp_fin_timeout", "30") == "");
  CHECK(set(s, "net.ipv4.ip_default_ttl", "128") == "");
  CHECK(s.global().tcp_syn_retries == 3);
  CHECK(s.global().tcp_synack_retries == 0);
  CHECK(s.global().tcp_retries2 == 255);
  CHECK(s.global().tcp_fin_timeout == 30);
  CHECK(s.global().ip_default_ttl == 128);
  CHECK(get(s, "net.ipv4.tcp_syn_retries") == "3");
  CHECK(get(s, "net.ipv4.tcp_synack_retries") == "0");
  CHECK(get(s, "net.ipv4.tcp_retries2") == "255");
  CHECK(get(s, "net.ipv4.tcp_fin_timeout") == "30");
  CHECK(get(s, "net.ipv4.ip_default_ttl") == "128");
  CHECK(get(s, "net.ipv4.no_such_knob") == "(none)");
}

TEST_CASE("sysctl set: ip_forward and conf.all.forwarding set all, default and every device") {
  Sysctls s;
  s.add_device("eth0");
  CHECK(set(s, "net.ipv4.ip_forward", "2") == invalid("net.ipv4.ip_forward", "0 or 1"));
  CHECK(set(s, "net.ipv4.conf.eth0.forwarding", "0") == "");  // explicitly set: still follows
  CHECK(set(s, "net.ipv4.ip_forward", "1") == "");
  CHECK(s.conf_all().get(ConfKnob::kForwarding) == 1);
  CHECK(s.conf(0).get(ConfKnob::kForwarding) == 1);
  s.add_device("eth1");  // starts from default
  CHECK(s.conf(1).get(ConfKnob::kForwarding) == 1);
  CHECK(set(s, "net.ipv4.conf.all.forwarding", "0") == "");
  CHECK(get(s, "net.ipv4.ip_forward") == "0");
  CHECK(get(s, "net.ipv4.conf.default.forwarding") == "0");
  CHECK(get(s, "net.ipv4.conf.eth1.forwarding") == "0");
  CHECK(set(s, "net.ipv4.conf.all.forwarding", "2") ==
        invalid("net.ipv4.conf.all.forwarding", "documented values are 0..1"));
}

TEST_CASE("sysctl set: conf knobs on all, default and a device") {
  Sysctls s;
  s.add_device("eth0");
  s.add_device("lo");
  CHECK(set(s, "net.ipv4.conf.eth0.no_such", "1") == not_found("net/ipv4/conf/eth0/no_such"));
  CHECK(set(s, "net.ipv4.conf.eth0.arp_ignore", "one") == invalid("net.ipv4.conf.eth0.arp_ignore", "not an integer"));
  CHECK(set(s, "net.ipv4.conf.eth0.arp_ignore", "9") ==
        invalid("net.ipv4.conf.eth0.arp_ignore", "documented values are 0..8"));
  CHECK(set(s, "net.ipv4.conf.eth9.arp_ignore", "1") == not_found("net/ipv4/conf/eth9/arp_ignore"));

  CHECK(set(s, "net.ipv4.conf.lo.arp_ignore", "1") == "");  // lo keeps its own value
  CHECK(set(s, "net.ipv4.conf.default.arp_ignore", "2") == "");
  CHECK(get(s, "net.ipv4.conf.eth0.arp_ignore") == "2");
  CHECK(get(s, "net.ipv4.conf.lo.arp_ignore") == "1");
  CHECK(get(s, "net.ipv4.conf.default.arp_ignore") == "2");
  CHECK(set(s, "net.ipv4.conf.all.arp_ignore", "3") == "");
  CHECK(get(s, "net.ipv4.conf.all.arp_ignore") == "3");
  CHECK(get(s, "net.ipv4.conf.lo.arp_ignore") == "1");  // the device's own value
  CHECK(s.effective(ConfKnob::kArpIgnore, 1) == 3);     // max(all, dev)
  CHECK(get(s, "net.ipv4.conf.eth9.arp_ignore") == "(none)");
  CHECK(get(s, "net.ipv4.conf.eth0.no_such") == "(none)");
}

TEST_CASE("sysctl set: neigh parameters on default and a device, in their units") {
  Sysctls s;
  s.add_device("eth0");
  s.add_device("eth1");
  CHECK(set(s, "net.ipv4.neigh.eth0.no_such", "1") == not_found("net/ipv4/neigh/eth0/no_such"));
  CHECK(set(s, "net.ipv4.neigh.all.locktime", "1") == not_found("net/ipv4/neigh/all/locktime"));
  CHECK(set(s, "net.ipv4.neigh.eth9.locktime", "1") == not_found("net/ipv4/neigh/eth9/locktime"));
  CHECK(set(s, "net.ipv4.neigh.eth0.locktime", "x") == invalid("net.ipv4.neigh.eth0.locktime", "not an integer"));
  CHECK(set(s, "net.ipv4.neigh.eth0.locktime", "-1") ==
        invalid("net.ipv4.neigh.eth0.locktime", "must not be negative"));

  CHECK(set(s, "net.ipv4.neigh.eth1.locktime", "50") == "");  // 50 centiseconds, eth1's own
  CHECK(set(s, "net.ipv4.neigh.default.locktime", "200") == "");
  CHECK(s.neigh(0).locktime() == 2 * kSecond);
  CHECK(s.neigh(1).locktime() == 500 * kMillisecond);
  CHECK(get(s, "net.ipv4.neigh.default.locktime") == "200");
  CHECK(get(s, "net.ipv4.neigh.eth1.locktime") == "50");
  CHECK(set(s, "net.ipv4.neigh.eth0.base_reachable_time_ms", "1500") == "");
  CHECK(get(s, "net.ipv4.neigh.eth0.base_reachable_time") == "1");
  CHECK(get(s, "net.ipv4.neigh.eth0.base_reachable_time_ms") == "1500");
  CHECK(set(s, "net.ipv4.neigh.eth0.unres_qlen", "3") == "");
  CHECK(s.neigh(0).unres_qlen_bytes() == 3 * 2112);
  CHECK(get(s, "net.ipv4.neigh.eth0.unres_qlen") == "3");
  CHECK(get(s, "net.ipv4.neigh.all.locktime") == "(none)");
  CHECK(get(s, "net.ipv4.neigh.eth0.no_such") == "(none)");
}

}  // namespace lvs
