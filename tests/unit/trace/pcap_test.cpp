#include <doctest/doctest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include <unistd.h>

#include "sample_trace.hpp"
#include "sim/trace/output_file.hpp"
#include "sim/trace/pcap.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<std::uint8_t> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE(in.good());
  return std::vector<std::uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::uint32_t le32(const std::vector<std::uint8_t>& b, std::size_t at) {
  REQUIRE(at + 4 <= b.size());
  return std::uint32_t{b[at]} | (std::uint32_t{b[at + 1]} << 8) | (std::uint32_t{b[at + 2]} << 16) |
         (std::uint32_t{b[at + 3]} << 24);
}
std::uint16_t le16(const std::vector<std::uint8_t>& b, std::size_t at) {
  REQUIRE(at + 2 <= b.size());
  return static_cast<std::uint16_t>(b[at] | (b[at + 1] << 8));
}

// A fresh scratch directory per test, removed afterwards.
struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    path = fs::temp_directory_path() / ("lvslab-unit-trace-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

void check_global_header(const std::vector<std::uint8_t>& b) {
  REQUIRE(b.size() >= 24);
  CHECK(le32(b, 0) == 0xa1b23c4du);  // nanosecond-resolution magic, little-endian
  CHECK(b[0] == 0x4d);
  CHECK(le16(b, 4) == 2);  // version 2.4
  CHECK(le16(b, 6) == 4);
  CHECK(le32(b, 8) == 0u);   // thiszone
  CHECK(le32(b, 12) == 0u);  // sigfigs
  CHECK(le32(b, 16) == 65535u);
  CHECK(le32(b, 20) == 1u);  // LINKTYPE_ETHERNET
}

}  // namespace

TEST_CASE("pcap: one file per segment with the wire frames in trace order") {
  lvs::test::Sample s;
  lvs::test::build_sample(s);
  TempDir dir("per-segment");
  const auto paths = lvs::write_pcaps(s.trace, (dir.path / "sub" / "dir").string());
  REQUIRE(paths.size() == 2u);
  CHECK(fs::path(paths[0]).filename() == "lan.pcap");
  CHECK(fs::path(paths[1]).filename() == "wan.pcap");

  const auto lan = read_all(paths[0]);
  check_global_header(lan);
  // Two records: the request at 1.5 us, the reply at 1.0000035 s.
  const std::size_t rec1 = 24, rec2 = rec1 + 16 + s.request.size();
  REQUIRE(lan.size() == rec2 + 16 + s.reply.size());
  CHECK(le32(lan, rec1) == 0u);         // ts_sec
  CHECK(le32(lan, rec1 + 4) == 1500u);  // ts_nsec
  CHECK(le32(lan, rec1 + 8) == 42u);    // caplen
  CHECK(le32(lan, rec1 + 12) == 42u);   // orig len
  CHECK(std::vector<std::uint8_t>(lan.begin() + rec1 + 16, lan.begin() + rec2) == s.request);
  CHECK(le32(lan, rec2) == 1u);
  CHECK(le32(lan, rec2 + 4) == 3500u);
  CHECK(le32(lan, rec2 + 8) == s.reply.size());
  CHECK(std::vector<std::uint8_t>(lan.begin() + rec2 + 16, lan.end()) == s.reply);

  // A segment without traffic: just the global header.
  const auto wan = read_all(paths[1]);
  CHECK(wan.size() == 24u);
  check_global_header(wan);
}

TEST_CASE("pcap: same trace gives identical bytes") {
  lvs::test::Sample a, b;
  lvs::test::build_sample(a);
  lvs::test::build_sample(b);
  TempDir d1("same-1"), d2("same-2");
  const auto p1 = lvs::write_pcaps(a.trace, d1.path.string());
  const auto p2 = lvs::write_pcaps(b.trace, d2.path.string());
  REQUIRE(p1.size() == p2.size());
  for (std::size_t i = 0; i < p1.size(); ++i) CHECK(read_all(p1[i]) == read_all(p2[i]));
}

