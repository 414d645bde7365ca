# `lvslab run` keeps only what its report reads unless --trace/--pcap asks for the whole
# trace (issue 9 §3): the report must be the same either way, for every shipped scenario.
source "$(dirname "$0")/lib.sh" "$@"
for f in "$SRC"/scenarios/*.json; do
  n=$(basename "$f" .json)
  [[ $n == schema ]] && continue
  run_lvslab report.txt err.txt run "$f"
  rc_report=$rc
  run_lvslab whole.txt err.txt run "$f" --trace "$n.jsonl"
  expect_eq "$n: exit code with and without --trace" "$rc_report" "$rc"
  if cmp -s report.txt whole.txt; then pass "$n: text report"; else fail "$n: text report differs with --trace"; fi
  run_lvslab report.json err.txt run "$f" --json
  run_lvslab whole.json err.txt run "$f" --json --pcap "pcap-$n"
  if cmp -s report.json whole.json; then pass "$n: JSON report"; else fail "$n: JSON report differs with --pcap"; fi
done
finish
