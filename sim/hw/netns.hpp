#pragma once
// Named network namespaces, compatible with iproute2's `ip netns` (a namespace is kept
// alive by a bind mount of its nsfs file on /run/netns/NAME), and running code inside
// one. setns(CLONE_NEWNET) changes the namespace of the calling thread only, so work
// for a namespace runs on a thread of its own: sockets it opens (netlink, packet, TCP)
// belong to that namespace for their whole life, whichever thread uses them later.
#include <functional>
#include <string>
#include <vector>

namespace lvs::hw {

inline constexpr const char* kNetnsDir = "/run/netns";

std::string netns_path(const std::string& name);  // "/run/netns/NAME"

// Creates a new, empty network namespace named `name` (EEXIST is an error).
void create_netns(const std::string& name);
// Removes the name (umount + unlink); the namespace and every device in it go away
// when nothing else holds it. Quiet when it does not exist. Returns false on failure.
bool delete_netns(const std::string& name);
// Names in /run/netns.
std::vector<std::string> list_netns();

// Runs fn on a new thread that has entered namespace `name`, waits for it, and
// rethrows what it threw.
void run_in_netns(const std::string& name, const std::function<void()>& fn);

// Enters namespace `name` on the calling thread (for long-lived worker threads).
void enter_netns(const std::string& name);

}  // namespace lvs::hw
