#pragma once
// The applications a scenario host runs (its "services"), one typed spec per kind, held
// in a std::variant as TraceBody holds trace records. Each layer handles every kind with
// one overload per type, called through std::visit, so the compiler names every place a
// new application must be handled. Adding one is its files in sim/apps plus one place
// per layer:
//   here           its spec struct and its alternative in ServiceConfig;
//   parse          parse_service_body() in sim/scenario/parse_services.cpp (and, if it reads
//                  the host's files, ServiceFilesCheck there);
//   build          ServiceStarter in sim/scenario/build.cpp;
//   hardware mode  http_server_for() in sim/hw/services.cpp;
//   schema         its $defs entry and its line in "services" in scenarios/schema.json.
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "sim/apps/http_server.hpp"

namespace lvs {

// {"type": "http", ...}: lvslab's HTTP server (sim/apps/http_server.hpp). Any number
// per host, on different ports.
struct HttpServiceSpec {
  static constexpr std::string_view kType = "http";
  static constexpr bool kOnePerHost = false;
  HttpServerConfig server;
  std::vector<std::uint16_t> ports() const { return {server.port}; }
};

// {"type": "nfs"}: nfsd (TCP 2049) + rpc.mountd (TCP 20048), reading /etc/exports from
// the host's files.
struct NfsServiceSpec {
  static constexpr std::string_view kType = "nfs";
  static constexpr bool kOnePerHost = true;
  std::vector<std::uint16_t> ports() const;
};

// {"type": "autofs"}: the automounter, reading /etc/auto.master and the maps it names
// from the host's files. It listens on no port.
struct AutofsServiceSpec {
  static constexpr std::string_view kType = "autofs";
  static constexpr bool kOnePerHost = true;
  std::vector<std::uint16_t> ports() const { return {}; }
};

// One alternative per application; their order is the order "expected one of" lists.
using ServiceConfig = std::variant<HttpServiceSpec, NfsServiceSpec, AutofsServiceSpec>;

struct ServiceSpec {
  ServiceConfig config;
  std::string pointer;
  // The "type" the scenario gave ("http", "nfs", ...).
  std::string_view type() const {
    return std::visit([](const auto& s) { return s.kType; }, config);
  }
};

// Every service type, in ServiceConfig's order.
std::vector<std::string_view> service_types();

}  // namespace lvs
