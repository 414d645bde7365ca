#include "sim/trace/report_digest.hpp"

#include "sim/trace/nfs_view.hpp"
#include "sim/trace/vip_arp.hpp"

namespace lvs {

ReportDigest::ReportDigest(const Trace& trace)
    : trace_(trace), paths_(trace.meta()), evidence_(trace), vips_(virtual_ips(trace.meta())) {
  // What the world's build recorded (the directors' rules...), all kept, numbered from 0.
  for (std::size_t i = 0; i < trace.records().size(); ++i) evidence_.add(trace.records()[i], i, wire::Bytes());
}

ReportDigest::Verdict ReportDigest::take(const TraceRecord& rec, wire::Bytes frame, std::uint64_t number) {
  paths_.add(rec, frame);
  evidence_.add(rec, number, frame);
  Verdict v;
  if (const auto* rx = std::get_if<FrameRx>(&rec.body)) {
    v.keep_record = trace_.has_frame(rx->frame);  // an ARP frame vip_arp_history reads
  } else if (std::holds_alternative<FrameTx>(rec.body)) {
    v.keep_frame = !vips_.empty() && vip_arp_reads(rec.body, frame, vips_);
  } else {
    v.keep_record = vip_arp_reads(rec.body, frame, vips_) || storage_views_read(rec.body, trace_);
  }
  return v;
}

}  // namespace lvs
