// The ipvsadm command parser: every option, defaults, and ipvsadm's error texts.
#include <doctest/doctest.h>

#include "sim/ipvs/ipvsadm/command.hpp"

using namespace lvs;
using namespace lvs::ipvs;
using namespace lvs::ipvs::ipvsadm;

namespace {

Ipv4Addr ip(const char* s) { return *Ipv4Addr::parse(s); }

IpvsadmCommand ok(const char* line) {
  const IpvsadmParse p = parse_ipvsadm_line(line);
  INFO("line: ", line, " error: ", p.error);
  REQUIRE(p.ok());
  return *p.command;
}

std::string err(const char* line) {
  const IpvsadmParse p = parse_ipvsadm_line(line);
  INFO("line: ", line);
  REQUIRE_FALSE(p.ok());
  return p.error;
}

int status(const char* line) { return parse_ipvsadm_line(line).exit_status; }

}  // namespace

TEST_CASE("-A with every service option, and the defaults") {
  IpvsadmCommand c = ok("-A -t 192.168.10.100:80 -s rr");
  CHECK(c.command == Command::kAddService);
  CHECK(c.has_service);
  CHECK(c.service.key == ServiceKey{Protocol::kTcp, ip("192.168.10.100"), 80, 0});
  CHECK(c.service.scheduler == "rr");
  CHECK_FALSE(c.service.persistent_timeout);
  CHECK(c.service.netmask == Ipv4Addr(0xffffffffu));

  c =
      ok("ipvsadm --add-service --udp-service 10.0.0.1:53 --scheduler=sh -p -M 255.255.255.0 -o "
         "-b sh-port,flag-1 --pe sip");
  CHECK(c.service.key.protocol == Protocol::kUdp);
  CHECK(c.service.key.port == 53);
  CHECK(c.service.persistent_timeout == 300u);
  CHECK(c.service.netmask == ip("255.255.255.0"));
  CHECK(c.service.one_packet);
  CHECK(c.service.sched_flags == "sh-fallback,sh-port");  // canonical, in print order
  CHECK(c.service.pe_name == "sip");

  CHECK(ok("-A -t 1.2.3.4:80").service.scheduler == "wlc");  // DEF_SCHED
  CHECK(ok("-A -t 1.2.3.4:80 -p 60 -s rr").service.persistent_timeout == 60u);
  CHECK(ok("-A -t 1.2.3.4:80 -p60").service.persistent_timeout == 60u);
  CHECK(ok("-A -t 1.2.3.4:80 --persistent=3600").service.persistent_timeout == 3600u);
  CHECK(ok("-A -t 1.2.3.4 -p").service.key.port == 0);  // port 0 allowed when persistent
  CHECK(ok("-A --sctp-service 1.2.3.4:5060 -s mh -b mh-fallback").service.key.protocol == Protocol::kSctp);
  c = ok("-A -f 42 -s wrr");
  CHECK(c.service.key.fwmark == 42u);
  CHECK(ok("-A -f 4294967295").service.key.fwmark == 4294967295u);
  CHECK(ok("-A -t 1.2.3.4:80 -M 0xffffff00 -p").service.netmask == ip("255.255.255.0"));
  // inet_aton forms for addresses: "10.1" is 10.0.0.1.
  CHECK(ok("-A -t 10.1:80").service.key.addr == ip("10.0.0.1"));
  CHECK(ok("-E -t 1.2.3.4:80 -s wrr").command == Command::kEditService);
  CHECK(ok("-D -t 1.2.3.4:80").command == Command::kDeleteService);
  for (const char* s : {"rr", "wrr", "lc", "wlc", "lblc", "lblcr", "dh", "sh", "sed", "nq", "fo", "ovf", "mh"})
    CHECK(ok((std::string("-A -t 1.2.3.4:80 -s ") + s).c_str()).service.scheduler == s);
}

