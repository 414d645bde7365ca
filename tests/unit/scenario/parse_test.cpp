// Loading and validating scenario files: the shipped web-basic scenario, defaults, and
// bad inputs, each with the exact location (JSON pointer or line:column) and message.
#include <doctest/doctest.h>

#include <functional>

#include "sim/scenario/scenario.hpp"
#include "sim/scenario/units.hpp"
#include "tests/unit/scenario/small_scenario.hpp"

using namespace lvs;
using nlohmann::json;
using test::base;
using test::error_of;

namespace {

const std::string kWebBasic = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/web-basic.json";

std::string error_of_text(const std::string& text) {
  try {
    parse_scenario_text(text, "t.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("web-basic.json loads into the spec it describes") {
  const ScenarioSpec spec = load_scenario_file(kWebBasic);
  CHECK(spec.file == kWebBasic);
  CHECK(spec.name == "web-basic");
  CHECK_FALSE(spec.description.empty());
  CHECK(spec.seed == 1);
  CHECK(spec.duration == 10 * kSecond);
  CHECK(spec.max_events == kDefaultMaxEvents);

  REQUIRE(spec.segments.size() == 2);
  CHECK(spec.segments[0].name == "client-net");
  CHECK(spec.segments[1].name == "server-net");
  CHECK(spec.segments[1].link.bandwidth_bps == 1'000'000'000);
  CHECK(spec.segments[1].link.delay == 50 * kMicrosecond);
  CHECK(spec.segments[1].link.queue_frames == 1000);

  REQUIRE(spec.hosts.size() == 3);
  const HostSpec* client = spec.find_host("client1");
  const HostSpec* gw = spec.find_host("gw");
  const HostSpec* web = spec.find_host("web1");
  REQUIRE(client);
  REQUIRE(gw);
  REQUIRE(web);
  CHECK(client->role == "client");
  REQUIRE(client->interfaces.size() == 1);
  CHECK(client->interfaces[0].segment == "client-net");
  REQUIRE(client->interfaces[0].addresses.size() == 1);
  CHECK(client->interfaces[0].addresses[0].prefix == *Ipv4Prefix::parse("10.0.0.5/24"));
  REQUIRE(client->routes.size() == 1);
  CHECK(client->routes[0].route.gateway == Ipv4Addr(10, 0, 0, 1));

  CHECK(gw->role == "gateway");
  REQUIRE(gw->interfaces.size() == 2);
  CHECK(gw->interfaces[1].name == "eth1");
  CHECK(gw->interfaces[1].addresses[0].prefix == *Ipv4Prefix::parse("192.168.10.1/24"));
  REQUIRE(gw->sysctls.size() == 1);
  CHECK(gw->sysctls[0].key == "net.ipv4.ip_forward");
  CHECK(gw->sysctls[0].value == "1");
  CHECK(gw->sysctls[0].pointer == "/hosts/1/sysctls/net.ipv4.ip_forward");

  REQUIRE(web->services.size() == 1);
  CHECK(web->services[0].type() == "http");
  const HttpServerConfig& httpd = std::get<HttpServiceSpec>(web->services[0].config).server;
  CHECK(httpd.port == 80);
  CHECK(httpd.document_root == "/var/www/html");
  CHECK(httpd.files.at("/var/www/html/index.html") == "Hello from web1\n");
  CHECK(web->routes[0].route.gateway == Ipv4Addr(192, 168, 10, 1));

  REQUIRE(spec.traffic.size() == 1);
  const TrafficSpec& t = spec.traffic[0];
  CHECK(t.client == "client1");
  CHECK(t.plan.url == "http://192.168.10.11/");
  CHECK(t.plan.at == kSecond);
  CHECK(t.plan.every == kSecond);
  CHECK(t.plan.count == 3);
  CHECK(t.expect.status == 200);
  CHECK(t.pointer == "/traffic/0");
}

TEST_CASE("defaults: seed, limits, link parameters, deterministic MACs, request plan") {
  const ScenarioSpec spec = parse_scenario(base(), "t.json");
  CHECK(spec.seed == 1);
  CHECK(spec.max_events == 50'000'000);
  const LinkParams dflt;
  CHECK(spec.segments[0].link.bandwidth_bps == dflt.bandwidth_bps);
  CHECK(spec.segments[0].link.delay == dflt.delay);
  CHECK(spec.segments[0].link.queue_frames == dflt.queue_frames);
  // 02:00:HH:HH:II:00 from the 1-based host and interface positions.
  CHECK(spec.hosts[0].interfaces[0].mac.str() == "02:00:00:01:01:00");
  CHECK(spec.hosts[1].interfaces[0].mac.str() == "02:00:00:02:01:00");
  CHECK_FALSE(spec.hosts[0].interfaces[0].mac_given);
  const HttpServerConfig& httpd = std::get<HttpServiceSpec>(spec.hosts[1].services[0].config).server;
  CHECK(httpd.port == 80);
  CHECK(httpd.document_root == "/var/www/html");
  const HttpRequestPlan& p = spec.traffic[0].plan;
  CHECK(p.at == 0);
  CHECK(p.every == 0);
  CHECK(p.count == 1);
  CHECK(p.timeout == 10 * kSecond);
  CHECK_FALSE(spec.traffic[0].expect.status);
}

TEST_CASE("every field of the format is read") {
  json d = base();
  d["seed"] = 42;
  d["limits"] = {{"max_events", 1000}};
  d["segments"][0] = {{"name", "lan"}, {"bandwidth", "100Mbit"}, {"delay", "250us"}, {"queue", 50}};
  d["hosts"][1]["interfaces"].push_back({{"name", "tunl0"}, {"type", "ipip"}, {"addresses", {"192.168.10.100/32"}}});
  d["hosts"][1]["interfaces"][0]["mac"] = "52:54:00:12:34:56";
  d["hosts"][1]["loopback"] = {
      {"addresses", {{{"address", "192.168.10.100/32"}, {"label", "lo:0"}, {"role", "VIP"}, {"scope", "host"}}}}};
  d["hosts"][1]["routes"] = {"default via 10.0.0.1 dev eth0", "blackhole 10.9.0.0/16"};
  d["hosts"][1]["sysctls"] = {{"net.ipv4.conf.lo.arp_ignore", 1}, {"net.ipv4.conf.all.arp_announce", "2"}};
  d["hosts"][1]["services"][0] = {{"type", "http"},
                                  {"port", 8080},
                                  {"bind", "10.0.0.10"},
                                  {"document_root", "/srv/www/"},
                                  {"files", {{"/srv/www/a.txt", "A"}}}};
  d["traffic"][0] = {{"client", "c"},
                     {"type", "http"},
                     {"url", "http://10.0.0.10:8080/a.txt"},
                     {"at", "1.5s"},
                     {"every", "500ms"},
                     {"count", 4},
                     {"timeout", "2s"},
                     {"expect", {{"status", 200}, {"body", "A"}}}};
  const ScenarioSpec spec = parse_scenario(d, "t.json");
  CHECK(spec.seed == 42);
  CHECK(spec.max_events == 1000);
  CHECK(spec.segments[0].link.bandwidth_bps == 100'000'000);
  CHECK(spec.segments[0].link.delay == 250 * kMicrosecond);
  CHECK(spec.segments[0].link.queue_frames == 50);
  const HostSpec& s = spec.hosts[1];
  CHECK(s.interfaces[0].mac.str() == "52:54:00:12:34:56");
  CHECK(s.interfaces[0].mac_given);
  CHECK(s.interfaces[1].type == InterfaceType::kIpip);
  REQUIRE(s.loopback.size() == 1);
  CHECK(s.loopback[0].label == "lo:0");
  CHECK(s.loopback[0].role == "VIP");
  CHECK(s.loopback[0].scope == Scope::kHost);
  CHECK(s.loopback[0].pointer == "/hosts/1/loopback/addresses/0");
  REQUIRE(s.routes.size() == 2);
  CHECK(s.routes[1].route.type == RouteType::kBlackhole);
  CHECK(s.routes[1].pointer == "/hosts/1/routes/1");
  // General before specific: conf.all before conf.lo.
  REQUIRE(s.sysctls.size() == 2);
  CHECK(s.sysctls[0].key == "net.ipv4.conf.all.arp_announce");
  CHECK(s.sysctls[1].key == "net.ipv4.conf.lo.arp_ignore");
  const HttpServerConfig& httpd = std::get<HttpServiceSpec>(s.services[0].config).server;
  CHECK(httpd.port == 8080);
  CHECK(httpd.bind == Ipv4Addr(10, 0, 0, 10));
  CHECK(httpd.document_root == "/srv/www");
  CHECK(httpd.files.at("/srv/www/a.txt") == "A");
  const TrafficSpec& t = spec.traffic[0];
  CHECK(t.plan.at == 1500 * kMillisecond);
  CHECK(t.plan.every == 500 * kMillisecond);
  CHECK(t.plan.count == 4);
  CHECK(t.plan.timeout == 2 * kSecond);
  CHECK(t.expect.status == 200);
  CHECK(t.expect.body == "A");
}

TEST_CASE("sysctls apply from general to specific") {
  json d = base();
  d["hosts"][1]["sysctls"] = {{"net.ipv4.conf.eth0.forwarding", 0},
                              {"net.ipv4.conf.default.rp_filter", 0},
                              {"net.ipv4.ip_forward", 1},
                              {"net/ipv4/conf/all/rp_filter", 0}};
  const ScenarioSpec spec = parse_scenario(d, "t.json");
  const auto& s = spec.hosts[1].sysctls;
  REQUIRE(s.size() == 4);
  CHECK(s[0].key == "net.ipv4.ip_forward");
  CHECK(s[1].key == "net/ipv4/conf/all/rp_filter");
  CHECK(s[2].key == "net.ipv4.conf.default.rp_filter");
  CHECK(s[3].key == "net.ipv4.conf.eth0.forwarding");
}

TEST_CASE("unknown keys are errors that list the expected keys") {
  json d = base();
  d["nmae"] = "x";
  CHECK(error_of(d) ==
        "t.json: /nmae: unknown key 'nmae' (expected one of: $schema, name, description, seed, duration, limits, "
        "segments, hosts, traffic, actions)");

  d = base();
  d["hosts"][0]["interfaces"][0]["addresses"][0] = {{"adress", "10.0.0.5/24"}};
  CHECK(error_of(d) ==
        "t.json: /hosts/0/interfaces/0/addresses/0/adress: unknown key 'adress' (expected one of: address, label, "
        "role, scope)");

  d = base();
  d["segments"][0]["bandwith"] = "1Gbit";
  CHECK(error_of(d) ==
        "t.json: /segments/0/bandwith: unknown key 'bandwith' (expected one of: name, bandwidth, delay, queue)");

  d = base();
  d["traffic"][0]["expect"] = {{"code", 200}};
  CHECK(error_of(d) ==
        "t.json: /traffic/0/expect/code: unknown key 'code' (expected one of: status, body, path, server)");
}

TEST_CASE("missing required keys") {
  json d = base();
  d.erase("duration");
  CHECK(error_of(d) == "t.json: /: missing required key 'duration'");
  d = base();
  d["hosts"][0]["interfaces"][0].erase("segment");
  CHECK(error_of(d) == "t.json: /hosts/0/interfaces/0: missing required key 'segment'");
  d = base();
  d["hosts"][1].erase("role");
  CHECK(error_of(d) == "t.json: /hosts/1: missing required key 'role'");
  d = base();
  d["hosts"] = json::array();
  CHECK(error_of(d) == "t.json: /hosts: a scenario needs at least one host");
}

TEST_CASE("type errors say what was expected") {
  json d = base();
  d["seed"] = "7";
  CHECK(error_of(d) == "t.json: /seed: expected an integer (0 to 18446744073709551615), got a string");
  d["seed"] = -1;
  CHECK(error_of(d) == "t.json: /seed: expected an integer (0 to 18446744073709551615), got -1");
  d["seed"] = 1.5;
  CHECK(error_of(d) == "t.json: /seed: expected an integer (0 to 18446744073709551615), got the number 1.5");

  d = base();
  d["hosts"] = {{"name", "c"}};
  CHECK(error_of(d) == "t.json: /hosts: expected an array, got an object");

  d = base();
  d["hosts"][0]["interfaces"][0]["addresses"] = "10.0.0.5/24";
  CHECK(error_of(d) == "t.json: /hosts/0/interfaces/0/addresses: expected an array, got a string");

  d = base();
  d["hosts"][0]["interfaces"][0]["addresses"][0] = 5;
  CHECK(error_of(d) ==
        "t.json: /hosts/0/interfaces/0/addresses/0: expected an address string (\"a.b.c.d/nn\") or an object with "
        "'address', got the number 5");

  d = base();
  d["duration"] = 10;
  CHECK(error_of(d) == "t.json: /duration: expected a duration string such as \"10s\" or \"250ms\", got the number 10");

  d = base();
  d["hosts"][1]["sysctls"] = {{"net.ipv4.ip_forward", true}};
  CHECK(error_of(d) == "t.json: /hosts/1/sysctls/net.ipv4.ip_forward: expected an integer or a string, got true");

  d = base();
  d["segments"][0]["queue"] = 100001;
  CHECK(error_of(d) == "t.json: /segments/0/queue: expected an integer (0 to 100000), got 100001");
}

TEST_CASE("values that do not parse") {
  json d = base();
  d["hosts"][0]["interfaces"][0]["addresses"][0] = "10.0.0.300/24";
  CHECK(error_of(d) ==
        "t.json: /hosts/0/interfaces/0/addresses/0: '10.0.0.300/24' is not an IPv4 address with a prefix length "
        "(a.b.c.d/nn)");
  d["hosts"][0]["interfaces"][0]["addresses"][0] = {{"address", "10.0.0.5/33"}};
  CHECK(error_of(d) ==
        "t.json: /hosts/0/interfaces/0/addresses/0/address: '10.0.0.5/33' is not an IPv4 address with a prefix "
        "length (a.b.c.d/nn)");
  d["hosts"][0]["interfaces"][0]["addresses"][0] = "224.0.0.1/4";
  CHECK(error_of(d) == "t.json: /hosts/0/interfaces/0/addresses/0: '224.0.0.1/4' is not a unicast address");

  d = base();
  d["duration"] = "10 s";
  CHECK(error_of(d) ==
        "t.json: /duration: '10 s' is not a duration (a number with a unit: ns, us, ms, s or min, e.g. \"250ms\")");
  d["duration"] = "0s";
  CHECK(error_of(d) == "t.json: /duration: duration must be longer than 0s");

  d = base();
  d["segments"][0]["bandwidth"] = "100Mbps";
  CHECK(error_of(d) ==
        "t.json: /segments/0/bandwidth: '100Mbps' is not a bandwidth (a number with a unit: bit, kbit, Mbit, Gbit; "
        "or \"unlimited\")");
  d["segments"][0]["bandwidth"] = "10000000Tbit";
  CHECK(error_of(d) ==
        "t.json: /segments/0/bandwidth: '10000000Tbit' is faster than lvslab models (at most "
        "9223372036854775807 bit/s)");

  d = base();
  d["hosts"][0]["interfaces"][0]["mac"] = "02:00:00:00:00";
  CHECK(error_of(d) == "t.json: /hosts/0/interfaces/0/mac: '02:00:00:00:00' is not a MAC address (xx:xx:xx:xx:xx:xx)");
  d["hosts"][0]["interfaces"][0]["mac"] = "01:00:5e:00:00:01";
  CHECK(error_of(d) == "t.json: /hosts/0/interfaces/0/mac: '01:00:5e:00:00:01' is not a unicast MAC address");

  d = base();
  d["hosts"][0]["role"] = "loadbalancer";
  CHECK(error_of(d) ==
        "t.json: /hosts/0/role: unknown role 'loadbalancer' (expected one of: client, gateway, router, director, "
        "realserver, server, nfs)");

  d = base();
  d["hosts"][0]["name"] = "my host";
  CHECK(error_of(d) ==
        "t.json: /hosts/0/name: 'my host' is not a valid host name (1-32 characters: letters, digits, '.', '_' or "
        "'-', starting with a letter or digit)");
}

TEST_CASE("references to unknown segments, hosts and devices") {
  json d = base();
  d["hosts"][0]["interfaces"][0]["segment"] = "lann";
  CHECK(error_of(d) == "t.json: /hosts/0/interfaces/0/segment: unknown segment 'lann' (segments: lan)");

  d = base();
  d["traffic"][0]["client"] = "client9";
  CHECK(error_of(d) == "t.json: /traffic/0/client: unknown host 'client9'");

  d = base();
  d["hosts"][0]["routes"] = {"default via 10.0.0.1", "10.1.0.0/16 via 10.0.0.2 dev eth1"};
  CHECK(error_of(d) ==
        "t.json: /hosts/0/routes/1: '10.1.0.0/16 via 10.0.0.2 dev eth1': unknown device 'eth1' (this host has: lo, "
        "eth0)");

  d = base();
  d["hosts"][0]["routes"] = {"default vai 10.0.0.1"};
  CHECK(error_of(d) == "t.json: /hosts/0/routes/0: 'default vai 10.0.0.1': unknown route keyword 'vai'");

  d = base();
  d["hosts"][0]["sysctls"] = {{"net.ipv4.conf.eth1.arp_ignore", 1}};
  const std::string e = error_of(d);
  CHECK(e.rfind("t.json: /hosts/0/sysctls/net.ipv4.conf.eth1.arp_ignore: sysctl: cannot stat ", 0) == 0);
}

TEST_CASE("duplicate names") {
  json d = base();
  d["hosts"][1]["name"] = "c";
  CHECK(error_of(d) == "t.json: /hosts/1/name: duplicate host name 'c' (first defined at /hosts/0)");

  d = base();
  d["segments"].push_back({{"name", "lan"}});
  CHECK(error_of(d) == "t.json: /segments/1/name: duplicate segment name 'lan' (first defined at /segments/0)");

  d = base();
  d["hosts"][0]["interfaces"].push_back({{"name", "eth0"}, {"segment", "lan"}});
  CHECK(error_of(d) ==
        "t.json: /hosts/0/interfaces/1/name: duplicate interface name 'eth0' (first defined at /hosts/0/interfaces/0)");

  d = base();
  d["hosts"][0]["interfaces"][0]["mac"] = "02:00:00:00:00:01";
  d["hosts"][1]["interfaces"][0]["mac"] = "02:00:00:00:00:01";
  CHECK(error_of(d) ==
        "t.json: /hosts/1/interfaces/0/mac: MAC address 02:00:00:00:00:01 is already used by /hosts/0/interfaces/0");

  d = base();
  d["hosts"][1]["services"].push_back({{"type", "http"}, {"port", 80}});
  CHECK(error_of(d) == "t.json: /hosts/1/services/1: port 80 is already used by the service at /hosts/1/services/0");
}

TEST_CASE("interfaces, labels and services are checked") {
  json d = base();
  d["hosts"][0]["interfaces"][0]["name"] = "lo";
  CHECK(error_of(d) ==
        "t.json: /hosts/0/interfaces/0/name: 'lo' is the loopback device; put its addresses under the host's "
        "'loopback'");

  d = base();
  d["hosts"][0]["interfaces"][0]["addresses"][0] = {{"address", "10.0.0.5/24"}, {"label", "eth1:0"}};
  CHECK(error_of(d) ==
        "t.json: /hosts/0/interfaces/0/addresses/0/label: label 'eth1:0' must be 'eth0' or 'eth0:NAME' (at most 15 "
        "characters)");

  d = base();
  d["hosts"][1]["loopback"] = {{"addresses", {{{"address", "10.9.9.9/32"}, {"role", "vip"}}}}};
  CHECK(error_of(d) ==
        "t.json: /hosts/1/loopback/addresses/0/role: unknown address role 'vip' (expected one of: CIP, DGW, RTR, "
        "DIP, VIP, RIP, SIP, NFS)");

  d = base();
  d["hosts"][1]["interfaces"].push_back({{"name", "ipip0"}, {"type", "ipip"}});
  CHECK(error_of(d) ==
        "t.json: /hosts/1/interfaces/1/name: an ipip interface must be named tunl0 (the device `modprobe ipip` "
        "creates)");
  d["hosts"][1]["interfaces"][1] = {{"name", "tunl0"}, {"type", "ipip"}, {"segment", "lan"}};
  CHECK(error_of(d) == "t.json: /hosts/1/interfaces/1/segment: an ipip interface is not attached to a segment");

  d = base();
  d["hosts"][1]["services"][0]["type"] = "ftp";
  CHECK(error_of(d) ==
        "t.json: /hosts/1/services/0/type: unknown service type 'ftp' (expected one of: http, nfs, autofs)");

  // JSON pointer escaping: '/' in a key is "~1".
  d = base();
  d["hosts"][1]["services"][0]["files"] = {{"/etc/passwd", "x"}};
  CHECK(error_of(d) ==
        "t.json: /hosts/1/services/0/files/~1etc~1passwd: '/etc/passwd' is not a file under document_root "
        "/var/www/html, so the server could never send it");
}

TEST_CASE("traffic is checked against the run") {
  json d = base();
  d["traffic"][0]["url"] = "http://web1/";
  CHECK(error_of(d) ==
        "t.json: /traffic/0/url: 'http://web1/': the host must be an IPv4 address (there is no DNS in the simulation)");
  d["traffic"][0]["url"] = "https://10.0.0.10/";
  CHECK(error_of(d) == "t.json: /traffic/0/url: 'https://10.0.0.10/' is not an http:// URL");
  d["traffic"][0]["url"] = "http://10.0.0.10:99999/";
  CHECK(error_of(d) == "t.json: /traffic/0/url: 'http://10.0.0.10:99999/': '99999' is not a port (1-65535)");
  // curl refuses spaces and control characters (they would forge request lines and
  // report lines); the message shows them escaped.
  d["traffic"][0]["url"] = "http://10.0.0.10/a b";
  CHECK(error_of(d) ==
        "t.json: /traffic/0/url: 'http://10.0.0.10/a b': a space at byte 19, which curl refuses "
        "(URL using bad/illegal format); write it percent-encoded, %20");
  d["traffic"][0]["url"] = "http://10.0.0.10/\r\nHost: x";
  CHECK(error_of(d) ==
        "t.json: /traffic/0/url: 'http://10.0.0.10/\\r\\nHost: x': a control character at byte 18, "
        "which curl refuses (URL using bad/illegal format); write it percent-encoded, %0D");

  d = base();
  d["traffic"][0]["count"] = 3;
  CHECK(error_of(d) == "t.json: /traffic/0/count: count 3 needs 'every' (the time between requests) greater than 0s");

  d = base();
  d["traffic"][0]["at"] = "10s";
  CHECK(error_of(d) ==
        "t.json: /traffic/0/at: the request starts at 10s, not before the end of the run (duration 10s)");

  d = base();
  d["traffic"][0]["at"] = "1s";
  d["traffic"][0]["every"] = "3s";
  d["traffic"][0]["count"] = 4;  // 1s, 4s, 7s, 10s
  CHECK(error_of(d) ==
        "t.json: /traffic/0/count: the last of 4 requests would start after the end of the run (duration 10s)");
  d["traffic"][0]["count"] = 3;
  CHECK(error_of(d) == "no error");

  d = base();
  d["traffic"][0]["expect"] = {{"status", 700}};
  CHECK(error_of(d) == "t.json: /traffic/0/expect/status: expected an integer (100 to 599), got 700");
}

TEST_CASE("JSON syntax errors give file:line:column") {
  const std::string text = "{\n  \"name\": \"t\",\n  \"duration\": tru,\n}\n";
  const std::string e = error_of_text(text);
  // The invalid literal "tru," fails at its last character, the ',' on line 3, column 18.
  CHECK(e.rfind("t.json:3:18: syntax error while parsing value - invalid literal", 0) == 0);
  try {
    parse_scenario_text(text, "t.json");
  } catch (const ScenarioError& err) {
    CHECK(err.line() == 3);
    CHECK(err.column() == 18);
    CHECK(err.pointer().empty());
  }

  // A missing comma between two members: the error is at the end of the second key.
  CHECK(error_of_text("{\"name\": \"t\"\n \"duration\": \"1s\"}")
            .rfind("t.json:2:11: syntax error while parsing object", 0) == 0);
  // Truncated file: the position just after the last character.
  CHECK(error_of_text("{\"name\": \"t\",\n").rfind("t.json:2:1: syntax error", 0) == 0);
  CHECK(error_of_text("").rfind("t.json:1:1: syntax error", 0) == 0);
}

TEST_CASE("duplicate keys in one object are errors with their pointer") {
  CHECK(error_of_text(R"({"name": "a", "duration": "1s", "name": "b"})") == "t.json: /name: duplicate key 'name'");
  CHECK(
      error_of_text(R"({"name": "a", "hosts": [{"name": "x"}, {"name": "y", "role": "client", "role": "server"}]})") ==
      "t.json: /hosts/1/role: duplicate key 'role'");
  // The same key in two different objects is fine.
  CHECK(
      error_of_text(
          R"({"name": "a", "duration": "1s", "hosts": [{"name": "x", "role": "client"}, {"name": "y", "role": "server"}]})") ==
      "no error");
}

TEST_CASE("a NUL or a newline in the input does not cut or split the message") {
  json d = base();
  d["traffic"][0]["client"] = std::string("c\0x\ny", 5);
  CHECK(error_of(d) == "t.json: /traffic/0/client: unknown host 'c\\0x\\ny'");
}

TEST_CASE("a number beyond a double's range is an error at its pointer, not an abort") {
  const std::string limit = " is out of range (a JSON number here must fit in a double, at most about 1.8e308)";
  CHECK(error_of_text(R"({"name": "a", "seed": 1e400})") == "t.json: /seed: the number 1e400" + limit);
  CHECK(error_of_text(R"({"name": "a", "hosts": [{"name": "x"}, -1E+999]})") ==
        "t.json: /hosts/1: the number -1E+999" + limit);
  CHECK(error_of_text(R"({"a": {"b/c": [0, 1, 2e308]}})") == "t.json: /a/b~1c/2: the number 2e308" + limit);
  CHECK(error_of_text("1e400") == "t.json: /: the number 1e400" + limit);
  const std::string huge = "1" + std::string(400, '0') + ".5";
  CHECK(error_of_text(R"({"seed": )" + huge + "}") ==
        "t.json: /seed: the number " + huge.substr(0, 40) + "..." + limit);
  // Large integers that a double still holds are values with a type, checked as such.
  CHECK(error_of_text(R"({"name": "t", "seed": 1e300, "duration": "1s", "hosts": []})") ==
        "t.json: /seed: expected an integer (0 to 18446744073709551615), got the number 1e+300");
}

TEST_CASE("durations are at most 365 days, so that no sum of them overflows the clock") {
  auto with = [](const char* pointer, json value) {
    json d = base();
    d[json::json_pointer(pointer)] = std::move(value);
    return error_of(d);
  };
  const std::string too_long = "' is longer than 365 days, the longest time lvslab simulates";
  CHECK(with("/segments/0/delay", "9223372036s") == "t.json: /segments/0/delay: '9223372036s" + too_long);
  CHECK(with("/hosts/0/rx_delay", json{{"base", "9000000000s"}}) ==
        "t.json: /hosts/0/rx_delay/base: '9000000000s" + too_long);
  CHECK(with("/hosts/0/rx_delay", json{{"jitter", "525601min"}}) ==
        "t.json: /hosts/0/rx_delay/jitter: '525601min" + too_long);
  CHECK(with("/traffic/0/timeout", "9223372036s") == "t.json: /traffic/0/timeout: '9223372036s" + too_long);
  CHECK(with("/duration", "99999999999999999999999s") == "t.json: /duration: '99999999999999999999999s" + too_long);
  // The limit itself is fine, everywhere at once.
  json d = base();
  d["duration"] = "525600min";
  d["segments"][0]["delay"] = "31536000000000000ns";
  d["hosts"][0]["rx_delay"] = {{"base", "31536000s"}, {"jitter", "31536000s"}};
  d["traffic"][0]["timeout"] = "31536000s";
  CHECK(error_of(d) == "no error");
}

TEST_CASE("a file that cannot be read") {
  CHECK_THROWS_WITH_AS(load_scenario_file("/nonexistent/x.json"),
                       "/nonexistent/x.json: cannot open file: No such file or directory", ScenarioError);
}

TEST_CASE("units") {
  CHECK(parse_bandwidth("1Gbit") == 1'000'000'000);
  CHECK(parse_bandwidth("100mbit") == 100'000'000);
  CHECK(parse_bandwidth("2.5Gbit") == 2'500'000'000);
  CHECK(parse_bandwidth("64kbit") == 64'000);
  CHECK(parse_bandwidth("9600bit") == 9600);
  CHECK(parse_bandwidth("unlimited") == 0);
  CHECK_FALSE(parse_bandwidth("1Gbps"));
  CHECK_FALSE(parse_bandwidth("1G"));
  CHECK_FALSE(parse_bandwidth("0bit"));
  CHECK_FALSE(parse_bandwidth("bit"));
  CHECK_FALSE(parse_bandwidth("99999999999Tbit"));
  bool too_fast = false;
  CHECK(parse_bandwidth("9223372036854775807bit", &too_fast) == INT64_MAX);
  CHECK_FALSE(too_fast);
  for (const char* fast : {"99999999999Tbit", "9223372036854775808bit", "123456789012345678901234567890bit"}) {
    too_fast = false;
    CHECK_FALSE(parse_bandwidth(fast, &too_fast));
    CHECK(too_fast);
  }
  too_fast = false;
  CHECK_FALSE(parse_bandwidth("99999999999Tbps", &too_fast));
  CHECK_FALSE(too_fast);
  CHECK(parse_scope("host") == Scope::kHost);
  CHECK_FALSE(parse_scope("site"));
  CHECK(valid_ifname("eth0"));
  CHECK_FALSE(valid_ifname("a-very-long-name"));  // 16 characters
  CHECK_FALSE(valid_ifname("eth0:0"));
  CHECK(json_pointer_token("a/b~c") == "a~1b~0c");
}

TEST_CASE("expected path and servers") {
  json d = base();
  d["traffic"][0]["expect"] = {{"path", "CIP-SIP-CIP"}, {"server", json::array({"s", "c"})}};
  const ScenarioSpec spec = parse_scenario(d, "t.json");
  REQUIRE(spec.traffic.size() == 1);
  CHECK(spec.traffic[0].expect.path == "CIP-SIP-CIP");
  CHECK(spec.traffic[0].expect.servers == std::vector<std::string>{"s", "c"});

  d["traffic"][0]["expect"] = {{"server", "s"}};
  CHECK(parse_scenario(d, "t.json").traffic[0].expect.servers == std::vector<std::string>{"s"});

  d["traffic"][0]["expect"] = {{"path", "CIP-XIP-CIP"}};
  CHECK(error_of(d) ==
        "t.json: /traffic/0/expect/path: 'CIP-XIP-CIP': 'XIP' is not a path role (expected roles joined by '-', each "
        "one of: CIP, DGW, RTR, DIP, VIP, RIP, SIP, NFS)");
  d["traffic"][0]["expect"] = {{"server", json::array({"s", "nobody"})}};
  CHECK(error_of(d) == "t.json: /traffic/0/expect/server/1: unknown host 'nobody'");
  d["traffic"][0]["expect"] = {{"server", json::array()}};
  CHECK(error_of(d) == "t.json: /traffic/0/expect/server: expected a host name or a non-empty array of host names");
}

// --- bounds (issue 9 §3): every size a scenario can ask for has a limit, refused with the
// place and the limit before anything is built.

namespace {

json many(std::size_t n, const std::function<json(std::size_t)>& item) {
  json a = json::array();
  for (std::size_t i = 0; i < n; ++i) a.push_back(item(i));
  return a;
}

std::string ip(std::size_t i) {
  return "10." + std::to_string(1 + i / 65536) + "." + std::to_string(i / 256 % 256) + "." + std::to_string(i % 256);
}

}  // namespace

TEST_CASE("addresses per interface: at most 4096") {
  json d = base();
  d["hosts"][0]["interfaces"][0]["addresses"] =
      many(kMaxAddressesPerInterface + 1, [](std::size_t i) { return ip(i) + "/32"; });
  CHECK(error_of(d) == "t.json: /hosts/0/interfaces/0/addresses: too many addresses on eth0 (4097; at most 4096)");
  d["hosts"][0]["interfaces"][0]["addresses"].erase(0);
  CHECK(error_of(d) == "no error");
}

TEST_CASE("routes per host: at most 200000") {
  json d = base();
  d["hosts"][0]["routes"] = many(kMaxRoutesPerHost + 1, [](std::size_t i) { return ip(i) + "/32 via 10.0.0.1"; });
  CHECK(error_of(d) == "t.json: /hosts/0/routes: too many routes (200001; at most 200000)");
}

// Issue 14: 10,000 clients and 1,000 real servers (a wide farm) can be described; the
// bound is 20,000 hosts, each a client with its own traffic entry.
TEST_CASE("hosts: a wide farm of 11,000 hosts is accepted, at most 20000") {
  json d = base();
  const auto client = [](std::size_t i) {
    return json{{"name", "c" + std::to_string(i)},
                {"role", "client"},
                {"interfaces", json::array({{{"name", "eth0"}, {"segment", "lan"}, {"addresses", {ip(i) + "/8"}}}})}};
  };
  const auto traffic = [](std::size_t i) {
    return json{{"client", "c" + std::to_string(i)}, {"type", "http"}, {"url", "http://10.0.0.10/"}};
  };
  d["hosts"][0]["interfaces"][0]["addresses"] = {"10.0.0.5/8"};
  d["hosts"][1]["interfaces"][0]["addresses"] = {"10.0.0.10/8"};
  for (std::size_t i = 0; i < 11'000; ++i) {
    d["hosts"].push_back(client(i));
    d["traffic"].push_back(traffic(i));
  }
  CHECK(error_of(d) == "no error");
  for (std::size_t i = 11'000; i < kMaxHosts - 1; ++i) {
    d["hosts"].push_back(client(i));
    d["traffic"].push_back(traffic(i));
  }
  CHECK(error_of(d) == "t.json: /hosts: too many hosts (20001; at most 20000)");
  d["hosts"].erase(d["hosts"].size() - 1);
  d["traffic"].erase(d["traffic"].size() - 1);
  CHECK(error_of(d) == "no error");
  d["traffic"].push_back(traffic(0));
  d["traffic"].push_back(traffic(1));
  CHECK(error_of(d) == "t.json: /traffic: too many traffic entries (20001; at most 20000)");
}

TEST_CASE("ipvsadm lines, traffic entries and actions are bounded") {
  json d = base();
  d["hosts"][1]["ipvsadm"] = many(kMaxIpvsadmLines + 1, [](std::size_t) { return "-Z"; });
  CHECK(error_of(d) == "t.json: /hosts/1/ipvsadm: too many ipvsadm lines (10001; at most 10000)");

  d = base();
  d["traffic"] = many(kMaxTrafficEntries + 1, [](std::size_t) { return base()["traffic"][0]; });
  CHECK(error_of(d) == "t.json: /traffic: too many traffic entries (20001; at most 20000)");

  d = base();
  d["actions"] = many(kMaxActions + 1, [](std::size_t) { return json{{"at", "1s"}, {"host", "c"}, {"power", "on"}}; });
  CHECK(error_of(d) == "t.json: /actions: too many actions (10001; at most 10000)");
}

TEST_CASE("requests in a run: at most 2000000 over all traffic entries") {
  json d = base();
  d["duration"] = "10000s";
  json t = base()["traffic"][0];
  t["every"] = "1ms";
  t["count"] = 1'000'000;
  d["traffic"] = json::array({t, t, t});
  CHECK(error_of(d) ==
        "t.json: /traffic/2/count: too many requests: the traffic entries up to this one make 3000000 "
        "(at most 2000000 in a run)");
  d["traffic"].erase(2);
  CHECK(error_of(d) == "no error");
}
