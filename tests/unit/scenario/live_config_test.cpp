// Timed shell actions and reboots on the live host: what a reboot keeps (JSON keys, files
// as they are then, enabled units) and what it forgets (what was only typed).
#include <doctest/doctest.h>

#include <fstream>
#include <tuple>

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

namespace {

// A web server whose httpd is a unit (enabled), a client asking it at 1 s, 3 s and 5 s.
json web_lab() {
  return R"({
    "name": "t", "duration": "10s", "segments": [ { "name": "lan" } ],
    "hosts": [
      { "name": "c", "role": "client",
        "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.5/24"] } ] },
      { "name": "s", "role": "server",
        "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.10/24"] } ],
        "enable": ["httpd"], "files": { "/var/www/html/index.html": "s\n" } }
    ],
    "traffic": [ { "client": "c", "type": "http", "url": "http://10.0.0.10/", "at": "1s", "every": "2s",
                   "count": 3 } ]
  })"_json;
}

std::vector<std::string> outcomes(const json& doc) {
  auto run = build_run(parse_scenario(doc, "t.json"), std::nullopt, false);
  execute(*run, std::nullopt);
  std::vector<std::string> out;
  for (const HttpResult* r : run->results) out.push_back(r->ok() ? r->body.str() : r->error);
  for (const auto& a : run->action_log) CHECK_MESSAGE(a.error.empty(), a.error);
  return out;
}

}  // namespace

TEST_CASE("systemctl stop httpd in a timed action stops it serving; start serves again") {
  json doc = web_lab();
  doc["actions"] = {{{"at", "2s"}, {"host", "s"}, {"shell", "systemctl stop httpd"}},
                    {{"at", "4s"}, {"host", "s"}, {"shell", "systemctl start httpd"}}};
  const auto got = outcomes(doc);
  REQUIRE(got.size() == 3);
  CHECK(got[0] == "s\n");
  CHECK(got[1].find("Connection refused") != std::string::npos);  // graceful-stop closed the listener
  CHECK(got[2] == "s\n");
}

TEST_CASE("service httpd stop: the server stays stopped over a reboot unless its unit is enabled") {
  json doc = web_lab();
  doc["hosts"][1].erase("enable");
  doc["hosts"][1]["shell"] = {"systemctl start httpd"};
  doc["actions"] = {{{"at", "2s"}, {"host", "s"}, {"power", "reboot"}}};
  auto got = outcomes(doc);
  REQUIRE(got.size() == 3);
  CHECK(got[0] == "s\n");
  CHECK(got[2].find("Connection refused") != std::string::npos);  // typed start is gone with the reboot
  doc["hosts"][1]["shell"] = {"systemctl enable --now httpd"};
  got = outcomes(doc);
  REQUIRE(got.size() == 3);
  CHECK(got[2] == "s\n");
  doc = web_lab();
  doc["actions"] = {{{"at", "2s"}, {"host", "s"}, {"shell", "service httpd stop"}},
                    {{"at", "3500ms"}, {"host", "s"}, {"power", "reboot"}}};
  got = outcomes(doc);
  REQUIRE(got.size() == 3);
  CHECK(got[1].find("Connection refused") != std::string::npos);
  CHECK(got[2] == "s\n");  // enabled: the boot starts it again
}

TEST_CASE("a reboot empties the director's connection table and the neighbour cache, permanent entries too") {
  json doc = R"({
    "name": "t", "duration": "10s",
    "segments": [ { "name": "lan" } ],
    "hosts": [
      { "name": "c", "role": "client",
        "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.5/24"] } ] },
      { "name": "d", "role": "director",
        "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.1/24", "10.0.0.100/24"] } ],
        "ipvsadm": [ "-A -t 10.0.0.100:80 -s rr -p 300", "-a -t 10.0.0.100:80 -r 10.0.0.10:80 -g" ],
        "shell": [ "ip neigh add 10.0.0.77 lladdr 02:00:00:00:00:77 dev eth0 nud permanent" ] },
      { "name": "s", "role": "realserver",
        "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": ["10.0.0.10/24"] } ],
        "shell": [ "ip addr add 10.0.0.100/32 dev lo" ],
        "sysctls": { "net.ipv4.conf.all.arp_ignore": 1, "net.ipv4.conf.all.arp_announce": 2 },
        "services": [ { "type": "http", "files": { "/var/www/html/index.html": "s" } } ] }
    ],
    "traffic": [ { "client": "c", "type": "http", "url": "http://10.0.0.100/", "at": "1s" } ]
  })"_json;
  const auto conns_and_neighbours = [](const json& d) {
    auto run = build_run(parse_scenario(d, "t.json"), std::nullopt, false);
    execute(*run, std::nullopt);
    REQUIRE(run->results.size() == 1);
    CHECK(run->results[0]->ok());
    Host& dir = *run->world->find_host("d");
    std::size_t valid = 0;
    for (const auto& e : dir.neighbours().entries()) valid += e.state != NeighState::kNone;
    return std::pair{ipvs::find_director(dir)->tables().conns().size(), valid};
  };
  // Without a reboot: the connection (FIN_WAIT/TIME_WAIT 2 min) and its persistence
  // template (300 s) are still there at 10 s, so are the client's entry and the permanent one.
  auto [conns, neighbours] = conns_and_neighbours(doc);
  CHECK(conns == 2);
  CHECK(neighbours >= 2);
  doc["actions"] = {{{"at", "5s"}, {"host", "d"}, {"power", "reboot"}}};
  std::tie(conns, neighbours) = conns_and_neighbours(doc);
  CHECK(conns == 0);
  CHECK(neighbours == 0);
}

