// Sourced files read as bash reads assignments (bash(1) QUOTING, PARAMETERS): the values
// initscripts see in ifcfg-*, /etc/sysconfig/network and route-* (ADDRESSn=).
#include <doctest/doctest.h>

#include "sim/config/files/shell_vars.hpp"

using namespace lvs::config;
using namespace lvs::config::files;

namespace {

struct Sourced {
  ShellVars vars;
  BootPlan plan;
};

Sourced source(std::string_view text, ShellVars before = {}) {
  Sourced s{std::move(before), {}};
  PlanWriter out(s.plan);
  source_assignments("/f", text, s.vars, out);
  return s;
}

}  // namespace

TEST_CASE("shell vars: quoting, escapes, comments, several assignments on a line, export") {
  const auto s = source(
      "A=plain\nB=\"double quoted\"  # comment\nC='single $A'\nD=a\\ b\nE=x#y\nF=1 G=2; H=3\nexport I=4\nexport J\n"
      "K=\"esc \\\" \\$A \\x\"\nL=\n");
  CHECK(var_value(s.vars, "A") == "plain");
  CHECK(var_value(s.vars, "B") == "double quoted");
  CHECK(var_value(s.vars, "C") == "single $A");
  CHECK(var_value(s.vars, "D") == "a b");
  CHECK(var_value(s.vars, "E") == "x#y");
  CHECK(var_value(s.vars, "F") == "1");
  CHECK(var_value(s.vars, "G") == "2");
  CHECK(var_value(s.vars, "H") == "3");
  CHECK(var_value(s.vars, "I") == "4");
  CHECK(var_value(s.vars, "K") == "esc \" $A \\x");
  CHECK(s.vars.count("L") == 1);
  CHECK(var_line(s.vars, "H") == 6);
  CHECK(s.vars.at("A").file == "/f");
  CHECK(s.plan.problems.empty());
}

TEST_CASE("shell vars: $NAME and ${NAME} expand from earlier assignments and files sourced before") {
  const auto s = source("NET=192.168.10\nIPADDR=$NET.11\nGW=\"${NET}.1\"\nX=$UNSET-y\nP=a$\n",
                        {{"DOMAIN", ShellVar{"lab", "/etc/sysconfig/network", 1}}});
  CHECK(var_value(s.vars, "IPADDR") == "192.168.10.11");
  CHECK(var_value(s.vars, "GW") == "192.168.10.1");
  CHECK(var_value(s.vars, "X") == "-y");
  CHECK(var_value(s.vars, "P") == "a$");
  CHECK(s.plan.problems.empty());
}

TEST_CASE("shell vars: a quoted value may span lines; the line is where the assignment starts") {
  const auto s = source("A=\"one\ntwo\"\nB=3\n");
  CHECK(var_value(s.vars, "A") == "one\ntwo");
  CHECK(var_line(s.vars, "B") == 3);
}

TEST_CASE("shell vars: commands, substitutions, special parameters and operators are problems; the rest is read") {
  const auto s = source("A=$(hostname)\nB=`id`\nC=$1\nD=${A:-x}\necho hi\nE=1 && F=2\nG=ok\n");
  CHECK(var_value(s.vars, "G") == "ok");
  CHECK(s.vars.count("A") == 0);
  CHECK(s.vars.count("F") == 0);
  REQUIRE(s.plan.problems.size() == 6);
  CHECK(s.plan.problems[0] == "/f:1: command substitution ($(...)) is not run by lvslab");
  CHECK(s.plan.problems[1] == "/f:2: command substitution (`...`) is not run by lvslab");
  CHECK(s.plan.problems[2] == "/f:3: $1: special parameters are not modelled in this file");
  CHECK(s.plan.problems[3] == "/f:4: ${A:-x}: lvslab expands only ${NAME}");
  CHECK(s.plan.problems[4].starts_with("/f:5: not an assignment: \"echo hi\""));
  CHECK(s.plan.problems[5] == "/f:6: '&': lvslab reads only assignments (NAME=VALUE) in this file");
}
