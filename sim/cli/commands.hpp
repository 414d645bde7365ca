#pragma once
// The subcommands of `lvslab`. Each takes its own arguments (after the subcommand
// name) and returns the process exit code: 0 ok, 1 the run finished with failed
// requests (or requests that never started), 2 bad input (usage, unreadable or invalid
// scenario), 3 an output the user asked for could not be written (standard output,
// --trace, --pcap, --dump-state, --screenshot: disk full, unwritable path); main() adds 4 for an internal error (an
// exception no command handled: a bug).
#include <string>
#include <vector>

namespace lvs::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailedRequests = 1;
inline constexpr int kExitBadInput = 2;
inline constexpr int kExitOutputError = 3;
inline constexpr int kExitInternalError = 4;

int cmd_run(const std::vector<std::string>& args);
int cmd_validate(const std::vector<std::string>& args);
int cmd_ipvsadm(const std::vector<std::string>& args);
int cmd_hw(const std::vector<std::string>& args);     // sim/cli/cmd_hw.cpp: hardware mode
int cmd_grade(const std::vector<std::string>& args);  // sim/cli/cmd_grade.cpp: grade a submission
#ifdef LVSLAB_WITH_VIEWER
int cmd_view(const std::vector<std::string>& args);  // built with the viewer (viz/CMakeLists.txt)
#endif

}  // namespace lvs::cli
