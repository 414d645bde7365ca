#pragma once
// CentOS 7 initscripts (9.49) as the network service runs them at boot: what the scripts
// share while they bring the interfaces up one after the other. The scripts themselves:
// initscripts.cpp (the network service: which ifcfg files, in which order), ifup_eth.cpp
// (one interface), ifup_aliases.cpp (its ifcfg-DEV:N files), ifup_routes.cpp (route-DEV).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sim/config/files/plan_writer.hpp"
#include "sim/config/files/shell_vars.hpp"

namespace lvs::config::files {

inline constexpr std::string_view kNetworkScripts = "/etc/sysconfig/network-scripts";
inline constexpr std::string_view kSysconfigNetwork = "/etc/sysconfig/network";
inline constexpr std::string_view kStaticRoutes = "/etc/sysconfig/static-routes";

struct IfupContext {
  const FileMap& files;
  const std::vector<std::string>& devices;
  PlanWriter& out;
  ShellVars network;  // /etc/sysconfig/network, sourced by every ifup script first
  // Addresses on the devices, "dev a.b.c.d/len": ifup-eth adds an address only when
  // `ip addr ls DEV | grep -q ADDR/PREFIX` finds none (lo has 127.0.0.1/8 from the kernel).
  std::set<std::string> addresses{"lo 127.0.0.1/8"};
  // The gateway of the default route the scripts have set (ifup-aliases' is_default_gateway).
  std::optional<std::string> default_gateway;

  bool device_exists(std::string_view name) const;
  // The kernel's ifindex: lo is 1, the other devices follow in creation order.
  int ifindex(std::string_view name) const;
};

// The variables an ifup script sees: /etc/sysconfig/network, then the ifcfg file sourced.
// Null when the file cannot be read (absent or over the bound).
std::optional<ShellVars> source_config(IfupContext& ctx, const std::string& path);

// /etc/init.d/functions is_ignored_file: backups the scripts skip (~ .bak .old .orig
// .rpmnew .rpmorig .rpmsave).
bool is_ignored_file(std::string_view name);

// shvar booleans (/etc/init.d/functions is_true / is_false).
bool is_true(std::string_view v);
bool is_false(std::string_view v);

// Keys of ifcfg files and /etc/sysconfig/network that lvslab does not know are problems.
void report_unknown_keys(const ShellVars& vars, const std::string& path, PlanWriter& out);

// `boot`: run by the network service at boot (`ifup DEV boot`): ONBOOT=no stops it.
void ifup_eth(IfupContext& ctx, const std::string& config_path, bool boot);
void ifup_aliases(IfupContext& ctx, const std::string& device, const std::string& parent_config);
void ifup_routes(IfupContext& ctx, const std::string& device, const std::string& nickname);

}  // namespace lvs::config::files
