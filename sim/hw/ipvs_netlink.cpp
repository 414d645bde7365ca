#include "sim/hw/ipvs_netlink.hpp"

#include <arpa/inet.h>
#include <linux/ip_vs.h>
#include <netinet/in.h>
#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <cstring>
#include <memory>

#include "sim/hw/error.hpp"
#include "sim/hw/procfs.hpp"
#include "sim/ipvs/ipvsadm/sched_flags.hpp"
#include "sim/ipvs/proto.hpp"

namespace lvs::hw {
namespace {

using ipvs::ipvsadm::Command;
using ipvs::ipvsadm::IpvsadmCommand;

struct MsgDeleter {
  void operator()(nl_msg* m) const { nlmsg_free(m); }
};
using MsgPtr = std::unique_ptr<nl_msg, MsgDeleter>;

std::uint32_t fwd_bits(ipvs::FwdMethod m) {
  switch (m) {
    case ipvs::FwdMethod::kMasq: return IP_VS_CONN_F_MASQ;
    case ipvs::FwdMethod::kLocal: return IP_VS_CONN_F_LOCALNODE;
    case ipvs::FwdMethod::kTunnel: return IP_VS_CONN_F_TUNNEL;
    case ipvs::FwdMethod::kRoute: return IP_VS_CONN_F_DROUTE;
  }
  return IP_VS_CONN_F_DROUTE;
}

ipvs::FwdMethod fwd_of(std::uint32_t bits) {
  switch (bits & IP_VS_CONN_F_FWD_MASK) {
    case IP_VS_CONN_F_MASQ: return ipvs::FwdMethod::kMasq;
    case IP_VS_CONN_F_LOCALNODE: return ipvs::FwdMethod::kLocal;
    case IP_VS_CONN_F_TUNNEL: return ipvs::FwdMethod::kTunnel;
    default: return ipvs::FwdMethod::kRoute;
  }
}

// union nf_inet_addr: 16 bytes, the IPv4 address in the first 4 (libipvs sends all 16).
void put_addr(nl_msg* m, int attr, Ipv4Addr a) {
  unsigned char buf[16] = {};
  const std::uint32_t be = htonl(a.value);
  std::memcpy(buf, &be, 4);
  nla_put(m, attr, sizeof buf, buf);
}

Ipv4Addr get_addr(nlattr* a) {
  std::uint32_t be = 0;
  if (a && nla_len(a) >= 4) std::memcpy(&be, nla_data(a), 4);
  return Ipv4Addr(ntohl(be));
}

// The service key (and, for -A/-E, every option: ip_vs_genl_parse_service wants the
// full entry: scheduler, flags, timeout, netmask).
void put_service(nl_msg* m, const ipvs::ServiceSpec& s, bool full) {
  nlattr* nest = nla_nest_start(m, IPVS_CMD_ATTR_SERVICE);
  nla_put_u16(m, IPVS_SVC_ATTR_AF, AF_INET);
  if (s.key.fwmark) {
    nla_put_u32(m, IPVS_SVC_ATTR_FWMARK, s.key.fwmark);
  } else {
    nla_put_u16(m, IPVS_SVC_ATTR_PROTOCOL, ipvs::ipproto_of(s.key.protocol));
    put_addr(m, IPVS_SVC_ATTR_ADDR, s.key.addr);
    nla_put_u16(m, IPVS_SVC_ATTR_PORT, htons(s.key.port));
  }
  if (full) {
    nla_put_string(m, IPVS_SVC_ATTR_SCHED_NAME, s.scheduler.c_str());
    if (!s.pe_name.empty()) nla_put_string(m, IPVS_SVC_ATTR_PE_NAME, s.pe_name.c_str());
    ip_vs_flags flags{};
    if (s.persistent_timeout) flags.flags |= IP_VS_SVC_F_PERSISTENT;
    if (s.one_packet) flags.flags |= IP_VS_SVC_F_ONEPACKET;
    flags.flags |= ipvs::ipvsadm::sched_flags_bits(s.sched_flags);
    flags.mask = ~0u;
    nla_put(m, IPVS_SVC_ATTR_FLAGS, sizeof flags, &flags);
    nla_put_u32(m, IPVS_SVC_ATTR_TIMEOUT, s.persistent_timeout.value_or(0));
    nla_put_u32(m, IPVS_SVC_ATTR_NETMASK, htonl(s.netmask.value));
  }
  nla_nest_end(m, nest);
}

void put_dest(nl_msg* m, const ipvs::DestSpec& d, std::uint16_t service_port, bool full) {
  nlattr* nest = nla_nest_start(m, IPVS_CMD_ATTR_DEST);
  nla_put_u16(m, IPVS_DEST_ATTR_ADDR_FAMILY, AF_INET);
  put_addr(m, IPVS_DEST_ATTR_ADDR, d.addr);
  nla_put_u16(m, IPVS_DEST_ATTR_PORT, htons(d.port ? d.port : service_port));
  if (full) {
    nla_put_u32(m, IPVS_DEST_ATTR_FWD_METHOD, fwd_bits(d.method));
    nla_put_u32(m, IPVS_DEST_ATTR_WEIGHT, static_cast<std::uint32_t>(d.weight));
    nla_put_u32(m, IPVS_DEST_ATTR_U_THRESH, d.u_threshold);
    nla_put_u32(m, IPVS_DEST_ATTR_L_THRESH, d.l_threshold);
    nla_put_u8(m, IPVS_DEST_ATTR_TUN_TYPE, IP_VS_CONN_F_TUNNEL_TYPE_IPIP);
  }
  nla_nest_end(m, nest);
}

ipvs::Stats parse_stats(nlattr* nested, bool is64) {
  ipvs::Stats s;
  if (!nested) return s;
  nlattr* a[IPVS_STATS_ATTR_MAX + 1] = {};
  if (nla_parse_nested(a, IPVS_STATS_ATTR_MAX, nested, nullptr) < 0) return s;
  auto get = [&](int k) -> std::uint64_t {
    if (!a[k]) return 0;
    if (is64 || nla_len(a[k]) == 8) return nla_get_u64(a[k]);
    return nla_get_u32(a[k]);
  };
  s.conns = get(IPVS_STATS_ATTR_CONNS);
  s.inpkts = get(IPVS_STATS_ATTR_INPKTS);
  s.outpkts = get(IPVS_STATS_ATTR_OUTPKTS);
  s.inbytes = get(IPVS_STATS_ATTR_INBYTES);
  s.outbytes = get(IPVS_STATS_ATTR_OUTBYTES);
  s.cps = get(IPVS_STATS_ATTR_CPS);
  s.inpps = get(IPVS_STATS_ATTR_INPPS);
  s.outpps = get(IPVS_STATS_ATTR_OUTPPS);
  s.inbps = get(IPVS_STATS_ATTR_INBPS);
  s.outbps = get(IPVS_STATS_ATTR_OUTBPS);
  return s;
}

// Top-level attributes of a reply.
bool parse_reply(nl_msg* msg, nlattr** attrs) {
  return genlmsg_parse(nlmsg_hdr(msg), 0, attrs, IPVS_CMD_ATTR_MAX, nullptr) >= 0;
}

int on_service(nl_msg* msg, void* arg) {
  auto* out = static_cast<std::vector<ipvs::ServiceEntry>*>(arg);
  nlattr* attrs[IPVS_CMD_ATTR_MAX + 1] = {};
  if (!parse_reply(msg, attrs) || !attrs[IPVS_CMD_ATTR_SERVICE]) return NL_SKIP;
  nlattr* s[IPVS_SVC_ATTR_MAX + 1] = {};
  if (nla_parse_nested(s, IPVS_SVC_ATTR_MAX, attrs[IPVS_CMD_ATTR_SERVICE], nullptr) < 0) return NL_SKIP;
  if (s[IPVS_SVC_ATTR_AF] && nla_get_u16(s[IPVS_SVC_ATTR_AF]) != AF_INET) return NL_SKIP;
  ipvs::ServiceEntry e;
  if (s[IPVS_SVC_ATTR_FWMARK]) e.spec.key.fwmark = nla_get_u32(s[IPVS_SVC_ATTR_FWMARK]);
  if (s[IPVS_SVC_ATTR_PROTOCOL])
    e.spec.key.protocol = ipvs::protocol_of_ipproto(nla_get_u16(s[IPVS_SVC_ATTR_PROTOCOL]));
  if (!e.spec.key.fwmark) {
    e.spec.key.addr = get_addr(s[IPVS_SVC_ATTR_ADDR]);
    if (s[IPVS_SVC_ATTR_PORT]) e.spec.key.port = ntohs(nla_get_u16(s[IPVS_SVC_ATTR_PORT]));
  }
  if (s[IPVS_SVC_ATTR_SCHED_NAME]) e.spec.scheduler = nla_get_string(s[IPVS_SVC_ATTR_SCHED_NAME]);
  if (s[IPVS_SVC_ATTR_PE_NAME]) e.spec.pe_name = nla_get_string(s[IPVS_SVC_ATTR_PE_NAME]);
  std::uint32_t flags = 0;
  if (s[IPVS_SVC_ATTR_FLAGS] && nla_len(s[IPVS_SVC_ATTR_FLAGS]) >= static_cast<int>(sizeof(ip_vs_flags))) {
    ip_vs_flags f{};
    std::memcpy(&f, nla_data(s[IPVS_SVC_ATTR_FLAGS]), sizeof f);
    flags = f.flags;
  }
  if (flags & IP_VS_SVC_F_PERSISTENT)
    e.spec.persistent_timeout = s[IPVS_SVC_ATTR_TIMEOUT] ? nla_get_u32(s[IPVS_SVC_ATTR_TIMEOUT]) : 0;
  e.spec.one_packet = (flags & IP_VS_SVC_F_ONEPACKET) != 0;
  e.spec.sched_flags = ipvs::ipvsadm::sched_flags_text(
      e.spec.scheduler, flags & (IP_VS_SVC_F_SCHED1 | IP_VS_SVC_F_SCHED2 | IP_VS_SVC_F_SCHED3));
  if (s[IPVS_SVC_ATTR_NETMASK]) e.spec.netmask = Ipv4Addr(ntohl(nla_get_u32(s[IPVS_SVC_ATTR_NETMASK])));
  e.stats = s[IPVS_SVC_ATTR_STATS64] ? parse_stats(s[IPVS_SVC_ATTR_STATS64], true)
                                     : parse_stats(s[IPVS_SVC_ATTR_STATS], false);
  out->push_back(std::move(e));
  return NL_OK;
}

int on_dest(nl_msg* msg, void* arg) {
  auto* out = static_cast<std::vector<ipvs::DestEntry>*>(arg);
  nlattr* attrs[IPVS_CMD_ATTR_MAX + 1] = {};
  if (!parse_reply(msg, attrs) || !attrs[IPVS_CMD_ATTR_DEST]) return NL_SKIP;
  nlattr* d[IPVS_DEST_ATTR_MAX + 1] = {};
  if (nla_parse_nested(d, IPVS_DEST_ATTR_MAX, attrs[IPVS_CMD_ATTR_DEST], nullptr) < 0) return NL_SKIP;
  ipvs::DestEntry e;
  e.addr = get_addr(d[IPVS_DEST_ATTR_ADDR]);
  if (d[IPVS_DEST_ATTR_PORT]) e.port = ntohs(nla_get_u16(d[IPVS_DEST_ATTR_PORT]));
  if (d[IPVS_DEST_ATTR_FWD_METHOD]) e.method = fwd_of(nla_get_u32(d[IPVS_DEST_ATTR_FWD_METHOD]));
  if (d[IPVS_DEST_ATTR_WEIGHT]) e.weight = static_cast<std::int32_t>(nla_get_u32(d[IPVS_DEST_ATTR_WEIGHT]));
  if (d[IPVS_DEST_ATTR_U_THRESH]) e.u_threshold = nla_get_u32(d[IPVS_DEST_ATTR_U_THRESH]);
  if (d[IPVS_DEST_ATTR_L_THRESH]) e.l_threshold = nla_get_u32(d[IPVS_DEST_ATTR_L_THRESH]);
  if (d[IPVS_DEST_ATTR_ACTIVE_CONNS]) e.active_conns = nla_get_u32(d[IPVS_DEST_ATTR_ACTIVE_CONNS]);
  if (d[IPVS_DEST_ATTR_INACT_CONNS]) e.inactive_conns = nla_get_u32(d[IPVS_DEST_ATTR_INACT_CONNS]);
  if (d[IPVS_DEST_ATTR_PERSIST_CONNS]) e.persist_conns = nla_get_u32(d[IPVS_DEST_ATTR_PERSIST_CONNS]);
  e.stats = d[IPVS_DEST_ATTR_STATS64] ? parse_stats(d[IPVS_DEST_ATTR_STATS64], true)
                                      : parse_stats(d[IPVS_DEST_ATTR_STATS], false);
  out->push_back(std::move(e));
  return NL_OK;
}

struct InfoReply {
  std::uint32_t conn_tab_size = 0;
  ipvs::Timeouts timeouts;
};

int on_info(nl_msg* msg, void* arg) {
  auto* out = static_cast<InfoReply*>(arg);
  nlattr* attrs[IPVS_INFO_ATTR_MAX + 1] = {};
  if (genlmsg_parse(nlmsg_hdr(msg), 0, attrs, IPVS_INFO_ATTR_MAX, nullptr) < 0) return NL_SKIP;
  if (attrs[IPVS_INFO_ATTR_CONN_TAB_SIZE]) out->conn_tab_size = nla_get_u32(attrs[IPVS_INFO_ATTR_CONN_TAB_SIZE]);
  return NL_OK;
}

int on_config(nl_msg* msg, void* arg) {
  auto* out = static_cast<InfoReply*>(arg);
  nlattr* attrs[IPVS_CMD_ATTR_MAX + 1] = {};
  if (!parse_reply(msg, attrs)) return NL_SKIP;
  if (attrs[IPVS_CMD_ATTR_TIMEOUT_TCP]) out->timeouts.tcp = nla_get_u32(attrs[IPVS_CMD_ATTR_TIMEOUT_TCP]);
  if (attrs[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]) out->timeouts.tcp_fin = nla_get_u32(attrs[IPVS_CMD_ATTR_TIMEOUT_TCP_FIN]);
  if (attrs[IPVS_CMD_ATTR_TIMEOUT_UDP]) out->timeouts.udp = nla_get_u32(attrs[IPVS_CMD_ATTR_TIMEOUT_UDP]);
  return NL_OK;
}

// libipvs ipvs_strerror(): what ipvsadm says for the kernel's errno, per command.
std::string ipvs_reason(Command c, int err) {
  switch (err) {
    case EEXIST: return c == Command::kAddDest ? "Destination already exists" : "Service already exists";
    case ESRCH: return "No such service";
    case ENOENT:
      return c == Command::kAddService || c == Command::kEditService ? "Scheduler or persistence engine not found"
                                                                     : "No such destination";
    case ERANGE: return "Invalid value";
    default: return std::strerror(err);
  }
}

int on_error(sockaddr_nl*, nlmsgerr* e, void* arg) {
  *static_cast<int*>(arg) = -e->error;
  return NL_STOP;
}

}  // namespace

bool ipvs_family_present() {
  nl_sock* sk = nl_socket_alloc();
  if (!sk) return false;
  bool ok = false;
  if (genl_connect(sk) >= 0) ok = genl_ctrl_resolve(sk, kIpvsFamily) >= 0;
  nl_socket_free(sk);
  return ok;
}

IpvsNetlink::IpvsNetlink() {
  sk_ = nl_socket_alloc();
  if (!sk_) throw HwError("netlink: out of memory");
  if (const int err = genl_connect(sk_); err < 0) {
    nl_socket_free(sk_);
    sk_ = nullptr;
    throw HwError(std::string("cannot open generic netlink: ") + nl_geterror(err));
  }
  family_ = genl_ctrl_resolve(sk_, kIpvsFamily);
  if (family_ < 0) {
    nl_socket_free(sk_);
    sk_ = nullptr;
    throw HwError("the kernel has no IPVS generic-netlink family (is ip_vs loaded?)");
  }
}

IpvsNetlink::~IpvsNetlink() {
  if (sk_) nl_socket_free(sk_);
}

void IpvsNetlink::apply(const IpvsadmCommand& c) {
  int cmd = 0;
  bool service = false, service_full = false, dest = false, dest_full = false;
  switch (c.command) {
    case Command::kAddService:
      cmd = IPVS_CMD_NEW_SERVICE;
      service = service_full = true;
      break;
    case Command::kEditService:
      cmd = IPVS_CMD_SET_SERVICE;
      service = service_full = true;
      break;
    case Command::kDeleteService:
      cmd = IPVS_CMD_DEL_SERVICE;
      service = true;
      break;
    case Command::kFlush: cmd = IPVS_CMD_FLUSH; break;
    case Command::kAddDest:
      cmd = IPVS_CMD_NEW_DEST;
      service = dest = dest_full = true;
      break;
    case Command::kEditDest:
      cmd = IPVS_CMD_SET_DEST;
      service = dest = dest_full = true;
      break;
    case Command::kDeleteDest:
      cmd = IPVS_CMD_DEL_DEST;
      service = dest = true;
      break;
    case Command::kZero:
      cmd = IPVS_CMD_ZERO;
      service = c.has_service;
      break;
    case Command::kSetTimeout: cmd = IPVS_CMD_SET_CONFIG; break;
    default:
      throw HwError(std::string("ipvsadm ") + ipvs::ipvsadm::command_name(c.command) +
                    ": not a command that changes IPVS (hardware mode applies -A -E -D -C -a -e -d -Z --set)");
  }
  MsgPtr msg(nlmsg_alloc());
  if (!msg) throw HwError("out of memory");
  genlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, family_, 0, 0, static_cast<std::uint8_t>(cmd), IPVS_GENL_VERSION);
  if (service) put_service(msg.get(), c.service, service_full);
  if (dest) put_dest(msg.get(), c.dest, c.service.key.port, dest_full);
  if (c.command == Command::kSetTimeout) {
    nla_put_u32(msg.get(), IPVS_CMD_ATTR_TIMEOUT_TCP, c.timeouts.tcp);
    nla_put_u32(msg.get(), IPVS_CMD_ATTR_TIMEOUT_TCP_FIN, c.timeouts.tcp_fin);
    nla_put_u32(msg.get(), IPVS_CMD_ATTR_TIMEOUT_UDP, c.timeouts.udp);
  }
  // libnl folds the kernel's errno into its own codes: keep the errno itself.
  int kernel_errno = 0;
  nl_socket_modify_err_cb(sk_, NL_CB_CUSTOM, on_error, &kernel_errno);
  int err = nl_send_auto(sk_, msg.get());
  if (err >= 0) err = nl_wait_for_ack(sk_);
  if (err < 0)
    throw HwError(std::string(ipvs::ipvsadm::command_name(c.command)) + ": " +
                  (kernel_errno ? ipvs_reason(c.command, kernel_errno) : std::string(nl_geterror(err))));
}

