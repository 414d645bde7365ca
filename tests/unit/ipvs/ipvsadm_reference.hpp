#pragma once
// Reads real ipvsadm output from tests/data (captured on Linux 6.1; see tests/data/README.md).
// reference_block(): from kernel-6.1-ipvsadm.txt, the lines following the N-th
// "# nsx HOST CMD" line after a "######## SECTION" header, up to the next '#' line or blank
// line, each with its '\n' (trailing spaces kept).
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#ifndef LVSLAB_TEST_DATA_DIR
#error "LVSLAB_TEST_DATA_DIR must point at tests/data"
#endif

namespace lvs::ipvs::test {

// The whole of tests/data/NAME.
inline std::string test_data(const std::string& name) {
  const std::string path = std::string(LVSLAB_TEST_DATA_DIR) + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string reference_text() { return test_data("kernel-6.1-ipvsadm.txt"); }

// A capture file whose header lines start with "# ": the exact output after them.
inline std::string captured_output(const std::string& name) {
  const std::string text = test_data(name);
  std::size_t pos = 0;
  while (text.compare(pos, 2, "# ") == 0) pos = text.find('\n', pos) + 1;
  return text.substr(pos);
}

// `section`: text after "######## " that the header starts with ("LVS-NAT");
// `command`: the whole command line after "# nsx " ("director ipvsadm -Ln").
inline std::string reference_block(const std::string& section, const std::string& command) {
  const std::string text = reference_text();
  const std::size_t sec = text.find("\n######## " + section);
  if (sec == std::string::npos) throw std::runtime_error("no section " + section);
  const std::string marker = "\n# nsx " + command + "\n";
  std::size_t at = text.find(marker, sec);
  const std::size_t next_sec = text.find("\n######## ", sec + 1);
  if (at == std::string::npos || (next_sec != std::string::npos && at > next_sec))
    throw std::runtime_error("no '" + command + "' in section " + section);
  std::size_t pos = at + marker.size();
  std::string block;
  while (pos < text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string line = text.substr(pos, nl - pos);
    if (line.empty() || line[0] == '#') break;
    block += line + "\n";
    pos = nl + 1;
  }
  return block;
}

}  // namespace lvs::ipvs::test
