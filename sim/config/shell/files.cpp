#include "sim/config/shell/files.hpp"

#include <vector>

#include "sim/net/host.hpp"

namespace lvs::config::shell {
namespace {

constexpr std::string_view kProcSys = "/proc/sys/";
constexpr std::string_view kNoSuchFile = "No such file or directory";

bool is_dev_null(std::string_view path) { return path == "/dev/null"; }

// The kernel's proc_dointvec & co. read the value up to the first newline.
std::string proc_value(std::string_view text) {
  std::string_view v = text.substr(0, text.find('\n'));
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  return std::string(v);
}

// Documentation/networking/ip-sysctl.rst and ipvs-sysctl.rst (Linux 6.1): families of keys.
constexpr std::string_view kUnmodelledPrefixes[] = {"net.ipv4.vs.",
                                                    "net.ipv6.",
                                                    "net.core.",
                                                    "net.netfilter.",
                                                    "net.bridge.",
                                                    "net.unix.",
                                                    "kernel.",
                                                    "vm.",
                                                    "fs.",
                                                    "net.ipv4.tcp_",
                                                    "net.ipv4.udp_",
                                                    "net.ipv4.icmp_",
                                                    "net.ipv4.route.",
                                                    "net.ipv4.igmp_",
                                                    "net.ipv4.ipfrag_",
                                                    "net.ipv4.ping_",
                                                    "net.ipv4.fib_",
                                                    "net.ipv4.raw_",
                                                    "net.ipv4.inet_peer_",
                                                    "net.ipv4.nexthop_",
                                                    "net.ipv4.ip_nonlocal_bind",
                                                    "net.ipv4.ip_dynaddr",
                                                    "net.ipv4.ip_early_demux",
                                                    "net.ipv4.ip_no_pmtu_disc",
                                                    "net.ipv4.ip_forward_use_pmtu",
                                                    "net.ipv4.ip_forward_update_priority",
                                                    "net.ipv4.ip_unprivileged_port_start",
                                                    "net.ipv4.xfrm4_gc_thresh",
                                                    "net.ipv4.cipso_",
                                                    "net.ipv4.ip_local_reserved_ports",
                                                    "net.ipv4.ip_autobind_reuse"};
// net.ipv4.conf.<dev>.<knob> knobs of ip-sysctl.rst that lvslab's Sysctls does not keep.
constexpr std::string_view kUnmodelledConf[] = {"accept_source_route",
                                                "secure_redirects",
                                                "shared_media",
                                                "bootp_relay",
                                                "mc_forwarding",
                                                "medium_id",
                                                "proxy_arp_pvlan",
                                                "src_valid_mark",
                                                "tag",
                                                "disable_policy",
                                                "disable_xfrm",
                                                "arp_evict_nocarrier",
                                                "drop_gratuitous_arp",
                                                "drop_unicast_in_l2_multicast",
                                                "ignore_routes_with_linkdown",
                                                "bc_forwarding",
                                                "force_igmp_version",
                                                "igmpv2_unsolicited_report_interval",
                                                "igmpv3_unsolicited_report_interval",
                                                "arp_ignore_routes_with_linkdown"};

}  // namespace

bool unmodelled_sysctl(std::string_view key) {
  for (std::string_view p : kUnmodelledPrefixes)
    if (key.starts_with(p)) return true;
  if (key.starts_with("net.ipv4.conf.")) {
    const std::string_view knob = key.substr(key.rfind('.') + 1);
    for (std::string_view k : kUnmodelledConf)
      if (knob == k) return true;
  }
  return false;
}

std::string absolute_path(const Machine& m, std::string_view name) {
  std::string full = name.starts_with("/") ? std::string(name) : m.cwd() + "/" + std::string(name);
  std::vector<std::string> parts;
  std::size_t i = 0;
  while (i <= full.size()) {
    const std::size_t slash = std::min(full.find('/', i), full.size());
    const std::string part = full.substr(i, slash - i);
    if (part == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    i = slash + 1;
  }
  std::string out;
  for (const auto& p : parts) out += "/" + p;
  return out.empty() ? "/" : out;
}

std::optional<std::string> proc_sys_key(std::string_view path) {
  if (!path.starts_with(kProcSys)) return std::nullopt;
  std::string key(path.substr(kProcSys.size()));
  for (char& c : key)
    if (c == '/') c = '.';
  return key;
}

FileText read_file(const Machine& m, std::string_view path) {
  FileText r;
  if (is_dev_null(path)) {
    r.text = "";
    return r;
  }
  if (const auto key = proc_sys_key(path)) {
    if (const auto v = m.host().sysctls().get(*key)) r.text = *v + "\n";
    else r.error = std::string(kNoSuchFile);
    r.unmodelled = !r.text && unmodelled_sysctl(*key);
    return r;
  }
  const auto it = m.files().find(std::string(path));
  if (it == m.files().end()) {
    r.error = std::string(kNoSuchFile);
  } else {
    r.text = it->second;
    m.note_read(it->first);
  }
  return r;
}

std::optional<WriteError> open_for_write(Machine& m, std::string_view path, bool append) {
  if (is_dev_null(path)) return std::nullopt;
  if (const auto key = proc_sys_key(path)) {
    if (!m.host().sysctls().get(*key)) return WriteError{true, std::string(kNoSuchFile), unmodelled_sysctl(*key)};
    return std::nullopt;
  }
  if (path.ends_with("/")) return WriteError{true, "Is a directory"};
  std::string& text = m.files()[std::string(path)];
  if (!append) text.clear();
  return std::nullopt;
}

std::optional<WriteError> write_file(Machine& m, const Origin& origin, std::string_view path, std::string_view text,
                                     bool append) {
  if (is_dev_null(path)) return std::nullopt;
  if (const auto key = proc_sys_key(path)) {
    const std::string value = proc_value(text);
    if (value.empty()) return std::nullopt;  // an empty write changes nothing
    if (const auto err = m.host().set_sysctl(*key, value)) {
      const bool missing = err->find(std::string(kNoSuchFile)) != std::string::npos;
      return WriteError{missing, missing ? std::string(kNoSuchFile) : "Invalid argument"};
    }
    record_sysctl(m, origin, *key, value);
    return std::nullopt;
  }
  std::string& file = m.files()[std::string(path)];
  if (!append) file.clear();
  if (file.size() + text.size() > kMaxFileBytes) return WriteError{false, "File too large"};
  file.append(text);
  return std::nullopt;
}

void record_sysctl(Machine& m, const Origin& origin, std::string key, std::string value) {
  m.sysctl_writes().push_back(Machine::SysctlWrite{std::move(key), std::move(value), origin});
}

}  // namespace lvs::config::shell
