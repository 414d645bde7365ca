// The check kinds, one line each (a kind is its file under sim/grade/checks/ and this line).
#include "sim/grade/check.hpp"

namespace lvs::grade {

extern const CheckKind kSysctlCheck;
extern const CheckKind kAddressCheck;
extern const CheckKind kRouteCheck;
extern const CheckKind kIpvsServiceCheck;
extern const CheckKind kIpvsSavedCheck;
extern const CheckKind kExportCheck;
extern const CheckKind kAutofsCheck;
extern const CheckKind kRequestsOkCheck;
extern const CheckKind kPathCheck;
extern const CheckKind kSchedulerOrderCheck;
extern const CheckKind kVipNeighbourCheck;
extern const CheckKind kReplyFromVipCheck;
extern const CheckKind kNoBypassCheck;
extern const CheckKind kDirectorOutpktsCheck;
extern const CheckKind kNfsContentCheck;
extern const CheckKind kSurvivesRebootCheck;

namespace {

constexpr const CheckKind* kKinds[] = {
    // configuration: the hosts after boot
    &kSysctlCheck,
    &kAddressCheck,
    &kRouteCheck,
    &kIpvsServiceCheck,
    &kIpvsSavedCheck,
    &kExportCheck,
    &kAutofsCheck,
    // behaviour: every seed's run
    &kRequestsOkCheck,
    &kPathCheck,
    &kSchedulerOrderCheck,
    &kVipNeighbourCheck,
    &kReplyFromVipCheck,
    &kNoBypassCheck,
    &kDirectorOutpktsCheck,
    &kNfsContentCheck,
    // behaviour after every configured host was rebooted
    &kSurvivesRebootCheck,
};

}  // namespace

std::span<const CheckKind* const> check_kinds() { return kKinds; }

}  // namespace lvs::grade
