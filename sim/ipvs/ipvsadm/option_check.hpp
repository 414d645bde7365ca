#pragma once
// Which options each ipvsadm command takes (ipvsadm.c commands_v_options, v1.31 with
// the tunnel options) and the checks ipvsadm makes with it, with its messages.
#include <cstdint>
#include <optional>
#include <string>

#include "sim/ipvs/ipvsadm/command.hpp"

namespace lvs::ipvs::ipvsadm {

// Option bits in ipvsadm's order (OPT_NUMERIC = bit 0 ... OPT_TUN_REMCSUM = bit 33).
enum class Opt : std::uint8_t {
  kNumeric,
  kConnection,
  kService,
  kScheduler,
  kPersistent,
  kNetmask,
  kServer,
  kForward,
  kWeight,
  kUThreshold,
  kLThreshold,
  kMcast,
  kTimeout,
  kDaemon,
  kStats,
  kRate,
  kThresholds,
  kPersistentConn,
  kNoSort,
  kSyncId,
  kExact,
  kOnePacket,
  kPe,
  kSchedFlags,
  kMcastGroup,
  kMcastPort,
  kMcastTtl,
  kSyncMaxlen,
  kTunInfo,
  kTunType,
  kTunPort,
  kTunNoCsum,
  kTunCsum,
  kTunRemCsum,
  kCount
};

constexpr std::uint64_t opt_bit(Opt o) { return std::uint64_t{1} << static_cast<unsigned>(o); }
const char* opt_name(Opt o);  // "numeric", "forwarding-method", ...

// set_option(): the message when `o` is already in `options`, else adds it.
std::optional<std::string> set_option(std::uint64_t& options, Opt o);

// generic_opt_check(): compulsory ('+'), illegal ('x') and exclusive ('1') options.
std::optional<std::string> generic_opt_check(Command c, std::uint64_t options);

// Tunnel types (IP_VS_CONN_F_TUNNEL_TYPE_*) and tunnel_opt_check().
enum class TunType : std::uint8_t { kIpip, kGue, kGre };
std::optional<TunType> parse_tun_type(std::string_view name);
const char* tun_type_name(TunType t);
std::optional<std::string> tunnel_opt_check(TunType t, std::uint64_t options);

}  // namespace lvs::ipvs::ipvsadm
