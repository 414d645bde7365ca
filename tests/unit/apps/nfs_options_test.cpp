// NFS mount options, the RPC timing Linux derives from them, autofs map files.
#include <doctest/doctest.h>

#include "sim/apps/autofs_maps.hpp"
#include "sim/apps/mount_table.hpp"
#include "sim/apps/nfs_options.hpp"

namespace lvs {

TEST_CASE("nfs options: defaults and the TCP timeout as nfs_init_timeout_values computes it") {
  NfsMountOptions o;
  std::string err;
  REQUIRE(parse_nfs_options("", &o, &err));
  CHECK_FALSE(o.soft);
  CHECK_FALSE(o.read_only);
  RpcTimeout t = nfs_rpc_timeout(o);
  CHECK(t.initval == 60 * kSecond);
  CHECK(t.increment == 60 * kSecond);
  CHECK(t.maxval == 180 * kSecond);
  CHECK(t.major_span() == 180 * kSecond);  // timeo × (retrans + 1)

  NfsMountOptions s;
  REQUIRE(parse_nfs_options("ro,soft,intr,timeo=10,retrans=2,rsize=5000", &s, &err));
  CHECK(s.soft);
  CHECK(s.intr);
  CHECK(s.read_only);
  CHECK(s.rsize == 4096);  // rounded down to a multiple of 1024
  t = nfs_rpc_timeout(s);
  CHECK(t.initval == kSecond);
  CHECK(t.major_span() == 3 * kSecond);

  NfsMountOptions big;
  REQUIRE(parse_nfs_options("timeo=5000,retrans=3,rsize=9999999", &big, &err));
  t = nfs_rpc_timeout(big);
  CHECK(t.initval == 500 * kSecond);
  CHECK(t.maxval == 600 * kSecond);  // NFS_MAX_TCP_TIMEOUT
  CHECK(t.major_span() == 600 * kSecond);
  CHECK(big.rsize == 1024 * 1024);

  NfsMountOptions bad;
  CHECK_FALSE(parse_nfs_options("timeo=abc", &bad, &err));
  CHECK(err == "an incorrect mount option was specified: timeo=abc");
}

TEST_CASE("nfs options: the kernel's bounds on timeo and retrans, and the 600 s cap without overflow") {
  std::string err;
  for (const char* bad : {"timeo=0", "timeo=2147483648", "retrans=2147483648", "retrans=-1", "rsize=4294967296",
                          "timeo=99999999999999999999"}) {
    NfsMountOptions o;
    CHECK_FALSE(parse_nfs_options(bad, &o, &err));
    CHECK(err == std::string("an incorrect mount option was specified: ") + bad);
  }
  // Was a signed overflow (100 s × 10^8 ns) that wrapped negative: a soft mount gave
  // up after timeo (100 s) instead of the 600 s cap.
  NfsMountOptions o;
  REQUIRE(parse_nfs_options("soft,timeo=1000,retrans=100000000", &o, &err));
  RpcTimeout t = nfs_rpc_timeout(o);
  CHECK(t.initval == 100 * kSecond);
  CHECK(t.maxval == 600 * kSecond);
  CHECK(t.major_span() == 600 * kSecond);
  REQUIRE(parse_nfs_options("soft,timeo=10,retrans=100000000", &o, &err));
  t = nfs_rpc_timeout(o);
  CHECK(t.initval == kSecond);
  CHECK(t.major_span() == 600 * kSecond);
  REQUIRE(parse_nfs_options("timeo=2147483647,retrans=2147483647", &o, &err));
  t = nfs_rpc_timeout(o);
  CHECK(t.initval == 600 * kSecond);
  CHECK(t.maxval == 600 * kSecond);
  CHECK(t.major_span() == 600 * kSecond);
  // retrans=0 is a value of its own: the major timeout comes with the first one.
  REQUIRE(parse_nfs_options("timeo=10,retrans=0", &o, &err));
  t = nfs_rpc_timeout(o);
  CHECK(t.retries == 0);
  CHECK(t.major_span() == kSecond);
}

TEST_CASE("nfs options: retrans=0 means no retry, as in Linux 6.1 (found by the autofs fuzz target)") {
  NfsMountOptions o;
  std::string err;
  REQUIRE(parse_nfs_options("soft,timeo=10,retrans=0", &o, &err));
  const RpcTimeout t = nfs_rpc_timeout(o);
  CHECK(t.retries == 0);
  CHECK(t.initval == kSecond);
  CHECK(t.maxval == kSecond);        // initval + increment x 0
  CHECK(t.major_span() == kSecond);  // a soft mount gives up after the first timeout
  NfsMountOptions unspecified;       // no retrans option: NFS_DEF_TCP_RETRANS
  REQUIRE(parse_nfs_options("soft,timeo=10", &unspecified, &err));
  CHECK(nfs_rpc_timeout(unspecified).retries == 2);
  CHECK(nfs_rpc_timeout(unspecified).major_span() == 3 * kSecond);
}

TEST_CASE("nfs options: the lab's mount listing") {
  NfsMountOptions o;
  std::string err;
  REQUIRE(parse_nfs_options("timeout,ro,soft,intr", &o, &err));
  CHECK(nfs_mount_listing_options(o, "192.168.10.103") == "ro,timeout,soft,intr,addr=192.168.10.103");
  MountTable table;
  table.add(
      MountEntry{"192.168.10.103:/public", "/var/www/html", "nfs", nfs_mount_listing_options(o, "192.168.10.103")});
  REQUIRE(table.listing().size() == 1);
  CHECK(table.listing()[0] ==
        "192.168.10.103:/public on /var/www/html type nfs (ro,timeout,soft,intr,addr=192.168.10.103)");
  CHECK(table.remove("/var/www/html"));
  CHECK_FALSE(table.remove("/var/www/html"));
}

TEST_CASE("autofs: auto.master as the lab writes it") {
  const auto m = parse_auto_master("/misc   /etc/auto.misc\n/var/www /etc/auto.htmount --timeout\n+auto.master\n");
  REQUIRE(m.ok());
  REQUIRE(m.entries.size() == 2);
  CHECK(m.entries[0].mount_point == "/misc");
  CHECK(m.entries[0].map == "/etc/auto.misc");
  CHECK(m.entries[0].timeout == kAutofsDefaultTimeout);
  CHECK(m.entries[1].mount_point == "/var/www");
  CHECK(m.entries[1].timeout == kAutofsDefaultTimeout);                      // a bare --timeout sets no timeout...
  CHECK(m.entries[1].mount_options == std::vector<std::string>{"timeout"});  // ...it becomes a mount option
  CHECK(m.entries[1].line == 2);
}

TEST_CASE("autofs: timeouts, options and errors in auto.master") {
  auto m = parse_auto_master(
      "/a file:/etc/auto.a --timeout=60 -rw,hard\n/b auto.b --timeout 5 --ghost\n/c /etc/auto.c -t 0\n");
  REQUIRE(m.ok());
  CHECK(m.entries[0].timeout == 60 * kSecond);
  CHECK(m.entries[0].map == "/etc/auto.a");
  CHECK(m.entries[0].mount_options == std::vector<std::string>{"rw", "hard"});
  CHECK(m.entries[1].timeout == 5 * kSecond);
  CHECK(m.entries[1].map == "/etc/auto.b");
  CHECK(m.entries[2].timeout == 0);
  m = parse_auto_master("# x\n/a /etc/auto.a\n/b /etc/auto.b --timeout=soon\n");
  CHECK(m.error == "/etc/auto.master:3: bad timeout \"--timeout=soon\"");
  CHECK(m.error_line == 3);
  m = parse_auto_master("/- /etc/auto.direct\n");
  CHECK(m.error_line == 1);
  m = parse_auto_master("/a program:/bin/x\n");
  CHECK(m.error == "/etc/auto.master:1: map type \"program\" is not modelled (only file maps)");
  m = parse_auto_master("/a\n");
  CHECK(m.error == "/etc/auto.master:1: no map given for mount point /a");
}

TEST_CASE("autofs: indirect maps with per-key options and a wildcard key") {
  const auto map = parse_auto_map(
      "html            -ro,soft,intr           192.168.10.103:/public\n"
      "# comment\n"
      "data 10.0.0.1:/srv/data\n"
      "*  -rw  nfs1:/home/&\n",
      "/etc/auto.htmount");
  REQUIRE(map.ok());
  AutoMapEntry e;
  REQUIRE(lookup_auto_map(map, "html", &e));
  CHECK(e.options == "ro,soft,intr");
  CHECK(e.host == "192.168.10.103");
  CHECK(e.path == "/public");
  CHECK(e.line == 1);
  REQUIRE(lookup_auto_map(map, "data", &e));
  CHECK(e.options.empty());
  CHECK(e.line == 3);
  REQUIRE(lookup_auto_map(map, "alice", &e));
  CHECK(e.host == "nfs1");
  CHECK(e.path == "/home/alice");
  const auto bad = parse_auto_map("ok 1.2.3.4:/x\nbroken -ro\n", "/etc/auto.x");
  CHECK(bad.error == "/etc/auto.x:2: entry \"broken\" has no location (expected host:/path)");
  const auto rel = parse_auto_map("k 1.2.3.4:x\n", "/etc/auto.x");
  CHECK(rel.error_line == 1);
}

}  // namespace lvs
