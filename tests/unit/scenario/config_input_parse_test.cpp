// The host keys of the Linux configuration input as the parser reads them: "shell" lines,
// "shell_file" (relative to the scenario file, bounded), "enable", and the routes array's
// `ip route add` / `route add` spellings with the lo:0 message.
#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

#include "sim/scenario/scenario.hpp"
#include "tests/unit/scenario/small_scenario.hpp"

using namespace lvs;
using nlohmann::json;
using test::base;
using test::error_of;

namespace {

// A folder of its own under the temporary directory, removed at the end of the test.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() / ("lvslab-config-input-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path / "rs1");
  }
  ~TempDir() { std::filesystem::remove_all(path); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};

std::string load_error(const std::string& file) {
  try {
    load_scenario_file(file);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("shell lines: one item per line, each line's pointer is its item's") {
  json doc = base();
  doc["hosts"][1]["shell"] = {"[root@s ~]# ip addr", "cat > /etc/exports <<EOF", "/public *(ro)", "EOF"};
  const ScenarioSpec spec = parse_scenario(doc, "t.json");
  const HostSpec& s = spec.hosts[1];
  REQUIRE(s.shell);
  CHECK(s.shell->text == "[root@s ~]# ip addr\ncat > /etc/exports <<EOF\n/public *(ro)\nEOF\n");
  CHECK(s.shell->origin == "/hosts/1/shell");
  CHECK(s.shell->pointer_of_line(3) == "/hosts/1/shell/2");
  CHECK_FALSE(s.shell->from_file);
  CHECK(s.has_config_input());
  CHECK_FALSE(spec.hosts[0].has_config_input());

  doc["hosts"][1]["shell"] = "sysctl -w net.ipv4.ip_forward=1";
  CHECK(parse_scenario(doc, "t.json").hosts[1].shell->text == "sysctl -w net.ipv4.ip_forward=1\n");

  doc["hosts"][1]["shell"] = {"ip addr", "a\nb"};
  CHECK(error_of(doc) ==
        "t.json: /hosts/1/shell/1: one line per item: split this string at its line breaks into several items");
  doc["hosts"][1]["shell"] = 3;
  CHECK(error_of(doc) == "t.json: /hosts/1/shell: expected a shell line or an array of lines, got the number 3");
  doc["hosts"][1]["shell"] = json::array();
  for (std::size_t i = 0; i <= kMaxShellLines; ++i) doc["hosts"][1]["shell"].push_back("true");
  CHECK(error_of(doc) == "t.json: /hosts/1/shell: too many shell lines (10001; at most 10000)");
}

TEST_CASE("shell_file: read relative to the scenario file, with clear refusals") {
  const TempDir dir;
  dir.write("rs1/setup.sh", "[root@s ~]# ifconfig lo:0 192.168.10.10 netmask 255.255.255.255 up\nip addr");
  json doc = base();
  doc["hosts"][1]["shell_file"] = "rs1/setup.sh";
  dir.write("lab.json", doc.dump());
  const ScenarioSpec spec = load_scenario_file((dir.path / "lab.json").string());
  REQUIRE(spec.hosts[1].shell);
  const ShellInput& in = *spec.hosts[1].shell;
  CHECK(in.text == "[root@s ~]# ifconfig lo:0 192.168.10.10 netmask 255.255.255.255 up\nip addr\n");
  CHECK(in.origin == "rs1/setup.sh");
  CHECK(in.from_file);
  CHECK(in.pointer_of_line(2) == "/hosts/1/shell_file");

  const std::string lab = (dir.path / "lab.json").string();
  doc["hosts"][1]["shell_file"] = "rs1/nosuch.sh";
  dir.write("lab.json", doc.dump());
  CHECK(load_error(lab) == lab + ": /hosts/1/shell_file: 'rs1/nosuch.sh' (" + (dir.path / "rs1/nosuch.sh").string() +
                               "): cannot open file: No such file or directory");
  doc["hosts"][1]["shell_file"] = "rs1";
  dir.write("lab.json", doc.dump());
  CHECK(load_error(lab).ends_with("'rs1' (" + (dir.path / "rs1").string() + "): not a regular file"));
  doc["hosts"][1]["shell_file"] = "/dev/urandom";
  dir.write("lab.json", doc.dump());
  CHECK(load_error(lab) == lab + ": /hosts/1/shell_file: '/dev/urandom' (/dev/urandom): not a regular file");
  dir.write("rs1/big.sh", std::string(kMaxShellFileBytes + 1, '#'));
  doc["hosts"][1]["shell_file"] = "rs1/big.sh";
  dir.write("lab.json", doc.dump());
  CHECK(
      load_error(lab).ends_with("file too large (more than 1048576 bytes, the most lvslab reads here); reading "
                                "stopped there"));
  doc["hosts"][1]["shell"] = {"ip addr"};
  doc["hosts"][1]["shell_file"] = "rs1/setup.sh";
  dir.write("lab.json", doc.dump());
  CHECK(load_error(lab) ==
        lab + ": /hosts/1/shell_file: give the transcript as 'shell' lines or as a 'shell_file', not both");
}

TEST_CASE("files_dir: a folder standing for the host's /, read in name order, with clear refusals") {
  const TempDir dir;
  std::filesystem::create_directories(dir.path / "rs1/root/etc/sysconfig/network-scripts");
  dir.write("rs1/root/etc/sysctl.conf", "net.ipv4.conf.lo.arp_ignore = 1\n");
  dir.write("rs1/root/etc/sysconfig/network-scripts/ifcfg-lo:0", "DEVICE=lo:0\nIPADDR=192.168.10.10\n");
  json doc = base();
  doc["hosts"][1]["files_dir"] = "rs1/root";
  dir.write("lab.json", doc.dump());
  const std::string lab = (dir.path / "lab.json").string();
  const ScenarioSpec spec = load_scenario_file(lab);
  const auto& files = spec.hosts[1].files;
  REQUIRE(files.size() == 2);
  CHECK(files.at("/etc/sysctl.conf") == "net.ipv4.conf.lo.arp_ignore = 1\n");
  CHECK(files.at("/etc/sysconfig/network-scripts/ifcfg-lo:0") == "DEVICE=lo:0\nIPADDR=192.168.10.10\n");

  doc["hosts"][1]["files"] = {{"/etc/sysctl.conf", "net.ipv4.ip_forward = 1\n"}};
  dir.write("lab.json", doc.dump());
  CHECK(load_error(lab) == lab +
                               ": /hosts/1/files_dir: '/etc/sysctl.conf' is given twice: in \"files\" and in "
                               "'rs1/root'; keep one");
  doc["hosts"][1].erase("files");
  doc["hosts"][1]["files_dir"] = "rs1/nosuch";
  dir.write("lab.json", doc.dump());
  CHECK(load_error(lab) ==
        lab + ": /hosts/1/files_dir: 'rs1/nosuch' (" + (dir.path / "rs1/nosuch").string() + ") is not a folder");
  doc["hosts"][1]["files_dir"] = "rs1/root";
  dir.write("lab.json", doc.dump());
  std::filesystem::create_symlink("/etc/passwd", dir.path / "rs1/root/etc/passwd");
  CHECK(load_error(lab) ==
        lab + ": /hosts/1/files_dir: 'rs1/root/etc/passwd' is a symbolic link: lvslab reads regular files only");
  std::filesystem::remove(dir.path / "rs1/root/etc/passwd");
  dir.write("rs1/root/etc/big", std::string(kMaxShellFileBytes + 1, '#'));
  CHECK(
      load_error(lab).ends_with("file too large (more than 1048576 bytes, the most lvslab reads here); reading "
                                "stopped there"));
  std::filesystem::remove(dir.path / "rs1/root/etc/big");
  for (std::size_t i = 0; i < kMaxFilesDirFiles; ++i) dir.write("rs1/root/f" + std::to_string(i), "");
  CHECK(load_error(lab) == lab + ": /hosts/1/files_dir: 'rs1/root' holds more than 1000 files");
}

TEST_CASE("enable: the units systemctl enable knows, by their canonical names") {
  json doc = base();
  doc["hosts"][1]["enable"] = {"ipvsadm", "nfs", "apache2.service"};
  const HostSpec s = parse_scenario(doc, "t.json").hosts[1];
  CHECK(s.enable == std::vector<std::string>{"ipvsadm", "nfs-server", "httpd"});
  CHECK(s.enable_pointer == "/hosts/1/enable");
  CHECK(s.has_config_input());
  doc["hosts"][1]["enable"] = {"sshd"};
  CHECK(error_of(doc) ==
        "t.json: /hosts/1/enable/0: unknown unit 'sshd' (lvslab models: network, networking, ipvsadm, "
        "nfs-server, rpcbind, autofs, httpd; also nfs, apache2)");
  doc["hosts"][1]["enable"] = {"httpd", "apache2"};
  CHECK(error_of(doc) == "t.json: /hosts/1/enable/1: unit 'httpd' is already enabled");
}

TEST_CASE("routes: the ip route add spelling, and lo:0 named as a label of lo") {
  json doc = base();
  doc["hosts"][0]["routes"] = {"ip route add default via 10.0.0.1", "ip r a 10.9.0.0/16 via 10.0.0.2 dev eth0",
                               "10.8.0.0/16 dev eth0"};
  const HostSpec c = parse_scenario(doc, "t.json").hosts[0];
  REQUIRE(c.routes.size() == 3);
  CHECK(c.routes[0].route.dst.len == 0);
  CHECK(c.routes[0].route.gateway == Ipv4Addr(10, 0, 0, 1));
  CHECK(c.routes[0].route.text == "default via 10.0.0.1");
  CHECK_FALSE(c.routes[0].net_tools);
  CHECK(c.routes[1].route.dst == *Ipv4Prefix::parse("10.9.0.0/16"));
  CHECK(c.routes[1].route.dev == "eth0");
  CHECK_FALSE(c.routes[2].net_tools);
  CHECK_FALSE(c.has_config_input());

  doc["hosts"][0]["routes"] = {"192.168.10.10/32 dev lo:0"};
  CHECK(error_of(doc) ==
        "t.json: /hosts/0/routes/0: '192.168.10.10/32 dev lo:0': 'lo:0' is not a device but a label of lo (a name "
        "ifconfig and `ip addr ... label` give an address); ip route says: Cannot find device \"lo:0\". Write 'dev "
        "lo' (or `route add ... dev lo:0`, which net-tools turns into dev lo with that label's address as src)");
  doc["hosts"][0]["routes"] = {"ip route add 192.168.10.10 dev eth0:1"};
  CHECK(error_of(doc).find("'eth0:1' is not a device but a label of eth0") != std::string::npos);
  doc["hosts"][0]["routes"] = {"ip route add 192.168.10.10 dev eth7"};
  CHECK(error_of(doc) ==
        "t.json: /hosts/0/routes/0: 'ip route add 192.168.10.10 dev eth7': unknown device 'eth7' "
        "(this host has: lo, eth0)");
  doc["hosts"][0]["routes"] = {"ip route del default"};
  CHECK(error_of(doc) ==
        "t.json: /hosts/0/routes/0: 'ip route del default': only `ip route add ...` belongs in "
        "routes (they are added when the host starts)");
  doc["hosts"][0]["routes"] = {"route del default"};
  CHECK(error_of(doc) ==
        "t.json: /hosts/0/routes/0: 'route del default': only `route add ...` belongs in routes "
        "(they are added when the host starts)");
  doc["hosts"][0]["routes"] = {"ip route add"};
  CHECK(error_of(doc) == "t.json: /hosts/0/routes/0: 'ip route add': empty route");
}

TEST_CASE("shell lines of a whole scenario are bounded") {
  json doc = base();
  const json lines(std::vector<std::string>(kMaxShellLines, "# a comment"));
  for (int i = 0; i < 10; ++i) {
    json h = doc["hosts"][0];
    h["name"] = "h" + std::to_string(i);
    h["interfaces"][0].erase("addresses");
    h["shell"] = lines;
    doc["hosts"].push_back(h);
  }
  CHECK(error_of(doc) == "no error");  // 100000 lines: the limit
  doc["hosts"][0]["shell"] = {"true"};
  CHECK(error_of(doc) ==
        "t.json: /hosts/11/shell: too many shell lines: the hosts up to this one have 100001 (at "
        "most 100000 in a scenario)");
}
