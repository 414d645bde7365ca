// What hardware mode runs for each service type: lvslab's HTTP server with the
// service's configuration, nfs and autofs as the real programs (nfs_services.hpp).
#include <doctest/doctest.h>

#include "sim/hw/error.hpp"
#include "sim/hw/run.hpp"
#include "sim/hw/services.hpp"
#include "sim/hw/standing.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using namespace lvs::hw;

namespace {

const std::string kWebBasic = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/web-basic.json";
const std::string kDrNfs = std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-dr-nfs.json";

}  // namespace

TEST_CASE("hardware mode serves an http service with its configuration, and no other type") {
  HttpServiceSpec http;
  http.server.port = 8080;
  http.server.document_root = "/srv/www";
  const auto config = hw_http_server(ServiceSpec{http, "/hosts/1/services/0"});
  REQUIRE(config.has_value());
  CHECK(config->port == 8080);
  CHECK(config->document_root == "/srv/www");
  CHECK_FALSE(hw_http_server(ServiceSpec{NfsServiceSpec{}, ""}).has_value());
  CHECK_FALSE(hw_http_server(ServiceSpec{AutofsServiceSpec{}, ""}).has_value());
}

TEST_CASE("nfs and autofs services run in hardware mode; the scenario says so") {
  CHECK(runs_in_hw(ServiceSpec{NfsServiceSpec{}, ""}));
  CHECK(runs_in_hw(ServiceSpec{AutofsServiceSpec{}, ""}));
  CHECK(unsupported_in_hw(load_scenario_file(kWebBasic)) == "");
  const ScenarioSpec spec = load_scenario_file(kDrNfs);
  CHECK(unsupported_in_hw(spec) == "");
  CHECK(needs_nfs_programs(spec));
  CHECK_FALSE(needs_nfs_programs(load_scenario_file(kWebBasic)));
}

TEST_CASE("what hardware mode cannot build is refused, what it builds is not") {
  const ScenarioSpec base = load_scenario_file(kWebBasic);
  REQUIRE(base.hosts.size() > 1);
  REQUIRE_FALSE(base.hosts[1].interfaces.empty());
  const std::string host = base.hosts[1].name, dev = base.hosts[1].interfaces[0].name;

  // Built as the transcript left them (lab.cpp): not refused.
  ScenarioSpec noarp = base;
  noarp.hosts[1].interfaces[0].noarp = true;
  CHECK(unsupported_in_hw(noarp) == "");
  ScenarioSpec mtu = base;
  mtu.hosts[1].interfaces[0].mtu = 1400;
  CHECK(unsupported_in_hw(mtu) == "");

  // A link the kernel's qdiscs cannot carry (tbf's 32-bit rate in bytes/s) is refused.
  ScenarioSpec fast = base;
  REQUIRE_FALSE(fast.segments.empty());
  for (auto& seg : fast.segments) seg.link.bandwidth_bps = 40'000'000'000;
  CHECK(unsupported_in_hw(fast).find("hardware mode cannot shape ") == 0);
  CHECK(unsupported_in_hw(fast).find("at most 17 Gbit/s") != std::string::npos);

  ScenarioSpec mounts = base;
  mounts.hosts[1].nfs_mounts.push_back(config::Mount{"192.168.10.103:/public", "/var/www/html", "ro"});
  CHECK(unsupported_in_hw(mounts) ==
        "hardware mode does not mount NFS: " + host + " mounts 192.168.10.103:/public on /var/www/html");

  ScenarioSpec shell = base;
  ActionSpec a;
  a.at = 5'000'000'000;
  a.host = host;
  a.kind = ActionSpec::Kind::kReboot;
  a.pointer = "/actions/0";
  shell.actions.push_back(a);
  CHECK(unsupported_in_hw(shell).starts_with("hardware mode cannot play the action at 5"));
  CHECK(unsupported_in_hw(shell).find("does not replay shell lines or reboots") != std::string::npos);
}

TEST_CASE("hw up refuses nfs and autofs scenarios before anything is made (hw run and hw compare play them)") {
  try {
    hw_up(load_scenario_file(kDrNfs));
    FAIL("hw up accepted an nfs/autofs scenario");
  } catch (const HwUnavailable& e) {
    CHECK(std::string(e.what()).starts_with("`lvslab hw up` does not start nfs and autofs services"));
  }
}
