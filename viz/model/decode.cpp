#include "viz/model/decode.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

namespace lvs::viz {
namespace {

std::string hex(std::uint32_t v, int digits) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%0*x", digits, v);
  return buf;
}

std::string ip_text(const std::uint8_t* p) { return wire::get_ip(p).str(); }
std::string mac_text(const std::uint8_t* p) { return wire::get_mac(p).str(); }

const char* ethertype_name(std::uint16_t t) {
  switch (t) {
    case 0x0800: return "IPv4";
    case 0x0806: return "ARP";
    case 0x86dd: return "IPv6";
    default: return "unknown";
  }
}

const char* ipproto_name(std::uint8_t p) {
  switch (p) {
    case 1: return "ICMP";
    case 4: return "IPIP";
    case 6: return "TCP";
    case 17: return "UDP";
    default: return "unknown";
  }
}

std::string tcp_flags_text(std::uint8_t f) {
  static const char* names[] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};
  std::string s;
  for (int i = 0; i < 8; ++i)
    if (f & (1 << i)) s += (s.empty() ? "" : ", ") + std::string(names[i]);
  return hex(f, 3) + " [" + s + "]";
}

bool printable(std::uint8_t c) { return c >= 0x20 && c < 0x7f; }

class Decoder {
 public:
  explicit Decoder(wire::Bytes f) : f_(f) {}

  std::vector<Layer> run() {
    ethernet();
    return std::move(out_);
  }

 private:
  std::uint32_t size() const { return static_cast<std::uint32_t>(f_.size()); }
  const std::uint8_t* at(std::uint32_t off) const { return f_.data() + off; }

  // Layers are appended; callers index them (a reference would dangle on growth).
  std::size_t begin(std::string name, std::uint32_t off, std::uint32_t len) {
    out_.push_back(Layer{std::move(name), off, len, {}, {}});
    return out_.size() - 1;
  }
  Layer& L(std::size_t i) { return out_[i]; }
  // The layer needs `need` bytes from `off`; records why not otherwise.
  bool fits(std::size_t l, std::uint32_t off, std::uint32_t need) {
    if (off + need <= size()) return true;
    L(l).error =
        "truncated: " + std::to_string(off < size() ? size() - off : 0) + " of " + std::to_string(need) + " bytes";
    return false;
  }
  void field(std::size_t l, std::string name, std::string value, std::uint32_t off, std::uint32_t len) {
    L(l).fields.push_back(Field{std::move(name), std::move(value), off, len});
  }

  void ethernet() {
    const std::size_t l = begin("Ethernet II", 0, 14);
    if (!fits(l, 0, 14)) return;
    field(l, "Destination", mac_text(at(0)), 0, 6);
    field(l, "Source", mac_text(at(6)), 6, 6);
    const std::uint16_t type = wire::get16(at(12));
    field(l, "Type", hex(type, 4) + " (" + ethertype_name(type) + ")", 12, 2);
    if (type == 0x0806) arp(14);
    if (type == 0x0800) ipv4(14, size() - 14, "IPv4");
  }

  void arp(std::uint32_t o) {
    const std::size_t l = begin("ARP", o, 28);
    if (!fits(l, o, 28)) return;
    const std::uint16_t op = wire::get16(at(o + 6));
    field(l, "Hardware type", std::to_string(wire::get16(at(o))) + " (Ethernet)", o, 2);
    field(l, "Protocol type", hex(wire::get16(at(o + 2)), 4) + " (IPv4)", o + 2, 2);
    field(l, "Hardware size", std::to_string(*at(o + 4)), o + 4, 1);
    field(l, "Protocol size", std::to_string(*at(o + 5)), o + 5, 1);
    field(l, "Opcode", std::to_string(op) + (op == 1 ? " (request)" : op == 2 ? " (reply)" : ""), o + 6, 2);
    field(l, "Sender MAC", mac_text(at(o + 8)), o + 8, 6);
    field(l, "Sender IP", ip_text(at(o + 14)), o + 14, 4);
    field(l, "Target MAC", mac_text(at(o + 18)), o + 18, 6);
    field(l, "Target IP", ip_text(at(o + 24)), o + 24, 4);
  }

