#pragma once
// Running one ipvsadm command against the director's tables: the state-changing
// commands (-A -E -D -C -a -e -d -Z --set) become IpvsTables operations, whose kernel
// errors print as ipvsadm prints them; the listing commands (-L, -S, ...) format a
// snapshot. Output, error text and exit status are what the real tool gives.
#include "sim/core/time.hpp"
#include "sim/ipvs/ipvsadm/command.hpp"
#include "sim/ipvs/ipvsadm/format.hpp"
#include "sim/ipvs/service.hpp"

namespace lvs::ipvs {

ipvsadm::IpvsadmOutput run_ipvsadm(IpvsTables& tables, const ipvsadm::IpvsadmCommand& command, SimTime now);

// Parses one command line that nothing has parsed yet ("-A -t 192.168.10.100:80 -s rr",
// an "ipvsadm" word in front is allowed) and runs it. A parse error is returned as
// ipvsadm reports it. (A scenario's lines are parsed when it is loaded: they are run
// with run_ipvsadm().)
ipvsadm::IpvsadmOutput run_ipvsadm_line(IpvsTables& tables, std::string_view line, SimTime now);

}  // namespace lvs::ipvs
