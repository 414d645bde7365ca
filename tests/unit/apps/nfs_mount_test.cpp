// The NFS server, the client's mounts and autofs on a two-hop network:
//   client 10.0.1.10 --lan1-- router --lan2-- 10.0.2.10 server (nfsd, rpc.mountd)
#include <doctest/doctest.h>

#include <cerrno>
#include <map>

#include "sim/apps/autofs.hpp"
#include "sim/apps/nfs_server.hpp"
#include "tests/unit/net/tcp_fixture.hpp"

namespace lvs::test {
namespace {

struct NfsLab : TwoHop {
  std::map<std::string, std::string> server_files;
  std::map<std::string, std::string> client_files;
  Autofs* autofs = nullptr;

  NfsLab(const std::string& exports, const std::string& master, const std::string& map) {
    server_files["/etc/exports"] = exports;
    server_files["/public/index.html"] = "from nfs server!\n";
    server_files["/public/big.html"] = std::string(300000, 'b');
    server_files["/public/sub/deep.txt"] = "deep\n";
    server_files["/private/secret"] = "no\n";
    client_files["/etc/auto.master"] = master;
    client_files["/etc/auto.htmount"] = map;
    server.add_app(make_nfs_server(server, server_files));
    server.start_apps();
    auto a = make_autofs(client, client_files);
    autofs = a.get();
    client.add_app(std::move(a));
    client.start_apps();
  }

  struct Read {
    bool done = false;
    SimTime at = 0;
    FileReadResult result;
  };
  std::shared_ptr<Read> read(const std::string& path) {
    auto r = std::make_shared<Read>();
    autofs->read_file(path, 0, [this, r](FileReadResult got) {
      r->done = true;
      r->at = now();
      r->result = std::move(got);
    });
    return r;
  }

