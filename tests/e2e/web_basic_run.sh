# `lvslab run scenarios/web-basic.json`: text and JSON reports, paths, exit code.
source "$(dirname "$0")/lib.sh" "$@"
scenario=$SRC/scenarios/web-basic.json

run_lvslab out.txt err.txt run "$scenario"
expect_eq "exit code (text)" "$rc" 0
cat out.txt
expect_match "text report path" "$(cat out.txt)" "path CIP-DGW-SIP-DGW-CIP"
expect_match "text report summary" "$(cat out.txt)" "^3 requests, 3 ok, 0 failed"
expect_match "text report server" "$(cat out.txt)" "200 from web1"

run_lvslab out.json err.txt run "$scenario" --json
expect_eq "exit code (json)" "$rc" 0
expect_eq "request count" "$(jq '.requests | length' out.json)" 3
expect_eq "all ok" "$(jq '[.requests[].ok] | all' out.json)" true
expect_eq "statuses" "$(jq -c '[.requests[].status]' out.json)" "[200,200,200]"
expect_eq "servers" "$(jq -c '[.requests[].server] | unique' out.json)" '["web1"]'
expect_eq "bodies" "$(jq -c '[.requests[].body] | unique' out.json)" '["Hello from web1\n"]'
expect_eq "paths" "$(jq -c '[.requests[].path] | unique' out.json)" '["CIP-DGW-SIP-DGW-CIP"]'
expect_eq "first hop" "$(jq -c '.requests[0].hops[0]' out.json)" '{"role":"CIP","addr":"10.0.0.5","host":"client1"}'
expect_eq "gateway hop" "$(jq -r '.requests[0].hops[1].addr' out.json)" "10.0.0.1"
expect_eq "gateway hop back" "$(jq -r '.requests[0].hops[3].addr' out.json)" "192.168.10.1"
expect_eq "server hop" "$(jq -r '.requests[0].hops[2].addr' out.json)" "192.168.10.11"
expect_eq "start times" "$(jq -c '[.requests[].start_ns]' out.json)" "[1000000000,2000000000,3000000000]"
expect_eq "latency positive" "$(jq '[.requests[] | .end_ns > .start_ns] | all' out.json)" true
expect_eq "stats present" "$(jq '.stats.events > 0 and .stats.frames > 0' out.json)" true

run_lvslab out2.json err.txt run "$scenario" --json --until 1500ms
expect_eq "--until keeps the unfinished out" "$(jq '.requests | length' out2.json)" 1

# An expectation that does not hold makes the request fail (exit 1), naming the first differing hop.
jq '.traffic[0].expect.path = "CIP-DGW-RIP-DGW-CIP"' "$scenario" > wrong-path.json
run_lvslab out.txt err.txt run wrong-path.json
expect_eq "wrong expected path: exit" "$rc" 1
expect_match "wrong path message" "$(cat out.txt)" "FAILED: expected path CIP-DGW-RIP-DGW-CIP, got CIP-DGW-SIP-DGW-CIP: hop 3 is SIP 192.168.10.11 \\(web1\\), expected RIP"
expect_match "summary counts the failures" "$(cat out.txt)" "^3 requests, 0 ok, 3 failed"
finish
