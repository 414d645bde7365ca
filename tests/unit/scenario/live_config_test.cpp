// Timed shell actions and reboots on the live host: what a reboot keeps (JSON keys, files
// as they are then, enabled units) and what it forgets (what was only typed).
#include <doctest/doctest.h>

#include "sim/ipvs/director.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/net/host.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using nlohmann::json;

namespace {

// A NAT-less toy: the "director" is a plain host whose IPVS rules are typed; the client
// only looks at the rules, so the test reads the director's tables after the run.
json lab(const json& director_shell) {
  json doc = R"({
    "name": "t", "duration": "10s", "segments": [ { "name": "lan" } ],
    "hosts": [
      { "name": "d", "role": "director",
        "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.1/24"] } ] }
    ],
    "actions": [ { "at": "5s", "host": "d", "power": "reboot" } ]
  })"_json;
  doc["hosts"][0]["shell"] = director_shell;
  return doc;
}

std::string rules_after_run(const json& doc) {
  auto run = build_run(parse_scenario(doc, "t.json"), std::nullopt, false);
  execute(*run, std::nullopt);
  Host& d = *run->world->find_host("d");
  REQUIRE(d.find_iface("eth0")->has_address(Ipv4Addr(10, 0, 0, 1)));  // a JSON key: kept
  ipvs::Director* dir = ipvs::find_director(d);
  REQUIRE(dir);
  return ipvs::ipvsadm::format_save(dir->tables().snapshot(0));
}

}  // namespace

TEST_CASE("reboot: typed rules are gone unless saved and the ipvsadm unit enabled") {
  const std::string rule = "-A -t 10.0.0.100:80 -s rr\n";
  CHECK(rules_after_run(lab({"ipvsadm -A -t 10.0.0.100:80 -s rr"})) == "");
  CHECK(rules_after_run(lab({"ipvsadm -A -t 10.0.0.100:80 -s rr", "service ipvsadm save"})) == "");
  CHECK(rules_after_run(
            lab({"ipvsadm -A -t 10.0.0.100:80 -s rr", "service ipvsadm save", "systemctl enable ipvsadm"})) == rule);
  CHECK(rules_after_run(lab({"ipvsadm -A -t 10.0.0.100:80 -s rr", "ipvsadm -S -n > /etc/sysconfig/ipvsadm",
                             "chkconfig ipvsadm on"})) == rule);
}

TEST_CASE("reboot: typed addresses and sysctls are forgotten, the JSON's come back") {
  json doc = lab({"ip addr add 10.0.0.2/24 dev eth0", "sysctl -w net.ipv4.ip_forward=1"});
  doc["hosts"][0]["sysctls"] = {{"net.ipv4.conf.all.arp_ignore", 1}};
  auto run = build_run(parse_scenario(doc, "t.json"), std::nullopt, false);
  Host& d = *run->world->find_host("d");
  CHECK(d.find_iface("eth0")->has_address(Ipv4Addr(10, 0, 0, 2)));
  CHECK(*d.sysctls().get("net.ipv4.ip_forward") == "1");
  execute(*run, std::nullopt);
  CHECK_FALSE(d.find_iface("eth0")->has_address(Ipv4Addr(10, 0, 0, 2)));
  CHECK(d.find_iface("eth0")->has_address(Ipv4Addr(10, 0, 0, 1)));
  CHECK(*d.sysctls().get("net.ipv4.ip_forward") == "0");
  CHECK(*d.sysctls().get("net.ipv4.conf.all.arp_ignore") == "1");
  REQUIRE(run->action_log.size() == 1);
  CHECK(run->action_log[0].what == "reboot");
  CHECK(run->action_log[0].error.empty());
}

TEST_CASE("a timed shell action runs on the live host; its transcript is in the action log") {
  json doc = lab({"ip addr"});
  doc["actions"] = {{{"at", "2s"}, {"host", "d"}, {"shell", {"sysctl -w net.ipv4.ip_forward=1", "nosuchcmd"}}}};
  auto run = build_run(parse_scenario(doc, "t.json"), std::nullopt, false);
  execute(*run, std::nullopt);
  CHECK(*run->world->find_host("d")->sysctls().get("net.ipv4.ip_forward") == "1");
  REQUIRE(run->action_log.size() == 1);
  const ActionResult& a = run->action_log[0];
  CHECK(a.what == "shell: sysctl -w net.ipv4.ip_forward=1; nosuchcmd");
  REQUIRE(a.transcript.size() == 2);
  CHECK(a.transcript[0].prompt == "[root@d ~]# ");
  CHECK(a.transcript[0].output == "net.ipv4.ip_forward = 1\n");
  CHECK(a.error == "/actions/0/shell:2: not understood: nosuchcmd");
}