  std::vector<std::string> notes(const Host& h, std::string_view prefix) {
    std::vector<std::string> out;
    for (const auto& [t, e] : records<AppEvent>())
      if (e.host == h.id() && e.kind == AppEventKind::kNote && world.trace().string(e.text).starts_with(prefix))
        out.push_back(world.trace().string(e.text));
    return out;
  }
  std::vector<std::string> world_notes(const Host& h) {
    std::vector<std::string> out;
    for (const auto& [t, e] : records<WorldNote>())
      if (e.host == h.id()) out.push_back(world.trace().string(e.text));
    return out;
  }
};

const char* kExports = "/public 10.0.1.0/24(ro)\n";
const char* kMaster = "/var/www /etc/auto.htmount --timeout=8\n";

bool contains(const std::vector<std::string>& v, std::string_view s) {
  for (const auto& x : v)
    if (x.find(s) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("nfs: autofs mounts on first access, reads by rsize, unmounts after the idle timeout") {
  NfsLab lab(kExports, kMaster, "html -ro,soft,intr,rsize=32768 10.0.2.10:/public\n");
  CHECK(lab.autofs->mounts().listing().empty());
  auto small = lab.read("/var/www/html/index.html");
  auto big = lab.read("/var/www/html/big.html");  // waits for the same mount
  lab.run_for(2 * kSecond);
  REQUIRE(small->done);
  REQUIRE(big->done);
  CHECK(small->result.error == 0);
  CHECK(small->result.data == "from nfs server!\n");
  CHECK(big->result.error == 0);
  CHECK(big->result.data == std::string(300000, 'b'));
  REQUIRE(lab.autofs->mounts().listing().size() == 1);
  CHECK(lab.autofs->mounts().listing()[0] ==
        "10.0.2.10:/public on /var/www/html type nfs (ro,soft,intr,rsize=32768,addr=10.0.2.10)");
  // One mount for both reads; the big file took ceil(300000 / 32768) = 10 READs.
  CHECK(lab.notes(lab.client, "rpc-call MOUNT MNT").size() == 1);
  CHECK(lab.notes(lab.client, "automount: attempting to mount entry /var/www/html").size() == 1);
  CHECK(lab.notes(lab.client, "rpc-call NFS READ").size() == 11);
  CHECK(lab.notes(lab.client, "rpc-reply NFS READ").size() == 11);
  CHECK(lab.notes(lab.client, "rpc-call NFS LOOKUP").size() == 2);
  CHECK(lab.notes(lab.client, "rpc-call NFS ACCESS").size() == 2);
  CHECK(contains(lab.world_notes(lab.server), "rpc.mountd: authenticated mount request from 10.0.1.10:"));
  CHECK(contains(lab.world_notes(lab.server), "exporting 10.0.1.0/24:/public"));
  // The mount came from a reserved port.
  bool reserved = true;
  for (const auto& s : lab.sent_by(lab.client))
    if (s.tcp.dst_port == 2049 || s.tcp.dst_port == 20048) reserved = reserved && s.tcp.src_port < 1024;
  CHECK(reserved);

  // A path below a directory and a missing file.
  auto deep = lab.read("/var/www/html/sub/deep.txt");
  auto missing = lab.read("/var/www/html/nope.html");
  auto nokey = lab.read("/var/www/other/index.html");
  lab.run_for(kSecond);
  CHECK(deep->result.data == "deep\n");
  CHECK(missing->result.error == ENOENT);
  CHECK(nokey->result.error == ENOENT);

  // Idle for the 8 s timeout (checked every 2 s): unmounted, UMNT sent.
  lab.run_for(6 * kSecond);
  CHECK(lab.autofs->mounts().listing().size() == 1);
  lab.run_for(5 * kSecond);
  CHECK(lab.autofs->mounts().listing().empty());
  CHECK(lab.notes(lab.client, "automount: expired /var/www/html").size() == 1);
  CHECK(lab.notes(lab.client, "rpc-call MOUNT UMNT").size() == 1);
  CHECK(contains(lab.world_notes(lab.server), "rpc.mountd: authenticated unmount request"));
  // The next access mounts again.
  auto again = lab.read("/var/www/html/index.html");
  lab.run_for(kSecond);
  CHECK(again->result.data == "from nfs server!\n");
  CHECK(lab.notes(lab.client, "rpc-call MOUNT MNT").size() == 2);
}

TEST_CASE("nfs: a client outside the export's client spec is refused at mount time") {
  NfsLab lab("/public 10.0.9.0/24(ro)\n", kMaster, "html -ro 10.0.2.10:/public\n");
  auto r = lab.read("/var/www/html/index.html");
  lab.run_for(2 * kSecond);
  REQUIRE(r->done);
  CHECK(r->result.error == ENOENT);
  CHECK(lab.autofs->mounts().listing().empty());
  CHECK(lab.notes(lab.client, "mount.nfs: access denied by server while mounting 10.0.2.10:/public").size() == 1);
  CHECK(contains(lab.world_notes(lab.server),
                 "rpc.mountd: refused mount request from 10.0.1.10 for /public (/public): unmatched host"));
  // Negative cache: no second MNT within 60 s.
  auto again = lab.read("/var/www/html/index.html");
  lab.run_for(kSecond);
  CHECK(again->result.error == ENOENT);
  CHECK(lab.notes(lab.client, "rpc-call MOUNT MNT").size() == 1);
  // An export that does not exist.
  NfsLab lab2(kExports, kMaster, "html 10.0.2.10:/nothing\n");
  auto r2 = lab2.read("/var/www/html/index.html");
  lab2.run_for(2 * kSecond);
  CHECK(r2->result.error == ENOENT);
  CHECK(contains(lab2.notes(lab2.client, "mount.nfs:"), "reason given by server: No such file or directory"));
}

TEST_CASE("nfs: soft mount fails with EIO after timeo x (retrans + 1) when the server is down") {
  NfsLab lab(kExports, kMaster, "html -ro,soft,timeo=10,retrans=2 10.0.2.10:/public\n");
  auto first = lab.read("/var/www/html/index.html");
  lab.run_for(kSecond);
  REQUIRE(first->result.error == 0);
  lab.server.set_powered(false);
  const SimTime down = lab.now();
  auto r = lab.read("/var/www/html/index.html");
  lab.run_for(2900 * kMillisecond);
  CHECK_FALSE(r->done);  // still within the 3 s
  lab.run_for(200 * kMillisecond);
  REQUIRE(r->done);
  CHECK(r->result.error == EIO);
  CHECK(r->at - down == 3 * kSecond);
  CHECK(contains(lab.world_notes(lab.client), "nfs: server 10.0.2.10 not responding, timed out"));
}

TEST_CASE("nfs: hard mount waits while the server is down and completes when it returns") {
  NfsLab lab(kExports, kMaster, "html -ro,hard,intr,timeo=10,retrans=2 10.0.2.10:/public\n");
  auto first = lab.read("/var/www/html/index.html");
  lab.run_for(kSecond);
  REQUIRE(first->result.error == 0);
  lab.server.set_powered(false);
  auto r = lab.read("/var/www/html/index.html");
  lab.run_for(10 * kSecond);
  CHECK_FALSE(r->done);
  CHECK(contains(lab.world_notes(lab.client), "nfs: server 10.0.2.10 not responding, still trying"));
  lab.server.set_powered(true);
  const SimTime back = lab.now();
  lab.run_for(60 * kSecond);
  REQUIRE(r->done);
  CHECK(r->result.error == 0);
  CHECK(r->result.data == "from nfs server!\n");
  CHECK(r->at > back);
  CHECK(contains(lab.world_notes(lab.client), "nfs: server 10.0.2.10 OK"));
  // The client reconnected (the rebooted server had no connection) and sent the call again.
  CHECK(lab.notes(lab.client, "rpc-call (retransmission) NFS").size() >= 1);
}

}  // namespace lvs::test
