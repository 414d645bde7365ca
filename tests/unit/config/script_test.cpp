// run_script: here-documents, prompts, comments, chains, files and /proc/sys, the
// transcript entries (origin, prompt, status) and "not understood" lines.
#include <doctest/doctest.h>

#include "sim/net/host.hpp"
#include "tests/unit/config/config_fixture.hpp"

namespace lvs::test {
namespace {

using config::run_script;

TEST_CASE("a transcript: prompts stripped, comments skipped, one entry per line with its origin") {
  ShellFixture f;
  const auto t =
      run_script(f.machine,
                 "#!/bin/bash\n"
                 "# the real server's VIP\n"
                 "[root@rs1 ~]# ifconfig lo:0 192.168.10.10 netmask 255.255.255.255 broadcast 192.168.10.10 up\n"
                 "\n"
                 "route add -host 192.168.10.10 dev lo:0\n",
                 "rs1/setup.sh");
  REQUIRE(t.size() == 2);
  CHECK(t[0].origin.file == "rs1/setup.sh");
  CHECK(t[0].origin.line == 3);
  CHECK(t[0].prompt == "[root@rs1 ~]# ");
  CHECK(t[0].command == "ifconfig lo:0 192.168.10.10 netmask 255.255.255.255 broadcast 192.168.10.10 up");
  CHECK(t[1].origin.line == 5);
  CHECK(t[1].status == 0);
  CHECK(f.run("ip route") == "192.168.10.10 dev lo scope link src 192.168.10.10 \n");
}

TEST_CASE("'# ip ...' is root's prompt in a copied session, a comment in a #! script") {
  ShellFixture f;
  const auto session = run_script(f.machine, "# ip link set veth0 down\n", "session.txt");
  REQUIRE(session.size() == 1);
  CHECK(session[0].command == "ip link set veth0 down");
  CHECK_FALSE(f.host.find_iface("veth0")->up);
  const auto script = run_script(f.machine, "#!/bin/bash\n# ip forwarding on the director\n", "setup.sh");
  CHECK(script.empty());
}

TEST_CASE("echo V > /proc/sys/... sets the sysctl and records it; cat reads it back") {
  ShellFixture f;
  const auto t =
      run_script(f.machine,
                 "echo 1 > /proc/sys/net/ipv4/conf/lo/arp_ignore\n"
                 "echo 2 > /proc/sys/net/ipv4/conf/lo/arp_announce; cat /proc/sys/net/ipv4/conf/lo/arp_announce\n"
                 "sysctl -w net.ipv4.ip_forward=1\n",
                 "setup.sh");
  REQUIRE(t.size() == 3);
  CHECK(t[1].output == "2\n");
  const auto& w = f.machine.sysctl_writes();
  REQUIRE(w.size() == 3);
  CHECK(w[0].key == "net.ipv4.conf.lo.arp_ignore");
  CHECK(w[0].value == "1");
  CHECK(w[0].origin.line == 1);
  CHECK(w[1].key == "net.ipv4.conf.lo.arp_announce");
  CHECK(w[2].key == "net.ipv4.ip_forward");
  CHECK(w[2].origin.line == 3);
  CHECK(f.host.sysctls().get("net.ipv4.conf.lo.arp_ignore") == "1");
  int status = -1;
  CHECK(f.run("echo 1 > /proc/sys/net/ipv4/no_such_key", &status) ==
        "-bash: /proc/sys/net/ipv4/no_such_key: No such file or directory\n");
  CHECK(status == 1);
  CHECK(f.run("echo abc > /proc/sys/net/ipv4/ip_forward", &status) == "-bash: echo: write error: Invalid argument\n");
  CHECK(status == 1);
  CHECK(f.machine.sysctl_writes().size() == 3);
}

TEST_CASE("sysctl -p reads /etc/sysctl.conf by default; a missing file is refused as procps does") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("sysctl -p", &status) == "sysctl: cannot open \"/etc/sysctl.conf\": No such file or directory\n");
  CHECK(status == 1);
  f.machine.files()["/etc/sysctl.conf"] = "# LVS-NAT director\nnet.ipv4.ip_forward = 1\n";
  CHECK(f.run("sysctl -p", &status) == "net.ipv4.ip_forward = 1\n");
  CHECK(status == 0);
  CHECK(f.run("sysctl -n net.ipv4.ip_forward") == "1\n");
  // procps names the line of a line without '=' and goes on.
  f.machine.files()["/etc/sysctl.d/lvs.conf"] = "net.ipv4.ip_forward = 1\nnonsense\n";
  CHECK(f.run("sysctl -p /etc/sysctl.d/lvs.conf", &status) ==
        "net.ipv4.ip_forward = 1\nsysctl: /etc/sysctl.d/lvs.conf(2): invalid syntax, continuing...\n");
  CHECK(status == 0);
  CHECK(f.run("sysctl net/ipv4/ip_forward") == "net.ipv4.ip_forward = 1\n");
}

