#include "sim/wire/tcp.hpp"

#include "sim/wire/checksum.hpp"
#include "sim/wire/ipv4.hpp"

namespace lvs::wire {

namespace {

// RFC 9293 3.2: option kinds used here.
constexpr std::uint8_t kOptEol = 0;
constexpr std::uint8_t kOptNop = 1;
constexpr std::uint8_t kOptMss = 2;
constexpr std::uint8_t kOptMssLen = 4;

std::uint32_t segment_sum(Bytes segment, Ipv4Addr src, Ipv4Addr dst) {
  const auto len = static_cast<std::uint16_t>(segment.size());
  return checksum_add(pseudo_header_sum(src, dst, kIpProtoTcp, len), segment);
}

// Walks the options in [20, header_len). EOL ends the list, NOP is one byte, every other
// kind carries a length byte that must be >= 2 and stay inside the header. An MSS option
// of the wrong length is skipped, as tcp_parse_options() does.
bool parse_options(Bytes options, TcpRepr& repr) {
  std::size_t i = 0;
  while (i < options.size()) {
    const std::uint8_t kind = options[i];
    if (kind == kOptEol) break;
    if (kind == kOptNop) {
      ++i;
      continue;
    }
    if (i + 1 >= options.size()) return false;
    const std::size_t len = options[i + 1];
    if (len < 2 || i + len > options.size()) return false;
    if (kind == kOptMss && len == kOptMssLen) repr.mss = get16(options.data() + i + 2);
    i += len;
  }
  return true;
}

}  // namespace

std::size_t tcp_header_len(const TcpRepr& repr) { return kTcpHeaderLen + (repr.mss != 0 ? kOptMssLen : 0); }

std::optional<TcpRepr> parse_tcp(Bytes segment, Ipv4Addr src, Ipv4Addr dst, bool verify_checksum) {
  if (segment.size() < kTcpHeaderLen || segment.size() > 0xffff) return std::nullopt;
  const std::uint8_t* p = segment.data();
  TcpRepr repr;
  repr.header_len = static_cast<std::uint16_t>((p[12] >> 4) * 4);
  if (repr.header_len < kTcpHeaderLen || repr.header_len > segment.size()) return std::nullopt;
  if (verify_checksum && checksum_finish(segment_sum(segment, src, dst)) != 0) return std::nullopt;
  repr.src_port = get16(p);
  repr.dst_port = get16(p + 2);
  repr.seq = get32(p + 4);
  repr.ack = get32(p + 8);
  repr.flags = p[13];
  repr.window = get16(p + 14);
  if (!parse_options(segment.subspan(kTcpHeaderLen, repr.header_len - kTcpHeaderLen), repr)) return std::nullopt;
  return repr;
}

void emit_tcp(const TcpRepr& repr, Ipv4Addr src, Ipv4Addr dst, MutBytes out) {
  const std::size_t hlen = tcp_header_len(repr);
  std::uint8_t* p = out.data();
  put16(p, repr.src_port);
  put16(p + 2, repr.dst_port);
  put32(p + 4, repr.seq);
  put32(p + 8, repr.ack);
  p[12] = static_cast<std::uint8_t>((hlen / 4) << 4);
  p[13] = repr.flags;
  put16(p + 14, repr.window);
  put16(p + 16, 0);  // checksum, filled below
  put16(p + 18, 0);  // urgent pointer
  if (repr.mss != 0) {  // kind 2, length 4: already a multiple of 4, no padding needed
    p[20] = kOptMss;
    p[21] = kOptMssLen;
    put16(p + 22, repr.mss);
  }
  put16(p + 16, checksum_finish(segment_sum(out, src, dst)));
}

// tcpdump's print-tcp.c order: F S R P then "." for ACK, then U; "none" when empty.
const char* tcp_flags_text(std::uint8_t flags, char* buf) {
  static constexpr struct {
    std::uint8_t bit;
    char c;
  } kOrder[] = {{kTcpFin, 'F'}, {kTcpSyn, 'S'}, {kTcpRst, 'R'}, {kTcpPsh, 'P'}, {kTcpAck, '.'}, {kTcpUrg, 'U'}};
  std::size_t n = 0;
  for (const auto& f : kOrder)
    if (flags & f.bit) buf[n++] = f.c;
  if (n == 0) {
    buf[0] = 'n', buf[1] = 'o', buf[2] = 'n', buf[3] = 'e';
    n = 4;
  }
  buf[n] = '\0';
  return buf;
}

}  // namespace lvs::wire
