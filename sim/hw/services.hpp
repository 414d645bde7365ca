#pragma once
// What hardware mode runs for each kind of scenario service (sim/scenario/service_spec.hpp).
// lvslab's HTTP server runs on a thread in its host's namespace (http_apps.hpp); nfs and
// autofs run as the real programs (nfs_services.hpp). A service type it cannot run
// makes unsupported_in_hw() refuse the scenario before anything is made.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/hw/http_apps.hpp"
#include "sim/hw/nfs_services.hpp"
#include "sim/scenario/spec.hpp"
#include "sim/trace/trace.hpp"

namespace lvs::hw {

// The configuration of the HTTP server that plays `svc` in hardware mode; nullopt when
// hardware mode has nothing to run it with.
std::optional<HttpServerConfig> hw_http_server(const ServiceSpec& svc);

// True when hardware mode runs this service (http, nfs, autofs).
bool runs_in_hw(const ServiceSpec& svc);

struct HwServer {
  HostId host = 0;  // index in the scenario's hosts
  std::unique_ptr<HttpServerThread> thread;
};

// Starts the server of every service of every host, in host then file order, each in
// its host's namespace of the lab with this prefix. Throws HwError as HttpServerThread
// does (the servers already started stop).
// `nfs`: the hosts with a file tree of their own (their servers read it), or null.
std::vector<HwServer> start_hw_servers(const ScenarioSpec& spec, const std::string& prefix,
                                       const HwNfsHosts* nfs = nullptr);

}  // namespace lvs::hw
