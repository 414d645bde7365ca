#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sample_trace.hpp"
#include "sim/trace/jsonl.hpp"
#include "sim/wire/summary.hpp"

using nlohmann::json;

namespace {

std::string to_jsonl(const lvs::Trace& t) {
  std::ostringstream out;
  lvs::write_jsonl(t, out);
  return out.str();
}

std::vector<json> parse_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(json::parse(line));  // throws if not JSON
  return lines;
}

}  // namespace

TEST_CASE("jsonl: meta line names hosts, interfaces and segments") {
  lvs::test::Sample s;
  lvs::test::build_sample(s);
  const auto lines = parse_lines(to_jsonl(s.trace));
  REQUIRE(lines.size() == 1 + s.trace.records().size());
  const json& m = lines[0];
  CHECK(m["type"] == "meta");
  CHECK(m["scenario"] == "arp-basic");
  CHECK(m["seed"] == 42);
  REQUIRE(m["hosts"].size() == 2u);
  CHECK(m["hosts"][1]["name"] == "rs1");
  CHECK(m["hosts"][1]["role"] == "realserver");
  const json& eth0 = m["hosts"][1]["interfaces"][1];
  CHECK(eth0["name"] == "eth0");
  CHECK(eth0["mac"] == "02:00:00:00:02:11");
  CHECK(eth0["segment"] == "lan");
  CHECK(eth0["addresses"] == json::array({"192.168.10.10/24"}));
  CHECK(m["hosts"][1]["interfaces"][0]["segment"].is_null());
  CHECK(m["segments"] == json::parse(R"([{"name":"lan"},{"name":"wan"}])"));
  // Key order is fixed.
  CHECK(to_jsonl(s.trace).rfind(R"({"type":"meta","scenario":"arp-basic","seed":42,"hosts":[)", 0) == 0);
}

