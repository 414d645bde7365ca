#include "sim/config/machine.hpp"

#include "sim/ipvs/director.hpp"
#include "sim/net/host.hpp"

namespace lvs::config {

Machine::Machine(Host& host, ipvs::Director* director, std::map<std::string, std::string> files)
    : host_(host), director_(director), files_(std::move(files)) {}

ipvs::Director* Machine::load_ip_vs() {
  if (!director_ && ipvs_available_) director_ = ipvs::find_director(host_);
  if (!director_ && ipvs_available_) director_ = &ipvs::Director::install(host_);
  return director_;
}

Unit& Machine::unit(const std::string& name) {
  // Both distributions enable their network service when it is installed (boot_plan.hpp).
  const bool on_by_default = name == "network" || name == "networking";
  return units_.try_emplace(name, Unit{on_by_default, false}).first->second;
}

std::string Machine::prompt() const {
  std::string dir = "~";
  if (cwd_ == "/") dir = "/";
  else if (cwd_ != "/root") dir = cwd_.substr(cwd_.rfind('/') + 1);
  return "[root@" + host_.name() + " " + dir + "]# ";
}

}  // namespace lvs::config