TEST_CASE("-a/-e/-d with every destination option, and the defaults") {
  IpvsadmCommand c = ok("-a -t 203.0.113.100:80 -r 192.0.2.11:8080 -m -w 3 -x 100 -y 10");
  CHECK(c.command == Command::kAddDest);
  CHECK(c.has_dest);
  CHECK(c.dest.addr == ip("192.0.2.11"));
  CHECK(c.dest.port == 8080);
  CHECK(c.dest.method == FwdMethod::kMasq);
  CHECK(c.dest.weight == 3);
  CHECK(c.dest.u_threshold == 100u);
  CHECK(c.dest.l_threshold == 10u);

  c = ok("-a -t 192.0.2.100:80 -r 192.0.2.11");
  CHECK(c.dest.method == FwdMethod::kRoute);  // -g is the default
  CHECK(c.dest.weight == 1);
  CHECK(c.dest.port == 80);  // the service port
  // DR and TUN: the real-server port is forced to the service port.
  CHECK(ok("-a -t 192.0.2.100:80 -r 192.0.2.11:8080 -g").dest.port == 80);
  CHECK(ok("-a -t 192.0.2.100:80 -r 192.0.2.11:8080 -i").dest.port == 80);
  CHECK(ok("-a -t 192.0.2.100:80 -r 192.0.2.11:8080 -m").dest.port == 8080);
  // ... but not for firewall-mark services.
  CHECK(ok("-a -f 1 -r 192.0.2.11:8080 -g").dest.port == 8080);
  // -r before -t: the service port is not known yet when -r is read (NAT keeps 0).
  CHECK(ok("-a -r 192.0.2.11 -m -t 192.0.2.100:80").dest.port == 0);
  CHECK(ok("-a -t 1.2.3.4:80 -r 5.6.7.8 -w 0").dest.weight == 0);
  CHECK(ok("-a -t 1.2.3.4:80 -r 5.6.7.8 -w 2147483647").dest.weight == 2147483647);
  CHECK(ok("--add-server -t 1.2.3.4:80 --real-server 5.6.7.8 --ipip --weight=5").dest.method == FwdMethod::kTunnel);
  c = ok("-a -t 1.2.3.4:80 -r 5.6.7.8 -i --tun-type gue --tun-port 6080 --tun-csum");
  CHECK(c.dest.tun_type == "gue");
  CHECK(c.tun_port == 6080);
  CHECK(c.tun_flags == kTunFlagCsum);
  CHECK(ok("-a -t 1.2.3.4:80 -r 5.6.7.8 -i --tun-type ipip").dest.tun_type == "ipip");
  CHECK(ok("-e -t 1.2.3.4:80 -r 5.6.7.8 -m -w 2").command == Command::kEditDest);
  CHECK(ok("-d -t 1.2.3.4:80 -r 5.6.7.8").command == Command::kDeleteDest);
}

TEST_CASE("list, save, zero, flush, restore, --set, daemon, help, version") {
  IpvsadmCommand c = ok("-Ln");
  CHECK(c.command == Command::kList);
  CHECK(c.list.numeric);
  c = ok("-Lnc");
  CHECK(c.list.connections);
  c = ok("-l -n --stats --exact --nosort --sort");
  CHECK(c.list.stats);
  CHECK(c.list.exact);
  CHECK(c.list.nosort);
  CHECK(ok("-L --rate -X").list.rate);
  CHECK(ok("-L --thresholds").list.thresholds);
  CHECK(ok("-L --persistent-conn").list.persistent_conn);
  CHECK(ok("-L -c --persistent-conn").list.persistent_conn);
  CHECK(ok("-L --timeout").list.timeout);
  CHECK(ok("-L --daemon").list.daemon);
  CHECK(ok("-L --tun-info").list.tun_info);
  c = ok("-L -n -t 192.168.10.100:80");
  CHECK(c.has_service);
  CHECK(c.service.key.port == 80);
  CHECK(ok("").command == Command::kList);  // bare `ipvsadm` lists
  CHECK(ok("-S").command == Command::kSave);
  CHECK(ok("-S -n").list.numeric);
  CHECK(ok("-Z").command == Command::kZero);
  CHECK(ok("-Z -t 1.2.3.4:80").has_service);
  CHECK(ok("-C").command == Command::kFlush);
  CHECK(ok("--clear").command == Command::kFlush);
  CHECK(ok("-R").command == Command::kRestore);
  c = ok("--set 1800 60 30");
  CHECK(c.command == Command::kSetTimeout);
  CHECK(c.timeouts.tcp == 1800u);
  CHECK(c.timeouts.tcp_fin == 60u);
  CHECK(c.timeouts.udp == 30u);
  CHECK(ok("--set 0 0 0").timeouts.udp == 0u);
  c =
      ok("--start-daemon master --mcast-interface eth1 --syncid 7 --mcast-group 224.0.0.82 "
         "--mcast-port 8849 --mcast-ttl 2 --sync-maxlen 1400");
  CHECK(c.command == Command::kStartDaemon);
  CHECK(c.daemon.master);
  CHECK(c.daemon.mcast_ifn == "eth1");
  CHECK(c.daemon.syncid == 7);
  CHECK(c.daemon.mcast_group == ip("224.0.0.82"));
  CHECK(c.daemon.mcast_port == 8849);
  CHECK(c.daemon.mcast_ttl == 2);
  CHECK(c.daemon.sync_maxlen == 1400);
  CHECK(ok("--start-daemon backup").daemon.mcast_ifn == "eth0");
  CHECK_FALSE(ok("--stop-daemon backup").daemon.master);
  CHECK(ok("-h").command == Command::kHelp);
  CHECK(ok("--version").command == Command::kVersion);
}

