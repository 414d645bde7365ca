#pragma once
// The address/port rewrites of LVS-NAT (ip_vs_proto_tcp.c tcp_dnat_handler /
// tcp_snat_handler, and the UDP twins): change the IPv4 destination (request) or source
// (reply) and the transport port, keeping the IP and TCP/UDP checksums right by
// incremental update (RFC 1624), as the kernel does with inet_proto_csum_replace4/2.
#include <cstdint>

#include "sim/wire/bytes.hpp"

namespace lvs::ipvs {

// `packet` begins at the IPv4 header; TCP and UDP payloads get their port and checksum
// rewritten, other protocols only the address. False when the packet is too short.
bool nat_rewrite_destination(wire::MutBytes packet, Ipv4Addr addr, std::uint16_t port);
bool nat_rewrite_source(wire::MutBytes packet, Ipv4Addr addr, std::uint16_t port);

}  // namespace lvs::ipvs
