#pragma once
// XDR (RFC 4506), the encoding of ONC RPC and NFS: big-endian 4-byte units, variable
// opaque data and strings carry a length and are zero-padded to a multiple of 4.
// The reader never trusts a length: any read past the end (or over a caller's limit)
// sets a sticky error and returns zeros.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/wire/bytes.hpp"

namespace lvs::wire {

class XdrWriter {
 public:
  explicit XdrWriter(std::vector<std::uint8_t>& out) : out_(out) {}
  void u32(std::uint32_t v);
  void u64(std::uint64_t v);
  void boolean(bool v) { u32(v ? 1 : 0); }
  void fixed_opaque(Bytes data);  // opaque[n]: the bytes, padded
  void opaque(Bytes data);        // opaque<>: length, bytes, padding
  void string(std::string_view s);
  std::size_t size() const { return out_.size(); }

 private:
  void pad(std::size_t n);
  std::vector<std::uint8_t>& out_;
};

class XdrReader {
 public:
  explicit XdrReader(Bytes data) : data_(data) {}
  std::uint32_t u32();
  std::uint64_t u64();
  bool boolean() { return u32() != 0; }
  Bytes fixed_opaque(std::size_t n);
  Bytes opaque(std::size_t max);  // fails when longer than max
  std::string string(std::size_t max);
  bool ok() const { return ok_; }
  std::size_t remaining() const { return ok_ ? data_.size() - pos_ : 0; }
  std::size_t position() const { return pos_; }

 private:
  bool take(std::size_t n);
  Bytes data_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

// Bytes of XDR padding after n bytes of data.
constexpr std::size_t xdr_pad(std::size_t n) { return (4 - n % 4) % 4; }

}  // namespace lvs::wire
