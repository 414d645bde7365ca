#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>

#include <unistd.h>

#include "sim/trace/output_file.hpp"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& tag) {
    path = fs::temp_directory_path() / ("lvslab-unit-output-" + tag + "-" + std::to_string(::getpid()));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::size_t entries() const { return static_cast<std::size_t>(std::distance(fs::directory_iterator(path), {})); }
};

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const lvs::OutputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("OutputFile: the target appears only when complete, by rename") {
  TempDir dir("commit");
  const fs::path target = dir.path / "t.jsonl";
  std::ofstream(target) << "old\n";
  {
    lvs::OutputFile out(target.string());
    out.stream() << "new line 1\n";
    out.write("new line 2\n");
    CHECK(dir.entries() == 2);           // the target and a temporary beside it
    CHECK(read_all(target) == "old\n");  // untouched until commit
    out.commit();
  }
  CHECK(read_all(target) == "new line 1\nnew line 2\n");
  CHECK(dir.entries() == 1);
}

TEST_CASE("OutputFile: without commit nothing is left, and the old file is kept") {
  TempDir dir("discard");
  const fs::path target = dir.path / "t.jsonl";
  {
    lvs::OutputFile out(target.string());
    out.write("partial");
  }
  CHECK(dir.entries() == 0);
  std::ofstream(target) << "old\n";
  {
    lvs::OutputFile out(target.string());
    out.write("partial");
  }
  CHECK(read_all(target) == "old\n");
  CHECK(dir.entries() == 1);
}

TEST_CASE("OutputFile: a bad path fails when opened, with the path and the reason") {
  TempDir dir("bad");
  const std::string missing = (dir.path / "no" / "such" / "t.jsonl").string();
  CHECK(error_of([&] { lvs::OutputFile out(missing); }) == missing + ": No such file or directory");
  CHECK(error_of([&] { lvs::OutputFile out(dir.path.string()); }) == dir.path.string() + ": Is a directory");
}

TEST_CASE("OutputFile: a full disk is reported at commit with its reason") {
  // /dev/full is a device: written in place (nothing to rename), every write ENOSPC.
  lvs::OutputFile out("/dev/full");
  out.write(std::string(100000, 'x'));
  CHECK(error_of([&] { out.commit(); }) == "/dev/full: No space left on device");
}

TEST_CASE("OutputFile: same_file compares devices and inodes, not names") {
  TempDir dir("same");
  const fs::path a = dir.path / "a.json";
  std::ofstream(a) << "{}";
  fs::create_symlink(a, dir.path / "sym.json");
  fs::create_hard_link(a, dir.path / "hard.json");
  std::ofstream(dir.path / "other.json") << "{}";
  CHECK(lvs::same_file(a.string(), (dir.path / "sym.json").string()));
  CHECK(lvs::same_file(a.string(), (dir.path / "hard.json").string()));
  CHECK(lvs::same_file(a.string(), (dir.path / "." / "a.json").string()));
  CHECK_FALSE(lvs::same_file(a.string(), (dir.path / "other.json").string()));
  CHECK_FALSE(lvs::same_file(a.string(), (dir.path / "missing.json").string()));
}
