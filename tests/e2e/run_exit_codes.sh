# `lvslab run` exits 0 only when every planned request started and succeeded: requests
# that never started (--until before their time, the event limit hit first) are "not
# run", counted in the text and JSON reports, exit 1. --seed follows the scenario's rule
# for "seed" (0 to 2^64-1): a negative or too large value is refused, not wrapped.
source "$(dirname "$0")/lib.sh" "$@"
web="$SRC/scenarios/web-basic.json"  # 3 requests, at 1 s, 2 s and 3 s

run_lvslab out.txt err.txt run "$web" --until 500ms
expect_eq "--until before any request: exit" "$rc" 1
expect_match "--until before any request: summary" "$(tail -1 out.txt)" "^0 requests, 0 ok, 0 failed, 3 not run;"
expect_match "--until before any request: which" "$(cat out.txt)" \
  "client1  GET http://192.168.10.11/  3 of 3 requests never started \\(the first due at 1.000000000s\\)"
run_lvslab out.json err.txt run "$web" --until 2500ms --json
expect_eq "--until between requests: exit" "$rc" 1
expect_eq "--until between requests: stats" "$(jq -c '.stats | [.requests, .failed, .not_run]' out.json)" "[2,0,1]"
expect_eq "--until between requests: not_run" "$(jq -c '.not_run[0] | [.traffic, .planned, .started, .first_due_ns]' out.json)" \
  '["/traffic/0",3,2,3000000000]'
run_lvslab out.txt err.txt run "$web" --until 4s
expect_eq "--until after every request: exit" "$rc" 0
expect_eq "--until after every request: no 'not run'" "$(grep -c 'not run' out.txt || true)" 0

# The event limit reached before the first request (one event: an action at 0.5 s).
jq '.limits.max_events = 1 | .actions = [{"at": "500ms", "host": "gw", "power": "on"}]' "$web" >limit.json
run_lvslab out.txt err.txt run limit.json
expect_eq "event limit before any request: exit" "$rc" 1
expect_match "event limit before any request: summary" "$(tail -1 out.txt)" "3 not run; .*\\(event limit\\)"

for bad in -1 18446744073709551616 1e3 "" " 5"; do
  run_lvslab out.txt err.txt run "$web" --seed "$bad"
  expect_eq "--seed '$bad': exit" "$rc" 2
  expect_match "--seed '$bad': message" "$(cat err.txt)" "--seed: expected an integer \\(0 to 18446744073709551615\\), got '$bad'"
done
run_lvslab out.txt err.txt run "$web" --seed +5
expect_eq "--seed '+5': exit" "$rc" 2
jq '.seed = -1' "$web" >negative.json
run_lvslab out.txt err.txt validate negative.json
expect_match "the scenario's \"seed\" has the same rule" "$(cat err.txt)" "/seed: expected an integer \\(0 to 18446744073709551615\\)"
run_lvslab out.txt err.txt ipvsadm "$SRC/scenarios/lvs-nat.json" --seed -1 -- -Ln
expect_eq "ipvsadm --seed -1: exit" "$rc" 2
run_lvslab out.txt err.txt run "$web" --seed 18446744073709551615
expect_eq "--seed 2^64-1: exit" "$rc" 0
expect_match "--seed 2^64-1: used" "$(head -1 out.txt)" "seed 18446744073709551615"
finish
