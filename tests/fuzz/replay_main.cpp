// Replays a corpus without libFuzzer: `fuzz_replay_X DIR|FILE...` calls the target's
// LLVMFuzzerTestOneInput once per file (a directory's files in name order), so that the
// normal build (any compiler) re-checks every committed input and a regression fails
// `make test`. A failing input aborts; its name is printed first so it is easy to find.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_check.hpp"

namespace fs = std::filesystem;

namespace {

bool read_file(const fs::path& p, std::vector<std::uint8_t>* out) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s CORPUS_DIR|FILE...\n", argv[0]);
    return 2;
  }
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    const fs::path arg = argv[i];
    std::error_code ec;
    if (fs::is_directory(arg, ec)) {
      for (const auto& e : fs::directory_iterator(arg))
        if (e.is_regular_file()) inputs.push_back(e.path());
    } else if (fs::is_regular_file(arg, ec)) {
      inputs.push_back(arg);
    } else {
      std::fprintf(stderr, "%s: %s: no such file or directory\n", argv[0], argv[i]);
      return 2;
    }
  }
  std::sort(inputs.begin(), inputs.end());
  if (inputs.empty()) {  // an empty corpus would make the test pass while checking nothing
    std::fprintf(stderr, "%s: no input files\n", argv[0]);
    return 2;
  }
  std::vector<std::uint8_t> data;
  for (const auto& p : inputs) {
    if (!read_file(p, &data)) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], p.c_str());
      return 2;
    }
    std::fprintf(stderr, "replay %s\n", p.filename().c_str());
    LLVMFuzzerTestOneInput(data.data(), data.size());
  }
  std::printf("%zu inputs replayed\n", inputs.size());
  return 0;
}