TEST_CASE("cat > FILE <<EOF writes the here-document; the transcript shows the continuation lines") {
  ShellFixture f;
  const auto t = run_script(f.machine,
                            "cat > /etc/exports <<EOF\n"
                            "/public 192.168.10.0/24(ro)\n"
                            "EOF\n"
                            "cat /etc/exports\n",
                            "nfs.sh");
  REQUIRE(t.size() == 2);
  CHECK(t[0].command == "cat > /etc/exports <<EOF\n> /public 192.168.10.0/24(ro)\n> EOF");
  CHECK(f.machine.files().at("/etc/exports") == "/public 192.168.10.0/24(ro)\n");
  CHECK(t[1].output == "/public 192.168.10.0/24(ro)\n");
  CHECK(t[1].origin.line == 4);
}

TEST_CASE("echo >> appends, cp copies, cd makes names relative and changes the prompt") {
  ShellFixture f;
  run_script(f.machine,
             "cd /var/www/html\n"
             "echo 'rs1' > index.html\n"
             "echo \"second line\" >> index.html\n"
             "cp index.html /tmp/\n",
             "web.sh");
  CHECK(f.machine.files().at("/var/www/html/index.html") == "rs1\nsecond line\n");
  CHECK(f.machine.files().at("/tmp/index.html") == "rs1\nsecond line\n");
  CHECK(f.machine.prompt() == "[root@rs1 html]# ");
  int status = -1;
  CHECK(f.run("cp /nope /tmp/x", &status) == "cp: cannot stat '/nope': No such file or directory\n");
  CHECK(status == 1);
  CHECK(f.run("cat /nope", &status) == "cat: /nope: No such file or directory\n");
  CHECK(status == 1);
}

TEST_CASE("&& stops at a failure, || runs on one") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("cat /nope && echo yes", &status) == "cat: /nope: No such file or directory\n");
  CHECK(status == 1);
  CHECK(f.run("cat /nope || echo fallback", &status) == "cat: /nope: No such file or directory\nfallback\n");
  CHECK(status == 0);
  CHECK(f.run("echo a; echo b") == "a\nb\n");
}

TEST_CASE("what lvslab does not model is reported with file:line, and the script goes on") {
  ShellFixture f;
  const auto t = run_script(f.machine,
                            "iptables -t nat -A POSTROUTING -j MASQUERADE\n"
                            "ipvsadm -Ln | grep TCP\n"
                            "echo after\n",
                            "rs1/setup.sh");
  REQUIRE(t.size() == 3);
  CHECK_FALSE(t[0].understood);
  CHECK(t[0].output == "lvslab: rs1/setup.sh:1: not understood: iptables -t nat -A POSTROUTING -j MASQUERADE\n");
  CHECK_FALSE(t[1].understood);
  CHECK(t[1].output == "lvslab: rs1/setup.sh:2: not understood: pipes (|) in: ipvsadm -Ln | grep TCP\n");
  CHECK(t[2].understood);
  CHECK(t[2].output == "after\n");
}

TEST_CASE("lvslab's note is not the command's stderr: 2>/dev/null does not hide it") {
  ShellFixture f;
  const auto t = run_script(f.machine, "nosuchtool x 2>/dev/null\n", "s.sh");
  REQUIRE(t.size() == 1);
  CHECK_FALSE(t[0].understood);
  CHECK(t[0].output == "lvslab: s.sh:1: not understood: nosuchtool x 2>/dev/null\n");
}

TEST_CASE("bash's syntax errors are bash's, with exit status 2") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("echo a ;; echo b", &status) == "-bash: syntax error near unexpected token `;'\n");
  CHECK(status == 2);
}

}  // namespace
}  // namespace lvs::test

namespace lvs::test {
namespace {

TEST_CASE("a sysctl Linux has and lvslab does not model is 'not understood', never 'No such file'") {
  ShellFixture f;
  for (const char* line : {"echo 1 > /proc/sys/net/ipv4/vs/conntrack", "sysctl -w net.core.somaxconn=1024",
                           "sysctl net.ipv4.tcp_syncookies", "cat /proc/sys/net/ipv4/conf/all/accept_source_route"}) {
    const auto t = config::run_script(f.machine, line, "s.sh");
    REQUIRE(t.size() == 1);
    CHECK_MESSAGE(!t[0].understood, line);
    CHECK_MESSAGE(t[0].output.find("not understood") != std::string::npos, line);
    CHECK_MESSAGE(t[0].output.find("No such file") == std::string::npos, line);
  }
  // A key Linux does not have is what sysctl says it is.
  int status = -1;
  CHECK(f.run("sysctl -w net.ipv4.ip_forwar=1", &status) ==
        "sysctl: cannot stat /proc/sys/net/ipv4/ip_forwar: No such file or directory\n");
  CHECK(status == 1);
}

}  // namespace
}  // namespace lvs::test

