# The pcaps of web-basic decode in tshark: ARP, the TCP handshake, HTTP GET and 200,
# no malformed packet and no bad checksum. Every count goes through tshark_lines (lib.sh): a
# file tshark cannot read, or a filter it refuses, fails the checks instead of counting 0.
source "$(dirname "$0")/lib.sh" "$@"
command -v tshark >/dev/null || { echo "FAIL: tshark is not installed (run .ci/install-deps)"; exit 1; }
run_lvslab out.txt err.txt run "$SRC/scenarios/web-basic.json" --pcap caps --trace trace.jsonl
expect_eq "exit code" "$rc" 0
for seg in client-net server-net; do
  f=caps/$seg.pcap
  [[ -s $f ]] && pass "$f written" || { fail "$f missing"; continue; }
  expect_pcap_frames "$f" trace.jsonl "$seg"
  ts() { tshark_lines "$f" -o ip.check_checksum:TRUE -o tcp.check_checksum:TRUE -o udp.check_checksum:TRUE "$@"; }
  expect_match "$seg ARP" "$(ts -Y arp)" "Who has"
  expect_match "$seg ARP reply" "$(ts -Y 'arp.opcode == 2')" "is at"
  expect_match "$seg SYN" "$(ts -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0')" "\[SYN\]"
  expect_match "$seg SYN-ACK" "$(ts -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 1')" "\[SYN, ACK\]"
  expect_match "$seg HTTP GET" "$(ts -Y 'http.request.method == "GET"')" "GET / HTTP/1.1"
  expect_match "$seg HTTP 200" "$(ts -Y 'http.response.code == 200')" "HTTP/1.1 200 OK"
  # The checksum checks below only mean something if tshark verified checksums at all.
  expect_eq "$seg verified good checksums" "$([[ $(ts -Y 'ip.checksum.status == "Good" && tcp.checksum.status == "Good"' | grep -c .) -gt 10 ]] && echo yes)" yes
  expect_eq "$seg malformed" "$(ts -Y '_ws.malformed' | grep -c . || true)" 0
  expect_eq "$seg bad checksums" "$(ts -Y 'ip.checksum.status == 0 || tcp.checksum.status == 0 || udp.checksum.status == 0' | grep -c . || true)" 0
  expect_eq "$seg expert errors" "$(ts -Y '_ws.expert.severity == error' | grep -c . || true)" 0
done
finish
