#pragma once
// Scheduler flags (-b): IP_VS_SVC_F_SCHED1..3, named per scheduler as ipvsadm does
// (sh: sh-fallback = flag-1, sh-port = flag-2; mh: mh-fallback, mh-port; others
// flag-1..flag-3). ServiceSpec::sched_flags holds the canonical text ("sh-fallback,sh-port").
#include <cstdint>
#include <string>
#include <string_view>

namespace lvs::ipvs::ipvsadm {

inline constexpr std::uint32_t kSvcFlagSched1 = 0x0008;  // IP_VS_SVC_F_SCHED1
inline constexpr std::uint32_t kSvcFlagSched2 = 0x0010;  // IP_VS_SVC_F_SCHED2
inline constexpr std::uint32_t kSvcFlagSched3 = 0x0020;  // IP_VS_SVC_F_SCHED3

// ipvsadm.c parse_sched_flags(): comma-separated names for `scheduler` ("" = wlc).
// On error returns false and sets `error` to ipvsadm's message.
bool parse_sched_flags(std::string_view scheduler, std::string_view text, std::uint32_t& bits, std::string& error);

// Bits of a canonical (or any valid) flag text, scheduler-independent.
std::uint32_t sched_flags_bits(std::string_view text);

// ipvsadm.c print_sched_flags(): the names for `bits` under `scheduler`, comma-joined.
std::string sched_flags_text(std::string_view scheduler, std::uint32_t bits);

}  // namespace lvs::ipvs::ipvsadm