TEST_CASE("ipvsadm's option-table errors") {
  CHECK(err("-A -t 1.2.3.4:80 -m") == "Illegal 'forwarding-method' option with the 'add-service' command");
  CHECK(err("-A -t 1.2.3.4:80 -r 5.6.7.8") == "Illegal 'real-server' option with the 'add-service' command");
  CHECK(err("-A -s rr") == "You need to supply the 'service-address' option for the 'add-service' command");
  CHECK(err("-a -t 1.2.3.4:80") == "You need to supply the 'real-server' option for the 'add-server' command");
  CHECK(err("-D -t 1.2.3.4:80 -s rr") == "Illegal 'scheduler' option with the 'delete-service' command");
  CHECK(err("-d -t 1.2.3.4:80 -r 5.6.7.8 -w 2") == "Illegal 'weight' option with the 'delete-server' command");
  CHECK(err("-L -c -t 1.2.3.4:80") ==
        "The option 'service-address' conflicts with the 'connection' option in the 'list' command");
  CHECK(err("-L --timeout --daemon") ==
        "The option 'daemon' conflicts with the 'timeout' option in the 'list' command");
  CHECK(err("-S -c") == "Illegal 'connection' option with the 'save' command");
  CHECK(err("-C -n") == "Illegal 'numeric' option with the 'flush' command");
  CHECK(err("-A -t 1.2.3.4:80 -s rr -s wrr") == "multiple 'scheduler' options specified");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -m -g") == "multiple 'forwarding-method' options specified");
  CHECK(err("-L -n -n") == "multiple 'numeric' options specified");
  CHECK(err("-L -c --stats") == "options conflicts in the list command");
  CHECK(err("-L --timeout --persistent-conn") == "options conflicts in the list command");
  CHECK(status("-A -t 1.2.3.4:80 -m") == 2);
}

TEST_CASE("ipvsadm's value errors") {
  CHECK(err("-A -t 1.2.3.4 -s rr") == "Zero port specified for non-persistent service");
  CHECK(err("-A -t 1.2.3.4:80 -o") == "One-Packet Scheduling is only for UDP virtual services");
  CHECK(ok("-A -f 3 -o").service.one_packet);  // fwmark services may use -o
  CHECK(err("-A -t www.example.com:80") == "illegal virtual server address[:port] specified");
  CHECK(err("-A -t 1.2.3.4:http") == "illegal virtual server address[:port] specified");
  CHECK(err("-A -t 1.2.3.4:65536") == "illegal virtual server address[:port] specified");
  CHECK(err("-A -t 80") == "illegal virtual server address[:port] specified");
  CHECK(err("-A -t 1.2.3.256:80") == "illegal virtual server address[:port] specified");
  CHECK(err("-a -t 1.2.3.4:80 -r rs1.example.com") == "illegal real server address[:port] specified");
  CHECK(err("-A -f 0") == "invalid fwmark value `0' specified");
  CHECK(err("-A -f 4294967296") == "invalid fwmark value `4294967296' specified");
  CHECK(err("-A -f x") == "invalid fwmark value `x' specified");
  CHECK(err("-A -t 1.2.3.4:80 -p 0") == "invalid timeout value `0' specified");
  CHECK(err("-A -t 1.2.3.4:80 -p 2678401") == "invalid timeout value `2678401' specified");
  CHECK(ok("-A -t 1.2.3.4:80 -p 2678400").service.persistent_timeout == 2678400u);
  CHECK(err("-A -t 1.2.3.4:80 -p rr") == "invalid timeout value `rr' specified");
  CHECK(err("-A -t 1.2.3.4:80 -p -M netmask") == "illegal virtual server persistent mask specified");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -w -1") == "illegal weight specified");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -w 2147483648") == "illegal weight specified");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -w 1.5") == "illegal weight specified");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -x 65536") == "illegal u_threshold specified");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -y abc") == "illegal l_threshold specified");
  CHECK(ok("-a -t 1.2.3.4:80 -r 5.6.7.8 -x 65535").dest.u_threshold == 65535u);
  CHECK(err("-A -t 1.2.3.4:80 -s xyz") == "Scheduler or persistence engine not found");
  CHECK(status("-A -t 1.2.3.4:80 -s xyz") == 255);
  CHECK(err("-A -t 1.2.3.4:80 --pe http") == "Scheduler or persistence engine not found");
  CHECK(err("-A -t 1.2.3.4:80 -b sh-port") == "incompatible scheduler flag `sh-port'");
  CHECK(err("-A -t 1.2.3.4:80 -s rr -b mh-port") == "incompatible scheduler flag `mh-port'");
  CHECK(err("-A -t 1.2.3.4:80 -s sh -b bogus") == "invalid scheduler flag `bogus'");
  CHECK(ok("-A -t 1.2.3.4:80 -s rr -b flag-3,flag-1").service.sched_flags == "flag-1,flag-3");
  CHECK(err("--set 900 120") == "--set option requires 3 timeout values");
  CHECK(err("--set 900 120 x") == "invalid timeout value `x' specified");
  CHECK(err("--set 900 120 300 400") == "unexpected argument 400");
  CHECK(err("-L extra") == "unexpected argument extra");
  CHECK(err("--start-daemon primary") == "illegal start-daemon parameter specified");
  CHECK(err("--stop-daemon primary") == "illegal start_daemon specified");
  CHECK(err("--start-daemon master --syncid 256") == "illegal syncid specified");
  CHECK(err("--start-daemon master --mcast-group 10.0.0.1") == "invalid IPv4 mcast-group `10.0.0.1'");
  CHECK(err("--start-daemon master --mcast-port 0") == "illegal mcast-port specified");
  CHECK(err("--start-daemon master --mcast-ttl 256") == "illegal mcast-ttl specified");
  CHECK(err("--start-daemon master --sync-maxlen 65508") == "illegal sync-maxlen specified");
}