TEST_CASE("pcap: write_pcap_file writes the given frames") {
  TempDir dir("file");
  fs::create_directories(dir.path);
  const std::vector<std::uint8_t> f1(60, 0xab), f2(1514, 0x11);
  const std::string path = (dir.path / "x.pcap").string();
  lvs::write_pcap_file(path, {{lvs::seconds(3) + 7, lvs::wire::Bytes(f1)}, {lvs::seconds(4), lvs::wire::Bytes(f2)}});
  const auto b = read_all(path);
  check_global_header(b);
  REQUIRE(b.size() == 24 + 16 + 60 + 16 + 1514);
  CHECK(le32(b, 24) == 3u);
  CHECK(le32(b, 28) == 7u);
  CHECK(le32(b, 32) == 60u);
  CHECK(b[24 + 16] == 0xab);
  CHECK(le32(b, 24 + 16 + 60) == 4u);
  CHECK(le32(b, 24 + 16 + 60 + 4) == 0u);
  CHECK(le32(b, 24 + 16 + 60 + 8) == 1514u);
}

TEST_CASE("pcap: I/O failures throw with the path") {
  TempDir dir("fail");
  const std::string missing = (dir.path / "no" / "such" / "x.pcap").string();
  try {
    lvs::write_pcap_file(missing, {});
    FAIL("expected an exception");
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    CHECK(what.find(missing) != std::string::npos);
    CHECK(what.find("No such file") != std::string::npos);
  }
  // dir is a regular file: cannot be created as a directory.
  fs::create_directories(dir.path);
  const std::string file = (dir.path / "plain").string();
  std::ofstream(file) << "x";
  lvs::test::Sample s;
  lvs::test::build_sample(s);
  CHECK_THROWS_AS(lvs::write_pcaps(s.trace, file), std::runtime_error);
}

TEST_CASE("pcap: segment names are sanitised into file names") {
  CHECK(lvs::pcap_file_name("lan") == "lan.pcap");
  CHECK(lvs::pcap_file_name("../etc/passwd") == "_._etc_passwd.pcap");
  CHECK(lvs::pcap_file_name("a b") == "a_b.pcap");
  CHECK(lvs::pcap_file_name("") == "segment.pcap");

  lvs::Trace t;
  t.meta().segments = {{"a b"}, {"a_b"}};
  TempDir dir("names");
  const auto paths = lvs::write_pcaps(t, dir.path.string());
  REQUIRE(paths.size() == 2u);
  CHECK(fs::path(paths[0]).filename() == "a_b.pcap");
  CHECK(fs::path(paths[1]).filename() == "a_b-1.pcap");
}

TEST_CASE("pcap: a frame later than 32-bit seconds can record is refused, never wrapped") {
  TempDir dir("limit");
  fs::create_directories(dir.path);
  const std::vector<std::uint8_t> f(60, 0xab);
  const std::string ok = (dir.path / "ok.pcap").string();
  lvs::write_pcap_file(ok, {{lvs::kPcapMaxTime, lvs::wire::Bytes(f)}});
  const auto b = read_all(ok);
  CHECK(le32(b, 24) == 0xffffffffu);
  CHECK(le32(b, 28) == 999999999u);
  const std::string late = (dir.path / "late.pcap").string();
  CHECK_THROWS_WITH_AS(lvs::write_pcap_file(late, {{lvs::kPcapMaxTime + 1, lvs::wire::Bytes(f)}}),
                       doctest::Contains("later than a pcap file can record"), lvs::OutputError);
  CHECK_FALSE(fs::exists(late));
}

TEST_CASE("pcap: PcapWriter fails before the run on a bad directory, and writes nothing on a failure") {
  lvs::test::Sample s;
  lvs::test::build_sample(s);
  TempDir dir("writer");
  fs::create_directories(dir.path);
  const std::string file = (dir.path / "plain").string();
  std::ofstream(file) << "x";
  CHECK_THROWS_AS(lvs::PcapWriter(s.trace.meta(), file + "/sub"), lvs::OutputError);
  lvs::PcapWriter w(s.trace.meta(), (dir.path / "caps").string());
  REQUIRE(w.paths().size() == 2u);
  CHECK(fs::is_empty(dir.path / "caps"));  // nothing made before write()
  const auto written = w.write(s.trace);
  CHECK(written == w.paths());
  CHECK(fs::exists(written[0]));
  CHECK(fs::exists(written[1]));
}
