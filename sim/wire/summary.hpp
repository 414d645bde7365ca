#pragma once
// One-line, tcpdump-like descriptions of frames, for the event trace, the CLI and the
// viewer's packet list: "ARP who-has 192.168.10.10 tell 192.168.10.1",
// "ARP reply 192.168.10.10 is-at 02:00:00:00:02:11",
// "TCP 10.0.0.5:40001 > 192.168.10.100:80 [S] seq 1000 win 64240 mss 1460",
// "TCP 192.168.10.100:80 > 10.0.0.5:40001 [P.] seq 1:101 ack 80 len 100 HTTP/1.1 200 OK",
// "IPIP 192.168.10.1 > 192.168.20.11: TCP ...", "ICMP 10.0.0.1 > 10.0.0.5 port 80 unreachable",
// "UDP 10.0.0.5:5353 > 10.0.0.1:53 len 20". A frame that does not parse says so
// ("malformed IPv4"), it never throws.
#include <string>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

std::string summarize_frame(Bytes frame);  // starts at the Ethernet header
std::string summarize_ipv4(Bytes packet);  // starts at the IPv4 header

}  // namespace lvs::wire
