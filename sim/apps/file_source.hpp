#pragma once
// Where a server's files come from: a local map (the scenario's `files`) or a network
// file system (autofs + NFS). Reads are asynchronous: `done` is called exactly once,
// possibly before read_file() returns (local files) or much later (NFS).
#include <cstdint>
#include <functional>
#include <map>
#include <string>

namespace lvs {

struct FileReadResult {
  int error = 0;     // 0, or the errno open()/read() would give (ENOENT, EACCES, EIO, ...)
  std::string data;  // the whole file when error == 0
};

class FileSource {
 public:
  virtual ~FileSource() = default;
  // `flow` tags trace events with the request that caused the read.
  virtual void read_file(const std::string& path, std::uint32_t flow, std::function<void(FileReadResult)> done) = 0;
};

// A file system mounted over part of the tree (NFS mounted by hand): it answers for the
// paths it covers at the time of the read; the rest is the host's own.
class MountedFileSource : public FileSource {
 public:
  virtual bool covers(const std::string& path) const = 0;
};

// Files held in memory (absolute path -> content).
class MapFileSource final : public FileSource {
 public:
  explicit MapFileSource(const std::map<std::string, std::string>* files) : files_(files) {}
  void read_file(const std::string& path, std::uint32_t flow, std::function<void(FileReadResult)> done) override;

 private:
  const std::map<std::string, std::string>* files_;
};

}  // namespace lvs
