// The load-time boot: a host's persistent files and shell lines, run on a scratch copy
// of it when the scenario is loaded, end up in its HostSpec (so the world, `validate` and
// hardware mode see them), with the transcript and the warnings kept for the report.
#include <doctest/doctest.h>

#include "sim/net/host.hpp"
#include "sim/scenario/scenario.hpp"
#include "tests/unit/scenario/small_scenario.hpp"

using namespace lvs;
using nlohmann::json;
using test::base;
using test::error_of;

namespace {

const SysctlEntry* find_sysctl(const HostSpec& h, const std::string& key) {
  for (const auto& s : h.sysctls)
    if (s.key == key) return &s;
  return nullptr;
}

}  // namespace

TEST_CASE("boot: /etc/sysctl.conf in files sets the sysctl, named by the file's pointer") {
  json doc = base();
  doc["hosts"][0]["files"] = {{"/etc/sysctl.conf", "# router\nnet.ipv4.ip_forward = 1\n"}};
  const ScenarioSpec spec = parse_scenario(doc, "t.json");
  const HostSpec& c = spec.hosts[0];
  const SysctlEntry* fwd = find_sysctl(c, "net.ipv4.ip_forward");
  REQUIRE(fwd);
  CHECK(fwd->value == "1");
  CHECK(fwd->pointer == "/hosts/0/files/~1etc~1sysctl.conf");
  CHECK(c.warnings.empty());
  CHECK(c.transcript.empty());
  const auto run = build_run(spec, std::nullopt, false);
  CHECK(*run->world->find_host("c")->sysctls().get("net.ipv4.ip_forward") == "1");
}

TEST_CASE("boot: a file nothing reads is a warning that lists what is read") {
  json doc = base();
  doc["hosts"][0]["files"] = {{"/etc/sysctl.conf", "net.ipv4.ip_forward = 1\n"}, {"/etc/ipvsadm.rules", "-C\n"}};
  const HostSpec c = parse_scenario(doc, "t.json").hosts[0];
  REQUIRE(c.warnings.size() == 1);
  CHECK(c.warnings[0] ==
        "/etc/ipvsadm.rules is not read by anything lvslab models on this host; read are: /etc/sysctl.conf");
  doc["hosts"][0]["files"] = {{"/etc/motd", "hello\n"}};
  CHECK(parse_scenario(doc, "t.json").hosts[0].warnings ==
        std::vector<std::string>{"/etc/motd is not read by anything lvslab models on this host; read are: none"});
  // Named by a shell line: read (sysctl -p FILE, cat FILE, ...).
  doc["hosts"][0]["shell"] = {"cat /etc/motd"};
  for (const auto& w : parse_scenario(doc, "t.json").hosts[0].warnings)
    CHECK(w.find("/etc/motd is not") == std::string::npos);
}

TEST_CASE("boot: shell lines configure the host; the transcript keeps prompt, command and output") {
  json doc = base();
  doc["hosts"][1]["shell"] = {"[root@s ~]# ip addr add 192.168.10.10/32 dev lo label lo:0",
                              "ip route add 10.9.0.0/16 via 10.0.0.1", "ip route add 10.9.0.0/16 via 10.0.0.1",
                              "frobnicate --now", "ip route show"};
  const ScenarioSpec spec = parse_scenario(doc, "t.json");
  const HostSpec& s = spec.hosts[1];
  REQUIRE(s.loopback.size() == 1);
  CHECK(s.loopback[0].prefix == *Ipv4Prefix::parse("192.168.10.10/32"));
  CHECK(s.loopback[0].label == "lo:0");
  CHECK(s.loopback[0].pointer == "/hosts/1/shell");
  REQUIRE(s.routes.size() == 1);
  CHECK(s.routes[0].route.dst == *Ipv4Prefix::parse("10.9.0.0/16"));
  REQUIRE(s.transcript.size() == 5);
  CHECK(s.transcript[0].prompt == "[root@s ~]# ");
  CHECK(s.transcript[0].command == "ip addr add 192.168.10.10/32 dev lo label lo:0");
  CHECK(s.transcript[0].origin.line == 1);
  CHECK(s.transcript[2].output == "RTNETLINK answers: File exists\n");
  CHECK(s.transcript[2].status == 2);
  CHECK_FALSE(s.transcript[3].understood);
  CHECK(s.transcript[4].output.find("10.9.0.0/16 via 10.0.0.1 dev eth0") != std::string::npos);
  REQUIRE(s.warnings.size() == 2);
  CHECK(s.warnings[0] ==
        "/hosts/1/shell:3: `ip route add 10.9.0.0/16 via 10.0.0.1` failed (exit 2): RTNETLINK "
        "answers: File exists");
  CHECK(s.warnings[1] == "/hosts/1/shell:4: not understood: frobnicate --now");

  const auto run = build_run(spec, std::nullopt, false);
  Host& host = *run->world->find_host("s");
  CHECK(host.find_iface("lo")->has_address(Ipv4Addr(192, 168, 10, 10)));
  CHECK(host.user_routes().size() == 1);
}