  void ipv4(std::uint32_t o, std::uint32_t avail, const char* name) {
    const std::size_t l = begin(name, o, 20);
    if (!fits(l, o, 20)) return;
    const std::uint8_t vihl = *at(o);
    const std::uint32_t ihl = (vihl & 0x0f) * 4u;
    const std::uint16_t total = wire::get16(at(o + 2));
    const std::uint16_t frag = wire::get16(at(o + 6));
    const std::uint8_t proto = *at(o + 9);
    L(l).length = std::max<std::uint32_t>(ihl, 20);
    field(l, "Version", std::to_string(vihl >> 4), o, 1);
    field(l, "Header length", std::to_string(ihl) + " bytes (" + std::to_string(vihl & 0x0f) + ")", o, 1);
    field(l, "DSCP / ECN", hex(*at(o + 1), 2), o + 1, 1);
    field(l, "Total length", std::to_string(total), o + 2, 2);
    field(l, "Identification", hex(wire::get16(at(o + 4)), 4) + " (" + std::to_string(wire::get16(at(o + 4))) + ")",
          o + 4, 2);
    std::string flags = (frag & 0x4000) ? "DF" : "";
    if (frag & 0x2000) flags += flags.empty() ? "MF" : ", MF";
    field(l, "Flags", hex(frag >> 13, 1) + (flags.empty() ? "" : " (" + flags + ")"), o + 6, 1);
    field(l, "Fragment offset", std::to_string(frag & 0x1fff), o + 6, 2);
    field(l, "Time to live", std::to_string(*at(o + 8)), o + 8, 1);
    field(l, "Protocol", std::to_string(proto) + " (" + ipproto_name(proto) + ")", o + 9, 1);
    field(l, "Header checksum", hex(wire::get16(at(o + 10)), 4), o + 10, 2);
    field(l, "Source", ip_text(at(o + 12)), o + 12, 4);
    field(l, "Destination", ip_text(at(o + 16)), o + 16, 4);
    if (ihl < 20 || total < ihl) {
      L(l).error = "bad header length";
      return;
    }
    if (!fits(l, o, ihl)) return;
    if (ihl > 20) field(l, "Options", std::to_string(ihl - 20) + " bytes", o + 20, ihl - 20);
    const std::uint32_t end = o + std::min<std::uint32_t>(total, avail);
    if (frag & 0x1fff) return;  // a later fragment: no transport header
    const std::uint32_t p = o + ihl;
    const std::uint32_t len = end > p ? end - p : 0;
    switch (proto) {
      case 4: ipv4(p, len, "IPv4 (inner, IPIP)"); break;
      case 6: tcp(p, len); break;
      case 17: udp(p, len); break;
      case 1: icmp(p, len); break;
      default:
        if (len) data(p, len);
        break;
    }
  }

  void tcp(std::uint32_t o, std::uint32_t len) {
    const std::size_t l = begin("TCP", o, 20);
    if (!fits(l, o, 20)) return;
    const std::uint32_t hlen = (*at(o + 12) >> 4) * 4u;
    L(l).length = std::max<std::uint32_t>(hlen, 20);
    field(l, "Source port", std::to_string(wire::get16(at(o))), o, 2);
    field(l, "Destination port", std::to_string(wire::get16(at(o + 2))), o + 2, 2);
    field(l, "Sequence number", std::to_string(wire::get32(at(o + 4))), o + 4, 4);
    field(l, "Acknowledgment number", std::to_string(wire::get32(at(o + 8))), o + 8, 4);
    field(l, "Header length", std::to_string(hlen) + " bytes", o + 12, 1);
    field(l, "Flags", tcp_flags_text(*at(o + 13)), o + 12, 2);
    field(l, "Window", std::to_string(wire::get16(at(o + 14))), o + 14, 2);
    field(l, "Checksum", hex(wire::get16(at(o + 16)), 4), o + 16, 2);
    field(l, "Urgent pointer", std::to_string(wire::get16(at(o + 18))), o + 18, 2);
    if (hlen < 20 || hlen > len) {
      L(l).error = "bad header length";
      return;
    }
    if (!fits(l, o, hlen)) return;
    tcp_options(l, o + 20, o + hlen);
    if (len > hlen) data(o + hlen, len - hlen);
  }

  void tcp_options(std::size_t l, std::uint32_t p, std::uint32_t end) {
    while (p < end) {
      const std::uint8_t kind = *at(p);
      if (kind == 0) {
        field(l, "Option: end of list", "", p, end - p);
        return;
      }
      if (kind == 1) {
        field(l, "Option: NOP", "", p, 1);
        ++p;
        continue;
      }
      if (p + 1 >= end || *at(p + 1) < 2 || p + *at(p + 1) > end) {
        field(l, "Option: malformed", "", p, end - p);
        return;
      }
      const std::uint8_t olen = *at(p + 1);
      switch (kind) {
        case 2: field(l, "Option: MSS", olen == 4 ? std::to_string(wire::get16(at(p + 2))) : "?", p, olen); break;
        case 3: field(l, "Option: window scale", olen == 3 ? std::to_string(*at(p + 2)) : "?", p, olen); break;
        case 4: field(l, "Option: SACK permitted", "", p, olen); break;
        case 5: field(l, "Option: SACK", std::to_string((olen - 2) / 8) + " blocks", p, olen); break;
        case 8:
          field(l, "Option: timestamps",
                olen == 10 ? std::to_string(wire::get32(at(p + 2))) + " / " + std::to_string(wire::get32(at(p + 6)))
                           : "?",
                p, olen);
          break;
        default: field(l, "Option " + std::to_string(kind), std::to_string(olen) + " bytes", p, olen); break;
      }
      p += olen;
    }
  }

