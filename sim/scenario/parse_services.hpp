#pragma once
// The "services" of a scenario host: each item parsed once into its typed spec
// (sim/scenario/service_spec.hpp), and the configuration files they read checked.
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/json_node.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs {

std::vector<ServiceSpec> parse_services(const JsonNode& node);

// The services that read configuration files find them in the host's `files`, and the
// files parse: the error names the file and its line, at the file's place in the
// scenario (`file_pointers`: path -> JSON pointer).
void check_service_files(const JsonNode& host_node, const HostSpec& h,
                         const std::map<std::string, std::string>& file_pointers);

}  // namespace lvs
