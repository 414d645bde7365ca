// NFS and autofs in hardware mode (sim/hw/nfs_services.hpp, host_root.hpp): the parts
// that need no kernel: reading /proc/mounts lines, and which directories of a host's own
// tree are real (the rest are links into the machine's tree). The daemons themselves
// run in the kernel test (tests/kernel, lvs-dr-nfs and nfs-export-denied).
#include <doctest/doctest.h>

#include "sim/hw/host_root.hpp"
#include "sim/hw/nfs_services.hpp"

using namespace lvs::hw;

TEST_CASE("a /proc/mounts line of the kernel's NFS client, and the line mount prints") {
  HwNfsMount m;
  REQUIRE(parse_proc_mounts_line(
      "192.168.10.103:/public /var/www/html nfs ro,relatime,vers=3,soft,proto=tcp,addr=192.168.10.103 0 0", &m));
  CHECK(m.source == "192.168.10.103:/public");
  CHECK(m.target == "/var/www/html");
  CHECK(m.type == "nfs");
  CHECK(m.options == "ro,relatime,vers=3,soft,proto=tcp,addr=192.168.10.103");
  m.host = "rs1";
  CHECK(m.mount_line() ==
        "mount: 192.168.10.103:/public on /var/www/html type nfs "
        "(ro,relatime,vers=3,soft,proto=tcp,addr=192.168.10.103)");
}

TEST_CASE("the kernel's octal escapes in /proc/mounts are decoded; a short line is refused") {
  HwNfsMount m;
  REQUIRE(parse_proc_mounts_line("srv:/my\\040docs /var/www/my\\134html nfs rw 0 0", &m));
  CHECK(m.source == "srv:/my docs");
  CHECK(m.target == "/var/www/my\\html");
  REQUIRE(parse_proc_mounts_line("a:/b /c\\04 nfs rw 0 0", &m));  // not three octal digits: kept
  CHECK(m.target == "/c\\04");
  CHECK_FALSE(parse_proc_mounts_line("srv:/x /mnt nfs", &m));
  CHECK_FALSE(parse_proc_mounts_line("", &m));
}

TEST_CASE("a host's own tree: every ancestor of its files and own directories is real, / is not") {
  HostRootSpec spec;
  spec.files = {{"/etc/exports", "/public *(ro)\n"}, {"/public/index.html", "x"}, {"/var/lib/nfs/rmtab", ""}};
  spec.empty_dirs = {"/run", "/var/lib/nfs"};
  spec.own_dirs = {"/var/www"};
  CHECK(host_root_dirs(spec) ==
        std::vector<std::string>{"/etc", "/public", "/run", "/var", "/var/lib", "/var/lib/nfs", "/var/www"});
  CHECK(host_root_dirs(HostRootSpec{}).empty());
}
