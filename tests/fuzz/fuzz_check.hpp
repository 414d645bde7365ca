#pragma once
// What every fuzz target uses to state an invariant. Unlike assert() it stays on in
// Release builds (the replay tests run in the normal Release build), and it aborts, so
// that libFuzzer records the input as a crash and the replay test fails.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#define FUZZ_CHECK(cond, what)                                               \
  do {                                                                       \
    if (!(cond)) ::lvs::fuzz::check_failed(#cond, what, __FILE__, __LINE__); \
  } while (0)

namespace lvs::fuzz {

[[noreturn]] inline void check_failed(const char* cond, std::string_view what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s (%.*s)\n", file, line, cond, static_cast<int>(what.size()),
               what.data());
  std::abort();
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace lvs::fuzz

// The libFuzzer entry point every target defines.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
