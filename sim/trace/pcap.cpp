#include "sim/trace/pcap.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <set>
#include <system_error>
#include <variant>

namespace lvs {

namespace {

void put_le32(std::uint8_t* p, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}
void put_le16(std::uint8_t* p, std::uint16_t v) {
  p[0] = static_cast<std::uint8_t>(v);
  p[1] = static_cast<std::uint8_t>(v >> 8);
}

[[noreturn]] void fail(const std::string& path, int err) {
  throw std::runtime_error("pcap: " + path + ": " + std::strerror(err));
}

// Owns the FILE*, so an exception in the middle does not leak it.
class OutFile {
 public:
  explicit OutFile(const std::string& path) : path_(path), f_(std::fopen(path.c_str(), "wb")) {
    if (f_ == nullptr) fail(path_, errno);
  }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;
  ~OutFile() {
    if (f_ != nullptr) std::fclose(f_);
  }
  void write(const void* data, std::size_t n) {
    if (n != 0 && std::fwrite(data, 1, n, f_) != n) fail(path_, errno);
  }
  void close() {
    std::FILE* f = f_;
    f_ = nullptr;
    if (std::fflush(f) != 0) {
      const int err = errno;
      std::fclose(f);
      fail(path_, err);
    }
    if (std::fclose(f) != 0) fail(path_, errno);
  }

 private:
  std::string path_;
  std::FILE* f_;
};

// pcap-savefile(5) global header: magic, version 2.4, thiszone 0, sigfigs 0, snaplen,
// link-layer type.
void write_global_header(OutFile& out) {
  std::uint8_t h[24] = {};
  put_le32(h, kPcapMagicNanoseconds);
  put_le16(h + 4, 2);
  put_le16(h + 6, 4);
  put_le32(h + 16, kPcapSnaplen);
  put_le32(h + 20, kPcapLinktypeEthernet);
  out.write(h, sizeof h);
}

// Per-record header: seconds, nanoseconds, captured length, original length.
void write_record(OutFile& out, SimTime t, wire::Bytes frame) {
  const SimTime t0 = std::max<SimTime>(t, 0);  // the clock starts at 0; never negative
  const auto caplen = static_cast<std::uint32_t>(std::min<std::size_t>(frame.size(), kPcapSnaplen));
  std::uint8_t h[16];
  put_le32(h, static_cast<std::uint32_t>(t0 / kSecond));
  put_le32(h + 4, static_cast<std::uint32_t>(t0 % kSecond));
  put_le32(h + 8, caplen);
  put_le32(h + 12, static_cast<std::uint32_t>(frame.size()));
  out.write(h, sizeof h);
  out.write(frame.data(), caplen);
}

// Segment names come from scenario files: keep [A-Za-z0-9._-], no leading dot (no
// hidden files, no "..").
std::string file_stem(const std::string& segment_name) {
  std::string name = segment_name.empty() ? std::string("segment") : segment_name;
  for (char& c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                    c == '_' || c == '-';
    if (!ok) c = '_';
  }
  if (name.front() == '.') name.front() = '_';
  return name;
}

}  // namespace

std::string pcap_file_name(const std::string& segment_name) { return file_stem(segment_name) + ".pcap"; }

void write_pcap_file(const std::string& path, const std::vector<std::pair<SimTime, wire::Bytes>>& frames) {
  OutFile out(path);
  write_global_header(out);
  for (const auto& [t, bytes] : frames) write_record(out, t, bytes);
  out.close();
}

std::vector<std::string> write_pcaps(const Trace& trace, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw std::runtime_error("pcap: " + dir + ": " + ec.message());

  // Frames per segment id, in trace order.
  const std::size_t known = trace.meta().segments.size();
  std::vector<std::vector<std::pair<SimTime, wire::Bytes>>> per_segment(known);
  for (const TraceRecord& rec : trace.records()) {
    const auto* wire_rec = std::get_if<FrameWire>(&rec.body);
    if (wire_rec == nullptr) continue;
    if (wire_rec->segment >= per_segment.size()) per_segment.resize(wire_rec->segment + std::size_t{1});
    per_segment[wire_rec->segment].emplace_back(rec.time, trace.frame(wire_rec->frame));
  }

  std::vector<std::string> written;
  std::set<std::string> used;
  for (std::size_t id = 0; id < per_segment.size(); ++id) {
    if (id >= known && per_segment[id].empty()) continue;
    const std::string stem = id < known ? file_stem(trace.meta().segments[id].name) : "segment" + std::to_string(id);
    std::string name = stem + ".pcap";
    // Two names that sanitise alike must not overwrite each other.
    if (!used.insert(name).second) {
      name = stem + "-" + std::to_string(id) + ".pcap";
      used.insert(name);
    }
    const std::string path = (std::filesystem::path(dir) / name).string();
    write_pcap_file(path, per_segment[id]);
    written.push_back(path);
  }
  return written;
}

}  // namespace lvs
