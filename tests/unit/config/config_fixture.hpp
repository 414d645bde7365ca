#pragma once
// A lab machine for the shell tests: a host with two Ethernet devices plugged into a
// segment, named and addressed like the namespace the reference outputs were captured
// in (tests/data/linux-tools-debian12.txt: veth1 then veth0, their MACs), and the
// reference's blocks ("$ command", its output, "[exit N]") to compare with.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sim/config/machine.hpp"
#include "sim/config/shell.hpp"
#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"
#include "sim/net/world.hpp"

namespace lvs::test {

struct ShellFixture {
  World world{1, false};
  Segment& lan = world.add_segment("lan", LinkParams{});
  Host& host = world.add_host("rs1", "server");
  config::Machine machine{host, nullptr, {}};
  // The captured namespace's kernel had no ip_vs module; tests that load it say so.
  explicit ShellFixture(bool ipvs_available = false) {
    machine.set_ipvs_available(ipvs_available);
    plug("veth1", "86:de:c9:62:80:fa");
    plug("veth0", "3a:98:43:72:ba:d3");
  }
  void plug(const std::string& name, const char* mac) {
    const IfIndex i = host.add_ethernet(name, *MacAddr::parse(mac));
    lan.attach(host, host.iface(i), lan.defaults());
  }
  // Runs one line; returns its output and sets *status.
  std::string run(const std::string& line, int* status = nullptr) {
    const auto entries = config::run_line(machine, line, config::Origin{"test", 1});
    REQUIRE(entries.size() == 1);
    if (status) *status = entries[0].status;
    return entries[0].output;
  }
};

struct ReferenceBlock {
  std::string command;
  std::string output;
  int status = 0;
};

// The blocks of a reference file, in order.
inline std::vector<ReferenceBlock> read_reference(const std::string& name) {
  std::ifstream in(std::string(LVSLAB_TEST_DATA_DIR) + "/" + name);
  REQUIRE_MESSAGE(in.good(), "cannot read tests/data/" << name);
  std::vector<ReferenceBlock> blocks;
  std::string line;
  bool open = false;
  while (std::getline(in, line)) {
    if (!open && line.starts_with("$ ")) {
      blocks.push_back(ReferenceBlock{line.substr(2), "", 0});
      open = true;
    } else if (open && line.starts_with("[exit ")) {
      blocks.back().status = std::stoi(line.substr(6));
      open = false;
    } else if (open) {
      blocks.back().output += line + "\n";
    }
  }
  return blocks;
}

inline const ReferenceBlock& reference(const std::vector<ReferenceBlock>& blocks, const std::string& command,
                                       int nth = 0) {
  for (const auto& b : blocks)
    if (b.command == command && nth-- == 0) return b;
  FAIL("no reference block for: " << command);
  return blocks.front();
}

}  // namespace lvs::test
