// NFS and autofs in hardware mode (sim/hw/nfs_services.hpp, host_root.hpp): the parts
// that need no kernel: reading /proc/mounts lines, and which directories of a host's own
// tree are real (the rest are links into the machine's tree). The daemons themselves
// run in the kernel test (tests/kernel, lvs-dr-nfs and nfs-export-denied).
#include <doctest/doctest.h>

#include "sim/hw/host_root.hpp"
#include "sim/hw/nfs_compare.hpp"
#include "sim/hw/nfs_services.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
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

TEST_CASE("a mount is compared on what the scenario asked: ro/rw, soft/hard, timeo/retrans when given") {
  const HwNfsMount sim{"rs1", "192.168.10.103:/public", "/var/www/html", "nfs",
                       "ro,timeout,soft,intr,addr=192.168.10.103"};
  const HwNfsMount kernel{"rs1", "192.168.10.103:/public", "/var/www/html", "nfs",
                          "ro,relatime,vers=3,rsize=65536,namlen=255,soft,proto=tcp,timeo=600,retrans=2,sec=sys"};
  CHECK(mount_summary(sim, sim.options) == "192.168.10.103:/public nfs ro,soft");
  CHECK(mount_summary(kernel, sim.options) == "192.168.10.103:/public nfs ro,soft");
  CHECK(mount_summary(HwNfsMount{"", "a:/b", "/m", "nfs", "rw,hard,timeo=10"}, "hard,timeo=10,retrans=2") ==
        "a:/b nfs rw,hard,timeo=10,retrans=");
  const auto same = compare_nfs_mounts({sim}, {kernel});
  REQUIRE(same.size() == 1);
  CHECK(same[0].what == "rs1 mount /var/www/html");
  CHECK(same[0].verdict == Verdict::kSame);
}

TEST_CASE("a mount on one side only, or with other options, is a difference") {
  const HwNfsMount sim{"rs3", "192.168.10.103:/public", "/var/www/html", "nfs", "ro,soft"};
  HwNfsMount hard = sim;
  hard.options = "ro,relatime,hard,timeo=600";
  const auto missing = compare_nfs_mounts({sim}, {});
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].hw == "not mounted");
  CHECK(missing[0].verdict == Verdict::kDiffers);
  const auto extra = compare_nfs_mounts({}, {sim});
  REQUIRE(extra.size() == 1);
  CHECK(extra[0].sim == "not mounted");
  CHECK(extra[0].verdict == Verdict::kDiffers);
  const auto options = compare_nfs_mounts({sim}, {hard});
  REQUIRE(options.size() == 1);
  CHECK(options[0].hw == "192.168.10.103:/public nfs ro,hard");
  CHECK(options[0].verdict == Verdict::kDiffers);
}

TEST_CASE("the pages served are compared request by request") {
  RunReport sim, kernel;
  RequestReport page;
  page.status = 200;
  page.body = "from nfs server!\n";
  RequestReport error_page;
  error_page.status = 404;
  error_page.body = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n";
  sim.requests = {page, page};
  kernel.requests = {page, error_page};
  const auto rows = compare_pages(sim, kernel);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].sim == "\"from nfs server!\\n\"");
  CHECK(rows[0].verdict == Verdict::kSame);
  CHECK(rows[1].hw == "\"<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML...\"");  // 40 bytes
  CHECK(rows[1].verdict == Verdict::kDiffers);
  kernel.requests.pop_back();
  CHECK(compare_pages(sim, kernel)[1].hw == "none");
}

TEST_CASE("every place an automounter may mount is compared: a refused mount is 'not mounted' on both sides") {
  const ScenarioSpec spec = load_scenario_file(std::string(LVSLAB_SOURCE_DIR) + "/scenarios/nfs-export-denied.json");
  const auto places = automount_places(spec);
  REQUIRE(places.size() == 3);
  CHECK(places[2] == std::pair<std::string, std::string>{"rs3", "/var/www/html"});
  const HwNfsMount rs1{"rs1", "192.168.10.103:/public", "/var/www/html", "nfs", "ro,soft"};
  const auto rows = compare_nfs_mounts({rs1}, {rs1}, places);
  REQUIRE(rows.size() == 3);
  CHECK(rows[2].what == "rs3 mount /var/www/html");
  CHECK(rows[2].sim == "not mounted");
  CHECK(rows[2].verdict == Verdict::kSame);
  CHECK(compare_nfs_mounts({rs1}, {}, places)[0].verdict == Verdict::kDiffers);
}
