# Every lab pack in the checkout (examples/labs/*/lab.json, tests/data/grade/*/lab.json)
# validates against the published lab schema (examples/labs/schema.json, which takes the
# scenario and traffic definitions from scenarios/schema.json) and loads in `lvslab grade`.
source "$(dirname "$0")/lib.sh" "$@"
mkdir -p empty-submission
shopt -s nullglob
packs=("$SRC"/examples/labs/*/lab.json "$SRC"/tests/data/grade/*/lab.json)
expect_match "packs found" "${#packs[@]}" "^[1-9]"
for f in "${packs[@]}"; do
  name=${f#"$SRC"/}
  if python3 "$SRC/tests/e2e/lab_schema_check.py" "$SRC/examples/labs/schema.json" "$SRC/scenarios/schema.json" "$f"
  then pass "$name matches examples/labs/schema.json"; else fail "$name does not match examples/labs/schema.json"; fi
  # The pack loads (an empty submission is graded, not refused: exit 1, not 2).
  run_lvslab out.txt err.txt grade "$f" empty-submission
  expect_eq "lvslab grade $name (empty submission): exit" "$rc" 1
done
# The schema refuses what the grader refuses: an unknown check kind, a key a kind does not take.
python3 - "$SRC/tests/data/grade/lvs-nat/lab.json" <<'PY' >bad-kind.json
import json, sys
lab = json.load(open(sys.argv[1])); lab["checks"][0]["kind"] = "sysctll"; print(json.dumps(lab))
PY
python3 - "$SRC/tests/data/grade/lvs-nat/lab.json" <<'PY' >bad-key.json
import json, sys
lab = json.load(open(sys.argv[1])); lab["checks"][0]["device_name"] = "eth0"; print(json.dumps(lab))
PY
for bad in bad-kind bad-key; do
  if python3 "$SRC/tests/e2e/lab_schema_check.py" "$SRC/examples/labs/schema.json" "$SRC/scenarios/schema.json" \
    "$bad.json" >/dev/null
  then fail "$bad: the schema accepts it"; else pass "$bad: the schema refuses it"; fi
done
finish
