#pragma once
// The subcommands of `lvslab`. Each takes its own arguments (after the subcommand
// name) and returns the process exit code: 0 ok, 1 the run finished with failed
// requests, 2 bad input (usage, unreadable or invalid scenario); main() adds 3 for an
// internal error (an exception no command handled: a bug).
#include <string>
#include <vector>

namespace lvs::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailedRequests = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitInternalError = 3;

int cmd_run(const std::vector<std::string>& args);
int cmd_validate(const std::vector<std::string>& args);
int cmd_ipvsadm(const std::vector<std::string>& args);
int cmd_hw(const std::vector<std::string>& args);  // sim/cli/cmd_hw.cpp: hardware mode
#ifdef LVSLAB_WITH_VIEWER
int cmd_view(const std::vector<std::string>& args);  // viz/app/cmd_view.cpp
#endif

}  // namespace lvs::cli
