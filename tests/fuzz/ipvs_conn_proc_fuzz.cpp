// Fuzz target: /proc/net/ip_vs_conn as hardware mode reads it (sim/hw/procfs.cpp
// parse_ipvs_conns), the kernel's connection table that `hw compare` compares.
//
// Invariants beyond "does not crash":
//  * a template is a row with client port 0 in a template state (NONE or ASSURED);
//  * at most one entry per input line, each with a state;
//  * printing the entries back in ip_vs_conn_seq_show's format and reading them again
//    gives the same entries (nothing is half-read).
#include <algorithm>
#include <cstdio>
#include <string>

#include "sim/hw/procfs.hpp"
#include "tests/fuzz/fuzz_check.hpp"

namespace lvs {
namespace {

const char* proto(const ipvs::ConnEntry& e) {
  if (e.fwmark) return "IP";
  switch (e.protocol) {
    case ipvs::Protocol::kUdp: return "UDP";
    case ipvs::Protocol::kSctp: return "SCTP";
    default: return "TCP";
  }
}

// "%-3s %08X %04X %08X %04X %08X %04X %-11s %7u\n" (ip_vs_conn.c, IPv4).
std::string seq_show(const std::vector<ipvs::ConnEntry>& conns) {
  std::string out = "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData\n";
  for (const auto& e : conns) {
    char head[64], tail[16];
    std::snprintf(head, sizeof head, "%-3s %08X %04X %08X %04X %08X %04X ", proto(e), e.client_addr.value,
                  e.client_port, e.virtual_addr.value, e.virtual_port, e.dest_addr.value, e.dest_port);
    std::snprintf(tail, sizeof tail, " %7u\n", e.expires_ms / 1000);
    out += head + e.state + std::string(e.state.size() < 11 ? 11 - e.state.size() : 0, ' ') + tail;
  }
  return out;
}

bool same(const ipvs::ConnEntry& a, const ipvs::ConnEntry& b) {
  return a.protocol == b.protocol && a.client_addr == b.client_addr && a.client_port == b.client_port &&
         a.virtual_addr == b.virtual_addr && a.virtual_port == b.virtual_port && a.dest_addr == b.dest_addr &&
         a.dest_port == b.dest_port && a.state == b.state && a.expires_ms == b.expires_ms &&
         a.is_template == b.is_template && a.fwmark == b.fwmark;
}

}  // namespace
}  // namespace lvs

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lvs;
  if (size > 16384) return -1;
  const std::string_view text = fuzz::as_text(data, size);
  const auto conns = hw::parse_ipvs_conns(text);
  FUZZ_CHECK(conns.size() <= static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 1,
             "more entries than lines");
  for (const auto& e : conns) {
    FUZZ_CHECK(!e.state.empty(), "an entry without a state");
    if (e.is_template && !e.fwmark)
      FUZZ_CHECK(e.client_port == 0 && (e.state == "NONE" || e.state == "ASSURED"), "a template that is not one");
  }
  const auto again = hw::parse_ipvs_conns(seq_show(conns));
  FUZZ_CHECK(again.size() == conns.size(), "printed entries read back as another number");
  for (std::size_t i = 0; i < conns.size(); ++i) FUZZ_CHECK(same(conns[i], again[i]), "an entry read back differently");
  return 0;
}
