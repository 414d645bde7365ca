#pragma once
// `ipvsadm -h` / `ipvsadm --help`: ipvsadm v1.31's usage text (ipvsadm.c usage_exit()),
// byte for byte. ipvsadm prints it to stdout and exits 0 when -h/--help is the first
// option; after another command option it is "invalid option `-h'" (exit 2).
#include <string>

namespace lvs::ipvs::ipvsadm {

// The usage text as ipvsadm prints it when started as PROGRAM (its argv[0]): the
// version line, then Usage, Commands, virtual-service, Options and Daemon Options.
std::string format_usage(const std::string& program);

}  // namespace lvs::ipvs::ipvsadm
