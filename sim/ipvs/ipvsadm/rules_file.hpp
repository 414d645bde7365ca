#pragma once
// The ipvsadm-save / ipvsadm-restore format (/etc/sysconfig/ipvsadm, /etc/ipvsadm.rules):
// one ipvsadm command per line without the program name, e.g.
//   -A -t 192.168.10.100:80 -s wlc
//   -a -t 192.168.10.100:80 -r 10.0.0.7:80 -g -w 1
// As `ipvsadm -R` reads it (config_stream.c): words are split on blanks only (no
// quoting), a word "ipvsadm" is dropped, empty lines are skipped, "-R" inside is refused.
// lvslab addition: a word starting with '#' starts a comment (real ipvsadm -R has no
// comment syntax and fails on such a line). Restoring stops at the first bad line,
// as ipvsadm does; the error reads "FILE:LINE: message".
#include <string>
#include <string_view>
#include <vector>

#include "sim/ipvs/ipvsadm/command.hpp"

namespace lvs::ipvs::ipvsadm {

struct RulesLine {
  int line = 0;  // 1-based
  IpvsadmCommand command;
};

struct RulesParse {
  std::vector<RulesLine> commands;  // in file order
  std::string error;                // "" when the whole file parsed
  int error_line = 0;
  bool ok() const { return error.empty(); }
};

RulesParse parse_rules(std::string_view text, std::string_view file_name);

}  // namespace lvs::ipvs::ipvsadm
