#include "sim/wire/xdr.hpp"

namespace lvs::wire {

void XdrWriter::u32(std::uint32_t v) {
  const std::size_t at = out_.size();
  out_.resize(at + 4);
  put32(out_.data() + at, v);
}

void XdrWriter::u64(std::uint64_t v) {
  u32(static_cast<std::uint32_t>(v >> 32));
  u32(static_cast<std::uint32_t>(v));
}

void XdrWriter::pad(std::size_t n) { out_.insert(out_.end(), xdr_pad(n), std::uint8_t{0}); }

void XdrWriter::fixed_opaque(Bytes data) {
  out_.insert(out_.end(), data.begin(), data.end());
  pad(data.size());
}

void XdrWriter::opaque(Bytes data) {
  u32(static_cast<std::uint32_t>(data.size()));
  fixed_opaque(data);
}

void XdrWriter::string(std::string_view s) { opaque(Bytes(reinterpret_cast<const std::uint8_t*>(s.data()), s.size())); }

bool XdrReader::take(std::size_t n) {
  if (!ok_ || data_.size() - pos_ < n) {
    ok_ = false;
    return false;
  }
  return true;
}

std::uint32_t XdrReader::u32() {
  if (!take(4)) return 0;
  const std::uint32_t v = get32(data_.data() + pos_);
  pos_ += 4;
  return v;
}

std::uint64_t XdrReader::u64() {
  const std::uint64_t hi = u32();
  return (hi << 32) | u32();
}

Bytes XdrReader::fixed_opaque(std::size_t n) {
  const std::size_t padded = n + xdr_pad(n);
  if (n > data_.size() || !take(padded)) return {};
  const Bytes out = data_.subspan(pos_, n);
  pos_ += padded;
  return out;
}

Bytes XdrReader::opaque(std::size_t max) {
  const std::uint32_t n = u32();
  if (n > max) ok_ = false;
  if (!ok_) return {};
  return fixed_opaque(n);
}

std::string XdrReader::string(std::size_t max) {
  const Bytes b = opaque(max);
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

}  // namespace lvs::wire
