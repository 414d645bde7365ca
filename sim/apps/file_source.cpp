#include "sim/apps/file_source.hpp"

#include <cerrno>

namespace lvs {

void MapFileSource::read_file(const std::string& path, std::uint32_t, std::function<void(FileReadResult)> done) {
  FileReadResult r;
  const auto it = files_->find(path);
  if (it == files_->end()) r.error = ENOENT;
  else r.data = it->second;
  done(std::move(r));
}

}  // namespace lvs
