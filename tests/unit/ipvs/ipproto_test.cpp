// ipproto_of(): the one mapping from a service protocol to its IP protocol number, used
// by the connection table, the service hash and hardware mode's netlink messages alike.
#include <doctest/doctest.h>
#include <netinet/in.h>

#include "sim/ipvs/proto.hpp"

using namespace lvs::ipvs;

TEST_CASE("ipproto_of gives the kernel's IPPROTO_* numbers") {
  CHECK(ipproto_of(Protocol::kTcp) == IPPROTO_TCP);
  CHECK(ipproto_of(Protocol::kUdp) == IPPROTO_UDP);
  CHECK(ipproto_of(Protocol::kSctp) == IPPROTO_SCTP);
}

TEST_CASE("protocol_of_ipproto undoes ipproto_of; other numbers read as TCP") {
  for (Protocol p : {Protocol::kTcp, Protocol::kUdp, Protocol::kSctp}) CHECK(protocol_of_ipproto(ipproto_of(p)) == p);
  CHECK(protocol_of_ipproto(0) == Protocol::kTcp);  // IPPROTO_IP: a firewall-mark template
  CHECK(protocol_of_ipproto(IPPROTO_ICMP) == Protocol::kTcp);
}
