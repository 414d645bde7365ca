#include "sim/trace/pcap.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <stdexcept>
#include <system_error>
#include <variant>

#include "sim/trace/output_file.hpp"

namespace lvs {

namespace {

void put_le32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void put_le16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}

template <std::size_t N>
std::string_view bytes_of(const std::uint8_t (&h)[N]) {
  return std::string_view(reinterpret_cast<const char*>(h), N);
}

// pcap-savefile(5) global header: magic, version 2.4, thiszone 0, sigfigs 0, snaplen,
// link-layer type.
void write_global_header(OutputFile& out) {
  std::uint8_t h[24] = {};
  put_le32(h, kPcapMagicNanoseconds);
  put_le16(h + 4, 2);
  put_le16(h + 6, 4);
  put_le32(h + 16, kPcapSnaplen);
  put_le32(h + 20, kPcapLinktypeEthernet);
  out.write(bytes_of(h));
}

// Per-record header: seconds, nanoseconds, captured length, original length.
void write_record(OutputFile& out, SimTime t, wire::Bytes frame) {
  const SimTime t0 = std::max<SimTime>(t, 0);  // the clock starts at 0; never negative
  if (t0 > kPcapMaxTime)
    throw OutputError(out.path() + ": a frame at " + format_time(t0) +
                      " is later than a pcap file can record (32-bit seconds: " + format_time(kPcapMaxTime) + ")");
  const auto caplen = static_cast<std::uint32_t>(std::min<std::size_t>(frame.size(), kPcapSnaplen));
  std::uint8_t h[16];
  put_le32(h, static_cast<std::uint32_t>(t0 / kSecond));
  put_le32(h + 4, static_cast<std::uint32_t>(t0 % kSecond));
  put_le32(h + 8, caplen);
  put_le32(h + 12, static_cast<std::uint32_t>(frame.size()));
  out.write(bytes_of(h));
  out.write(std::string_view(reinterpret_cast<const char*>(frame.data()), caplen));
}

// Segment names come from scenario files: keep [A-Za-z0-9._-], no leading dot (no
// hidden files, no "..").
std::string file_stem(const std::string& segment_name) {
  std::string name = segment_name.empty() ? std::string("segment") : segment_name;
  for (char& c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) c = '_';
  }
  if (name.front() == '.') name.front() = '_';
  return name;
}

}  // namespace

std::string pcap_file_name(const std::string& segment_name) { return file_stem(segment_name) + ".pcap"; }

void write_pcap_file(const std::string& path, const std::vector<std::pair<SimTime, wire::Bytes>>& frames) {
  OutputFile out(path);
  write_global_header(out);
  for (const auto& [t, bytes] : frames) write_record(out, t, bytes);
  out.commit();
}

PcapWriter::PcapWriter(const TraceMeta& meta, const std::string& dir) : dir_(dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw OutputError(dir + ": " + ec.message());
  for (std::size_t id = 0; id < meta.segments.size(); ++id) add_path(file_stem(meta.segments[id].name), id);
  // Fail now, not after the run: a file can be made here, and no target is a directory.
  (void)OutputFile((std::filesystem::path(dir) / ".lvslab-probe").string());
  for (const std::string& path : paths_)
    if (std::filesystem::is_directory(path, ec)) throw OutputError(path + ": " + std::strerror(EISDIR));
}

std::string PcapWriter::add_path(const std::string& stem, std::size_t segment_id) {
  std::string name = stem + ".pcap";
  // Two names that sanitise alike must not overwrite each other.
  if (!used_names_.insert(name).second) {
    name = stem + "-" + std::to_string(segment_id) + ".pcap";
    used_names_.insert(name);
  }
  paths_.push_back((std::filesystem::path(dir_) / name).string());
  return paths_.back();
}

std::vector<std::string> PcapWriter::write(const Trace& trace) {
  // Frames per segment id, in trace order.
  const std::size_t known = paths_.size();
  std::vector<std::vector<std::pair<SimTime, wire::Bytes>>> per_segment(known);
  for (const TraceRecord& rec : trace.records()) {
    const auto* wire_rec = std::get_if<FrameWire>(&rec.body);
    if (wire_rec == nullptr) continue;
    if (wire_rec->segment >= per_segment.size()) per_segment.resize(wire_rec->segment + std::size_t{1});
    per_segment[wire_rec->segment].emplace_back(rec.time, trace.frame(wire_rec->frame));
  }
  std::vector<std::string> written;
  std::vector<std::unique_ptr<OutputFile>> files;
  for (std::size_t id = 0; id < per_segment.size(); ++id) {
    if (id >= known && per_segment[id].empty()) continue;
    const std::string path = id < known ? paths_[id] : add_path("segment" + std::to_string(id), id);
    files.push_back(std::make_unique<OutputFile>(path));
    write_global_header(*files.back());
    for (const auto& [t, bytes] : per_segment[id]) write_record(*files.back(), t, bytes);
    files.back()->close();
    written.push_back(path);
  }
  // Rename only when every file is complete: a set cut in the middle is not a capture.
  for (auto& f : files) f->commit();
  return written;
}

std::vector<std::string> write_pcaps(const Trace& trace, const std::string& dir) {
  return PcapWriter(trace.meta(), dir).write(trace);
}

}  // namespace lvs
