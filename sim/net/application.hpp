#pragma once
// Something that runs on a host: an HTTP server, a client, later an NFS server or
// client. One file per application under sim/apps/.
#include <string>

namespace lvs {

class Application {
 public:
  virtual ~Application() = default;
  // Called once when the run begins (time 0) or when the host (re)starts.
  virtual void start() = 0;
  // The host stops (powered off): forget volatile state, no more events.
  virtual void stop() {}
  // Its service is stopped while the host runs (`systemctl stop httpd`): it takes no new
  // work (its listening sockets close; each application says what happens to the work
  // in flight). start() serves again. False: not a service that stops apart from its
  // host (nothing was done).
  virtual bool stop_service() { return false; }
  virtual std::string describe() const = 0;
};

}  // namespace lvs
