#!/usr/bin/env bash
# The class-grading benchmark (issue 12 §3): 200 generated submissions of the DR lab, every
# one run with 5 seeds, graded by `lvslab grade LAB CLASS_DIR --out DIR --jobs 2`.
# Target: under 60 s of wall time on 2 cores. Prints the figure.
# Usage: tests/bench/class_grade.sh LVSLAB [STUDENTS]     (run by `make bench`)
set -euo pipefail
LVSLAB=$(readlink -f "$1")
STUDENTS=${2:-200}
SRC=$(cd "$(dirname "$0")/../.." && pwd)
PACK=$SRC/examples/labs/lvs-dr
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# The pack with five seeds (its own folder, so that its relative paths still hold).
cp -r "$PACK" "$WORK/lab"
python3 - "$WORK/lab/lab.json" <<'PY'
import json, sys
p = sys.argv[1]
lab = json.load(open(p, encoding="utf-8"))
lab["seeds"] = [1, 2, 3, 4, 5]
json.dump(lab, open(p, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
python3 "$SRC/tests/bench/gen_class.py" "$PACK/solution" "$WORK/class" "$STUDENTS"

start=$(date +%s.%N)
"$LVSLAB" grade "$WORK/lab/lab.json" "$WORK/class" --out "$WORK/out" --jobs 2 >"$WORK/summary.txt" 2>"$WORK/err.txt" || {
  echo "class_grade: lvslab grade failed:"; cat "$WORK/err.txt"; exit 1; }
end=$(date +%s.%N)
python3 - "$start" "$end" "$STUDENTS" "$WORK/out/class.json" <<'PY'
import json, sys
start, end, n = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
c = json.load(open(sys.argv[4], encoding="utf-8"))
wall = end - start
s = c["summary"]
print(f"class_grade: {n} DR-lab submissions x 5 seeds on 2 workers: {wall:.1f} s wall "
      f"({wall / n * 1000:.0f} ms per submission; target < 60 s: {'met' if wall < 60 else 'NOT MET'})")
print(f"class_grade: mean {s['mean']}/{c['max_score']}, {s['full_marks']} with full marks, "
      f"{s['unfinished']} not graded to the end")
PY