TEST_CASE("boot: what the JSON keys get wrong is still an error at their pointer") {
  json doc = base();
  doc["hosts"][1]["shell"] = {"ip addr"};
  doc["hosts"][1]["routes"] = {"default via 172.16.0.1"};
  CHECK(error_of(doc).starts_with("t.json: /hosts/1/routes/0: 'default via 172.16.0.1': "));
}

TEST_CASE("boot: route add lines in routes run as net-tools runs them; a refused one is an error at its pointer") {
  json doc = base();
  doc["hosts"][1]["loopback"] = {{"addresses", {{{"address", "192.168.10.10/32"}, {"label", "lo:0"}}}}};
  doc["hosts"][1]["routes"] = {"route add -host 192.168.10.10 dev lo:0", "route add default gw 10.0.0.1"};
  const HostSpec s = parse_scenario(doc, "t.json").hosts[1];
  REQUIRE(s.routes.size() == 2);
  // SIOCADDRT with dev "lo:0": the device lo, the label's address as the preferred source.
  CHECK(s.routes[0].route.dst == *Ipv4Prefix::parse("192.168.10.10/32"));
  CHECK(s.routes[0].route.dev == "lo");
  CHECK(s.routes[0].route.src == Ipv4Addr(192, 168, 10, 10));
  CHECK_FALSE(s.routes[0].net_tools);
  CHECK(s.routes[0].pointer == "/hosts/1/routes/0");
  CHECK(s.routes[1].pointer == "/hosts/1/routes/1");
  CHECK(s.routes[1].route.gateway == Ipv4Addr(10, 0, 0, 1));
  CHECK(s.warnings.empty());
  CHECK(s.transcript.empty());

  doc["hosts"][1]["routes"] = {"route add default gw 172.16.0.1"};
  CHECK(error_of(doc) ==
        "t.json: /hosts/1/routes/0: 'route add default gw 172.16.0.1': SIOCADDRT: Network is unreachable");
  doc["hosts"][1]["routes"] = {"route add -host 192.168.10.10 gateway"};
  CHECK(error_of(doc).starts_with("t.json: /hosts/1/routes/0: 'route add -host 192.168.10.10 gateway': "));
}

TEST_CASE("boot: an enabled ipvsadm restores /etc/sysconfig/ipvsadm; started units run servers; curl is traffic") {
  json doc = base();
  doc["hosts"][1]["enable"] = {"ipvsadm"};
  doc["hosts"][1]["files"] = {
      {"/etc/sysconfig/ipvsadm", "-A -t 10.0.0.100:80 -s rr\n-a -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 1\n"},
      {"/var/www/html/index.html", "hello\n"}};
  doc["hosts"][1].erase("services");
  doc["hosts"][1]["shell"] = {"systemctl start httpd", "echo more > /var/www/html/more.html"};
  doc["hosts"][0]["shell"] = {"curl -s http://10.0.0.10/more.html"};
  const ScenarioSpec spec = parse_scenario(doc, "t.json");
  const HostSpec& s = spec.hosts[1];
  CHECK(s.warnings.empty());
  CHECK(s.runs_ipvs);
  REQUIRE(s.ipvsadm.size() == 2);
  CHECK(s.ipvsadm[0].line == "-A -t 10.0.0.100:80 -s rr");
  CHECK(s.ipvsadm[1].line == "-a -t 10.0.0.100:80 -r 10.0.0.11:80 -m -w 1");
  CHECK(s.units.at("ipvsadm").running);
  REQUIRE(s.services.size() == 1);
  const auto& http = std::get<HttpServiceSpec>(s.services[0].config).server;
  CHECK(http.files.at("/var/www/html/index.html") == "hello\n");
  CHECK(http.files.at("/var/www/html/more.html") == "more\n");
  REQUIRE(spec.traffic.size() == 2);  // the JSON's, then the curl line's
  CHECK(spec.traffic[1].client == "c");
  CHECK(spec.traffic[1].plan.url == "http://10.0.0.10/more.html");
  CHECK(spec.traffic[1].pointer == "/hosts/0/shell");

  auto run = build_run(spec, std::nullopt, false);
  execute(*run, std::nullopt);
  REQUIRE(run->results.size() == 2);
  for (const HttpResult* r : run->results) CHECK(r->status == 200);
}

