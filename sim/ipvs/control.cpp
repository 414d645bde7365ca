#include "sim/ipvs/control.hpp"

namespace lvs::ipvs {
namespace {

using ipvsadm::Command;
using ipvsadm::IpvsadmOutput;

// ipvsadm.c: a failed kernel call prints ipvs_strerror() and the process exits 255
// (process_options returns -1).
IpvsadmOutput kernel_answer(IpvsOp op, IpvsError err) {
  IpvsadmOutput out;
  if (err == IpvsError::kOk) return out;
  out.err = std::string(error_message(op, err)) + "\n";
  out.exit_status = 255;
  return out;
}

}  // namespace

IpvsadmOutput run_ipvsadm(IpvsTables& tables, const ipvsadm::IpvsadmCommand& c, SimTime now) {
  const ServiceKey& key = c.service.key;
  switch (c.command) {
    case Command::kAddService: return kernel_answer(IpvsOp::kAddService, tables.add_service(c.service, now));
    case Command::kEditService: return kernel_answer(IpvsOp::kEditService, tables.edit_service(c.service, now));
    case Command::kDeleteService: return kernel_answer(IpvsOp::kDelService, tables.del_service(key, now));
    case Command::kFlush: tables.clear(now); return {};
    case Command::kAddDest: return kernel_answer(IpvsOp::kAddDest, tables.add_dest(key, c.dest, now));
    case Command::kEditDest: return kernel_answer(IpvsOp::kEditDest, tables.edit_dest(key, c.dest, now));
    case Command::kDeleteDest:
      return kernel_answer(IpvsOp::kDelDest, tables.del_dest(key, c.dest.addr, c.dest.port, now));
    case Command::kZero: return kernel_answer(IpvsOp::kZero, tables.zero(c.has_service ? &key : nullptr, now));
    case Command::kSetTimeout: tables.set_timeouts(c.timeouts); return {};
    case Command::kRestore: {
      IpvsadmOutput out;
      out.err = "lvslab: ipvsadm -R reads rules from standard input; give the rules file instead\n";
      out.exit_status = 2;
      return out;
    }
    default: return ipvsadm::run_read_only(tables.snapshot(now), c);
  }
}

IpvsadmOutput run_ipvsadm_line(IpvsTables& tables, std::string_view line, SimTime now) {
  const ipvsadm::IpvsadmParse parsed = ipvsadm::parse_ipvsadm_line(line);
  if (!parsed.ok()) {
    IpvsadmOutput out;
    out.err = parsed.error + "\n";
    out.exit_status = parsed.exit_status;
    return out;
  }
  return run_ipvsadm(tables, *parsed.command, now);
}

}  // namespace lvs::ipvs
