# Case 3 (scenarios/lvs-dr-nfs.json): LVS-DR whose real servers serve /var/www/html from
# NFS through autofs. Every page says "from nfs server!", round robin across rs1/rs2,
# the first request's trace shows CIP->VIP->RIP, RIP->NFS READ, NFS->RIP, RIP->CIP, and
# autofs mounts once per real server with the `mount` line the lab shows.
source "$(dirname "$0")/lib.sh" "$@"
scenario=$SRC/scenarios/lvs-dr-nfs.json

run_lvslab out.txt err.txt run "$scenario"
expect_eq "exit code" "$rc" 0
cat out.txt
expect_match "summary" "$(cat out.txt)" "^6 requests, 6 ok, 0 failed"
expect_match "nfs leg of a request" "$(cat out.txt)" "nfs  RIP-NFS-RIP  rs2 192.168.10.12 -> nfs 192.168.10.103: MNT GETATTR LOOKUP ACCESS GETATTR READ \(6 calls, 6 replies\)"
expect_match "mount line" "$(cat out.txt)" "rs1: mount: 192.168.10.103:/public on /var/www/html type nfs \(ro,timeout,soft,intr,addr=192.168.10.103\)"
expect_match "exportfs -rv" "$(cat out.txt)" "nfs: exporting 192.168.10.0/24:/public"
expect_match "mountd log" "$(cat out.txt)" "rpc.mountd: authenticated mount request from 192.168.10.11:[0-9]+ for /public \(/public\)"

run_lvslab out.json err.txt run "$scenario" --json
expect_eq "bodies" "$(jq -c '[.requests[].body] | unique' out.json)" '["from nfs server!\n"]'
expect_eq "servers (rr)" "$(jq -c '[.requests[].server]' out.json)" '["rs2","rs1","rs2","rs1","rs2","rs1"]'
expect_eq "http paths unchanged" "$(jq -c '[.requests[].path] | unique' out.json)" '["CIP-DGW-VIP-RIP-DGW-CIP"]'
expect_eq "nfs legs" "$(jq -c '[.requests[].nfs.path] | unique' out.json)" '["RIP-NFS-RIP"]'
expect_eq "mounts: one MNT per real server" "$(jq -c '[.requests[].nfs.calls[] | select(.proc == "MNT")] | length' out.json)" 2
expect_eq "mounting requests" "$(jq -c '[.requests[] | select(any(.nfs.notes[]; test("attempting to mount"))) | .server]' out.json)" '["rs2","rs1"]'
expect_eq "every request READs" "$(jq -c '[.requests[] | [.nfs.calls[] | select(.proc == "READ" and .status == "NFS3_OK")] | length] | unique' out.json)" '[1]'

# The first request, in trace order: client -> VIP (director) -> RIP; RIP -> NFS READ;
# NFS -> RIP reply; RIP -> client.
run_lvslab out.txt err.txt run "$scenario" --trace trace.jsonl
expect_eq "trace written" "$rc" 0
order=$(jq -r 'select(.flow == 1 or (.host == "nfs" and .type == "frame_tx")) |
  if .type == "frame_tx" and .host == "client1" and (.summary | test("GET /")) then "CIP>VIP"
  elif .type == "frame_tx" and .host == "director" and (.summary | test("GET /")) then "VIP>RIP"
  elif .type == "app" and .kind == "note" and (.text | startswith("rpc-call NFS READ")) then "RIP>NFS:READ"
  elif .type == "frame_tx" and .host == "nfs" and (.summary | test("> 192.168.10.12:")) then "NFS>RIP"
  elif .type == "app" and .kind == "note" and (.text | startswith("rpc-reply NFS READ")) then "RIP<NFS:READ"
  elif .type == "frame_tx" and .host == "rs2" and (.summary | test("HTTP/1.1 200")) then "RIP>CIP"
  else empty end' trace.jsonl | sed '/RIP>CIP/q' | uniq | tr '\n' ' ')
expect_eq "first request's order" "$order" "CIP>VIP VIP>RIP NFS>RIP RIP>NFS:READ NFS>RIP RIP<NFS:READ RIP>CIP "
finish
