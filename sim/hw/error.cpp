#include "sim/hw/error.hpp"

#include <cstring>

namespace lvs::hw {

void throw_errno(const std::string& what, int err) { throw HwError(what + ": " + std::strerror(err)); }

}  // namespace lvs::hw
