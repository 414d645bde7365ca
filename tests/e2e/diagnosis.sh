# The diagnosis (issue 12 §1): each broken scenario in tests/data/diagnosis gets, for every
# request, the cause its mistake should get, in the text report and in --json; the cause's
# event is the record of the whole trace (`--trace`, `lvslab view --at-event N`) that
# shows it, with or without --trace; healthy scenarios get no cause; a demonstration
# scenario that expects the ARP problem says so in words.
source "$(dirname "$0")/lib.sh" "$@"
D="$SRC/tests/data/diagnosis"
declare -A kind=(
  [nat-forwarding-off]=forwarding-off
  [nat-wrong-gateway]=wrong-gateway
  [nat-no-route]=no-route
  [nat-wrong-method]=wrong-method
  [nat-nothing-listening]=nothing-listening
  [dr-no-arp-announce]=vip-arp-announce
  [dr-wrong-method]=wrong-method
  [dr-no-vip]=realserver-no-vip
  [dr-other-subnet]=realserver-other-subnet
  [tun-rp-filter]=rp-filter
  [nfs-wrong-network]=nfs-refused
  [nfs-not-running]=nfs-not-running
  [autofs-not-running]=autofs-not-running
)
# The record each kind points at, as the JSON lines trace names its type.
declare -A record=(
  [forwarding-off]=drop [no-route]=drop [nothing-listening]=drop [realserver-no-vip]=drop
  [realserver-other-subnet]=drop [rp-filter]=drop [wrong-gateway]=route [vip-arp-announce]=neigh
  [nfs-refused]=app [nfs-not-running]=app [autofs-not-running]=app
)
for n in "${!kind[@]}"; do
  f="$D/$n.json"
  run_lvslab report.json err.txt run "$f" --json
  run_lvslab whole.json err.txt run "$f" --json --trace "$n.jsonl"
  if cmp -s report.json whole.json; then pass "$n: same report with --trace"; else fail "$n: report differs with --trace"; fi
  got=$(python3 - "$n.jsonl" "${kind[$n]}" "${record[${kind[$n]}]:-}" report.json <<'PY'
import json, sys
trace = open(sys.argv[1]).read().splitlines()
want_kind, want_record = sys.argv[2], sys.argv[3]
for q in json.load(open(sys.argv[4]))["requests"]:
    c = q["cause"]
    if c is None:
        print(f"request {q['id']} has no cause"); sys.exit()
    if c["kind"] != want_kind:
        print(f"request {q['id']}: kind {c['kind']}: {c['text']}"); sys.exit()
    if q["healthy"]:
        print(f"request {q['id']} healthy with a cause"); sys.exit()
    rec = json.loads(trace[c["event"] + 1])  # line 1 is the meta record
    if want_record and rec["type"] != want_record:
        print(f"request {q['id']}: event {c['event']} is a {rec['type']} record"); sys.exit()
    if rec.get("host") not in (None, c["host"]) and want_record != "route":
        print(f"request {q['id']}: event {c['event']} is on {rec.get('host')}, the cause says {c['host']}"); sys.exit()
print("ok")
PY
)
  expect_eq "$n: every request's cause is ${kind[$n]}, its event the record that shows it" "$got" ok
  run_lvslab report.txt err.txt run "$f"
  expect_match "$n: the text report prints the cause under the request" "$(cat report.txt)" "^    cause: .*\[${kind[$n]}, event [0-9]+\]$"
done

# The shipped healthy labs: no cause, every request healthy.
for n in lvs-nat lvs-dr lvs-tun lvs-dr-nfs lvs-wrr; do
  run_lvslab report.json err.txt run "$SRC/scenarios/$n.json" --json
  got=$(python3 -c 'import json,sys; r=json.load(sys.stdin)["requests"]; print(sum(q["cause"] is not None or not q["healthy"] for q in r))' <report.json)
  expect_eq "$n: requests with a cause" "$got" 0
done

# A demonstration: ok as its expect says, and said in words that it is not healthy.
run_lvslab report.txt err.txt run "$SRC/scenarios/lvs-dr-arp-problem.json"
expect_eq "lvs-dr-arp-problem: exit code (its expect holds)" "$rc" 0
expect_match "lvs-dr-arp-problem: health said in words" "$(cat report.txt)" "^    as this scenario expects: the director is bypassed$"
expect_match "lvs-dr-arp-problem: the summary" "$(tail -1 report.txt)" "6 ok, 0 failed \(6 of the ok ones unhealthy, as this scenario expects\)"

# The viewer opens at a request's cause: the record the report names, request selected.
if "$LVSLAB" view --help >/dev/null 2>&1; then
  run_lvslab state.json err.txt view "$D/nat-forwarding-off.json" --at-event cause:1 --dump-state -
  expect_eq "view --at-event cause:1: exit" "$rc" 0
  got=$(python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); print(s["event"], s["type"])' state.json)
  expect_eq "view --at-event cause:1 opens at the cause's record" "$got" "64 drop"
  run_lvslab state.json err.txt view "$SRC/scenarios/lvs-nat.json" --at-event cause:1 --dump-state -
  expect_eq "view --at-event cause:N of a healthy request: exit" "$rc" 2
  expect_match "view --at-event cause:N of a healthy request: why" "$(cat err.txt)" "request 1 is healthy"
  run_lvslab state.json err.txt view "$D/nat-forwarding-off.json" --at-event cause:99 --dump-state -
  expect_eq "view --at-event cause:N of no request: exit" "$rc" 2
  expect_match "view --at-event cause:N of no request: why" "$(cat err.txt)" "no request 99 in this run"
fi
finish
