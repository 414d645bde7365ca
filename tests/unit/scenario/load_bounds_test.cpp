// Reading a scenario file is bounded: an endless device or a directory is refused with a
// clear message, and no more than the limit (+1 byte) is ever read.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/scenario/scenario.hpp"

using namespace lvs;

namespace {

std::string load_error(const std::string& path) {
  try {
    load_scenario_file(path);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("an endless file (/dev/zero) is refused once the limit is passed, not read to its end") {
  // Without the bound this never returns: /dev/zero has no end.
  const std::string e = load_error("/dev/zero");
  CHECK(e.find("/dev/zero") != std::string::npos);
  CHECK(e.find("file too large (more than 16777216 bytes") != std::string::npos);
}

TEST_CASE("a directory is named as one, not as a JSON syntax error") {
  const std::string e = load_error(std::filesystem::temp_directory_path().string());
  CHECK(e.find("is a directory, not a scenario file") != std::string::npos);
  CHECK(e.find("syntax") == std::string::npos);
}

TEST_CASE("a file of exactly the limit is read whole; one byte more is refused") {
  const auto path = std::filesystem::temp_directory_path() / "lvslab-load-bounds-test.json";
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string(kMaxScenarioFileBytes, ' ');
  }
  CHECK(read_scenario_bytes(path.string()).size() == kMaxScenarioFileBytes);
  {
    std::ofstream out(path, std::ios::binary | std::ios::app);
    out << ' ';
  }
  CHECK(load_error(path.string()).find("file too large") != std::string::npos);
  std::filesystem::remove(path);
}