TEST_CASE("jsonl: one object per record with names and decoded fields") {
  lvs::test::Sample s;
  lvs::test::build_sample(s);
  const auto lines = parse_lines(to_jsonl(s.trace));
  REQUIRE(lines.size() == 15u);
  const std::vector<std::string> types = {"note",  "frame_tx",  "frame_wire", "frame_rx", "arp",
                                          "neigh", "frame_tx",  "frame_wire", "frame_rx", "drop",
                                          "route", "tcp_state", "tcp_rtx",    "app"};
  for (std::size_t i = 0; i < types.size(); ++i) {
    CAPTURE(i);
    CHECK(lines[i + 1]["type"] == types[i]);
    CHECK(lines[i + 1]["t"] == s.trace.records()[i].time);
  }
  const json& note = lines[1];
  CHECK(note["host"].is_null());
  CHECK(note["text"] == "start");

  const json& tx = lines[2];
  CHECK(tx["host"] == "client");
  CHECK(tx["iface"] == "eth0");
  CHECK(tx["frame"] == s.request_frame);
  CHECK(tx["len"] == 42);
  CHECK(tx["summary"] == lvs::wire::summarize_frame(lvs::wire::Bytes(s.request)));
  CHECK(tx["summary"].get<std::string>().rfind("ARP", 0) == 0);

  CHECK(lines[3]["segment"] == "lan");
  CHECK(lines[4]["host"] == "rs1");

  const json& arp = lines[5];
  CHECK(arp["sender_ip"] == "192.168.10.1");
  CHECK(arp["target_ip"] == "192.168.10.10");
  CHECK(arp["sender_mac"] == "02:00:00:00:01:01");
  CHECK(arp["verdict"] == "replied");
  CHECK(arp["arp_ignore"] == 0);

  const json& neigh = lines[6];
  CHECK(neigh["ip"] == "192.168.10.1");
  CHECK(neigh["from"] == "NONE");
  CHECK(neigh["to"] == "STALE");
  CHECK(neigh["mac"] == "02:00:00:00:01:01");

  CHECK(lines[8]["t"] == 1'000'003'500);
  const json& drop = lines[10];
  CHECK(drop["host"].is_null());
  CHECK(drop["iface"].is_null());
  CHECK(drop["segment"] == "lan");
  CHECK(drop["reason"] == "switch-queue-full");
  CHECK(drop["frame"] == s.reply_frame);
  CHECK(drop["packet_id"] == 7);
  CHECK(drop["flow"] == 3);

  const json& route = lines[11];
  CHECK(route["kind"] == "output");
  CHECK(route["out_iface"] == "eth0");
  CHECK(route["dst"] == "192.168.10.10");

  const json& tcp = lines[12];
  CHECK(tcp["host"] == "client");
  CHECK(tcp["local"] == "192.168.10.1");
  CHECK(tcp["local_port"] == 40001);
  CHECK(tcp["remote_port"] == 80);
  CHECK(tcp["from"] == "CLOSED");
  CHECK(tcp["to"] == "SYN_SENT");

  CHECK(lines[13]["rto"] == 200'000'000);
  CHECK(lines[13]["seq"] == 1000);
  CHECK(lines[14]["kind"] == "request-start");
  CHECK(lines[14]["text"] == "http://192.168.10.10/");
}

TEST_CASE("jsonl: deterministic bytes and robust to odd input") {
  lvs::test::Sample a, b;
  lvs::test::build_sample(a);
  lvs::test::build_sample(b);
  const std::string out = to_jsonl(a.trace);
  CHECK(out == to_jsonl(b.trace));
  CHECK(out == to_jsonl(a.trace));
  CHECK(out.back() == '\n');

  // Invalid UTF-8 in application text and ids missing from the meta do not throw.
  lvs::Trace t;
  t.record(5, lvs::WorldNote{9, t.add_string("bad \xff\xfe bytes")});
  t.record(6, lvs::FrameWire{3, 12345});  // no such segment or frame
  std::vector<json> lines;
  REQUIRE_NOTHROW(lines = parse_lines(to_jsonl(t)));
  REQUIRE(lines.size() == 3u);
  CHECK(lines[1]["host"] == "host9");
  CHECK(lines[2]["segment"] == "segment3");
  CHECK(lines[2]["frame"].is_null());
}

TEST_CASE("describe_record: short human lines") {
  lvs::test::Sample s;
  lvs::test::build_sample(s);
  const auto& r = s.trace.records();
  const std::string arp_summary = lvs::wire::summarize_frame(lvs::wire::Bytes(s.request));
  CHECK(lvs::describe_record(s.trace, r[0]) == "world note: start");
  CHECK(lvs::describe_record(s.trace, r[1]) == "client eth0 tx " + arp_summary);
  CHECK(lvs::describe_record(s.trace, r[2]) == "lan wire " + arp_summary);
  CHECK(lvs::describe_record(s.trace, r[3]) == "rs1 eth0 rx " + arp_summary);
  CHECK(lvs::describe_record(s.trace, r[4]) ==
        "rs1 eth0 arp who-has 192.168.10.10 tell 192.168.10.1 (02:00:00:00:01:01): replied (arp_ignore=0)");
  CHECK(lvs::describe_record(s.trace, r[5]) == "rs1 eth0 neigh 192.168.10.1 NONE -> STALE lladdr 02:00:00:00:01:01");
  CHECK(lvs::describe_record(s.trace, r[9]).rfind("lan drop switch-queue-full: ARP", 0) == 0);
  CHECK(lvs::describe_record(s.trace, r[10]) == "client route 192.168.10.10 output dev eth0");
  CHECK(lvs::describe_record(s.trace, r[11]) == "client tcp 192.168.10.1:40001 > 192.168.10.10:80 CLOSED -> SYN_SENT");
  CHECK(lvs::describe_record(s.trace, r[12]) ==
        "client tcp 192.168.10.1:40001 > 192.168.10.10:80 retransmit seq 1000 rto 200ms");
  CHECK(lvs::describe_record(s.trace, r[13]) == "client app request-start flow 3: http://192.168.10.10/");
}

TEST_CASE("jsonl and describe_record: the director's connection, expiry, counter and rules records") {
  using namespace lvs;
  Trace t;
  lvs::test::fill_meta(t.meta());
  const Ipv4Addr vip{192, 168, 0, 100}, rip{192, 168, 10, 11}, cip{10, 0, 0, 5};
  t.record(1'000, IpvsConnUpdate{seconds(61), cip, vip, rip, 7, 3, 40001, 80, 80, 1, 6, 3, kIpvsConnInactive});
  t.record(seconds(61), IpvsConnExpire{0, 7, 0, 1, true});
  t.record(seconds(62), IpvsConnExpire{seconds(122), 3, 2, 1, false});
  t.record(seconds(63), IpvsDestConns{rip, 4, 1, 2, 3, 80, 1});
  TraceIpvsTables tables;
  tables.services.push_back(TraceIpvsService{});
  const std::uint32_t text = t.add_string("-A -t 192.168.0.100:80 -s rr\n");
  t.record(seconds(64), IpvsRules{1, text, t.add_ipvs_tables(tables)});

  const auto lines = parse_lines(to_jsonl(t));
  REQUIRE(lines.size() == 6u);
  const json& conn = lines[1];
  CHECK(conn["type"] == "ipvs_conn");
  CHECK(conn["client"] == "10.0.0.5:40001");
  CHECK(conn["dest"] == "192.168.10.11:80");
  CHECK(conn["inactive"] == true);
  CHECK(conn["expires"] == seconds(61));
  const json& freed = lines[2];
  CHECK(freed["type"] == "ipvs_expire");
  CHECK(freed["t"] == seconds(61));
  CHECK(freed["host"] == "rs1");
  CHECK(freed["seq"] == 7);
  CHECK(freed["freed"] == true);
  CHECK(freed["expires"].is_null());
  const json& rearmed = lines[3];
  CHECK(rearmed["freed"] == false);
  CHECK(rearmed["n_control"] == 2);
  CHECK(rearmed["expires"] == seconds(122));
  const json& counts = lines[4];
  CHECK(counts["type"] == "ipvs_dest_conns");
  CHECK(counts["dest_id"] == 4);
  CHECK(counts["dest"] == "192.168.10.11:80");
  CHECK(counts["active"] == 1);
  CHECK(counts["inactive"] == 2);
  CHECK(counts["persist"] == 3);
  CHECK(lines[5]["type"] == "ipvs_rules");
  CHECK(lines[5]["text"] == "-A -t 192.168.0.100:80 -s rr\n");
  CHECK(t.ipvs_tables(std::get<IpvsRules>(t.records()[4].body).tables).services.size() == 1);

  CHECK(describe_record(t, t.records()[1]) == "rs1 ipvs conn #7 timer expired: freed");
  CHECK(describe_record(t, t.records()[2]) ==
        "rs1 ipvs conn #3 timer expired: template still controls 2, re-armed, expires 122s");
  CHECK(describe_record(t, t.records()[3]) == "rs1 ipvs dest 192.168.10.11:80 ActiveConn 1 InActConn 2 PersistConn 3");
}
