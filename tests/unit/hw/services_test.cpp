// What hardware mode runs for each service type: lvslab's HTTP server with the
// service's configuration; the scenarios with any other service are refused, naming it.
#include <doctest/doctest.h>

#include "sim/hw/run.hpp"
#include "sim/hw/services.hpp"
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

TEST_CASE("a scenario with a service hardware mode cannot run is refused, naming the service") {
  CHECK(unsupported_in_hw(load_scenario_file(kWebBasic)) == "");
  ScenarioSpec spec = load_scenario_file(kDrNfs);
  CHECK(unsupported_in_hw(spec) ==
        "hardware mode runs lvslab's HTTP server only; rs1 has a 'autofs' service (/hosts/3/services/0)");
  for (auto& h : spec.hosts) std::erase_if(h.services, [](const ServiceSpec& s) { return s.type() == "autofs"; });
  CHECK(unsupported_in_hw(spec) ==
        "hardware mode runs lvslab's HTTP server only; nfs has a 'nfs' service (/hosts/5/services/0)");
}
