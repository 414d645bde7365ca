#pragma once
// What a trace keeps when only the run report will read it (`lvslab run` without
// --trace or --pcap): the report's views see the same records as with the whole trace,
// but nothing per request stays in memory that they do not use.
//  * request paths and the server of each request: built as the records come
//    (PathBuilder), a few bytes per ended request;
//  * the diagnosis' evidence (sim/trace/diagnosis/evidence.hpp): built as the records come,
//    kept for the requests that went wrong;
//  * the VIP ARP story and the storage notes: their records are kept (vip_arp_reads,
//    storage_views_read), with the bytes of the ARP frames they look at;
//  * everything else (frames on the wire, routing decisions, TCP states, IPVS
//    connection updates, host configurations...) is not kept.
// A report made from this trace is the report made from the whole trace (tests compare
// them on every shipped scenario).
#include <vector>

#include "sim/trace/diagnosis/evidence.hpp"
#include "sim/trace/paths.hpp"
#include "sim/trace/trace.hpp"

namespace lvs {

class ReportDigest {
 public:
  explicit ReportDigest(const Trace& trace);

  struct Verdict {
    bool keep_record = false;
    bool keep_frame = false;  // a FrameTx whose bytes a kept FrameRx will need
  };
  // One record as the run makes it, with its number. `frame` is a FrameTx's frame.
  Verdict take(const TraceRecord& rec, wire::Bytes frame, std::uint64_t number);

  const PathBuilder& paths() const { return paths_; }
  const DiagnosisEvidence& evidence() const { return evidence_; }

 private:
  const Trace& trace_;
  PathBuilder paths_;
  DiagnosisEvidence evidence_;
  std::vector<Ipv4Addr> vips_;
};

}  // namespace lvs