TEST_CASE("tunnel option errors (ipvsadm 1.31)") {
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -m --tun-type ipip") == "Tunnel options conflict with forward method");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -i --tun-type vxlan") == "illegal tunnel type specified");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -i --tun-type gue") ==
        "You need to supply the 'tun-port' option for the 'gue' tunnel type");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -i --tun-port 6080") ==
        "Illegal 'tun-port' option with the 'ipip' tunnel type");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -i --tun-type gue --tun-port 1 --tun-csum --tun-nocsum") ==
        "The option 'tun-csum' conflicts with the 'tun-nocsum' option in the 'gue' tunnel type");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -i --tun-type gre --tun-remcsum") ==
        "Illegal 'tun-remcsum' option with the 'gre' tunnel type");
  CHECK(err("-a -t 1.2.3.4:80 -r 5.6.7.8 -i --tun-type gue --tun-port 0") == "illegal tunnel port specified");
}

TEST_CASE("popt behaviour: command first, bundling, unknown options") {
  const std::string try_help = "Try `ipvsadm -h' or 'ipvsadm --help' for more information.";
  CHECK(err("-t 1.2.3.4:80 -A") == try_help);  // the first option must be the command
  CHECK(status("-t 1.2.3.4:80 -A") == 255);
  CHECK(err("--bogus") == try_help);
  CHECK(err("1.2.3.4") == try_help);
  CHECK(err("-A -t 1.2.3.4:80 --bogus") == "--bogus: unknown option");
  CHECK(err("-A -t 1.2.3.4:80 -q") == "-q: unknown option");
  CHECK(err("-a -t 1.2.3.4:80 -r") == "-r: missing argument");
  CHECK(err("-L --stats=1") == "--stats=1: option does not take an argument");
  CHECK(err("-A -t 1.2.3.4:80 -a") == "invalid option `-a'");
  CHECK(err("-A -t 1.2.3.4:80 --set") == "invalid option `--set'");
  CHECK(ok("-A -t1.2.3.4:80 -srr").service.scheduler == "rr");
  CHECK(ok("-A -t 1.2.3.4:80 -- ").service.key.port == 80);
  CHECK(err("-A -- -t 1.2.3.4:80") == "unexpected argument -t");
}

TEST_CASE("shell-like line splitting") {
  std::string error;
  auto w = split_words("  -A  -t '1.2.3.4:80'\t-s \"rr\" a\\ b ''", error);
  REQUIRE(w);
  CHECK(*w == std::vector<std::string>{"-A", "-t", "1.2.3.4:80", "-s", "rr", "a b", ""});
  CHECK_FALSE(split_words("-A -t '1.2.3.4", error));
  CHECK(error == "unterminated single quote");
  CHECK_FALSE(split_words("-A \"x", error));
  CHECK(error == "unterminated double quote");
  CHECK(ok("/sbin/ipvsadm -C").command == Command::kFlush);
  CHECK(err("-A -t '1.2.3.4") == "unterminated single quote");
}

TEST_CASE("IPv6 is recognised and refused") {
  CHECK(err("-A -t [2001:db8::1]:80") == "lvslab: IPv6 virtual services are not modelled");
  CHECK(err("-A -f 1 -6") == "lvslab: IPv6 firewall-mark services are not modelled");
  CHECK(err("-A -t 1.2.3.4:80 -6") == "-6 used before -f\n");
}
