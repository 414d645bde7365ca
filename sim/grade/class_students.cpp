// The students of a class folder, a shard of them, and the digest that ties shard runs to
// one pack.
#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "sim/core/printable.hpp"
#include "sim/grade/class_grade.hpp"

namespace lvs::grade {
namespace {

// A whole decimal number from 1 to kMaxShards, nothing else ("+1", " 2", "3x" are not).
bool shard_number(const std::string& text, int& out) {
  if (text.empty() || text.size() > 6) return false;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && ptr == end && out >= 1 && out <= kMaxShards;
}

}  // namespace

bool usable_student_name(const std::string& name) {
  if (name.empty() || name[0] == '.') return false;
  for (const char c : name)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  try {
    (void)nlohmann::json(name).dump();  // the outputs' own UTF-8 rule
  } catch (const nlohmann::json::type_error&) {
    return false;
  }
  return true;
}

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  Shard s;
  if (slash == std::string::npos || !shard_number(text.substr(0, slash), s.k) ||
      !shard_number(text.substr(slash + 1), s.n))
    throw ClassError("--shard '" + text + "': expected K/N with 1 <= K <= N <= " + std::to_string(kMaxShards) +
                     " (e.g. 2/8: the second of eight shards)");
  if (s.k > s.n)
    throw ClassError("--shard " + text + ": K must not exceed N (shards are 1/" + std::to_string(s.n) + " to " +
                     std::to_string(s.n) + "/" + std::to_string(s.n) + ")");
  return s;
}

std::vector<std::string> list_students(const std::string& class_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(class_dir, ec))
    throw ClassError(class_dir + ": not a folder (a class is a folder with one sub-folder per student)");
  std::vector<std::string> students;
  fs::directory_iterator it(class_dir, ec), end;
  if (ec) throw ClassError(class_dir + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;  // .git, editor and OS files
    std::error_code dir_ec;
    if (!fs::is_directory(it->path(), dir_ec)) {  // follows symbolic links
      // A link to a folder that is not there is a student whose work is not there: said,
      // not skipped.
      if (it->is_symlink(dir_ec) && !fs::exists(it->path(), dir_ec))
        throw ClassError(it->path().string() + ": a symbolic link to nothing (" +
                         fs::read_symlink(it->path(), dir_ec).string() +
                         "); remove it or make it point to the submission");
      continue;
    }
    if (!usable_student_name(name))
      throw ClassError(
          class_dir + ": the folder name '" + printable(name) +
          "' is not UTF-8 text without control characters; rename it (it names the student in every output)");
    if (students.size() == kMaxStudents)
      throw ClassError(class_dir + ": more than " + std::to_string(kMaxStudents) +
                       " students; split the class into folders, or grade it in shards of folders");
    students.push_back(name);
  }
  if (ec) throw ClassError(class_dir + ": " + ec.message());
  std::sort(students.begin(), students.end());
  return students;
}

std::vector<std::string> shard_students(const std::vector<std::string>& students, Shard shard) {
  std::vector<std::string> mine;
  for (std::size_t i = static_cast<std::size_t>(shard.k - 1); i < students.size();
       i += static_cast<std::size_t>(shard.n))
    mine.push_back(students[i]);
  return mine;
}

std::string file_digest(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ClassError(path + ": " + std::strerror(errno));
  std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, 64 bits
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
      h ^= static_cast<unsigned char>(buf[i]);
      h *= 0x100000001b3ULL;
    }
    if (in.eof()) break;
  }
  if (in.bad()) throw ClassError(path + ": read error");
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return std::string("fnv1a64:") + hex;
}

}  // namespace lvs::grade
