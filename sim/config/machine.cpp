#include "sim/config/machine.hpp"

#include "sim/net/host.hpp"

namespace lvs::config {

Machine::Machine(Host& host, ipvs::Director* director, std::map<std::string, std::string> files)
    : host_(host), director_(director), files_(std::move(files)) {}

std::string Machine::prompt() const {
  std::string dir = "~";
  if (cwd_ == "/") dir = "/";
  else if (cwd_ != "/root") dir = cwd_.substr(cwd_.rfind('/') + 1);
  return "[root@" + host_.name() + " " + dir + "]# ";
}

}  // namespace lvs::config
