#!/usr/bin/env bash
# arping typed in a shell (iputils' arping): what it prints, how it refuses, and that its
# frames are really sent by the run: an unsolicited ARP from the director (-U) rewrites
# the gateway's entry for the VIP that a real server had won in the DR ARP race
# (lvs-dr-arp-problem), and a request (-c 2) goes broadcast, then unicast to the answer.
source "$(dirname "$0")/lib.sh" "$@"

# The ARP-problem scenario plus timed shell lines: the gateway's entry before and after
# the director's gratuitous ARP, and a request from rs1 for the gateway.
python3 - "$SRC/scenarios/lvs-dr-arp-problem.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
s.pop("$schema", None)
for t in s["traffic"]:
    t.pop("expect", None)
s["actions"] = [
  {"at": "3500ms", "host": "gw", "shell": ["ip neigh show 192.168.10.100"]},
  {"at": "3600ms", "host": "director", "shell": ["arping -U -c 1 -I eth0 192.168.10.100"]},
  {"at": "3700ms", "host": "gw", "shell": ["ip neigh show 192.168.10.100"]},
  {"at": "3800ms", "host": "rs1", "shell": ["arping -c 2 -I eth0 192.168.10.254"]},
]
json.dump(s, open("garp.json", "w"), indent=1)
PY
run_lvslab out err run garp.json --trace trace.jsonl --pcap cap.pcap
expect_eq "run exit" "$rc" 0
expect_match "director's arping prints what iputils prints" "$(cat out)" \
  '^ +ARPING 192\.168\.10\.100 from 192\.168\.10\.100 eth0$'
expect_match "and its one probe" "$(cat out)" '^ +Sent 1 probes \(1 broadcast\(s\)\)$'
# The gateway's entry before (a real server's MAC) and after (the director's).
before=$(grep -A1 '# ip neigh show 192.168.10.100$' out | sed -n 2p | sed 's/^ *//')
after=$(grep -A1 '# ip neigh show 192.168.10.100$' out | sed -n 5p | sed 's/^ *//')
expect_match "ip neigh show ADDRESS lists that entry only" "$before" '^192\.168\.10\.100 dev eth1 lladdr '
if [[ "$before" != "$after" ]]; then pass "the gateway's entry changed"; else fail "unchanged: $before"; fi
dmac=$(tshark -r cap.pcap/lan.pcap -Y 'arp.src.proto_ipv4 == 192.168.10.100 && arp.dst.proto_ipv4 == 192.168.10.100' \
  -T fields -e eth.src -e eth.dst -e arp.opcode 2>/dev/null | sort -u)
expect_match "the gratuitous request on the wire (tshark)" "$dmac" $'^[0-9a-f:]{17}\tff:ff:ff:ff:ff:ff\t1$'
gw_after=$(sed -E 's/.* lladdr ([0-9a-f:]+) .*/\1/' <<<"$after")
expect_eq "the gateway now has the director's MAC" "$gw_after" "$(cut -f1 <<<"$dmac")"
# rs1's request: first broadcast, the second unicast to the gateway's MAC.
probes=$(tshark -r cap.pcap/lan.pcap -Y 'arp.opcode == 1 && arp.src.proto_ipv4 == 192.168.10.11 && arp.dst.proto_ipv4 == 192.168.10.254 && frame.time_epoch >= 3.8' \
  -T fields -e frame.time_epoch -e eth.dst 2>/dev/null | awk '{print $2}' | head -2 | paste -sd' ')
gwmac=$(tshark -r cap.pcap/lan.pcap -Y 'arp.opcode == 2 && arp.src.proto_ipv4 == 192.168.10.254' -T fields -e eth.src 2>/dev/null | head -1)
expect_eq "rs1's probes: broadcast, then unicast to the gateway" "$probes" "ff:ff:ff:ff:ff:ff $gwmac"

# --- what it prints and refuses, as iputils' arping does -------------------------------
cat > refuse.json <<'JSON'
{ "name": "arping-refusals", "duration": "2s",
  "segments": [ { "name": "lan" } ],
  "hosts": [ { "name": "h", "role": "client",
    "interfaces": [ { "name": "eth0", "segment": "lan", "addresses": [ "192.168.1.5/24" ] } ],
    "shell": [ "arping -c 1 -I eth9 192.168.1.1", "arping -c 1 -I lo 192.168.1.1",
               "arping -U -c 1 -I eth0 192.168.1.100", "arping -c x 192.168.1.1",
               "arping -q -c 1 -s 192.168.1.5 192.168.1.1", "arping -I eth0 192.168.1.1",
               "arping -c 1 -w 2 192.168.1.1", "arping -V", "arping -Z 1.2.3.4",
               "arping -c 50 -I eth0 192.168.1.1" ] } ] }
JSON
run_lvslab out err run refuse.json
expect_match "unknown device" "$(cat out)" '^ +arping: Device eth9 not available\.$'
expect_match "loopback" "$(cat out)" '^ +Interface "lo" is not ARPable$'
expect_match "-U for an address not ours: bind fails" "$(cat out)" '^ +arping: bind: Cannot assign requested address$'
expect_match "bad count" "$(cat out)" "^ +arping: invalid argument: 'x'$"
expect_match "a request: the route's device and source" "$(cat out)" '^ +ARPING 192\.168\.1\.1 from 192\.168\.1\.5 eth0$'
expect_match "without -c or -w: refused, said so" "$(cat out) $(cat err)" 'runs until interrupted \(\^C\); give -c COUNT or -w SECONDS'
expect_match "version" "$(cat out)" '^ +arping from iputils 20221126$'
expect_match "bad option" "$(cat out)" "^ +arping: invalid option -- 'Z'$"
# The run ends while that arping still sends: the host goes with its process (no crash).
expect_match "a run that ends under a running arping finishes" "$(cat out)" '^0 requests, 0 ok, 0 failed; .*stopped at 2\.000000000s'
expect_eq "its probes were sent, one a second (0, 1, 2 s), beside the two one-probe lines" "$(grep -o "[0-9]* frames" out)" "5 frames"
finish
