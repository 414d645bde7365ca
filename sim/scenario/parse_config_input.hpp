#pragma once
// The host keys of the Linux configuration input (docs/config-input.md): "shell" lines,
// a "shell_file" beside the scenario, the units to "enable", and the shell lines of a
// timed action. Parsed here; carried out by the load-time boot (boot_config.hpp).
#include <map>
#include <string>
#include <vector>

#include "sim/scenario/json_node.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs {

// "line" or ["line", ...]: one command per item (a here-document spans items).
ShellInput parse_shell_lines(const JsonNode& node);
// "rs1/setup.sh": a file relative to the scenario file's folder (or absolute), read now,
// at most kMaxShellFileBytes.
ShellInput read_shell_file(const JsonNode& node);
// ["ipvsadm", "httpd"]: the units `systemctl enable` would have enabled, by their
// canonical names (nfs -> nfs-server, apache2 -> httpd; a ".service" suffix dropped).
std::vector<std::string> parse_enable(const JsonNode& node);
// "rs1/root": a folder (relative to the scenario file's folder, or absolute) that stands
// for the host's "/": every regular file below it becomes a host file at the same path
// ("rs1/root/etc/exports" -> "/etc/exports"), read now. A file also given in "files", a
// link or a special file, more than kMaxFilesDirFiles files or kMaxFilesDirBytes bytes is
// refused at this pointer. `pointers` gets each file's pointer (the "files_dir" key).
void read_files_dir(const JsonNode& node, HostSpec& host, std::map<std::string, std::string>* pointers);

}  // namespace lvs
