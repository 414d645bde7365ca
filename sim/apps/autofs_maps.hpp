#pragma once
// autofs configuration files (auto.master(5), autofs(5)).
//
// /etc/auto.master: one automount point per line, `MOUNTPOINT MAP [OPTIONS]`:
//   /misc     /etc/auto.misc
//   /var/www  /etc/auto.htmount --timeout=60
// MAP is a file map (`/etc/auto.x` or `file:/etc/auto.x`). OPTIONS:
//   --timeout=N, --timeout N, -t N   idle seconds before an unused mount is unmounted
//                                     (default 300, TIMEOUT in /etc/sysconfig/autofs;
//                                     0 = never)
//   --timeout  (no value, as in the lab's file)   not a valid daemon option: the old
//              rc.autofs script stripped its dashes and handed it on as the mount
//              option `timeout` (which is why the lab's `mount` output shows
//              "ro,timeout,soft,intr"); the idle timeout stays the default. lvslab does
//              the same.
//   --ghost, --browse, browse, nobrowse   accepted (no directory listings are modelled)
//   -OPT[,OPT...]   mount options for every entry of the map; they come before the
//                   entry's own options (autofs append_options=yes)
// Lines starting with '+' (maps included from NIS) are skipped; '#' starts a comment.
//
// Indirect maps (/etc/auto.htmount): `KEY [-OPTIONS] LOCATION`, LOCATION = host:/path;
// KEY `*` matches any key and `&` in the location stands for it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.hpp"

namespace lvs {

inline constexpr SimTime kAutofsDefaultTimeout = 300 * kSecond;

struct AutoMasterEntry {
  std::string mount_point;                 // "/var/www"
  std::string map;                         // "/etc/auto.htmount"
  std::vector<std::string> mount_options;  // default mount options ("timeout")
  SimTime timeout = kAutofsDefaultTimeout;
  int line = 0;
};

struct AutoMapEntry {
  std::string key;             // "html"
  std::string options;         // "ro,soft,intr" (without the '-')
  std::string host;            // "192.168.10.103" (or a host name)
  std::string path;            // "/public"
  std::string fstype = "nfs";  // from -fstype=, default nfs
  int line = 0;
};

// Both parsers: entries, or error = "FILE:LINE: message" (error_line = LINE).
struct AutoMasterParse {
  std::vector<AutoMasterEntry> entries;
  std::string error;
  int error_line = 0;
  bool ok() const { return error.empty(); }
};
struct AutoMapParse {
  std::vector<AutoMapEntry> entries;
  std::string error;
  int error_line = 0;
  bool ok() const { return error.empty(); }
};

AutoMasterParse parse_auto_master(std::string_view text, std::string_view file = "/etc/auto.master");
AutoMapParse parse_auto_map(std::string_view text, std::string_view file);

// The entry for `key` (exact match first, then `*` with & replaced), or false.
bool lookup_auto_map(const AutoMapParse& map, const std::string& key, AutoMapEntry* out);

}  // namespace lvs
