#pragma once
// Capture files: a view of the trace as classic libpcap files, one per segment, as a
// tcpdump on the segment's switch would record them (every FrameWire record, in trace
// order). Format: pcap-savefile(5) with the nanosecond magic 0xa1b23c4d, version 2.4,
// snaplen 65535, LINKTYPE_ETHERNET (1), written little-endian so that the bytes do not
// depend on the machine.
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/time.hpp"
#include "sim/trace/trace.hpp"
#include "sim/wire/bytes.hpp"

namespace lvs {

inline constexpr std::uint32_t kPcapMagicNanoseconds = 0xa1b23c4d;
inline constexpr std::uint32_t kPcapSnaplen = 65535;
inline constexpr std::uint32_t kPcapLinktypeEthernet = 1;

// The last instant a record can carry: pcap's ts_sec is an unsigned 32-bit count of
// seconds (2106-02-07 as a date). The format has no way to say more, so a frame after
// it is refused, never wrapped round to 1970.
inline constexpr SimTime kPcapMaxTime = 0xffffffffLL * kSecond + (kSecond - 1);

// The capture files of one run, one per segment of the trace meta, in `dir` (created if
// needed), named "<segment-name>.pcap" (characters other than [A-Za-z0-9._-] become '_';
// a name that sanitises to one already used gets "-<id>" appended). The constructor
// creates the directory and checks that files can be made there (and that no target is
// a directory), so that a bad path is found before the run. write() writes each file
// in turn to a temporary name (OutputFile; one file open at a time) and renames them
// all into place only when every one is complete. A segment that carried no frame still
// gets a file with just the global header; frames on a segment id missing from the meta
// go to "segment<id>.pcap". Every failure throws OutputError naming the path; a failed
// write renames no file of the set.
class PcapWriter {
 public:
  PcapWriter(const TraceMeta& meta, const std::string& dir);

  // Writes every FrameWire record of `trace` (whose meta is the constructor's) and
  // commits the files. Returns the paths, in segment id order.
  std::vector<std::string> write(const Trace& trace);
  // The files that will be written (one per segment of the meta), in segment id order.
  const std::vector<std::string>& paths() const { return paths_; }

 private:
  std::string add_path(const std::string& stem, std::size_t segment_id);

  std::string dir_;
  std::vector<std::string> paths_;
  std::set<std::string> used_names_;
};
// PcapWriter(trace.meta(), dir).write(trace).
std::vector<std::string> write_pcaps(const Trace& trace, const std::string& dir);

// Writes one pcap file holding `frames` (simulated time, Ethernet frame) in the given
// order. Throws OutputError("<path>: <strerror>") on failure.
void write_pcap_file(const std::string& path, const std::vector<std::pair<SimTime, wire::Bytes>>& frames);

// The file name used for a segment's capture (sanitised, see write_pcaps).
std::string pcap_file_name(const std::string& segment_name);

}  // namespace lvs
