# The report of a long run (issue 9 §3): at most N requests listed one by one (default
# 1000), then up to N failed ones, every request counted in a summary; a small run's
# report has no summary at all (report_trace.sh and the scenario tests compare them).
source "$(dirname "$0")/lib.sh" "$@"

# lvs-nat with 1500 requests 10 ms apart, and 5 to a port nobody serves (refused) at the end.
jq '.duration = "30s" | .traffic[0].every = "10ms" | .traffic[0].count = 1500 | del(.traffic[0].expect)
    | .traffic += [{"client": "client1", "type": "http", "url": "http://192.168.0.100:81/", "at": "20s", "every": "1s", "count": 5}]' \
  "$SRC/scenarios/lvs-nat.json" > long.json

run_lvslab out.txt err.txt run long.json
expect_eq "exit (5 failed)" "$rc" 1
expect_eq "requests listed" "$(grep -c '^#' out.txt)" 1005
expect_eq "failed ones listed" "$(grep -c '^    FAILED' out.txt)" 5
expect_match "not listed" "$(cat out.txt)" "^500 more requests not listed \(0 failed among them\)"
expect_match "summary by result" "$(cat out.txt)" "1500  ok \(200\)"
expect_match "summary by server" "$(cat out.txt)" "750  rs[12]"
expect_match "summary by path" "$(cat out.txt)" "1500  CIP-DGW-VIP-RIP-DIP-DGW-CIP"
expect_match "the totals count every request" "$(tail -1 out.txt)" "^1505 requests, 1500 ok, 5 failed;"

run_lvslab out.txt err.txt run long.json --list-requests all
expect_eq "--list-requests all" "$(grep -c '^#' out.txt)" 1505
expect_eq "no summary when all are listed" "$(grep -c 'not listed' out.txt)" 0

run_lvslab out.json err.txt run long.json --json --list-requests 10
expect_eq "JSON requests listed" "$(jq '.requests | length' out.json)" 15
expect_eq "JSON stats count every request" "$(jq -c '[.stats.requests, .stats.failed]' out.json)" "[1505,5]"
expect_eq "JSON summary" "$(jq -c '[.summary.not_listed, .summary.by_path["CIP-DGW-VIP-RIP-DIP-DGW-CIP"]]' out.json)" "[1490,1500]"

# Bodies: kept for the requests the report may list; the others keep length and digest,
# and the body expectation still holds or fails for every request.
jq '.traffic[0].every = "10ms" | .traffic[0].count = 50' "$SRC/scenarios/web-basic.json" > bodies.json
run_lvslab out.txt err.txt run bodies.json --list-requests 5
expect_eq "expected body checked by digest: exit" "$rc" 0
expect_match "summary: every body as expected" "$(cat out.txt)" "50  ok \(200\)"
jq '.traffic[0].expect.body = "nope\n"' bodies.json > wrong.json
run_lvslab out.txt err.txt run wrong.json --list-requests 5
expect_eq "wrong expected body: exit" "$rc" 1
expect_match "a kept body is shown" "$(cat out.txt)" 'expected body "nope.n", got "Hello from web1.n"'
expect_match "a body not kept is described" "$(cat out.txt)" 'expected body "nope.n", got another body of 16 bytes'
expect_match "every request failed, the cluster healthy" "$(tail -1 out.txt)" "^50 requests, 0 ok, 50 failed \(50 of the failed ones healthy: only the scenario.s expect differs\);"

run_lvslab out.txt err.txt run long.json --list-requests ten
expect_eq "bad --list-requests" "$rc" 2
finish
