#include "sim/scenario/service_spec.hpp"

#include <utility>

#include "sim/wire/nfs3_proto.hpp"

namespace lvs {
namespace {

template <std::size_t... I>
std::vector<std::string_view> kinds(std::index_sequence<I...>) {
  return {std::variant_alternative_t<I, ServiceConfig>::kType...};
}

}  // namespace

std::vector<std::uint16_t> NfsServiceSpec::ports() const { return {wire::kNfsPort, wire::kMountdPort}; }

std::vector<std::string_view> service_types() {
  return kinds(std::make_index_sequence<std::variant_size_v<ServiceConfig>>());
}

}  // namespace lvs
