// /etc/exports parsing, `exportfs -rv` text and rpc.mountd's client matching.
#include <doctest/doctest.h>

#include "sim/apps/exports.hpp"

namespace lvs {

TEST_CASE("exports: the lab's line") {
  const auto e = parse_exports("/public 192.168.10.0/24(ro)\n");
  REQUIRE(e.ok());
  REQUIRE(e.entries.size() == 1);
  CHECK(e.entries[0].path == "/public");
  REQUIRE(e.entries[0].clients.size() == 1);
  const ExportClient& c = e.entries[0].clients[0];
  CHECK(c.spec == "192.168.10.0/24");
  CHECK(c.type == ExportClientType::kSubnet);
  CHECK(c.options.read_only);
  CHECK(c.options.sync);         // default
  CHECK(c.options.root_squash);  // default
  CHECK(c.options.secure);       // default
  CHECK(c.options.anonuid == 65534);
  CHECK(match_export(e.entries, "/public", *Ipv4Addr::parse("192.168.10.11"), "rs1") == &c);
  CHECK(match_export(e.entries, "/public", *Ipv4Addr::parse("192.168.20.11"), "rs3") == nullptr);
  CHECK(match_export(e.entries, "/private", *Ipv4Addr::parse("192.168.10.11"), "rs1") == nullptr);
}

TEST_CASE("exports: every client kind and option") {
  const auto e = parse_exports(
      "# comment line\n"
      "/srv/www  -rw,async  10.0.0.5(no_root_squash,insecure) "
      "10.1.0.0/255.255.0.0(ro,all_squash,anonuid=48,anongid=49) \\\n"
      "          rs?(sync) *.lab(subtree_check) *  # trailing comment\n"
      "\"/with space\" web1(no_all_squash,secure,no_subtree_check,wdelay,hide)\n");
  REQUIRE(e.ok());
  REQUIRE(e.entries.size() == 2);
  const auto& cl = e.entries[0].clients;
  REQUIRE(cl.size() == 5);
  CHECK(e.entries[0].line == 2);
  CHECK(cl[0].type == ExportClientType::kHost);
  CHECK(cl[0].by_address);
  CHECK_FALSE(cl[0].options.read_only);  // from the line's -rw default
  CHECK_FALSE(cl[0].options.sync);       // -async
  CHECK_FALSE(cl[0].options.root_squash);
  CHECK_FALSE(cl[0].options.secure);
  CHECK(cl[1].type == ExportClientType::kSubnet);
  CHECK(cl[1].subnet.len == 16);
  CHECK(cl[1].options.read_only);
  CHECK(cl[1].options.all_squash);
  CHECK(cl[1].options.anonuid == 48);
  CHECK(cl[1].options.anongid == 49);
  CHECK(cl[2].type == ExportClientType::kWildcard);
  CHECK(cl[3].type == ExportClientType::kWildcard);
  CHECK(cl[4].type == ExportClientType::kAnyone);
  CHECK(e.entries[1].path == "/with space");
  CHECK(e.entries[1].clients[0].type == ExportClientType::kHost);
  CHECK_FALSE(e.entries[1].clients[0].by_address);
  CHECK(e.entries[1].line == 4);

  // mountd's order: hosts, then networks, then wildcards, then everyone.
  const auto* c = match_export(e.entries, "/srv/www", *Ipv4Addr::parse("10.0.0.5"), "ws");
  CHECK(c == &cl[0]);
  CHECK(match_export(e.entries, "/srv/www", *Ipv4Addr::parse("10.1.2.3"), "rs1") == &cl[1]);
  CHECK(match_export(e.entries, "/srv/www", *Ipv4Addr::parse("172.16.0.1"), "rs2") == &cl[2]);
  CHECK(match_export(e.entries, "/srv/www", *Ipv4Addr::parse("172.16.0.1"), "db.lab") == &cl[3]);
  CHECK(match_export(e.entries, "/srv/www", *Ipv4Addr::parse("172.16.0.1"), "other") == &cl[4]);
  CHECK(match_export(e.entries, "/with space", *Ipv4Addr::parse("172.16.0.1"), "web1") != nullptr);
  CHECK(match_export(e.entries, "/with space", *Ipv4Addr::parse("172.16.0.1"), "web2") == nullptr);
}

TEST_CASE("exports: wildcards match names and dotted addresses") {
  CHECK(export_wildcard_match("192.168.10.*", "192.168.10.11"));
  CHECK_FALSE(export_wildcard_match("192.168.10.*", "192.168.20.11"));
  CHECK(export_wildcard_match("rs[12]", "rs2"));
  CHECK_FALSE(export_wildcard_match("rs[12]", "rs3"));
  CHECK(export_wildcard_match("rs[!3]", "rs1"));
  CHECK(export_wildcard_match("*", ""));
}

TEST_CASE("exports: errors name the file and the line") {
  auto e = parse_exports("/a 10.0.0.0/8(ro)\n\n/b 10.0.0.1(rx)\n");
  CHECK_FALSE(e.ok());
  CHECK(e.error_line == 3);
  CHECK(e.error == "/etc/exports:3: unknown keyword \"rx\"");
  e = parse_exports("/a 10.0.0.0/33(ro)\n");
  CHECK(e.error == "/etc/exports:1: invalid network \"10.0.0.0/33\" (expected a.b.c.d/nn or a.b.c.d/m.m.m.m)");
  e = parse_exports("/a host(ro\n");
  CHECK(e.error == "/etc/exports:1: missing ')' in \"host(ro\"");
  e = parse_exports("relative host(ro)\n");
  CHECK(e.error == "/etc/exports:1: \"relative\" is not an absolute path");
  e = parse_exports("/a h(anonuid=x)\n", "/tmp/x");
  CHECK(e.error == "/tmp/x:1: bad anonuid \"anonuid=x\"");
  // A continued line reports the line it starts on.
  e = parse_exports("/ok *(ro)\n/a \\\n  h(bogus)\n");
  CHECK(e.error_line == 2);
}

TEST_CASE("exports: lines of only carriage returns are blank (CRLF files)") {
  // Was a crash: "\r\\\n" made a logical line of "\r ", which words() splits into nothing.
  auto e = parse_exports("\r\\\n");
  CHECK(e.ok());
  CHECK(e.entries.empty());
  e = parse_exports("\r\n\r\\\n\r\n/public 10.0.0.0/8(ro)\r\n\\\r\n");
  REQUIRE(e.ok());
  REQUIRE(e.entries.size() == 1);
  CHECK(e.entries[0].line == 4);
  CHECK(e.entries[0].path == "/public");
  REQUIRE(e.entries[0].clients.size() == 1);
  CHECK(e.entries[0].clients[0].spec == "10.0.0.0/8");
}

TEST_CASE("exports: exportfs -rv prints what the real tool prints") {
  const auto e =
      parse_exports("/public 192.168.10.0/24(ro)\n/data *(rw,no_subtree_check) 10.0.0.7(ro,subtree_check)\n");
  REQUIRE(e.ok());
  const ExportfsOutput o = exportfs_rv(e);
  CHECK(o.err ==
        "exportfs: /etc/exports [1]: Neither 'subtree_check' or 'no_subtree_check' specified for export "
        "\"192.168.10.0/24:/public\".\n"
        "  Assuming default behaviour ('no_subtree_check').\n"
        "  NOTE: this default has changed since nfs-utils version 1.0.x\n\n");
  CHECK(o.out ==
        "exporting 10.0.0.7:/data\n"
        "exporting 192.168.10.0/24:/public\n"
        "exporting *:/data\n");
}

}  // namespace lvs
