// Fuzz target: a shell transcript (sim/config/shell.cpp) run on a lab machine with two
// Ethernet devices, ip_vs available: every command of the interpreter, its lexer, the
// here-documents and redirections, files and /proc/sys.
//
// Invariants beyond "does not crash":
//  * every entry names the script and a line inside it, in order;
//  * an entry lvslab did not understand says so with FILE:LINE; exit statuses are 0..255;
//  * files stay within their bound;
//  * the same script on a fresh machine gives the same transcript (no hidden state).
#include <string>
#include <vector>

#include "sim/config/machine.hpp"
#include "sim/config/shell.hpp"
#include "sim/config/shell/files.hpp"
#include "sim/net/host.hpp"
#include "sim/net/segment.hpp"
#include "sim/net/world.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs {
namespace {

constexpr const char* kFile = "rs1/setup.sh";

struct Lab {
  World world{1, false};
  Segment& lan = world.add_segment("lan", LinkParams{});
  Host& host = world.add_host("rs1", "server");
  config::Machine machine{host, nullptr, {}};
  Lab() {
    for (const char* name : {"eth0", "eth1"}) {
      const IfIndex i = host.add_ethernet(name, MacAddr{{0x02, 0, 0, 0, 1, static_cast<std::uint8_t>(name[3])}});
      lan.attach(host, host.iface(i), lan.defaults());
    }
  }
};

std::string render(const std::vector<config::TranscriptEntry>& t) {
  std::string s;
  for (const auto& e : t)
    s += std::to_string(e.origin.line) + "|" + e.prompt + e.command + "\n" + e.output + "[" + std::to_string(e.status) +
         (e.understood ? "" : " ?") + (e.ignored ? " ignored" : "") + "]\n";
  return s;
}

void check(const config::Machine& m, const std::vector<config::TranscriptEntry>& t, std::size_t lines) {
  std::uint32_t last = 0;
  for (const auto& e : t) {
    FUZZ_CHECK(e.origin.file == kFile, e.origin.file);
    FUZZ_CHECK(e.origin.line >= 1 && e.origin.line <= lines + 1, std::to_string(e.origin.line));
    FUZZ_CHECK(e.origin.line > last, "entries out of order");
    last = e.origin.line;
    FUZZ_CHECK(e.status >= 0 && e.status <= 255, std::to_string(e.status));
    const std::string where = std::string("lvslab: ") + kFile + ":" + std::to_string(e.origin.line) + ": ";
    if (!e.understood) FUZZ_CHECK(e.output.find(where + "not understood: ") != std::string::npos, e.output);
  }
  for (const auto& [path, text] : m.files()) FUZZ_CHECK(text.size() <= config::shell::kMaxFileBytes, path);
}

}  // namespace
}  // namespace lvs

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 4096) return -1;
  const std::string_view text = fuzz::as_text(data, size);
  std::size_t lines = 0;
  for (char c : text) lines += c == '\n';
  Lab a;
  const auto first = config::run_script(a.machine, text, kFile);
  check(a.machine, first, lines);
  Lab b;
  const auto second = config::run_script(b.machine, text, kFile);
  FUZZ_CHECK(render(first) == render(second), "the same script gave another transcript");
  return 0;
}
