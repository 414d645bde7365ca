#pragma once
// Reading /etc/network/interfaces as ifupdown's read_interfaces_defn() (config.c, 0.8.41)
// does: stanzas, options, auto/allow- lists, source / source-directory.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sim/config/files/plan_writer.hpp"

namespace lvs::config::files {

struct IfaceOption {
  std::string name;   // "address"; "post-up" is read as "up", "pre-down" as "down"
  std::string value;  // the rest of the line; a repeated option's values joined by '\n'
  std::string file;
  std::uint32_t line = 0;
};

struct IfaceStanza {
  std::string name;    // "eth0", "lo", "eth0:0"
  std::string family;  // "inet", "inet6", ...
  std::string method;  // "static", "loopback", "manual", "dhcp", ...
  std::string file;
  std::uint32_t line = 0;
  std::vector<IfaceOption> options;  // in file order

  const IfaceOption* option(std::string_view name) const;
};

struct AllowEntry {
  std::string name;
  std::string file;
  std::uint32_t line = 0;
};

struct InterfacesFile {
  std::vector<IfaceStanza> ifaces;                       // in the order read
  std::map<std::string, std::vector<AllowEntry>> allow;  // "auto", "hotplug", ... -> interfaces in order
  bool has_loopback = false;                             // some stanza uses the loopback method
};

// Null when ifupdown refuses the file ("ifup: couldn't read interfaces file ..."): the
// problems then say why. Files it sources are marked read.
std::optional<InterfacesFile> read_interfaces(const FileMap& files, PlanWriter& out);

}  // namespace lvs::config::files
