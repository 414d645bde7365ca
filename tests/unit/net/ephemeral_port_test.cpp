// Choosing ephemeral ports (issue 9 §3): a connect() costs a constant number of probes,
// also when most or all of ip_local_port_range is in use towards the destination, and
// the ports chosen are the same as a walk of the range would choose.
#include <doctest/doctest.h>

#include <vector>

#include "sim/net/port_set.hpp"
#include "tests/unit/net/tcp_fixture.hpp"

using namespace lvs;
using namespace lvs::test;

namespace {

// At most 64 block checks and 3 x 16 word checks per search, two searches per connect.
constexpr std::uint64_t kMaxProbesPerConnect = 2 * (64 + 3 * 16);

}  // namespace

TEST_CASE("PortSet: the first free port in a range, by the bitmap") {
  PortSet s;
  std::uint64_t probes = 0;
  CHECK(s.first_free(32768, 60999, &probes) == 32768);
  for (std::uint32_t p = 32768; p <= 60999; ++p) s.insert(static_cast<std::uint16_t>(p));
  probes = 0;
  CHECK(!s.first_free(32768, 60999, &probes).has_value());
  CHECK(probes <= 64 + 3 * 16);
  s.erase(50000);
  CHECK(s.first_free(32768, 60999, &probes) == 50000);
  CHECK(s.first_free(50001, 60999, &probes) == std::nullopt);
  CHECK(s.first_free(60990, 61005, &probes) == 61000);
  CHECK(s.contains(32768));
  CHECK(!s.contains(50000));
  s.insert(65535);
  CHECK(s.first_free(65535, 65535, &probes) == std::nullopt);
}

TEST_CASE("every port of the range in use: connect() fails at once, each costing a constant") {
  TwoHop n;
  TcpStack& tcp = n.client.tcp();
  const Ipv4Addr nowhere{10, 0, 2, 99};  // no answer: the connections stay in SYN_SENT (the clock does not move)
  std::vector<Recorder> handlers(28'232 + 10);
  std::vector<std::uint16_t> ports;
  std::uint64_t before = tcp.port_probes();
  std::uint64_t worst = 0;
  std::size_t refused = 0;
  for (auto& h : handlers) {
    TcpConnection* c = tcp.connect(nowhere, 80, &h);
    worst = std::max(worst, tcp.port_probes() - before);
    before = tcp.port_probes();
    if (c) ports.push_back(c->endpoint().local_port);
    else ++refused;
  }
  CHECK(ports.size() == 28'232);  // 32768-60999
  CHECK(refused == 10);           // EADDRNOTAVAIL
  CHECK(worst <= kMaxProbesPerConnect);
  // The walk's order: consecutive from the random offset, wrapping at the range's end.
  for (std::size_t i = 1; i < ports.size(); ++i) CHECK(ports[i] == (ports[i - 1] == 60999 ? 32768 : ports[i - 1] + 1));
  // Another destination has all of its ports.
  Recorder other;
  CHECK(tcp.connect(Ipv4Addr{10, 0, 2, 98}, 80, &other) != nullptr);
}

TEST_CASE("a listener's port is skipped, a freed port is found again") {
  TwoHop n;
  TcpStack& tcp = n.client.tcp();
  Recorder first;
  TcpConnection* c = tcp.connect(Ipv4Addr{10, 0, 2, 99}, 80, &first);
  REQUIRE(c);
  const std::uint16_t p0 = c->endpoint().local_port;
  const std::uint16_t next = p0 == 60999 ? 32768 : p0 + 1;
  Acceptor acc;
  REQUIRE(tcp.listen(Ipv4Addr(), next, &acc));
  Recorder second;
  TcpConnection* c2 = tcp.connect(Ipv4Addr{10, 0, 2, 99}, 80, &second);
  REQUIRE(c2);
  CHECK(c2->endpoint().local_port == (next == 60999 ? 32768 : next + 1));
}
