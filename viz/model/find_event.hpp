#pragma once
// Resolves the event a viewer should open at (`--at-event`): a record number, or a
// named teaching moment found in the trace:
//   first-forwarded-syn  the first TCP SYN a director sends on after receiving it (the
//                        moment IPVS scheduled a connection and forwarded it)
//   vip-flip             the first time a gateway's neighbour entry for a VIP points to a
//                        real server's MAC, or changes from one MAC to another (the DR
//                        ARP problem happening)
//   last                 the last event
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "viz/model/event_index.hpp"

namespace lvs::viz {

std::optional<std::size_t> find_event(const Trace& trace, const EventIndex& index, std::string_view spec,
                                      std::string* error);

}  // namespace lvs::viz
