// The ipvsadm-save / ipvsadm-restore file: parsing with line numbers, and the
// save -> parse round trip.
#include <doctest/doctest.h>

#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/ipvs/ipvsadm/rules_file.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::ipvsadm;

namespace {
Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }
}  // namespace

TEST_CASE("a rules file: comments, blank lines, 'ipvsadm' words, line numbers") {
  const RulesParse r = parse_rules(
      "# /etc/sysconfig/ipvsadm\n"
      "\n"
      "-A -t 192.168.10.100:80 -s wlc   # web\n"
      "ipvsadm -a -t 192.168.10.100:80 -r 10.0.0.7:80 -g -w 1\r\n"
      "   \t\n"
      "-a -t 192.168.10.100:80 -r 10.0.0.8:80 -m -w 2",
      "ipvsadm.rules");
  REQUIRE_MESSAGE(r.ok(), r.error);
  REQUIRE(r.commands.size() == 3);
  CHECK(r.commands[0].line == 3);
  CHECK(r.commands[0].command.command == Command::kAddService);
  CHECK(r.commands[0].command.service.scheduler == "wlc");
  CHECK(r.commands[1].line == 4);
  CHECK(r.commands[1].command.dest.addr == ip("10.0.0.7"));
  CHECK(r.commands[2].line == 6);
  CHECK(r.commands[2].command.dest.method == FwdMethod::kMasq);
  CHECK(r.commands[2].command.dest.weight == 2);
}

TEST_CASE("a rules file stops at the first bad line, naming it") {
  const RulesParse r = parse_rules(
      "-A -t 192.168.10.100:80 -s rr\n"
      "-a -t 192.168.10.100:80 -r 10.0.0.7:80 -m -w 70000000000\n"
      "-A -t 192.168.10.101:80 -s nosuch\n",
      "/etc/sysconfig/ipvsadm");
  CHECK_FALSE(r.ok());
  CHECK(r.error == "/etc/sysconfig/ipvsadm:2: illegal weight specified");
  CHECK(r.error_line == 2);
  CHECK(parse_rules("-A -t 1.2.3.4:80\n-R\n", "f").error ==
        "f:2: Try `ipvsadm -h' or 'ipvsadm --help' for more information.");
  CHECK(parse_rules("\n\n-A -t 1.2.3.4:80 -s wrong\n", "f").error == "f:3: Scheduler or persistence engine not found");
  CHECK(parse_rules("-A -t 1.2.3.4 -s rr\n", "f").error == "f:1: Zero port specified for non-persistent service");
}

TEST_CASE("-Sn -> restore -> the same services and destinations") {
  Snapshot s;
  ServiceEntry web;
  web.spec.key = ServiceKey{Protocol::kTcp, ip("192.168.10.100"), 80, 0};
  web.spec.scheduler = "wrr";
  web.spec.persistent_timeout = 600;
  web.spec.netmask = ip("255.255.255.0");
  DestEntry a;
  a.addr = ip("10.0.0.8"), a.port = 8080, a.method = FwdMethod::kMasq, a.weight = 3;
  a.u_threshold = 100;  // not saved by -S
  DestEntry b;
  b.addr = ip("10.0.0.7"), b.port = 8080, b.method = FwdMethod::kMasq, b.weight = 0;
  web.dests = {a, b};
  ServiceEntry dns;
  dns.spec.key = ServiceKey{Protocol::kUdp, ip("192.168.10.100"), 53, 0};
  dns.spec.scheduler = "sh";
  dns.spec.sched_flags = "sh-fallback";
  dns.spec.one_packet = true;
  DestEntry t;
  t.addr = ip("172.16.0.5"), t.port = 53, t.method = FwdMethod::kTunnel, t.weight = 1;
  dns.dests = {t};
  ServiceEntry mark;
  mark.spec.key.fwmark = 7;
  mark.spec.scheduler = "lc";
  DestEntry r;
  r.addr = ip("10.0.0.9"), r.port = 0, r.method = FwdMethod::kRoute, r.weight = 2;
  mark.dests = {r};
  s.services = {mark, dns, web};

  const std::string saved = format_save(s);
  CHECK(saved ==
        "-A -t 192.168.10.100:80 -s wrr -p 600 -M 255.255.255.0\n"
        "-a -t 192.168.10.100:80 -r 10.0.0.7:8080 -m -w 0\n"
        "-a -t 192.168.10.100:80 -r 10.0.0.8:8080 -m -w 3\n"
        "-A -u 192.168.10.100:53 -s sh -o -b sh-fallback\n"
        "-a -u 192.168.10.100:53 -r 172.16.0.5:53 -i -w 1 --tun-type ipip\n"
        "-A -f 7 -s lc\n"
        "-a -f 7 -r 10.0.0.9:0 -g -w 2\n");

  const RulesParse p = parse_rules(saved, "saved");
  REQUIRE_MESSAGE(p.ok(), p.error);
  REQUIRE(p.commands.size() == 7);
  // Every service comes back with the spec it was saved from.
  const ServiceEntry* by_line[] = {&web, nullptr, nullptr, &dns, nullptr, &mark, nullptr};
  for (std::size_t i = 0; i < 7; ++i) {
    const IpvsadmCommand& c = p.commands[i].command;
    if (!by_line[i]) continue;
    CAPTURE(i);
    CHECK(c.command == Command::kAddService);
    const ServiceSpec& want = by_line[i]->spec;
    CHECK(c.service.key == want.key);
    CHECK(c.service.scheduler == want.scheduler);
    CHECK(c.service.persistent_timeout == want.persistent_timeout);
    CHECK(c.service.netmask == want.netmask);
    CHECK(c.service.one_packet == want.one_packet);
    CHECK(c.service.sched_flags == want.sched_flags);
  }
  const IpvsadmCommand& d1 = p.commands[2].command;
  CHECK(d1.command == Command::kAddDest);
  CHECK(d1.service.key == web.spec.key);
  CHECK(d1.dest.addr == a.addr);
  CHECK(d1.dest.port == a.port);
  CHECK(d1.dest.method == a.method);
  CHECK(d1.dest.weight == a.weight);
  CHECK(d1.dest.u_threshold == 0u);
  CHECK(p.commands[4].command.dest.method == FwdMethod::kTunnel);
  CHECK(p.commands[4].command.dest.tun_type == "ipip");
  CHECK(p.commands[6].command.service.key.fwmark == 7u);
  CHECK(p.commands[6].command.dest.weight == 2);

  // Applying the commands by hand to a fresh snapshot and saving again is a fixpoint.
  Snapshot again;
  for (const RulesLine& l : p.commands) {
    const IpvsadmCommand& c = l.command;
    if (c.command == Command::kAddService) {
      ServiceEntry se;
      se.spec = c.service;
      again.services.push_back(se);
    } else {
      DestEntry d;
      d.addr = c.dest.addr, d.port = c.dest.port, d.method = c.dest.method, d.weight = c.dest.weight;
      again.services.back().dests.push_back(d);
    }
  }
  CHECK(format_save(again) == saved);
}
