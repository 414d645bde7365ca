#pragma once
// The cause of a request's failure (or of a request that did not go where the lab model
// says, or bypassed the director), in one sentence with evidence from the trace. Shared by
// the run report (text and --json "cause"), the viewer ("jump to the cause") and the
// grader's feedback. Produced by sim/trace/diagnosis (one function per kind of cause).
#include <cstdint>
#include <string>

namespace lvs {

struct Cause {
  // Stable name, used in JSON and by tests and lab packs: "forwarding-off", "no-route",
  // "rp-filter", "wrong-gateway", "nothing-listening", "vip-arp-realserver",
  // "nfs-refused", "autofs-not-running", ... (docs/diagnosis.md lists every kind).
  std::string kind;
  // One sentence a student understands, with the evidence: who, where, when, why, e.g.
  // "director dropped the reply from 192.168.10.11 at 1.0032 s: forwarding is off
  // (net.ipv4.ip_forward=0) — the NAT director must route".
  std::string text;
  // Index of the trace record that shows it, as `lvslab view SCENARIO --at-event N`
  // numbers events (the full trace of the same scenario and seed).
  std::uint64_t event = 0;
  std::string host;  // the host where it happened ("" when none)
};

}  // namespace lvs
