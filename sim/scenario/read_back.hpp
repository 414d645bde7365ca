#pragma once
// Reading a configured host back into its HostSpec: after the load-time boot
// (boot_config.hpp) has run a host's persistent files and shell lines on a scratch copy
// of it, the result is written into the same keys the JSON gives (addresses with their
// labels, link state, the administrator's routes, sysctls in the order they were
// written, IPVS rules as `ipvsadm -Sn` lists them), so that the world builder, `validate`
// and hardware mode build the host from one description whatever way it was written.
#include <map>
#include <string>
#include <vector>

#include "sim/config/machine.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs {

class Host;
namespace ipvs {
class Director;
}

// The JSON pointer of a command's or a setting's origin: a shell line's array item, the
// shell_file key, a file of `files`, or the host itself.
std::string pointer_of_origin(const HostSpec& spec, const config::Origin& origin);

// Replaces spec's addresses (interfaces and loopback), link states and routes with the
// host's. What the JSON gave keeps its pointer (`route_pointers`: a route's text -> the
// pointer of the JSON line that added it); the rest gets `fallback_pointer`.
void read_back_addresses_and_routes(const Host& host, HostSpec& spec, const std::string& fallback_pointer,
                                    const std::map<std::string, std::string>& route_pointers = {});

// The sysctls the scratch host was given by the JSON (`json_sysctls`) followed by
// `writes` (sysctl -w, echo > /proc/sys, sysctl.conf), in order; a write the kernel
// refused (an unknown key, a bad value) is left out: it changed nothing.
void read_back_sysctls(const Host& host, const std::vector<SysctlEntry>& json_sysctls,
                       const std::vector<config::Machine::SysctlWrite>& writes, HostSpec& spec);

// The director's tables as the commands ipvsadm-restore would run from `ipvsadm -Sn`
// (with a --set line first when the timeouts are not the kernel's defaults); none when
// `director` is null (ip_vs not loaded).
void read_back_ipvs(ipvs::Director* director, HostSpec& spec, const std::string& pointer);

}  // namespace lvs
