#pragma once
// `hw compare` for the scenarios with nfs and autofs services (nfs_services.hpp): what
// the storage side shows, beside the rows compare.hpp makes.
//  * per host and mount point: mounted or not, the source and type, and the options the
//    scenario asked for that both sides state: ro/rw, soft/hard, and timeo/retrans when
//    the simulator lists them (the kernel lists every option, with its defaults);
//  * the whole `mount` line of each side, as info: the simulator prints the options as
//    the lab's old mount did ("ro,timeout,soft,intr,addr=..."), the kernel its own
//    ("ro,relatime,vers=3,rsize=...");
//  * per request: the page that came back (its first 40 bytes; the status is compared
//    with the request rows already): the file read from NFS, or the error page.
// Not compared: the RPC calls on the wire (the kernel side has rpcbind on port 111 and
// mount.nfs's GETPORT calls, the simulator goes to 20048 and 2049 directly) and the
// daemons' log lines (shown by `hw run`).
#include <string>
#include <vector>

#include "sim/hw/compare.hpp"
#include "sim/hw/nfs_services.hpp"
#include "sim/hw/run.hpp"
#include "sim/report/report.hpp"
#include "sim/scenario/spec.hpp"

namespace lvs {
struct ScenarioRun;
}

namespace lvs::hw {

// The NFS mounts of the simulated hosts (their automounters' mount tables) now.
std::vector<HwNfsMount> sim_nfs_mounts(const ScenarioRun& run);

// "192.168.10.103:/public nfs ro,soft": what is compared of one mount; the options are
// those of `options` named in `asked` (ro rw soft hard, timeo=N and retrans=N when
// `asked` has them), in that order.
std::string mount_summary(const HwNfsMount& m, const std::string& asked);

// Where the scenario's automounters may mount: "host /mount/point/key" for every key of
// the file maps their /etc/auto.master names (NFS entries only: the lab's /misc/cd is
// an iso9660 entry neither side mounts; a wildcard key names no place).
std::vector<std::pair<std::string, std::string>> automount_places(const ScenarioSpec& spec);

// One row per place mounted on either side or in `places` (a place mounted on neither
// side is compared too: "not mounted" on both is the agreement of a refused mount).
std::vector<CompareRow> compare_nfs_mounts(const std::vector<HwNfsMount>& sim, const std::vector<HwNfsMount>& hw,
                                           const std::vector<std::pair<std::string, std::string>>& places = {});
std::vector<CompareRow> compare_pages(const RunReport& sim, const RunReport& hw);

// Both: the simulator run to `at` (the scenario time at which the kernel was read)
// against the kernel's run `res`.
std::vector<CompareRow> nfs_compare_rows(const ScenarioSpec& spec, SimTime at, const HwRunResult& res);

}  // namespace lvs::hw
