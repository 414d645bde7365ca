#pragma once
// Capture files: a view of the trace as classic libpcap files, one per segment, as a
// tcpdump on the segment's switch would record them (every FrameWire record, in trace
// order). Format: pcap-savefile(5) with the nanosecond magic 0xa1b23c4d, version 2.4,
// snaplen 65535, LINKTYPE_ETHERNET (1), written little-endian so that the bytes do not
// depend on the machine.
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

// Writes one pcap per segment of trace.meta() into `dir` (created if needed), named
// "<segment-name>.pcap" (characters other than [A-Za-z0-9._-] become '_'). A segment
// that carried no frame still gets a file with just the global header. Frames on a
// segment id missing from the meta go to "segment<id>.pcap"; a name that sanitises to
// one already used gets "-<id>" appended. Returns the paths written,
// in segment id order. Throws std::runtime_error naming the path on any I/O failure.
std::vector<std::string> write_pcaps(const Trace& trace, const std::string& dir);

// Writes one pcap file holding `frames` (simulated time, Ethernet frame) in the given
// order. Throws std::runtime_error("<path>: <strerror>") on failure.
void write_pcap_file(const std::string& path, const std::vector<std::pair<SimTime, wire::Bytes>>& frames);

// The file name used for a segment's capture (sanitised, see write_pcaps).
std::string pcap_file_name(const std::string& segment_name);

}  // namespace lvs
