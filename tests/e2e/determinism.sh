# Same scenario + seed => byte-identical report, trace and pcap, for every shipped scenario;
# every trace line is a JSON record in time order; another seed changes the trace.
source "$(dirname "$0")/lib.sh" "$@"

# The line check must be able to fail: a trace with one bad line in the middle, or cut in the
# middle of a line, is refused.
printf '%s\n' '{"type":"meta"}' '{"t":1,"type":"app"}' '{"t":2,"type":"app"' '{"t":3,"type":"app"}' >broken.jsonl
expect_match "a broken line is found" "$(trace_lines_check broken.jsonl)" "^bad: line 3: not one JSON value"
printf '%s\n%s' '{"type":"meta"}' '{"t":1,"ty' >cut.jsonl
expect_match "a trace cut short is found" "$(trace_lines_check cut.jsonl)" "^bad: line 2: not one JSON value"
printf '%s\n' '{"type":"meta"}' '{"t":5,"type":"app"}' '{"t":4,"type":"app"}' >unordered.jsonl
expect_match "records out of time order are found" "$(trace_lines_check unordered.jsonl)" "^bad: line 3: time 4 before"

scenarios=()
for f in "$SRC"/scenarios/*.json; do [[ $(basename "$f") == schema.json ]] || scenarios+=("$f"); done
expect_eq "shipped scenarios found > 10" "$([[ ${#scenarios[@]} -gt 10 ]] && echo yes)" yes
for f in "${scenarios[@]}"; do
  s=$(basename "$f" .json)
  run_lvslab "$s.a.txt" "$s.a.err" run "$f" --trace "$s.a.jsonl" --pcap "$s.a.pcap"
  rc_a=$rc
  run_lvslab "$s.b.txt" "$s.b.err" run "$f" --trace "$s.b.jsonl" --pcap "$s.b.pcap"
  # 0, or 1 for the scenarios where requests fail on purpose; never a crash or bad input.
  expect_match "$s: exit" "$rc_a" "^[01]$"
  expect_eq "$s: same exit twice" "$rc" "$rc_a"
  if cmp -s "$s.a.txt" "$s.b.txt"; then pass "$s: report identical"; else fail "$s: report differs between two runs"; fi
  if cmp -s "$s.a.jsonl" "$s.b.jsonl"; then pass "$s: trace identical"; else fail "$s: trace differs between two runs"; fi
  pcaps=$(find "$s.a.pcap" -name '*.pcap' | wc -l)
  expect_eq "$s: pcaps written ($pcaps)" "$([[ $pcaps -gt 0 ]] && echo yes)" yes
  if diff -r "$s.a.pcap" "$s.b.pcap" >/dev/null; then pass "$s: pcaps identical"; else fail "$s: pcaps differ between two runs"; fi
  lines=$(wc -l <"$s.a.jsonl")
  expect_eq "$s: trace lines > 100" "$([[ $lines -gt 100 ]] && echo yes)" yes
  expect_eq "$s: every trace line is a JSON record in time order" "$(trace_lines_check "$s.a.jsonl")" "ok $lines"
done

scenario=$SRC/scenarios/web-basic.json
run_lvslab c.txt err.txt run "$scenario" --trace c.jsonl --seed 99
if cmp -s web-basic.a.jsonl c.jsonl; then fail "seed 99 gave the same trace as the scenario seed"; else pass "another seed, another trace"; fi
finish
