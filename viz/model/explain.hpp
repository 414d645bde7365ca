#pragma once
// One sentence per event, where the event teaches something: why a host answered (or
// did not answer) an ARP request, what a neighbour-cache change means for where traffic
// goes, what the director did to a packet (NAT rewrite, DR MAC change, TUN
// encapsulation), why a packet was dropped. Empty when there is nothing to add to the
// event's own summary line.
#include <string>

#include "viz/model/event_index.hpp"

namespace lvs::viz {

std::string explain_event(const Trace& trace, const EventIndex& index, std::size_t event);

// "rs1 eth0" for a MAC address of the scenario, "" when it belongs to no interface.
std::string mac_owner(const TraceMeta& meta, const MacAddr& mac);
// The host that has `addr` configured on one of its interfaces (kNoId if none; the
// first host in scenario order when several have it, as with a DR VIP).
HostId address_host(const TraceMeta& meta, Ipv4Addr addr, IfIndex* iface = nullptr);
// True when `addr` is labelled VIP anywhere in the scenario.
bool is_vip(const TraceMeta& meta, Ipv4Addr addr);

}  // namespace lvs::viz
