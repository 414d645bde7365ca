// Control side of the director tables: ip_vs_ctl.c (ip_vs_add_service,
// ip_vs_edit_service, ip_vs_del_service, ip_vs_flush, ip_vs_add_dest, ip_vs_edit_dest,
// ip_vs_del_dest, __ip_vs_update_dest, ip_vs_trash_get_dest, ip_vs_zero_service,
// ip_vs_set_timeout, the service hash order of the dumps), libipvs ipvs_strerror(),
// and the periodic work (estimation_timer, dest trash expiry).
#include <algorithm>

#include "sim/ipvs/service.hpp"

namespace lvs::ipvs {
namespace {

constexpr SimTime kDestTrashPeriod = seconds(120);  // IP_VS_DEST_TRASH_PERIOD

bool same_service(const ServiceKey& a, const ServiceKey& b) {
  if (a.fwmark != 0 || b.fwmark != 0) return a.fwmark == b.fwmark;  // __ip_vs_svc_fwm_find
  return a.protocol == b.protocol && a.addr == b.addr && a.port == b.port;
}

// ipvsadm: "The destination port must be equal to service port if the
// IP_VS_CONN_F_TUNNEL or IP_VS_CONN_F_DROUTE is set" (not for fwmark services); an
// omitted port means the service port.
std::uint16_t dest_port_for(const Service& svc, FwdMethod method, std::uint16_t port) {
  if (svc.spec.key.fwmark != 0) return port;
  if (method == FwdMethod::kRoute || method == FwdMethod::kTunnel || port == 0) return svc.spec.key.port;
  return port;
}

bool has_flag(const std::string& flags, std::string_view name) {
  std::size_t pos = 0;
  while (pos <= flags.size()) {
    const std::size_t end = std::min(flags.find(',', pos), flags.size());
    if (std::string_view(flags).substr(pos, end - pos) == name) return true;
    pos = end + 1;
  }
  return false;
}

}  // namespace

const char* error_message(IpvsOp op, IpvsError err) {
  switch (err) {
    case IpvsError::kOk: return "Success";
    case IpvsError::kExists:
      if (op == IpvsOp::kAddService) return "Service already exists";
      if (op == IpvsOp::kAddDest) return "Destination already exists";
      return "File exists";
    case IpvsError::kNotFound:
      if (op == IpvsOp::kAddService || op == IpvsOp::kEditService) return "Scheduler or persistence engine not found";
      if (op == IpvsOp::kEditDest || op == IpvsOp::kDelDest) return "No such destination";
      return "No such file or directory";
    case IpvsError::kNoService:
      if (op == IpvsOp::kAddDest || op == IpvsOp::kEditDest || op == IpvsOp::kDelDest) return "Service not defined";
      return "No such service";
    case IpvsError::kRange: return "Numerical result out of range";  // strerror(ERANGE)
    case IpvsError::kInvalid: return "Invalid operation.  Possibly wrong module version, address not unicast, ...";
    case IpvsError::kNoMemory: return "Memory allocation problem";
  }
  return "Unknown error";
}

IpvsTables::IpvsTables() : conns_(&timeouts_) {}

Service* IpvsTables::find_service(const ServiceKey& key) {
  for (auto& s : services_)
    if (same_service(s->spec.key, key)) return s.get();
  return nullptr;
}

Dest* IpvsTables::find_dest(const ServiceKey& key, Ipv4Addr addr, std::uint16_t port) {
  Service* svc = find_service(key);
  if (svc == nullptr) return nullptr;
  for (auto& d : svc->dests)
    if (d->addr == addr && d->port == port) return d.get();
  return nullptr;
}

void IpvsTables::apply_service_spec(Service& svc, const ServiceSpec& spec) {
  const ServiceKey key = svc.spec.key;
  svc.spec = spec;
  svc.spec.key = key;
  svc.persistent = spec.persistent_timeout.has_value();
  svc.timeout = seconds(spec.persistent_timeout.value_or(0));
  svc.netmask = spec.netmask.value;
  svc.one_packet = spec.one_packet;
  // ipvsadm -b: flag-1 = sh-fallback/mh-fallback, flag-2 = sh-port/mh-port, flag-3.
  svc.sched_flag1 = has_flag(spec.sched_flags, "flag-1") || has_flag(spec.sched_flags, "sh-fallback") ||
                    has_flag(spec.sched_flags, "mh-fallback");
  svc.sched_flag2 = has_flag(spec.sched_flags, "flag-2") || has_flag(spec.sched_flags, "sh-port") ||
                    has_flag(spec.sched_flags, "mh-port");
  svc.sched_flag3 = has_flag(spec.sched_flags, "flag-3");
}

// ip_vs_add_service(): EEXIST, or ENOENT for an unknown scheduler / persistence engine.
IpvsError IpvsTables::add_service(const ServiceSpec& spec, SimTime now) {
  advance(now);
  if (find_service(spec.key) != nullptr) return IpvsError::kExists;
  auto sched = make_scheduler(spec.scheduler);
  if (!sched) return IpvsError::kNotFound;
  if (!spec.pe_name.empty() && spec.pe_name != "sip") return IpvsError::kNotFound;
  auto svc = std::make_unique<Service>();
  svc->spec.key = spec.key;
  apply_service_spec(*svc, spec);
  svc->created = now;
  svc->scheduler = std::move(sched);
  if (svc->scheduler->init_service(*svc, now) != 0) return IpvsError::kNoMemory;
  services_.push_back(std::move(svc));
  return IpvsError::kOk;
}

// ip_vs_edit_service(): a different scheduler is unbound (done_service) and the new one
// bound (init_service over the current dests); the same name keeps its state.
IpvsError IpvsTables::edit_service(const ServiceSpec& spec, SimTime now) {
  advance(now);
  Service* svc = find_service(spec.key);
  if (svc == nullptr) return IpvsError::kNoService;
  std::unique_ptr<Scheduler> sched;
  if (spec.scheduler != svc->scheduler->name()) {
    sched = make_scheduler(spec.scheduler);
    if (!sched) return IpvsError::kNotFound;
  }
  if (!spec.pe_name.empty() && spec.pe_name != "sip") return IpvsError::kNotFound;
  apply_service_spec(*svc, spec);
  if (sched) {
    svc->scheduler->done_service(*svc);
    svc->scheduler = std::move(sched);
    if (svc->scheduler->init_service(*svc, now) != 0) return IpvsError::kNoMemory;
  }
  return IpvsError::kOk;
}

void IpvsTables::remove_service(std::size_t index, SimTime now) {
  Service& svc = *services_[index];
  svc.scheduler->done_service(svc);
  // __ip_vs_del_service(): unlink every dest (no scheduler callback) into the trash.
  while (!svc.dests.empty()) {
    auto d = std::move(svc.dests.front());
    svc.dests.erase(svc.dests.begin());
    d->available = false;
    trash_.push_back(std::move(d));
  }
  for (auto& d : trash_)
    if (d->svc == &svc) d->svc = nullptr;
  services_.erase(services_.begin() + static_cast<std::ptrdiff_t>(index));
  (void)now;
}

IpvsError IpvsTables::del_service(const ServiceKey& key, SimTime now) {
  advance(now);
  for (std::size_t i = 0; i < services_.size(); ++i) {
    if (same_service(services_[i]->spec.key, key)) {
      remove_service(i, now);
      return IpvsError::kOk;
    }
  }
  return IpvsError::kNoService;
}

// ip_vs_flush(): every service goes; connections stay until they expire.
void IpvsTables::clear(SimTime now) {
  advance(now);
  while (!services_.empty()) remove_service(services_.size() - 1, now);
}

// __ip_vs_update_dest().
void IpvsTables::update_dest(Service& svc, Dest& d, const DestSpec& spec, bool add) {
  if (add || spec.weight != 0) d.last_weight = spec.weight;
  d.weight = spec.weight;
  d.method = spec.method;
  d.tun_type = spec.tun_type;
  if (d.svc != &svc) {
    // A dest revived from the trash of a deleted service starts with fresh stats.
    if (d.svc == nullptr && !d.available && add) d.stats.zero();
    d.svc = &svc;
  }
  d.svc_key = svc.spec.key;
  d.available = true;
  if (spec.u_threshold == 0 || spec.u_threshold > d.u_threshold) d.overload = false;
  d.u_threshold = spec.u_threshold;
  d.l_threshold = spec.l_threshold;
}

IpvsError IpvsTables::add_dest(const ServiceKey& key, const DestSpec& spec, SimTime now) {
  advance(now);
  Service* svc = find_service(key);
  if (svc == nullptr) return IpvsError::kNoService;
  if (spec.weight < 0 || spec.l_threshold > spec.u_threshold) return IpvsError::kRange;
  const std::uint16_t port = dest_port_for(*svc, spec.method, spec.port);
  for (auto& d : svc->dests)
    if (d->addr == spec.addr && d->port == port) return IpvsError::kExists;
  if (svc->scheduler->name() == std::string_view("mh") && svc->dests.size() + 1 > 4093)
    return IpvsError::kInvalid;  // ip_vs_mh_reassign(): more dests than table slots

  std::unique_ptr<Dest> dest;
  for (auto it = trash_.begin(); it != trash_.end(); ++it) {  // ip_vs_trash_get_dest()
    Dest& t = **it;
    if (t.addr == spec.addr && t.port == port && same_service(t.svc_key, svc->spec.key) &&
        t.svc_key.protocol == svc->spec.key.protocol) {
      dest = std::move(*it);
      trash_.erase(it);
      break;
    }
  }
  if (!dest) {
    dest = std::make_unique<Dest>();
    dest->id = ++dest_ids_;
    dest->addr = spec.addr;
    dest->port = port;
    dest->svc = svc;
  }
  DestSpec s = spec;
  s.port = port;
  update_dest(*svc, *dest, s, /*add=*/true);
  dest->idle_start = 0;
  Dest& ref = *dest;
  svc->dests.insert(svc->dests.begin(), std::move(dest));  // list_add_rcu(): at the head
  svc->scheduler->add_dest(*svc, ref);
  return IpvsError::kOk;
}

IpvsError IpvsTables::edit_dest(const ServiceKey& key, const DestSpec& spec, SimTime now) {
  advance(now);
  Service* svc = find_service(key);
  if (svc == nullptr) return IpvsError::kNoService;
  if (spec.weight < 0 || spec.l_threshold > spec.u_threshold) return IpvsError::kRange;
  const std::uint16_t port = dest_port_for(*svc, spec.method, spec.port);
  for (auto& d : svc->dests) {
    if (d->addr == spec.addr && d->port == port) {
      DestSpec s = spec;
      s.port = port;
      update_dest(*svc, *d, s, /*add=*/false);
      svc->scheduler->upd_dest(*svc, *d);
      return IpvsError::kOk;
    }
  }
  return IpvsError::kNotFound;
}

// __ip_vs_unlink_dest() + __ip_vs_del_dest(): not AVAILABLE any more, out of the list,
// scheduler told, into the trash (connections keep using it until they expire).
void IpvsTables::unlink_dest(Service& svc, std::size_t pos, SimTime now) {
  auto d = std::move(svc.dests[pos]);
  svc.dests.erase(svc.dests.begin() + static_cast<std::ptrdiff_t>(pos));
  d->available = false;
  d->idle_start = 0;
  svc.scheduler->del_dest(svc, *d, pos);
  trash_.push_back(std::move(d));
  (void)now;
}

IpvsError IpvsTables::del_dest(const ServiceKey& key, Ipv4Addr addr, std::uint16_t port, SimTime now) {
  advance(now);
  Service* svc = find_service(key);
  if (svc == nullptr) return IpvsError::kNoService;
  if (svc->spec.key.fwmark == 0 && port == 0) port = svc->spec.key.port;
  for (std::size_t i = 0; i < svc->dests.size(); ++i) {
    if (svc->dests[i]->addr == addr && svc->dests[i]->port == port) {
      unlink_dest(*svc, i, now);
      return IpvsError::kOk;
    }
  }
  return IpvsError::kNotFound;
}

// ip_vs_zero_service() / ip_vs_zero_all().
IpvsError IpvsTables::zero(const ServiceKey* key, SimTime now) {
  advance(now);
  auto zero_svc = [](Service& s) {
    for (auto& d : s.dests) d->stats.zero();
    s.stats.zero();
  };
  if (key == nullptr) {
    for (auto& s : services_) zero_svc(*s);
    return IpvsError::kOk;
  }
  Service* svc = find_service(*key);
  if (svc == nullptr) return IpvsError::kNoService;
  zero_svc(*svc);
  return IpvsError::kOk;
}

// ip_vs_set_timeout(): TCP ESTABLISHED, TCP FIN_WAIT and UDP; 0 leaves a value alone.
void IpvsTables::set_timeouts(const Timeouts& t) {
  if (t.tcp != 0) timeouts_.tcp[kTcpEstablished] = seconds(t.tcp);
  if (t.tcp_fin != 0) timeouts_.tcp[kTcpFinWait] = seconds(t.tcp_fin);
  if (t.udp != 0) timeouts_.udp = seconds(t.udp);
}

Timeouts IpvsTables::timeouts() const {
  Timeouts t;
  t.tcp = static_cast<std::uint32_t>(timeouts_.tcp[kTcpEstablished] / kSecond);
  t.tcp_fin = static_cast<std::uint32_t>(timeouts_.tcp[kTcpFinWait] / kSecond);
  t.udp = static_cast<std::uint32_t>(timeouts_.udp / kSecond);
  return t;
}

// estimation_timer(): every 2 s for every service and dest estimator; long idle
// stretches where every average is already 0 are skipped in one step.
void IpvsTables::run_estimator(SimTime now) {
  while (est_next_ <= now) {
    bool all_idle = true;
    for (auto& s : services_) {
      all_idle = all_idle && s->stats.est.idle(s->stats.counters);
      s->stats.est.tick(s->stats.counters);
      for (auto& d : s->dests) {
        all_idle = all_idle && d->stats.est.idle(d->stats.counters);
        d->stats.est.tick(d->stats.counters);
      }
    }
    est_next_ += kEstPeriod;
    if (all_idle && est_next_ <= now) est_next_ += ((now - est_next_) / kEstPeriod + 1) * kEstPeriod;
  }
}

// ip_vs_dest_trash_expire(): a trashed dest nobody refers to is freed once it has been
// idle for IP_VS_DEST_TRASH_PERIOD (idleness is noticed at the first sweep that sees it).
void IpvsTables::sweep_trash(SimTime now) {
  for (std::size_t i = 0; i < trash_.size();) {
    Dest& d = *trash_[i];
    if (d.refcnt > 0) {
      d.idle_start = 0;
    } else if (d.idle_start == 0) {
      d.idle_start = std::max<SimTime>(now, 1);
    } else if (now - d.idle_start >= kDestTrashPeriod) {
      trash_.erase(trash_.begin() + static_cast<std::ptrdiff_t>(i));
      continue;
    }
    ++i;
  }
}

void IpvsTables::advance(SimTime now) {
  conns_.expire(now);
  for (auto& s : services_) s->scheduler->advance(*s, now);
  run_estimator(now);
  sweep_trash(now);
}

// ip_vs_svc_hashkey() / ip_vs_svc_fwm_hashkey() with IP_VS_SVC_TAB_BITS = 8.
std::uint32_t IpvsTables::svc_bucket(const Service& svc) const {
  const ServiceKey& k = svc.spec.key;
  if (k.fwmark != 0) return k.fwmark & 0xff;
  const std::uint32_t porth = k.port;
  return (ipproto_of(k.protocol) ^ k.addr.value ^ (porth >> 8) ^ porth) & 0xff;
}

DestEntry dest_config_entry(const Dest& d) {
  DestEntry de;
  de.addr = d.addr;
  de.port = d.port;
  de.method = d.method;
  de.weight = d.weight;
  de.u_threshold = d.u_threshold;
  de.l_threshold = d.l_threshold;
  return de;
}

// Dump order: svc table buckets 0..255 (newest first within one), then fwmark table.
std::vector<const Service*> IpvsTables::listed_services() const {
  std::vector<std::pair<std::uint64_t, const Service*>> order;
  order.reserve(services_.size());
  for (std::size_t i = 0; i < services_.size(); ++i) {
    const Service& s = *services_[i];
    const std::uint64_t table = s.spec.key.fwmark != 0 ? 1 : 0;
    const std::uint64_t rank =
        (table << 40) | (std::uint64_t{svc_bucket(s)} << 32) | (0xffffffffu - static_cast<std::uint32_t>(i));
    order.emplace_back(rank, &s);
  }
  std::sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<const Service*> listed;
  listed.reserve(order.size());
  for (const auto& [rank, s] : order) listed.push_back(s);
  return listed;
}

Snapshot IpvsTables::snapshot(SimTime now) {
  advance(now);
  Snapshot snap;
  snap.conn_tab_size = conns_.tab_size();
  snap.timeouts = timeouts();

  for (const Service* s : listed_services()) {
    ServiceEntry e;
    e.spec = s->spec;
    e.stats = s->stats.read();
    for (const auto& d : s->dests) {
      DestEntry de = dest_config_entry(*d);
      de.active_conns = static_cast<std::uint32_t>(d->activeconns);
      de.inactive_conns = static_cast<std::uint32_t>(d->inactconns);
      de.persist_conns = static_cast<std::uint32_t>(d->persistconns);
      de.stats = d->stats.read();
      e.dests.push_back(de);
    }
    snap.services.push_back(std::move(e));
  }

  conns_.for_each([&](const Conn& c) {
    ConnEntry ce;
    ce.protocol = c.ipproto == kIpProtoUdp    ? Protocol::kUdp
                  : c.ipproto == kIpProtoSctp ? Protocol::kSctp
                                              : Protocol::kTcp;
    ce.client_addr = c.caddr;
    ce.client_port = c.cport;
    ce.virtual_addr = c.vaddr;
    ce.virtual_port = c.vport;
    ce.dest_addr = c.daddr;
    ce.dest_port = c.dport;
    ce.state = state_name(c.ipproto, c.state, c.is_template);
    ce.expires_ms = static_cast<std::uint32_t>(std::max<SimTime>(c.expires - now, 0) / kMillisecond);
    ce.is_template = c.is_template;
    snap.conns.push_back(std::move(ce));
  });
  return snap;
}

}  // namespace lvs::ipvs