ipvs::Snapshot IpvsNetlink::snapshot() {
  ipvs::Snapshot snap;
  auto request = [&](std::uint8_t cmd, int flags, nl_recvmsg_msg_cb_t cb, void* arg, const ipvs::ServiceSpec* svc) {
    MsgPtr msg(nlmsg_alloc());
    if (!msg) throw HwError("out of memory");
    genlmsg_put(msg.get(), NL_AUTO_PORT, NL_AUTO_SEQ, family_, 0, flags, cmd, IPVS_GENL_VERSION);
    if (svc) put_service(msg.get(), *svc, false);
    nl_socket_modify_cb(sk_, NL_CB_VALID, NL_CB_CUSTOM, cb, arg);
    // No NLM_F_ACK on a query: a GET's reply is followed by nothing, a dump ends with
    // NLMSG_DONE. (An ACK left in the socket would end the next read too early.)
    nl_socket_disable_auto_ack(sk_);
    int err = nl_send_auto(sk_, msg.get());
    if (err >= 0) err = nl_recvmsgs_default(sk_);
    nl_socket_enable_auto_ack(sk_);
    if (err < 0) throw HwError(std::string("reading IPVS tables: ") + nl_geterror(err));
  };
  InfoReply info;
  request(IPVS_CMD_GET_INFO, 0, on_info, &info, nullptr);
  request(IPVS_CMD_GET_CONFIG, 0, on_config, &info, nullptr);
  if (info.conn_tab_size) snap.conn_tab_size = info.conn_tab_size;
  snap.timeouts = info.timeouts;
  request(IPVS_CMD_GET_SERVICE, NLM_F_DUMP, on_service, &snap.services, nullptr);
  for (auto& s : snap.services) request(IPVS_CMD_GET_DEST, NLM_F_DUMP, on_dest, &s.dests, &s.spec);
  snap.conns = read_ipvs_conns();
  return snap;
}

}  // namespace lvs::hw
