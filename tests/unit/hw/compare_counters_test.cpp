// Packet and byte counters are compared, not only shown (the simulator's TCP sends the
// segments Linux 6.1 sends: see sim/net/tcp.cpp).
#include <doctest/doctest.h>

#include "sim/hw/compare.hpp"
#include "sim/scenario/scenario.hpp"

using namespace lvs;
using namespace lvs::hw;

TEST_CASE("compare: a different packet or byte counter is a difference") {
  const ScenarioSpec spec = load_scenario_file(std::string(LVSLAB_SOURCE_DIR) + "/scenarios/lvs-nat.json");
  Observables sim;
  sim.has_ipvs = true;
  ipvs::ServiceEntry svc;
  svc.spec.key.addr = Ipv4Addr(192, 168, 0, 100);
  svc.spec.key.port = 80;
  svc.stats = {6, 30, 30, 2070, 2298};
  ipvs::DestEntry d;
  d.addr = Ipv4Addr(192, 168, 10, 11);
  d.port = 80;
  d.method = ipvs::FwdMethod::kMasq;
  d.stats = svc.stats;
  svc.dests.push_back(d);
  sim.ipvs.services.push_back(svc);
  CHECK(compare(spec, sim, sim).differences() == 0);

  Observables hw = sim;
  hw.ipvs.services[0].stats.outpkts = 24;  // the old simulator: no quick ACK
  hw.ipvs.services[0].dests[0].stats.inbytes = 1686;
  const Comparison c = compare(spec, sim, hw);
  CHECK(c.differences() == 2);
  const std::string text = comparison_text(c, "t", "kernel");
  CHECK(text.find("DIFFERS: TCP 192.168.0.100:80 in/out: simulator 30/30 pkts 2070/2298 B, kernel 30/24 pkts") !=
        std::string::npos);
  CHECK(text.find("DIFFERS: TCP 192.168.0.100:80 -> 192.168.10.11:80 in/out") != std::string::npos);
}
