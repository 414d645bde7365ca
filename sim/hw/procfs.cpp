#include "sim/hw/procfs.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "sim/hw/error.hpp"

namespace lvs::hw {
namespace {

// (knob, kernel default) for net.ipv4.conf.{all,default}: devinet.c ipv4_devconf and
// ipv4_devconf_dflt (accept_redirects, send_redirects, secure_redirects, shared_media
// default to 1; everything the labs touch otherwise 0).
struct Knob {
  const char* name;
  const char* value;
};
constexpr Knob kConfDefaults[] = {
    {"forwarding", "0"}, {"rp_filter", "0"},           {"arp_ignore", "0"},       {"arp_announce", "0"},
    {"arp_filter", "0"}, {"arp_accept", "0"},          {"accept_local", "0"},     {"route_localnet", "0"},
    {"proxy_arp", "0"},  {"send_redirects", "1"},      {"accept_redirects", "1"}, {"log_martians", "0"},
    {"arp_notify", "0"}, {"promote_secondaries", "0"},
};

std::uint32_t hex32(std::string_view s, bool& ok) {
  std::uint32_t v = 0;
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v, 16);
  ok = ok && ec == std::errc() && p == s.data() + s.size();
  return v;
}

// A persistence template (IP_VS_CONN_F_TEMPLATE) is not flagged in ip_vs_conn: it is
// the row whose client port is 0 (ip_vs_sched_persist hashes templates with cport 0)
// and whose state is a template state: ip_vs_state_name() names a template's state from
// ip_vs_ctpl_state_name_table, NONE until a connection it controls is assured
// (ip_vs_control_assure_ct), ASSURED after. A real connection never has client port 0.
// The longest expiry a row can show in our milliseconds (the kernel's are at most its
// timeouts: 900 s for ESTABLISHED by default, `ipvsadm --set` up to INT_MAX / HZ).
constexpr std::uint32_t kMaxExpirySeconds = UINT32_MAX / 1000;

bool is_template_row(std::string_view state, std::uint16_t client_port) {
  return client_port == 0 && (state == "NONE" || state == "ASSURED");
}

}  // namespace

std::string sysctl_path(std::string_view key) {
  std::string k(key);
  if (k.find('/') == std::string::npos)
    for (char& c : k)
      if (c == '.') c = '/';
  while (!k.empty() && k.front() == '/') k.erase(k.begin());
  return "/proc/sys/" + k;
}

void write_sysctl(std::string_view key, std::string_view value) {
  const std::string path = sysctl_path(key);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) throw_errno("sysctl " + std::string(key) + "=" + std::string(value) + " (" + path + ")", errno);
  const std::string text = std::string(value) + "\n";
  const ssize_t n = ::write(fd, text.data(), text.size());
  const int err = errno;
  ::close(fd);
  if (n != static_cast<ssize_t>(text.size()))
    throw_errno("sysctl " + std::string(key) + "=" + std::string(value), n < 0 ? err : EIO);
}

std::optional<std::string> read_sysctl(std::string_view key) {
  std::ifstream in(sysctl_path(key));
  if (!in) return std::nullopt;
  std::string v;
  std::getline(in, v);
  return v;
}

void reset_ipv4_conf_defaults() {
  for (const char* scope : {"all", "default"})
    for (const auto& k : kConfDefaults) write_sysctl(std::string("net/ipv4/conf/") + scope + "/" + k.name, k.value);
  // Devices that exist from the start copied the inherited default: put them back too
  // (only where they differ, so that they keep following `default` otherwise).
  for (const char* dev : {"lo", "tunl0"})
    for (const auto& k : kConfDefaults) {
      const std::string key = std::string("net/ipv4/conf/") + dev + "/" + k.name;
      if (auto v = read_sysctl(key); v && *v != k.value) write_sysctl(key, k.value);
    }
  write_sysctl("net/ipv4/ip_forward", "0");
  for (const char* scope : {"all", "default"})
    if (read_sysctl(std::string("net/ipv6/conf/") + scope + "/disable_ipv6"))
      write_sysctl(std::string("net/ipv6/conf/") + scope + "/disable_ipv6", "1");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {};
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<ipvs::ConnEntry> read_ipvs_conns() {
  return parse_ipvs_conns(read_file("/proc/thread-self/net/ip_vs_conn"));
}

std::vector<ipvs::ConnEntry> parse_ipvs_conns(std::string_view text) {
  // "Pro FromIP   FPrt ToIP     TPrt DestIP   DPrt State       Expires PEName PEData"
  // "TCP C0A80005 B8F2 C0A80064 0050 C0A80A0B 0050 TIME_WAIT       119"
  std::vector<ipvs::ConnEntry> out;
  std::istringstream in{std::string(text)};
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (header) {
      header = false;
      if (line.starts_with("Pro")) continue;
    }
    std::istringstream f(line);
    std::string pro, c, cp, v, vp, d, dp, state, expires;
    if (!(f >> pro >> c >> cp >> v >> vp >> d >> dp >> state >> expires)) continue;
    // "%08X %04X": IPv6 entries print full addresses (not ours); anything else is not a row.
    if (c.size() != 8 || v.size() != 8 || d.size() != 8 || cp.size() != 4 || vp.size() != 4 || dp.size() != 4) continue;
    ipvs::ConnEntry e;
    bool ok = true;
    if (pro == "TCP") e.protocol = ipvs::Protocol::kTcp;
    else if (pro == "UDP") e.protocol = ipvs::Protocol::kUdp;
    else if (pro == "SCTP") e.protocol = ipvs::Protocol::kSctp;
    else if (pro == "IP") {
      e.protocol = ipvs::Protocol::kTcp;  // a firewall-mark template
    } else continue;
    e.client_addr = Ipv4Addr(hex32(c, ok));
    e.client_port = static_cast<std::uint16_t>(hex32(cp, ok));
    e.virtual_addr = Ipv4Addr(hex32(v, ok));
    e.virtual_port = static_cast<std::uint16_t>(hex32(vp, ok));
    e.dest_addr = Ipv4Addr(hex32(d, ok));
    e.dest_port = static_cast<std::uint16_t>(hex32(dp, ok));
    std::uint32_t secs = 0;
    const auto [p, ec] = std::from_chars(expires.data(), expires.data() + expires.size(), secs);
    ok = ok && ec == std::errc() && p == expires.data() + expires.size() && secs <= kMaxExpirySeconds;
    if (!ok) continue;
    e.state = state;
    e.expires_ms = secs * 1000;
    e.is_template = is_template_row(state, e.client_port);
    if (pro == "IP") {
      e.fwmark = e.virtual_addr.value;
      e.is_template = true;
    }
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace lvs::hw
