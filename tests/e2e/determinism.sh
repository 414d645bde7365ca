# Same scenario + seed => byte-identical trace and pcap; another seed changes the trace.
source "$(dirname "$0")/lib.sh" "$@"
scenario=$SRC/scenarios/web-basic.json
run_lvslab a.txt err.txt run "$scenario" --trace a.jsonl --pcap pa
run_lvslab b.txt err.txt run "$scenario" --trace b.jsonl --pcap pb
expect_eq "exit code" "$rc" 0
if cmp -s a.jsonl b.jsonl; then pass "trace identical"; else fail "trace differs between two runs"; fi
if diff -r pa pb >/dev/null; then pass "pcaps identical"; else fail "pcaps differ between two runs"; fi
expect_eq "trace lines > 100" "$([[ $(wc -l <a.jsonl) -gt 100 ]] && echo yes)" yes
expect_eq "every trace line is JSON" "$(jq -c 'select(.t == null and .type != "meta")' a.jsonl | wc -l)" 0
run_lvslab c.txt err.txt run "$scenario" --trace c.jsonl --seed 99
if cmp -s a.jsonl c.jsonl; then fail "seed 99 gave the same trace as the scenario seed"; else pass "another seed, another trace"; fi
finish
