#!/usr/bin/env bash
# The lab packs (examples/labs/<lab>/): each lab.json loads; its reference solution scores
# full marks; each wrong submission (wrong/<variant>/) fails exactly the checks its
# expected.json names, scores what it says, and the cause of each check named in its
# "cause_words" contains those words (the real cause, not just a symptom). The same
# submission graded twice gives the same report, byte for byte.
source "$(dirname "$0")/lib.sh" "$@"
LABS=$SRC/examples/labs

# verdict REPORT.json EXPECTED.json: one line per difference from what expected.json says
verdict() {
  python3 - "$1" "$2" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
want = json.load(open(sys.argv[2]))
failed = [c["id"] for c in report["checks"] if not c["passed"]]
if sorted(failed) != sorted(want["fails"]):
    print("failed checks %s, expected %s" % (failed, sorted(want["fails"])))
if report["score"] != want["score"]:
    print("score %d, expected %d" % (report["score"], want["score"]))
lost = sum(c["points"] for c in report["checks"] if not c["passed"])
if report["max_score"] - lost != report["score"]:
    print("score %d is not the maximum %d less the %d points of the failed checks" % (report["score"], report["max_score"], lost))
by_id = {c["id"]: c for c in report["checks"]}
for cid, words in want.get("cause_words", {}).items():
    c = by_id.get(cid)
    if c is None:
        print("no check %s" % cid); continue
    text = " ".join(filter(None, [c.get("cause"), c.get("evidence")])).lower()
    for w in words:
        if w.lower() not in text:
            print("%s: the cause does not name '%s': %s" % (cid, w, text[:400]))
if report.get("aborted"):
    print("aborted: " + report["aborted"])
PY
}

for lab_dir in "$LABS"/*/; do
  lab=$(basename "$lab_dir")
  run_lvslab sol.json sol.err grade "$lab_dir/lab.json" "$lab_dir/solution" --format json
  expect_eq "$lab: solution exit status" "$rc" 0
  expect_eq "$lab: solution scores full" "$(jq -r '"\(.score)/\(.max_score)"' sol.json)" \
    "$(jq -r '[.checks[].points] | add | "\(.)/\(.)"' sol.json)"
  expect_eq "$lab: solution fails nothing" "$(jq -r '[.checks[] | select(.passed | not) | .id] | join(" ")' sol.json)" ""
  expect_eq "$lab: solution has no problems in its files" "$(jq -r '.problems | join("; ")' sol.json)" ""
  expect_eq "$lab: the points add up to 100" "$(jq -r '.max_score' sol.json)" 100
  variants=0
  for wrong in "$lab_dir"/wrong/*/; do
    variant=$(basename "$wrong")
    variants=$((variants + 1))
    if [[ ! -f "$wrong/expected.json" ]]; then
      fail "$lab/$variant: no expected.json"
      continue
    fi
    run_lvslab report.json report.err grade "$lab_dir/lab.json" "$wrong" --format json
    expect_eq "$lab/$variant: graded, points lost (exit 1)" "$rc $(cat report.err)" "1 "
    expect_eq "$lab/$variant: as expected.json says" "$(verdict report.json "$wrong/expected.json")" ""
  done
  if [[ $variants -ge 8 ]]; then pass "$lab: $variants wrong submissions"; else fail "$lab: only $variants wrong submissions (at least 8)"; fi
done

# Same submission, same report (text and JSON), in both languages.
for fmt in json text; do
  for lang in en zh; do
    run_lvslab a.out a.err grade "$LABS/lvs-dr/lab.json" "$LABS/lvs-dr/wrong/no-arp-announce" --format $fmt --lang $lang
    run_lvslab b.out b.err grade "$LABS/lvs-dr/lab.json" "$LABS/lvs-dr/wrong/no-arp-announce" --format $fmt --lang $lang
    expect_eq "byte-identical $fmt report ($lang)" "$(cmp -s a.out b.out && echo same || echo differs)" same
  done
done
finish