namespace {

// The textbook's LVS-DR lab with its pages on NFS (examples/textbook/lvs-dr-nfs).
const std::string kNfsLab = std::string(LVSLAB_SOURCE_DIR) + "/examples/textbook/lvs-dr-nfs/lab.json";

json nfs_lab() {
  std::ifstream in(kNfsLab);
  return json::parse(in);
}

}  // namespace

TEST_CASE("stopping nfs-server or autofs in a timed action stops the pages read from NFS") {
  const std::string lab = kNfsLab;
  json doc = nfs_lab();
  doc["duration"] = "20s";
  doc["traffic"][0].erase("expect");
  doc["traffic"][0]["at"] = "1s";
  doc["traffic"][0]["every"] = "4s";
  doc["traffic"][0]["count"] = 4;  // 1 s and 5 s (each real server mounts once), 9 s, 13 s
  const auto run_with = [&](const json& actions) {
    json d = doc;
    d["actions"] = actions;
    auto run = build_run(parse_scenario(d, lab), std::nullopt, false);
    execute(*run, std::nullopt);
    std::vector<int> status;
    for (const HttpResult* r : run->results) status.push_back(r->status);
    return status;
  };
  CHECK(run_with(json::array()) == std::vector<int>{200, 200, 200, 200});
  // rpc.nfsd 0 at 7 s: the mounts' connections close and reconnecting is refused; the
  // soft mounts' reads do not finish within curl's 10 s.
  CHECK(run_with({{{"at", "7s"}, {"host", "nfs"}, {"shell", "systemctl stop nfs-server"}}}) ==
        std::vector<int>{200, 200, 0, 0});
  // autofs stopped on rs2 (which serves 1 s and 9 s): /var/www/html is gone, Apache answers 404.
  CHECK(run_with({{{"at", "7s"}, {"host", "rs2"}, {"shell", "systemctl stop autofs"}}}) ==
        std::vector<int>{200, 200, 404, 200});
}

TEST_CASE("curl and wget typed in a timed action are requests of the run, from that host, at that time") {
  json doc = web_lab();
  doc["traffic"] = json::array();
  doc["actions"] = {{{"at", "2s"}, {"host", "c"}, {"shell", {"curl -s http://10.0.0.10/", "wget -q -O - 10.0.0.10"}}},
                    {{"at", "3s"}, {"host", "s"}, {"shell", "systemctl stop httpd"}},
                    {{"at", "4s"}, {"host", "c"}, {"shell", "curl http://10.0.0.10/"}}};
  auto run = build_run(parse_scenario(doc, "t.json"), std::nullopt, false);
  execute(*run, std::nullopt);
  REQUIRE(run->results.size() == 3);
  CHECK(run->results[0]->client == "c");
  CHECK(run->results[0]->start == 2 * kSecond);
  CHECK(run->results[0]->body == "s\n");
  CHECK(run->results[1]->url == "http://10.0.0.10");
  CHECK(run->results[1]->body == "s\n");
  CHECK(run->results[2]->start == 4 * kSecond);
  CHECK(run->results[2]->error.find("Connection refused") != std::string::npos);
  REQUIRE(run->traffic.size() == 3);
  CHECK(run->traffic[2].pointer == "/actions/2/shell");
  for (const auto& a : run->action_log) CHECK(a.error.empty());
}

