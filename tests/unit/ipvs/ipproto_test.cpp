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
