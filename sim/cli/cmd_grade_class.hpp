#pragma once
// The class forms of `lvslab grade` (sim/cli/cmd_grade_class.cpp), called by cmd_grade:
//   lvslab grade LAB CLASS_DIR --out DIR [--shard K/N] [--jobs N] [--timeout S] ...
//   lvslab grade merge DIR... --out DIR [--partial]
#include <ostream>
#include <string>
#include <vector>

namespace lvs::cli {

// True when `args` (after "grade") ask for a class form: "merge ..." or an --out option.
bool is_grade_class_form(const std::vector<std::string>& args);
int cmd_grade_class(const std::vector<std::string>& args);  // LAB CLASS_DIR --out DIR ...
int cmd_grade_merge(const std::vector<std::string>& args);  // DIR... --out DIR (args after "merge")
// The class forms' part of `lvslab grade --help`: what they do and their options.
void print_grade_class_help(std::ostream& out);

}  // namespace lvs::cli
