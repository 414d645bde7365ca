#include "sim/wire/rpc_record.hpp"

namespace lvs::wire {

std::vector<std::uint8_t> rpc_record(Bytes message) {
  std::vector<std::uint8_t> out(4 + message.size());
  put32(out.data(), kRpcLastFragment | static_cast<std::uint32_t>(message.size()));
  std::copy(message.begin(), message.end(), out.begin() + 4);
  return out;
}

RpcRecordReader::Status RpcRecordReader::next(std::vector<std::uint8_t>* record) {
  std::size_t pos = 0;
  Status status = Status::kNeedMore;
  while (buf_.size() - pos >= 4) {
    const std::uint32_t header = get32(buf_.data() + pos);
    const std::size_t len = header & ~kRpcLastFragment;
    if (partial_.size() + len > kRpcMaxRecord) {
      status = Status::kError;
      break;
    }
    if (buf_.size() - pos - 4 < len) break;
    partial_.insert(partial_.end(), buf_.begin() + static_cast<std::ptrdiff_t>(pos + 4),
                    buf_.begin() + static_cast<std::ptrdiff_t>(pos + 4 + len));
    pos += 4 + len;
    if (header & kRpcLastFragment) {
      record->swap(partial_);
      partial_.clear();
      status = Status::kRecord;
      break;
    }
  }
  buf_.erase(buf_.begin(), buf_.begin() + static_cast<std::ptrdiff_t>(pos));
  return status;
}

}  // namespace lvs::wire
