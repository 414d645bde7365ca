// The whole captured session of tests/data/linux-tools-debian12.txt (ifconfig, route,
// ip, sysctl, echo/cat on /proc/sys, ipvsadm without ip_vs), replayed command by command
// on one machine: every output byte and exit status as Debian 12 gave them.
#include <doctest/doctest.h>

#include <regex>

#include "tests/unit/config/config_fixture.hpp"

namespace lvs::test {
namespace {

// What differs between the capture's namespace and lvslab's machine, and is not the tools':
//  * the devices are a veth pair there ("veth0@veth1", no queue), NICs here (fq_codel);
//  * the namespace had passed a few packets; lvslab's counters are those of a machine
//    that has sent nothing yet.
std::string normalise(std::string text) {
  text = std::regex_replace(text, std::regex("@veth[01]"), "");
  text = std::regex_replace(text, std::regex("qdisc noqueue state (UP|DOWN)"), "qdisc fq_codel state $1");
  text = std::regex_replace(text, std::regex("(RX|TX) packets \\d+  bytes \\d+ \\([0-9.]+ K?i?B\\)"),
                            "$1 packets 0  bytes 0 (0.0 B)");
  return text;
}

// Blocks whose difference is lvslab's model, not the tools' wording (each a documented choice).
bool known_difference(const std::string& command) {
  // lvslab's sysctl model keeps arp_ignore in its documented range 0..8 (the kernel's
  // proc_dointvec takes any integer; 9 then acts as 0).
  if (command == "sysctl -w net.ipv4.conf.lo.arp_ignore=9") return true;
  // The namespace's cache held an entry from a probe lvslab's machine never sent.
  if (command == "ip neigh") return true;
  return false;
}

TEST_CASE("the captured Debian 12 session, replayed: same output, same exit status") {
  ShellFixture f;
  int compared = 0;
  const auto blocks = read_reference("linux-tools-debian12.txt");
  for (const ReferenceBlock& b : blocks) {
    int status = -1;
    const std::string out = f.run(b.command, &status);
    if (known_difference(b.command)) continue;
    INFO("command: " << b.command);
    CHECK(out == normalise(b.output));
    CHECK(status == b.status);
    ++compared;
  }
  CHECK(blocks.size() == 48);  // every block of the capture was read
  CHECK(compared == 46);       // all but the two known differences
}

}  // namespace
}  // namespace lvs::test