TEST_CASE("mount -t nfs typed on a real server serves its pages from NFS; umount takes them away") {
  const std::string lab = kNfsLab;
  json doc = nfs_lab();
  doc["duration"] = "8s";
  doc["traffic"][0].erase("expect");
  doc["traffic"][0]["count"] = 6;  // 1 s rs2, 2 s rs1, 3 s rs2, 4 s rs1, 5 s rs2, 6 s rs1
  for (auto& h : doc["hosts"])
    if (h["name"] == "rs1") {
      h.erase("shell_file");
      h["shell"] = {"sysctl -p", "route add -host 192.168.10.10 dev lo:0",
                    "mount -t nfs -o ro,soft 192.168.10.103:/public /var/www/html", "mount", "systemctl start httpd"};
    }
  doc["actions"] = {{{"at", "2500ms"}, {"host", "rs1"}, {"shell", "umount /var/www/html"}},
                    {{"at", "4500ms"}, {"host", "rs1"}, {"shell", "mount 192.168.10.103:/public /var/www/html"}}};
  auto run = build_run(parse_scenario(doc, lab), std::nullopt, false);
  const HostConfigLog* rs1 = nullptr;
  for (const auto& h : run->host_config)
    if (h.host == "rs1") rs1 = &h;
  REQUIRE(rs1);
  for (const auto& w : rs1->warnings) CHECK(w.find("NFS mount") == std::string::npos);
  execute(*run, std::nullopt);
  std::vector<std::string> got;
  for (const HttpResult* r : run->results) got.push_back(std::to_string(r->status) + " " + r->body.str().substr(0, 16));
  CHECK(got == std::vector<std::string>{"200 from nfs server!", "200 from nfs server!", "200 from nfs server!",
                                        "404 <!DOCTYPE HTML P", "200 from nfs server!", "200 from nfs server!"});
  for (const auto& a : run->action_log) CHECK_MESSAGE(a.error.empty(), a.error);
}

TEST_CASE("mount -t nfs: a bad option is refused as mount.nfs refuses it") {
  json doc = web_lab();
  doc["actions"] = {{{"at", "2s"}, {"host", "s"}, {"shell", "mount -t nfs -o timeo=x 10.0.0.5:/x /mnt"}}};
  auto run = build_run(parse_scenario(doc, "t.json"), std::nullopt, false);
  execute(*run, std::nullopt);
  REQUIRE(run->action_log.size() == 1);
  CHECK(run->action_log[0].output == "mount.nfs: an incorrect mount option was specified\n");
  CHECK(run->action_log[0].transcript.at(0).status == 32);
}

TEST_CASE("exportfs -u in a timed action: the NFS server stops serving that export; exportfs -r serves it again") {
  const std::string lab = kNfsLab;
  json doc = nfs_lab();
  doc["duration"] = "20s";
  doc["traffic"][0].erase("expect");
  doc["traffic"][0]["every"] = "3s";
  doc["traffic"][0]["count"] = 5;  // 1, 4, 7, 10, 13 s
  doc["actions"] = {{{"at", "5s"}, {"host", "nfs"}, {"shell", "exportfs -u 192.168.10.0/24:/public"}},
                    {{"at", "11s"}, {"host", "nfs"}, {"shell", "exportfs -r"}}};
  auto run = build_run(parse_scenario(doc, lab), std::nullopt, false);
  execute(*run, std::nullopt);
  std::vector<int> status;
  for (const HttpResult* r : run->results) status.push_back(r->status);
  // Unexported: the mounted clients' handles are stale (ESTALE), Apache answers 500.
  CHECK(status == std::vector<int>{200, 200, 500, 500, 200});
}

TEST_CASE("arp off (IFF_NOARP) on the server's device: it neither answers nor sends ARP; arp on again serves") {
  json doc = web_lab();
  doc["traffic"][0]["count"] = 4;  // 1, 3, 5, 7 s
  doc["actions"] = {{{"at", "2s"}, {"host", "s"}, {"shell", "ip link set eth0 arp off"}},
                    {{"at", "2s"}, {"host", "c"}, {"shell", "ip neigh flush dev eth0"}},
                    {{"at", "4s"}, {"host", "s"}, {"shell", "ifconfig eth0 arp"}}};
  auto run = build_run(parse_scenario(doc, "t.json"), std::nullopt, false);
  execute(*run, std::nullopt);
  REQUIRE(run->results.size() == 4);
  for (const HttpResult* r : run->results) CHECK(r->ok());
  // 3 s: c asks who-has 10.0.0.10 and s ignores it (arp_rcv()); c asks again each second
  // and is answered only once arp is on again at 4 s.
  CHECK(run->results[0]->end < 1 * kSecond + kSecond / 100);
  CHECK(run->results[1]->end > 4 * kSecond);
  CHECK(run->results[2]->end < 5 * kSecond + kSecond / 100);
  for (const auto& a : run->action_log) CHECK_MESSAGE(a.error.empty(), a.error);
}
