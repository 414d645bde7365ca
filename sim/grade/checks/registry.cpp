// The check kinds, one line each (a kind is its file under sim/grade/checks/ and this line).
#include "sim/grade/check.hpp"

namespace lvs::grade {

extern const CheckKind kSysctlCheck;
extern const CheckKind kIpvsServiceCheck;
extern const CheckKind kRequestsOkCheck;
extern const CheckKind kPathCheck;

namespace {

constexpr const CheckKind* kKinds[] = {
    // configuration: the hosts after boot
    &kSysctlCheck,
    &kIpvsServiceCheck,
    // behaviour: every seed's run
    &kRequestsOkCheck,
    &kPathCheck,
};

}  // namespace

std::span<const CheckKind* const> check_kinds() { return kKinds; }

}  // namespace lvs::grade
