# Every shipped scenario validates against the published JSON Schema and with `lvslab validate`.
source "$(dirname "$0")/lib.sh" "$@"
for f in "$SRC"/scenarios/*.json; do
  [[ $(basename "$f") == schema.json ]] && continue
  if python3 - "$SRC/scenarios/schema.json" "$f" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.validators.validator_for(schema).check_schema(schema)
jsonschema.validate(json.load(open(sys.argv[2])), schema)
PY
  then pass "$(basename "$f") matches schema.json"; else fail "$(basename "$f") does not match schema.json"; fi
  run_lvslab out.txt err.txt validate "$f"
  expect_eq "lvslab validate $(basename "$f")" "$rc" 0
done
finish
