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
constexpr std::uint8_t kOptWscale = 3;
constexpr std::uint8_t kOptWscaleLen = 3;
constexpr std::uint8_t kOptSackPerm = 4;
constexpr std::uint8_t kOptSackPermLen = 2;
constexpr std::uint8_t kOptTimestamp = 8;
constexpr std::uint8_t kOptTimestampLen = 10;

std::uint32_t segment_sum(Bytes segment, Ipv4Addr src, Ipv4Addr dst) {
  const auto len = static_cast<std::uint16_t>(segment.size());
  return checksum_add(pseudo_header_sum(src, dst, kIpProtoTcp, len), segment);
}

// Walks the options in [20, header_len). EOL ends the list, NOP is one byte, every other
// kind carries a length byte that must be >= 2 and stay inside the header (else the
// segment is malformed). A known option of the wrong length is skipped, as
// tcp_parse_options() does; so are SACK blocks (kind 5) and unknown kinds.
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
    const std::uint8_t* v = options.data() + i + 2;
    if (kind == kOptMss && len == kOptMssLen) {
      repr.mss = get16(v);
    } else if (kind == kOptWscale && len == kOptWscaleLen) {
      repr.has_wscale = true;
      repr.wscale = v[0];
    } else if (kind == kOptSackPerm && len == kOptSackPermLen) {
      repr.sack_permitted = true;
    } else if (kind == kOptTimestamp && len == kOptTimestampLen) {
      repr.has_timestamp = true;
      repr.tsval = get32(v);
      repr.tsecr = get32(v + 4);
    }
    i += len;
  }
  return true;
}

}  // namespace

// Each option group is padded to 4 bytes with NOPs, as Linux writes them: MSS (4);
// timestamps (12: SACK_PERM or NOP NOP in front); SACK_PERM alone (4: NOP NOP in
// front); window scale (4: NOP in front).
std::size_t tcp_header_len(const TcpRepr& repr) {
  std::size_t n = kTcpHeaderLen;
  if (repr.mss != 0) n += 4;
  if (repr.has_timestamp) n += 12;
  else if (repr.sack_permitted) n += 4;
  if (repr.has_wscale) n += 4;
  return n;
}

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
  std::uint8_t* o = p + kTcpHeaderLen;
  if (repr.mss != 0) {
    o[0] = kOptMss, o[1] = kOptMssLen;
    put16(o + 2, repr.mss);
    o += 4;
  }
  if (repr.has_timestamp) {  // SACK_PERM takes the place of the two NOPs (SYNs)
    if (repr.sack_permitted) o[0] = kOptSackPerm, o[1] = kOptSackPermLen;
    else o[0] = kOptNop, o[1] = kOptNop;
    o[2] = kOptTimestamp, o[3] = kOptTimestampLen;
    put32(o + 4, repr.tsval);
    put32(o + 8, repr.tsecr);
    o += 12;
  } else if (repr.sack_permitted) {
    o[0] = kOptNop, o[1] = kOptNop, o[2] = kOptSackPerm, o[3] = kOptSackPermLen;
    o += 4;
  }
  if (repr.has_wscale) o[0] = kOptNop, o[1] = kOptWscale, o[2] = kOptWscaleLen, o[3] = repr.wscale;
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
