#include "sim/ipvs/ipvsadm/format.hpp"

#include <cstdarg>
#include <cstdio>

#include "sim/ipvs/ipvsadm/sched_flags.hpp"
#include "sim/ipvs/ipvsadm/sort.hpp"
#include "sim/ipvs/ipvsadm/usage.hpp"

namespace lvs::ipvs::ipvsadm {

namespace {

constexpr const char* kIpvsVersion = "1.2.1";  // IP_VS_VERSION_CODE 0x010201

__attribute__((format(printf, 2, 3))) void appendf(std::string& out, const char* fmt, ...) {
  char buf[512];
  va_list ap;
  va_start(ap, fmt);
  const int n = std::vsnprintf(buf, sizeof buf, fmt, ap);
  va_end(ap);
  if (n > 0) out.append(buf, static_cast<std::size_t>(n) < sizeof buf ? static_cast<std::size_t>(n) : sizeof buf - 1);
}

// addrport_to_anyname() with FMT_NUMERIC (IPv4): "a.b.c.d:port".
std::string addrport(Ipv4Addr a, std::uint16_t port) { return a.str() + ":" + std::to_string(port); }

enum class Mode { kPlain, kStats, kRate, kThresholds, kPersistentConn, kTunInfo, kRule };

// print_title()/print_service_entry() test the flags in this order.
Mode mode_of(const ListOptions& o) {
  if (o.stats) return Mode::kStats;
  if (o.rate) return Mode::kRate;
  if (o.thresholds) return Mode::kThresholds;
  if (o.persistent_conn) return Mode::kPersistentConn;
  if (o.tun_info) return Mode::kTunInfo;
  return Mode::kPlain;
}

void print_title(std::string& out, Mode m) {
  switch (m) {
    case Mode::kStats:
      appendf(out, "%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n", "Prot LocalAddress:Port", "Conns", "InPkts",
              "OutPkts", "InBytes", "OutBytes");
      break;
    case Mode::kRate:
      appendf(out, "%-33s %8s %8s %8s %8s %8s\n  -> RemoteAddress:Port\n", "Prot LocalAddress:Port", "CPS", "InPPS",
              "OutPPS", "InBPS", "OutBPS");
      break;
    case Mode::kThresholds:
      appendf(out, "%-33s %-10s %-10s %-10s %-10s\n  -> RemoteAddress:Port\n", "Prot LocalAddress:Port", "Uthreshold",
              "Lthreshold", "ActiveConn", "InActConn");
      break;
    case Mode::kPersistentConn:
      appendf(out, "%-33s %-9s %-11s %-10s %-10s\n  -> RemoteAddress:Port\n", "Prot LocalAddress:Port", "Weight",
              "PersistConn", "ActiveConn", "InActConn");
      break;
    case Mode::kTunInfo:
      out +=
          "Prot LocalAddress:Port Scheduler Flags\n"
          "  -> RemoteAddress:Port           Forward TunnelInfo    Weight ActiveConn InActConn\n";
      break;
    case Mode::kPlain:
      out +=
          "Prot LocalAddress:Port Scheduler Flags\n"
          "  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn\n";
      break;
    case Mode::kRule: break;
  }
}

// The service's name: "-t 1.2.3.4:80" / "-f 5" in rules, "TCP  1.2.3.4:80" / "FWM  5"
// in listings (cut at 33 characters for IPv4).
std::string service_name(const ServiceSpec& spec, bool rule) {
  std::string name;
  const ServiceKey& k = spec.key;
  if (k.fwmark) {
    appendf(name, rule ? "-f %d" : "FWM  %d", static_cast<int>(k.fwmark));
    return name;
  }
  const std::string v = addrport(k.addr, k.port);
  if (rule) {
    const char* stype = k.protocol == Protocol::kTcp ? "-t" : k.protocol == Protocol::kUdp ? "-u" : "--sctp-service";
    appendf(name, "%s %s", stype, v.c_str());
  } else {
    appendf(name, "%-4s %s", protocol_name(k.protocol), v.c_str());
    if (name.size() > 33) name.resize(33);
  }
  return name;
}

const char* fwd_switch(FwdMethod m) {
  switch (m) {
    case FwdMethod::kMasq: return "-m";
    case FwdMethod::kTunnel: return "-i";
    case FwdMethod::kLocal:
    case FwdMethod::kRoute: return "-g";
  }
  return "-g";
}

void append_largenums(std::string& out, const std::uint64_t (&v)[5], bool exact) {
  for (std::uint64_t n : v) out += format_largenum(n, exact);
}

void print_service_line(std::string& out, const ServiceEntry& se, Mode m, bool exact) {
  const ServiceSpec& spec = se.spec;
  const std::string name = service_name(spec, m == Mode::kRule);
  const std::uint32_t flag_bits = sched_flags_bits(spec.sched_flags);
  const std::string flags = sched_flags_text(spec.scheduler, flag_bits);
  const bool masked = spec.netmask.value != 0xffffffffu;
  if (m == Mode::kRule) {
    appendf(out, "-A %s -s %s", name.c_str(), spec.scheduler.c_str());
    if (spec.persistent_timeout) {
      appendf(out, " -p %u", *spec.persistent_timeout);
      if (masked) appendf(out, " -M %s", spec.netmask.str().c_str());
    }
    if (!spec.pe_name.empty()) appendf(out, " --pe %s", spec.pe_name.c_str());
    if (spec.one_packet) out += " -o";
    if (flag_bits) appendf(out, " -b %s", flags.c_str());
  } else if (m == Mode::kStats) {
    appendf(out, "%-33s", name.c_str());
    append_largenums(out, {se.stats.conns, se.stats.inpkts, se.stats.outpkts, se.stats.inbytes, se.stats.outbytes},
                     exact);
  } else if (m == Mode::kRate) {
    appendf(out, "%-33s", name.c_str());
    append_largenums(out, {se.stats.cps, se.stats.inpps, se.stats.outpps, se.stats.inbps, se.stats.outbps}, exact);
  } else {
    appendf(out, "%s %s", name.c_str(), spec.scheduler.c_str());
    if (flag_bits) appendf(out, " (%s)", flags.c_str());
    if (spec.persistent_timeout) {
      appendf(out, " persistent %u", *spec.persistent_timeout);
      if (masked) appendf(out, " mask %s", spec.netmask.str().c_str());
      if (!spec.pe_name.empty()) appendf(out, " pe %s", spec.pe_name.c_str());
    }
    if (spec.one_packet) out += " ops";
  }
  out += '\n';
}

void print_dest_line(std::string& out, const std::string& svc_rule_name, const DestEntry& e, Mode m, bool exact) {
  std::string dname = addrport(e.addr, e.port);
  if (m != Mode::kRule && dname.size() > 28) dname.resize(28);
  const char* d = dname.c_str();
  const Stats& st = e.stats;
  switch (m) {
    case Mode::kRule:
      appendf(out, "-a %s -r %s %s -w %d", svc_rule_name.c_str(), d, fwd_switch(e.method), e.weight);
      // ipvsadm 1.31 print_tunnel_rule(): the kernel reports tun_type (ipip = 0).
      if (e.method == FwdMethod::kTunnel) out += " --tun-type ipip";
      out += '\n';
      break;
    case Mode::kStats:
      appendf(out, "  -> %-28s", d);
      append_largenums(out, {st.conns, st.inpkts, st.outpkts, st.inbytes, st.outbytes}, exact);
      out += '\n';
      break;
    case Mode::kRate:
      appendf(out, "  -> %-28s %8llu %8llu %8llu", d, static_cast<unsigned long long>(st.cps),
              static_cast<unsigned long long>(st.inpps), static_cast<unsigned long long>(st.outpps));
      out += format_largenum(st.inbps, exact);
      out += format_largenum(st.outbps, exact);
      out += '\n';
      break;
    case Mode::kThresholds:
      appendf(out, "  -> %-28s %-10u %-10u %-10u %-10u\n", d, e.u_threshold, e.l_threshold, e.active_conns,
              e.inactive_conns);
      break;
    case Mode::kPersistentConn:
      appendf(out, "  -> %-28s %-9u %-11u %-10u %-10u\n", d, static_cast<unsigned>(e.weight), e.persist_conns,
              e.active_conns, e.inactive_conns);
      break;
    case Mode::kTunInfo:
      appendf(out, "  -> %-28s %-7s %-13s %-6d %-10u %-10u\n", d, fwd_method_name(e.method),
              e.method == FwdMethod::kTunnel ? "ipip" : "n/a", e.weight, e.active_conns, e.inactive_conns);
      break;
    case Mode::kPlain:
      appendf(out, "  -> %-28s %-7s %-6d %-10u %-10u\n", d, fwd_method_name(e.method), e.weight, e.active_conns,
              e.inactive_conns);
      break;
  }
}

void print_service_entry(std::string& out, const ServiceEntry& se, Mode m, const ListOptions& o) {
  print_service_line(out, se, m, o.exact);
  const std::string rule_name = m == Mode::kRule ? service_name(se.spec, true) : std::string();
  if (o.nosort) {
    for (const auto& e : se.dests) print_dest_line(out, rule_name, e, m, o.exact);
  } else {
    for (const DestEntry* e : sorted_dests(se.dests)) print_dest_line(out, rule_name, *e, m, o.exact);
  }
}

void print_all(std::string& out, const Snapshot& s, Mode m, const ListOptions& o) {
  print_title(out, m);
  if (o.nosort) {
    for (const auto& se : s.services) print_service_entry(out, se, m, o);
  } else {
    for (const ServiceEntry* se : sorted_services(s.services)) print_service_entry(out, *se, m, o);
  }
}

const char* conn_protocol(const ConnEntry& c) {
  // A firewall-mark template has protocol IPPROTO_IP: ip_vs_proto_name() says "IP".
  return c.fwmark ? "IP" : protocol_name(c.protocol);
}

}  // namespace

std::string format_largenum(std::uint64_t n, bool exact) {
  std::string out;
  const auto v = static_cast<unsigned long long>(n);
  if (exact) {
    const int len = static_cast<int>(std::to_string(v).size());
    appendf(out, "%*llu", len <= 8 ? 9 : len + 1, v);
  } else if (v < 100000000ULL) {
    appendf(out, "%9llu", v);
  } else if (v < 1000000000ULL) {
    appendf(out, "%8lluK", v / 1000);
  } else if (v < 100000000000ULL) {
    appendf(out, "%8lluM", v / 1000000);
  } else if (v < 100000000000000ULL) {
    appendf(out, "%8lluG", v / 1000000000ULL);
  } else {
    appendf(out, "%8lluT", v / 1000000000000ULL);
  }
  return out;
}

std::string format_list(const Snapshot& s, const ListOptions& o) {
  std::string out;
  appendf(out, "IP Virtual Server version %s (size=%u)\n", kIpvsVersion, s.conn_tab_size);
  print_all(out, s, mode_of(o), o);
  return out;
}

std::optional<std::string> format_service(const Snapshot& s, const ServiceKey& key, const ListOptions& o) {
  for (const auto& se : s.services) {
    const ServiceKey& k = se.spec.key;
    const bool match = key.fwmark
                           ? k.fwmark == key.fwmark
                           : (!k.fwmark && k.protocol == key.protocol && k.addr == key.addr && k.port == key.port);
    if (!match) continue;
    std::string out;
    const Mode m = mode_of(o);
    print_title(out, m);
    print_service_entry(out, se, m, o);
    return out;
  }
  return std::nullopt;
}

std::string format_connections(const Snapshot& s, const ListOptions& o) {
  std::string out = "IPVS connection entries\n";
  if (o.persistent_conn)
    appendf(out, "pro expire %-11s %-18s %-18s %-18s %-16s %s\n", "state", "source", "virtual", "destination",
            "pe name", "pe_data");
  else appendf(out, "pro expire %-11s %-18s %-18s %s\n", "state", "source", "virtual", "destination");
  for (const ConnEntry& c : s.conns) {
    // /proc/net/ip_vs_conn gives whole seconds ((expires - jiffies) / HZ).
    const unsigned expires = c.expires_ms / 1000;
    char expire_str[16];
    std::snprintf(expire_str, sizeof expire_str, "%02u:%02u", expires / 60, expires % 60);
    const Ipv4Addr vaddr = c.fwmark ? Ipv4Addr(c.fwmark) : c.virtual_addr;
    const std::string cname = addrport(c.client_addr, c.client_port);
    const std::string vname = addrport(vaddr, c.virtual_port);
    const std::string dname = addrport(c.dest_addr, c.dest_port);
    // No persistence engine data is modelled, so the plain line is used (n != 11).
    appendf(out, "%-3s %-6s %-11s %-18s %-18s %s\n", conn_protocol(c), expire_str, c.state.c_str(), cname.c_str(),
            vname.c_str(), dname.c_str());
  }
  return out;
}

std::string format_timeout(const Timeouts& t) {
  std::string out;
  appendf(out, "Timeout (tcp tcpfin udp): %d %d %d\n", static_cast<int>(t.tcp), static_cast<int>(t.tcp_fin),
          static_cast<int>(t.udp));
  return out;
}

std::string format_save(const Snapshot& s) {
  std::string out;
  print_all(out, s, Mode::kRule, ListOptions{});
  return out;
}

std::string format_version() {
  return std::string("ipvsadm v1.31 2019/12/24 (compiled with popt and IPVS v") + kIpvsVersion + ")\n";
}

IpvsadmOutput run_read_only(const Snapshot& s, const IpvsadmCommand& c) {
  IpvsadmOutput r;
  const ListOptions& o = c.list;
  switch (c.command) {
    case Command::kList:
      if (o.connections) {
        r.out = format_connections(s, o);
      } else if (c.has_service) {
        if (auto text = format_service(s, c.service.key, o)) {
          r.out = *text;
        } else {
          r.err = "No such service\n";
          r.exit_status = 1;
        }
      } else if (o.timeout) {
        r.out = format_timeout(s.timeouts);
      } else if (o.daemon) {
        // list_daemon(): one line per running sync daemon; none is modelled.
      } else {
        r.out = format_list(s, o);
      }
      break;
    case Command::kSave: r.out = format_save(s); break;
    case Command::kVersion: r.out = format_version(); break;
    // usage_exit(argv[0], 0): stdout, exit 0; the director's ipvsadm is started as "ipvsadm".
    case Command::kHelp: r.out = format_usage("ipvsadm"); break;
    default: break;
  }
  return r;
}

}  // namespace lvs::ipvs::ipvsadm