TEST_CASE("boot: systemctl restart network runs the network files again") {
  json doc = base();
  doc["hosts"][1]["interfaces"][0].erase("addresses");
  doc["hosts"][1]["files"] = {{"/etc/sysconfig/network-scripts/ifcfg-eth0",
                               "DEVICE=eth0\nBOOTPROTO=static\nONBOOT=yes\nIPADDR=10.0.0.10\nPREFIX=24\n"}};
  doc["hosts"][1]["shell"] = {"ip addr del 10.0.0.10/24 dev eth0", "systemctl restart network", "ip -4 addr show eth0"};
  const HostSpec s = parse_scenario(doc, "t.json").hosts[1];
  CHECK(s.warnings.empty());
  REQUIRE(s.transcript.size() == 3);
  CHECK(s.transcript[2].output.find("inet 10.0.0.10/24 brd 10.0.0.255 scope global eth0") != std::string::npos);
  REQUIRE(s.interfaces[0].addresses.size() == 1);
  CHECK(s.interfaces[0].addresses[0].prefix == *Ipv4Prefix::parse("10.0.0.10/24"));
}

TEST_CASE("boot: tunl0 made by modprobe ipip joins the host's interfaces with its address and state") {
  json doc = base();
  doc["hosts"][1]["shell"] = {"modprobe ipip", "ifconfig tunl0 192.168.10.100 netmask 255.255.255.255 up"};
  const ScenarioSpec spec = parse_scenario(doc, "t.json");
  const HostSpec& s = spec.hosts[1];
  CHECK(s.warnings.empty());
  REQUIRE(s.interfaces.size() == 2);
  CHECK(s.interfaces[1].name == "tunl0");
  CHECK(s.interfaces[1].type == InterfaceType::kIpip);
  CHECK(s.interfaces[1].up);
  REQUIRE(s.interfaces[1].addresses.size() == 1);
  CHECK(s.interfaces[1].addresses[0].prefix == *Ipv4Prefix::parse("192.168.10.100/32"));
  const auto run = build_run(spec, std::nullopt, false);
  Interface* tunl = run->world->find_host("s")->find_iface("tunl0");
  REQUIRE(tunl);
  CHECK(tunl->up);
  CHECK(tunl->has_address(Ipv4Addr(192, 168, 10, 100)));

  doc["hosts"][1]["shell"] = {"modprobe ipip"};  // registered down
  CHECK_FALSE(parse_scenario(doc, "t.json").hosts[1].interfaces[1].up);
}

TEST_CASE("boot: a curl line lvslab cannot play is a warning, not a request") {
  json doc = base();
  doc["hosts"][0]["shell"] = {"curl http://www.example.com/", "curl 10.0.0.10"};
  const ScenarioSpec spec = parse_scenario(doc, "t.json");
  REQUIRE(spec.traffic.size() == 2);
  CHECK(spec.traffic[1].plan.url == "http://10.0.0.10");
  REQUIRE(spec.hosts[0].warnings.size() == 1);
  CHECK(spec.hosts[0].warnings[0] ==
        "curl/wget request not played: 'http://www.example.com/': the host must be an "
        "IPv4 address (there is no DNS in the simulation)");
}

TEST_CASE("boot: a file a unit read when it was started is read, even when the start failed on it") {
  json doc = base();
  doc["hosts"][1]["files"] = {{"/etc/exports", "/public 10.0.0.0/24(rx\n"}};
  doc["hosts"][1]["shell"] = {"systemctl start nfs-server"};
  const HostSpec s = parse_scenario(doc, "t.json").hosts[1];
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0].starts_with("/hosts/1/shell:1: `systemctl start nfs-server` failed (exit 1): "));
  doc["hosts"][1]["shell"] = {"ip addr"};
  CHECK(parse_scenario(doc, "t.json").hosts[1].warnings ==
        std::vector<std::string>{"/etc/exports is not read by anything lvslab models on this host; read are: none"});
}

TEST_CASE("boot: a mount -t nfs line is a mount of the run, no warning") {
  json doc = base();
  doc["hosts"][1]["shell"] = {"mount -t nfs -o ro 10.0.0.5:/public /var/www/html"};
  const HostSpec s = parse_scenario(doc, "t.json").hosts[1];
  CHECK(s.warnings.empty());
  REQUIRE(s.nfs_mounts.size() == 1);
  CHECK(s.nfs_mounts[0].source == "10.0.0.5:/public");
  CHECK(s.nfs_mounts[0].target == "/var/www/html");
  CHECK(s.nfs_mounts[0].options == "ro");
}

TEST_CASE("boot: the files under an exported path are read (nfsd serves them)") {
  json doc = base();
  doc["hosts"][1]["services"] = {{{"type", "nfs"}}};
  doc["hosts"][1]["files"] = {{"/etc/exports", "/public 10.0.0.0/24(ro)\n"},
                              {"/public/index.html", "from nfs server!\n"},
                              {"/srv/other.html", "x\n"}};
  CHECK(parse_scenario(doc, "t.json").hosts[1].warnings ==
        std::vector<std::string>{"/srv/other.html is not read by anything lvslab models on this host; read are: "
                                 "/etc/exports, /public/index.html"});
}
