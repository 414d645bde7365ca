#pragma once
// The file system a shell line reads and writes: the Machine's files, and /proc/sys/...
// which is the host's sysctls (writing one is `sysctl -w`, recorded in sysctl_writes).
// Directories are not modelled: any absolute path may be written. /dev/null swallows.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "sim/config/machine.hpp"

namespace lvs::config::shell {

// A file is at most 1 MiB, as lvslab's scenario files bound what they carry.
inline constexpr std::size_t kMaxFileBytes = 1u << 20;

// `name` made absolute against the working directory, "." and ".." resolved.
std::string absolute_path(const Machine& m, std::string_view name);

// "/proc/sys/net/ipv4/ip_forward" -> "net.ipv4.ip_forward"; nullopt for other paths.
std::optional<std::string> proc_sys_key(std::string_view path);

struct FileText {
  std::optional<std::string> text;  // nullopt: the file does not exist
  std::string error;                // strerror text when it does not: "No such file or directory"
  bool unmodelled = false;          // a /proc/sys file Linux has and lvslab does not model
};
FileText read_file(const Machine& m, std::string_view path);

// What a failed write says: bash reports `open` errors as "-bash: PATH: ERROR" before
// the command runs, and a refused write(2) as "-bash: CMD: write error: ERROR" after.
struct WriteError {
  bool on_open = true;
  std::string error;        // strerror text
  bool unmodelled = false;  // a /proc/sys file Linux has and lvslab does not model
};
// Opens `path` for writing (bash's redirection): creates or truncates it. nullopt = ok.
std::optional<WriteError> open_for_write(Machine& m, std::string_view path, bool append);
// Writes `text` to `path` (after open_for_write succeeded). A /proc/sys file takes the
// value as the kernel's proc handlers do: the text up to the first newline.
std::optional<WriteError> write_file(Machine& m, const Origin& origin, std::string_view path, std::string_view text,
                                     bool append);

// A sysctl Linux 6.1 has that lvslab's host does not model (net.ipv4.vs.*, net.core.*,
// net.ipv4.tcp_*, conf knobs such as accept_source_route, ...): saying "No such file"
// about it would be false, so the line is "not understood" instead.
bool unmodelled_sysctl(std::string_view key);

// Records a sysctl that was set: in Machine::sysctl_writes, in order.
void record_sysctl(Machine& m, const Origin& origin, std::string key, std::string value);

}  // namespace lvs::config::shell