namespace lvs::test {
namespace {

TEST_CASE("echo -n / -e and printf write what bash writes") {
  ShellFixture f;
  CHECK(f.run("echo -n 1") == "1");
  CHECK(f.run("echo -e 'a\\tb\\nc'") == "a\tb\nc\n");
  CHECK(f.run("echo 'a\\tb'") == "a\\tb\n");
  CHECK(f.run("printf '%s=%d\\n' ip_forward 1") == "ip_forward=1\n");
  CHECK(f.run("printf 'a\\n' > /tmp/p; cat /tmp/p") == "a\n");
}

TEST_CASE("sysctl -q writes quietly, -e ignores unknown keys, K=V without -w writes") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("sysctl -q -w net.ipv4.ip_forward=1", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("sysctl -e net.ipv4.nosuch", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("sysctl net.ipv4.conf.all.arp_ignore=1") == "net.ipv4.conf.all.arp_ignore = 1\n");
  CHECK(f.machine.sysctl_writes().size() == 2);
}

TEST_CASE("mkdir: refuses what exists (a file, or a folder holding files unless -p), as coreutils words it") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("mkdir /public", &status) == "");
  CHECK(status == 0);
  CHECK(f.run("echo 'from nfs server!' > /public/index.html", &status) == "");
  CHECK(f.run("mkdir /public", &status) ==
        "mkdir: cannot create directory \xe2\x80\x98/public\xe2\x80\x99: File exists\n");
  CHECK(status == 1);
  CHECK(f.run("mkdir -p /public", &status) == "");
  CHECK(status == 0);
  CHECK(f.run("mkdir /public/index.html", &status) ==
        "mkdir: cannot create directory \xe2\x80\x98/public/index.html\xe2\x80\x99: File exists\n");
  CHECK(f.run("mkdir -pv /data/www", &status) ==
        "mkdir: created directory \xe2\x80\x98/data\xe2\x80\x99\n"
        "mkdir: created directory \xe2\x80\x98/data/www\xe2\x80\x99\n");
  CHECK(f.run("mkdir -pv /var/www/html", &status) ==
        "mkdir: created directory \xe2\x80\x98/var/www\xe2\x80\x99\n"
        "mkdir: created directory \xe2\x80\x98/var/www/html\xe2\x80\x99\n");
  CHECK(f.run("mkdir", &status) == "mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
  CHECK(status == 1);
}

TEST_CASE("touch creates a missing file empty and keeps an existing one (CentOS 7's rc.local line)") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("touch /var/lock/subsys/local", &status) == "");
  CHECK(status == 0);
  CHECK(f.machine.files().at("/var/lock/subsys/local").empty());
  f.machine.files()["/etc/exports"] = "/public 192.168.10.0/24(ro)\n";
  CHECK(f.run("touch /etc/exports", &status) == "");
  CHECK(f.machine.files().at("/etc/exports") == "/public 192.168.10.0/24(ro)\n");
  CHECK(f.run("touch -c /nowhere", &status) == "");
  CHECK_FALSE(f.machine.files().contains("/nowhere"));
  CHECK(f.run("touch", &status) == "touch: missing file operand\nTry 'touch --help' for more information.\n");
  CHECK(status == 1);
}

TEST_CASE("chmod: no modes are kept, a missing file is refused as coreutils words it") {
  ShellFixture f;
  int status = -1;
  f.machine.files()["/etc/rc.d/rc.local"] = "#!/bin/bash\n";
  CHECK(f.run("chmod +x /etc/rc.d/rc.local", &status) == "");
  CHECK(status == 0);
  CHECK(f.run("chmod -R 755 /etc/rc.d", &status) == "");
  CHECK(status == 0);
  CHECK(f.run("chmod +x /etc/rc.local", &status) ==
        "chmod: cannot access \xe2\x80\x98/etc/rc.local\xe2\x80\x99: No such file or directory\n");
  CHECK(status == 1);
  CHECK(f.run("chmod +x", &status) ==
        "chmod: missing operand after \xe2\x80\x98+x\xe2\x80\x99\nTry 'chmod --help' for more information.\n");
  CHECK(status == 1);
}

}  // namespace
}  // namespace lvs::test

namespace lvs::test {
namespace {

TEST_CASE("a host's session keeps at most kMaxSessionOutputBytes of output, says so once, and still runs the rest") {
  ShellFixture f;
  f.machine.files()["/big"] = std::string(1u << 20, 'x');  // 1 MiB: the most a file holds
  std::string script;
  for (int i = 0; i < 6; ++i) script += "cat /big\n";
  script += "sysctl -w net.ipv4.ip_forward=1\n";
  const auto t = config::run_script(f.machine, script, "setup.sh");
  REQUIRE(t.size() == 7);
  std::size_t kept = 0;
  for (const auto& e : t) kept += e.output.size();
  CHECK(kept < config::kMaxSessionOutputBytes + 200);
  CHECK(t[4].output.ends_with(
      "\nlvslab: setup.sh:5: this host's session printed more than 4 MiB; the rest of its output is not kept\n"));
  CHECK(t[5].output.empty());
  CHECK(t[6].output.empty());
  CHECK(f.host.sysctls().get("net.ipv4.ip_forward") == "1");  // the commands still ran
}

}  // namespace
}  // namespace lvs::test
