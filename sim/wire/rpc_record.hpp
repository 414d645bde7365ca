#pragma once
// ONC RPC record marking over TCP (RFC 5531 section 11): a record is one or more
// fragments, each preceded by a 4-byte header whose top bit says "last fragment" and
// whose low 31 bits give the fragment length.
#include <cstdint>
#include <vector>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

inline constexpr std::uint32_t kRpcLastFragment = 0x80000000u;
// Largest record we accept (an NFS READ reply of 1 MiB plus headers); a bigger one
// means a broken or hostile peer (Linux svc_tcp_recv_record: "fragment too large").
inline constexpr std::size_t kRpcMaxRecord = 1024 * 1024 + 4096;

// One record as one fragment: header + message.
std::vector<std::uint8_t> rpc_record(Bytes message);

// Reassembles records from a TCP byte stream fed in arbitrary pieces.
class RpcRecordReader {
 public:
  enum class Status : std::uint8_t { kNeedMore, kRecord, kError };
  void feed(Bytes data) { buf_.insert(buf_.end(), data.begin(), data.end()); }
  // Takes the next complete record out of the buffer into *record.
  Status next(std::vector<std::uint8_t>* record);
  void clear() {
    buf_.clear();
    partial_.clear();
  }

 private:
  std::vector<std::uint8_t> buf_;      // bytes not yet consumed
  std::vector<std::uint8_t> partial_;  // fragments of the record being assembled
};

}  // namespace lvs::wire
