#pragma once
// Errors of hardware mode. HwError: something the kernel refused while a lab was being
// built or run (the message names the namespace, the device and the errno text).
// HwUnavailable: this machine cannot run hardware mode at all (not root, no ip_vs, no
// ipip for a TUN scenario); its message says what is missing and how to get it, and
// nothing has been created when it is thrown.
#include <stdexcept>
#include <string>

namespace lvs::hw {

class HwError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class HwUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "what: strerror(err)" as an HwError.
[[noreturn]] void throw_errno(const std::string& what, int err);

}  // namespace lvs::hw
