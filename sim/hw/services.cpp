#include "sim/hw/services.hpp"

#include "sim/hw/names.hpp"

namespace lvs::hw {
namespace {

// One overload per service type.
std::optional<HttpServerConfig> http_server_for(const HttpServiceSpec& s) { return s.server; }
std::optional<HttpServerConfig> http_server_for(const NfsServiceSpec&) { return std::nullopt; }
std::optional<HttpServerConfig> http_server_for(const AutofsServiceSpec&) { return std::nullopt; }

}  // namespace

std::optional<HttpServerConfig> hw_http_server(const ServiceSpec& svc) {
  return std::visit([](const auto& s) { return http_server_for(s); }, svc.config);
}

bool runs_in_hw(const ServiceSpec& svc) {
  return hw_http_server(svc) || std::holds_alternative<NfsServiceSpec>(svc.config) ||
         std::holds_alternative<AutofsServiceSpec>(svc.config);
}

std::vector<HwServer> start_hw_servers(const ScenarioSpec& spec, const std::string& prefix, const HwNfsHosts* nfs) {
  std::vector<HwServer> out;
  for (HostId h = 0; h < spec.hosts.size(); ++h)
    for (const auto& svc : spec.hosts[h].services)
      if (auto config = hw_http_server(svc))
        out.push_back(
            HwServer{h, std::make_unique<HttpServerThread>(host_netns(prefix, spec.hosts[h].name), std::move(*config),
                                                           nfs ? nfs->file_root(h) : "")});
  return out;
}

}  // namespace lvs::hw
