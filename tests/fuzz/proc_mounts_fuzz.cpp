// Fuzz target: /proc/mounts lines as hardware mode reads them from a host's own mount
// namespace (sim/hw/nfs_services.cpp parse_proc_mounts_line), and the comparison of the
// mounts they give (sim/hw/nfs_compare.cpp).
//
// Invariants beyond "does not crash":
//  * a line taken has a source, a target, a type and options, none longer than the line
//    (an octal escape only ever shortens a field), the type without white space;
//  * a mount compared with itself is the same on both sides, and its summary starts
//    with its source;
//  * a mount on one side only is a difference.
#include <sstream>

#include "sim/hw/nfs_compare.hpp"
#include "sim/hw/nfs_services.hpp"
#include "tests/fuzz/fuzz_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs::hw;
  std::istringstream in{std::string(lvs::fuzz::as_text(data, size))};
  std::string line;
  std::vector<HwNfsMount> mounts;
  while (std::getline(in, line)) {
    HwNfsMount m;
    if (!parse_proc_mounts_line(line, &m)) continue;
    FUZZ_CHECK(!m.source.empty() && !m.target.empty() && !m.type.empty() && !m.options.empty(), "an empty field");
    FUZZ_CHECK(m.source.size() <= line.size() && m.target.size() <= line.size(), "a field longer than its line");
    FUZZ_CHECK(m.type.find_first_of(" \t") == std::string::npos, "white space in the type");
    FUZZ_CHECK(mount_summary(m, m.options).starts_with(m.source + " "), "a summary without its source");
    m.host = "h";
    mounts.push_back(m);
  }
  if (mounts.empty()) return 0;
  for (const auto& row : compare_nfs_mounts(mounts, mounts))
    FUZZ_CHECK(row.verdict == Verdict::kSame, "a mount differs from itself");
  for (const auto& row : compare_nfs_mounts({mounts.front()}, {}))
    FUZZ_CHECK(row.verdict == Verdict::kDiffers, "a mount on one side only is not a difference");
  return 0;
}
