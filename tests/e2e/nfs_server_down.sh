# The NFS server is powered off at 5s and on at 15s (scenarios/nfs-server-down-*.json).
# soft (timeo=10,retrans=2): calls fail with EIO 3 s after they start; httpd answers 500.
# hard: requests stall and all complete once the server is back. The CLI shows both.
source "$(dirname "$0")/lib.sh" "$@"

run_lvslab soft.txt err.txt run "$SRC/scenarios/nfs-server-down-soft.json"
expect_eq "soft: exit code (failed requests)" "$rc" 1
expect_match "soft: summary" "$(cat soft.txt)" "^20 requests, 12 ok, 8 failed"
expect_match "soft: 500 after the major timeout" "$(cat soft.txt)" "500 from rs[12] in 3.00[0-9]*s"
expect_match "soft: why" "$(cat soft.txt)" "rs[12]: httpd: \(5\)Input/output error: reading /var/www/html/index.html -> 500"
expect_match "soft: kernel message" "$(cat soft.txt)" "rs[12]: nfs: server 192.168.10.103 not responding, timed out"
run_lvslab soft.json err.txt run "$SRC/scenarios/nfs-server-down-soft.json" --json
expect_eq "soft: statuses" "$(jq -c '[.requests[].status]' soft.json)" "[200,200,200,200,500,500,500,500,500,500,500,500,200,200,200,200,200,200,200,200]"
expect_eq "soft: EIO calls" "$(jq '[.requests[].nfs.calls[]? | select(.status == "EIO")] | length' soft.json)" 8
expect_eq "soft: failed requests took the RPC major timeout" "$(jq -c '[.requests[] | select(.status == 500) | (.end_ns - .start_ns) / 1e9 | floor] | unique' soft.json)" "[3]"

run_lvslab hard.txt err.txt run "$SRC/scenarios/nfs-server-down-hard.json"
expect_eq "hard: exit code" "$rc" 0
expect_match "hard: summary" "$(cat hard.txt)" "^20 requests, 20 ok, 0 failed"
expect_match "hard: still trying" "$(cat hard.txt)" "rs[12]: nfs: server 192.168.10.103 not responding, still trying"
expect_match "hard: recovery" "$(cat hard.txt)" "rs[12]: nfs: server 192.168.10.103 OK"
expect_eq "hard: no 500" "$(grep -c ' 500 from' hard.txt || true)" 0
run_lvslab hard.json err.txt run "$SRC/scenarios/nfs-server-down-hard.json" --json
expect_eq "hard: every page from NFS" "$(jq -c '[.requests[].body] | unique' hard.json)" '["from nfs server!\n"]'
# Requests made while the server was down finished only after it came back (15 s).
expect_eq "hard: stalled requests end after 15s" "$(jq '[.requests[] | select(.start_ns >= 5e9 and .start_ns < 15e9) | .end_ns >= 15e9] | all' hard.json)" true
expect_eq "hard: the longest stall" "$(jq '[.requests[] | (.end_ns - .start_ns) / 1e9 | floor] | max' hard.json)" 10
finish
