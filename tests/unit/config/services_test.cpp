// systemctl / service / chkconfig for the lab's units; exportfs, mount, curl, the noted lines.
#include <doctest/doctest.h>

#include "tests/unit/config/config_fixture.hpp"

namespace lvs::test {
namespace {

constexpr const char* kRules = "-A -t 192.168.10.100:80 -s rr\n-a -t 192.168.10.100:80 -r 10.0.0.7:80 -m -w 1\n";

TEST_CASE("service ipvsadm save writes ipvsadm-save -n to /etc/sysconfig/ipvsadm; systemctl enable records the unit") {
  ShellFixture f(true);
  f.run("ipvsadm -A -t 192.168.10.100:80 -s rr");
  f.run("ipvsadm -a -t 192.168.10.100:80 -r 10.0.0.7:80 -m");
  int status = -1;
  // As CentOS 7 prints it (initscripts' action(): [  OK  ] at column 60).
  CHECK(f.run("service ipvsadm save", &status) ==
        "Saving IPVS table to /etc/sysconfig/ipvsadm:               [  OK  ]\n");
  CHECK(status == 0);
  CHECK(f.machine.files().at("/etc/sysconfig/ipvsadm") == kRules);
  CHECK(f.run("systemctl enable ipvsadm") ==
        "Created symlink from /etc/systemd/system/multi-user.target.wants/ipvsadm.service to "
        "/usr/lib/systemd/system/ipvsadm.service.\n");
  CHECK(f.machine.units().at("ipvsadm").enabled);
  CHECK(f.run("systemctl enable ipvsadm").empty());  // already enabled: nothing to say
  CHECK(f.run("systemctl is-enabled ipvsadm") == "enabled\n");
}

TEST_CASE("systemctl start ipvsadm restores the rules file; stop saves and clears; a missing file fails the unit") {
  ShellFixture f(true);
  int status = -1;
  const std::string out = f.run("systemctl start ipvsadm", &status);
  CHECK(status == 1);
  CHECK(out.find("/bin/bash: /etc/sysconfig/ipvsadm: No such file or directory") != std::string::npos);
  CHECK(out.find("Job for ipvsadm.service failed") != std::string::npos);
  f.machine.files()["/etc/sysconfig/ipvsadm"] = kRules;
  CHECK(f.run("systemctl start ipvsadm", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ipvsadm-save -n") == kRules);
  CHECK(f.run("systemctl is-active ipvsadm") == "active\n");
  f.run("systemctl stop ipvsadm");
  CHECK(f.run("ipvsadm-save -n").empty());
  CHECK(f.machine.files().at("/etc/sysconfig/ipvsadm") == kRules);
  CHECK(f.run("systemctl is-active ipvsadm", &status) == "inactive\n");
  CHECK(status == 3);
}

TEST_CASE("service NAME start redirects to systemctl as CentOS 7 does; aliases name the same unit") {
  ShellFixture f;
  CHECK(f.run("service httpd start") == "Redirecting to /bin/systemctl start httpd.service\n");
  CHECK(f.machine.units().at("httpd").running);
  f.run("systemctl start nfs");
  CHECK(f.machine.units().at("nfs-server").running);
  f.run("systemctl enable --now rpcbind autofs");
  CHECK(f.machine.units().at("rpcbind").enabled);
  CHECK(f.machine.units().at("autofs").running);
  CHECK(f.run("chkconfig ipvsadm on") ==
        "Note: Forwarding request to 'systemctl enable ipvsadm.service'.\n"
        "Created symlink from /etc/systemd/system/multi-user.target.wants/ipvsadm.service to "
        "/usr/lib/systemd/system/ipvsadm.service.\n");
  int status = -1;
  CHECK(f.run("service nosuch start", &status) == "nosuch: unrecognized service\n");
  CHECK(status == 1);
}

TEST_CASE("exportfs -rv prints what it exports; a bad /etc/exports fails naming its line") {
  ShellFixture f;
  f.machine.files()["/etc/exports"] = "/public 192.168.10.0/24(ro,no_subtree_check)\n";
  int status = -1;
  CHECK(f.run("exportfs -rv", &status) == "exporting 192.168.10.0/24:/public\n");
  CHECK(status == 0);
  CHECK(f.run("exportfs -r").empty());
  f.machine.files()["/etc/exports"] = "/public 192.168.10.0/24(rx)\n";
  CHECK(f.run("exportfs -r", &status).starts_with("exportfs: /etc/exports:1:"));
  CHECK(status == 1);
}

TEST_CASE("exportfs -rv: the warning for a missing subtree option comes first, as nfs-utils reads before it exports") {
  ShellFixture f;
  f.machine.files()["/etc/exports"] = "/public 192.168.10.0/24(ro)\n";
  CHECK(f.run("exportfs -rv") ==
        "exportfs: /etc/exports [1]: Neither 'subtree_check' or 'no_subtree_check' specified for export "
        "\"192.168.10.0/24:/public\".\n"
        "  Assuming default behaviour ('no_subtree_check').\n"
        "  NOTE: this default has changed since nfs-utils version 1.0.x\n"
        "\n"
        "exporting 192.168.10.0/24:/public\n");
}

// The export table as nfs-utils 2.6 (Debian 12) keeps and lists it: dump() in
// utils/exportfs/exportfs.c, secinfo_show() in support/nfs/exports.c.
TEST_CASE("exportfs: the kernel's export table, apart from /etc/exports (-r, -a, -u, -v, bare)") {
  ShellFixture f;
  f.machine.files()["/etc/exports"] =
      "/public 192.168.10.0/24(ro,no_subtree_check) *(rw,no_subtree_check,all_squash,anonuid=48)\n"
      "/srv/very/long/path 192.168.10.5(rw,sync,no_subtree_check,no_root_squash)\n";
  int status = -1;
  CHECK(f.run("exportfs", &status).empty());  // nothing exported yet
  CHECK(status == 0);
  CHECK(f.run("exportfs -a").empty());
  // Hosts first, then networks, then everyone (exportlist[] by client type).
  CHECK(f.run("exportfs") ==
        "/srv/very/long/path\n\t\t192.168.10.5\n"
        "/public       \t192.168.10.0/24\n"
        "/public       \t<world>\n");
  CHECK(f.run("exportfs -v") ==
        "/srv/very/long/path\n\t\t192.168.10.5(sync,wdelay,hide,no_subtree_check,sec=sys,rw,secure,no_root_squash,"
        "no_all_squash)\n"
        "/public       \t192.168.10.0/24(sync,wdelay,hide,no_subtree_check,sec=sys,ro,secure,root_squash,"
        "no_all_squash)\n"
        "/public       \t<world>(sync,wdelay,hide,no_subtree_check,anonuid=48,sec=sys,rw,secure,root_squash,"
        "all_squash)\n");
  // -u takes one export out; the file is unchanged.
  CHECK(f.run("exportfs -uv '*:/public'", &status) == "unexporting *:/public\n");
  CHECK(status == 0);
  CHECK(f.machine.export_table()->size() == 2);
  CHECK(f.run("exportfs -u 10.9.9.9:/public", &status) == "exportfs: Could not find '10.9.9.9:/public' to unexport.\n");
  CHECK(status == 1);
  // A file edited later counts only after -r, which also drops what the file lost.
  f.machine.files()["/etc/exports"] = "/public 192.168.20.0/24(ro,no_subtree_check)\n";
  CHECK(f.machine.export_table()->at(1).clients[0].spec == "192.168.10.0/24");
  CHECK(f.run("exportfs -a").empty());  // added, nothing removed
  CHECK(f.machine.export_table()->size() == 3);
  CHECK(f.run("exportfs -rv") == "exporting 192.168.20.0/24:/public\n");
  CHECK(f.run("exportfs") == "/public       \t192.168.20.0/24\n");
  // One export by hand, default options; -ua empties the table.
  CHECK(f.run("exportfs -v 10.0.0.7:/tmp") == "exporting 10.0.0.7:/tmp\n");
  CHECK(f.run("exportfs") == "/tmp          \t10.0.0.7\n/public       \t192.168.20.0/24\n");
  CHECK(f.run("exportfs -ua").empty());
  CHECK(f.run("exportfs").empty());
  CHECK(f.run("exportfs -r 1.2.3.4:/x", &status) == "exportfs: extra arguments are not permitted with -a or -r\n");
  CHECK(status == 1);
  CHECK(f.run("exportfs -ru", &status) == "exportfs: -r and -u are incompatible\n");
  CHECK(status == 1);
}

TEST_CASE("systemctl start nfs-server fills the export table (exportfs -r), stop empties it (exportfs -au)") {
  ShellFixture f;
  f.machine.files()["/etc/exports"] = "/public 192.168.10.0/24(ro,no_subtree_check)\n";
  f.run("systemctl start nfs-server");
  CHECK(f.run("exportfs") == "/public       \t192.168.10.0/24\n");
  f.run("systemctl stop nfs-server");
  CHECK(f.run("exportfs").empty());
}

TEST_CASE("mount -t nfs records the mount; mount lists it; umount removes it") {
  ShellFixture f;
  int status = -1;
  CHECK(f.run("mount -t nfs -o ro,soft,intr 192.168.10.103:/public /var/www/html", &status).empty());
  CHECK(status == 0);
  REQUIRE(f.machine.mounts().size() == 1);
  CHECK(f.machine.mounts()[0].source == "192.168.10.103:/public");
  CHECK(f.machine.mounts()[0].options == "ro,soft,intr");
  CHECK(f.run("mount") == "192.168.10.103:/public on /var/www/html type nfs (ro,soft,intr)\n");
  CHECK(f.run("mount -t nfs 192.168.10.103:/public /var/www/html", &status) ==
        "mount.nfs: /var/www/html is busy or already mounted\n");
  CHECK(status == 32);
  CHECK(f.run("umount /var/www/html", &status).empty());
  CHECK(f.run("umount /var/www/html", &status) == "umount: /var/www/html: not mounted.\n");
  CHECK(status == 32);
}

TEST_CASE("curl, wget and arping are programs for the run; vim is kept with a note") {
  ShellFixture f;
  f.run("curl -s http://192.168.10.100/");
  f.run("wget -q -O - 192.168.10.100/index.html");
  REQUIRE(f.machine.requests().size() == 2);
  CHECK(f.machine.requests()[0].url == "http://192.168.10.100/");
  CHECK(f.machine.requests()[1].url == "http://192.168.10.100/index.html");
  const auto t =
      config::run_script(f.machine, "vim /etc/sysconfig/network-scripts/ifcfg-eth0\narping -c 1 -U 10.0.0.1\n", "s.sh");
  REQUIRE(t.size() == 2);
  CHECK(t[0].ignored);
  CHECK(t[0].understood);
  CHECK(t[0].output.starts_with("lvslab: s.sh:1: vim is interactive"));
  // arping -U for an address the host does not have: bind() fails (EADDRNOTAVAIL), as
  // iputils' arping does before it sends anything.
  CHECK_FALSE(t[1].ignored);
  CHECK(t[1].status == 2);
  CHECK(f.machine.arpings().empty());
  f.run("ip addr add 10.9.9.9/24 dev veth1");
  CHECK(f.run("arping -c 1 -U -I veth1 10.9.9.9") ==
        "ARPING 10.9.9.9 from 10.9.9.9 veth1\nSent 1 probes (1 broadcast(s))\nReceived 0 response(s)\n");
  REQUIRE(f.machine.arpings().size() == 1);
  CHECK(f.machine.arpings()[0].unsolicited);
  CHECK(f.machine.arpings()[0].source == f.machine.arpings()[0].target);
}

}  // namespace
}  // namespace lvs::test

namespace lvs::test {
namespace {

TEST_CASE("systemctl restart network: ifdown flushes the managed devices, then their ifup lines run again") {
  ShellFixture f;
  int status = -1;
  // Without the boot integration's plan it is not modelled, and says so.
  const auto t = config::run_script(f.machine, "systemctl restart network\n", "s.sh");
  REQUIRE(t.size() == 1);
  CHECK_FALSE(t[0].understood);
  f.machine.network_commands = [](const config::Machine&) {
    const config::Origin ifcfg{"/etc/sysconfig/network-scripts/ifcfg-veth0", 0};
    return std::vector<config::Machine::PlannedCommand>{
        {ifcfg, "ip addr add 192.168.10.11/24 brd 192.168.10.255 dev veth0 label veth0"},
        {ifcfg, "ip link set veth0 up"}};
  };
  f.run("ip addr add 10.9.9.9/8 dev veth0");  // typed after boot: a restart forgets it
  CHECK(f.run("systemctl restart network", &status).empty());
  CHECK(status == 0);
  CHECK(f.run("ip -4 addr show dev veth0") ==
        "3: veth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP group default qlen 1000\n"
        "    inet 192.168.10.11/24 brd 192.168.10.255 scope global veth0\n"
        "       valid_lft forever preferred_lft forever\n");
  f.run("systemctl stop network");
  CHECK(f.host.find_iface("veth0")->addresses.empty());
  CHECK_FALSE(f.machine.units().at("network").running);
  f.run("systemctl start network");
  CHECK(f.host.find_iface("veth0")->addresses.size() == 1);
  CHECK(f.run("service network restart") == "Restarting network (via systemctl):                        [  OK  ]\n");
  // Restarting, stopping or asking about the network service never disables it: the next
  // boot still brings the ifcfg files up (it was "disabled" after the first restart).
  CHECK(f.run("systemctl is-enabled network", &status) == "enabled\n");
  CHECK(status == 0);
  CHECK(f.machine.units().at("network").enabled);
  CHECK(f.run("systemctl is-enabled networking") == "enabled\n");
  CHECK(f.run("systemctl is-enabled httpd") == "disabled\n");
}

}  // namespace
}  // namespace lvs::test