  void udp(std::uint32_t o, std::uint32_t len) {
    const std::size_t l = begin("UDP", o, 8);
    if (!fits(l, o, 8)) return;
    field(l, "Source port", std::to_string(wire::get16(at(o))), o, 2);
    field(l, "Destination port", std::to_string(wire::get16(at(o + 2))), o + 2, 2);
    field(l, "Length", std::to_string(wire::get16(at(o + 4))), o + 4, 2);
    field(l, "Checksum", hex(wire::get16(at(o + 6)), 4), o + 6, 2);
    if (len > 8) data(o + 8, len - 8);
  }

  void icmp(std::uint32_t o, std::uint32_t len) {
    const std::size_t l = begin("ICMP", o, 8);
    if (!fits(l, o, 8)) return;
    const std::uint8_t type = *at(o);
    const char* tname = type == 0    ? " (echo reply)"
                        : type == 3  ? " (destination unreachable)"
                        : type == 8  ? " (echo request)"
                        : type == 11 ? " (time exceeded)"
                                     : "";
    field(l, "Type", std::to_string(type) + tname, o, 1);
    field(l, "Code", std::to_string(*at(o + 1)), o + 1, 1);
    field(l, "Checksum", hex(wire::get16(at(o + 2)), 4), o + 2, 2);
    field(l, "Rest of header", hex(wire::get32(at(o + 4)), 8), o + 4, 4);
    if (len <= 8) return;
    if (type == 3 || type == 11) ipv4(o + 8, len - 8, "IPv4 (quoted)");
    else data(o + 8, len - 8);
  }

  // Application bytes: HTTP line by line when it looks like HTTP, else a preview.
  void data(std::uint32_t o, std::uint32_t len) {
    len = std::min(len, size() > o ? size() - o : 0);
    if (len == 0) return;
    const std::string_view text(reinterpret_cast<const char*>(at(o)), len);
    const bool http = text.rfind("GET ", 0) == 0 || text.rfind("HEAD ", 0) == 0 || text.rfind("POST ", 0) == 0 ||
                      text.rfind("HTTP/", 0) == 0;
    const std::size_t l = begin(http ? "HTTP" : "Data", o, len);
    if (!http) {
      std::string preview;
      for (std::uint32_t i = 0; i < len && i < 48; ++i) preview += printable(*at(o + i)) ? char(*at(o + i)) : '.';
      field(l, "Data", std::to_string(len) + " bytes: " + preview, o, len);
      return;
    }
    std::uint32_t p = 0;
    while (p < len) {
      const std::size_t nl = text.find('\n', p);
      const std::uint32_t end = nl == std::string_view::npos ? len : static_cast<std::uint32_t>(nl + 1);
      std::string line(text.substr(p, end - p));
      while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
      if (line.empty()) {
        field(l, "End of headers", "", o + p, end - p);
        if (end < len) {
          std::string body;
          for (std::uint32_t i = end; i < len && i < end + 48; ++i)
            body += printable(*at(o + i)) ? char(*at(o + i)) : '.';
          field(l, "Body", std::to_string(len - end) + " bytes: " + body, o + end, len - end);
        }
        return;
      }
      field(l, p == 0 ? "Start line" : "Header", line, o + p, end - p);
      p = end;
    }
  }

  wire::Bytes f_;
  std::vector<Layer> out_;
};

}  // namespace

std::vector<Layer> decode_frame(wire::Bytes frame) { return Decoder(frame).run(); }

std::vector<FieldChange> changed_fields(const std::vector<Layer>& before, const std::vector<Layer>& now) {
  std::vector<FieldChange> out;
  for (std::size_t l = 0; l < now.size(); ++l) {
    const Layer* old = nullptr;
    for (const Layer& b : before)
      if (b.name == now[l].name) old = &b;
    if (!old) continue;
    // The k-th field of a name matches the k-th of the same name (HTTP headers repeat).
    for (std::size_t f = 0; f < now[l].fields.size(); ++f) {
      const Field& nf = now[l].fields[f];
      std::size_t k = 0;
      for (std::size_t g = 0; g < f; ++g) k += now[l].fields[g].name == nf.name;
      for (const Field& of : old->fields) {
        if (of.name != nf.name) continue;
        if (k-- != 0) continue;
        if (of.value != nf.value) out.push_back(FieldChange{l, f, of.value});
        break;
      }
    }
  }
  return out;
}

}  // namespace lvs::viz
