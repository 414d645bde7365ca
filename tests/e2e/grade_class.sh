# `lvslab grade LAB CLASS_DIR --out DIR` (issue 12 §3): a generated class of the DR lab
# (gen_class.py: copies of the solution with lines taken out) plus broken submissions is
# graded; the outputs are the same bytes with 1 or 2 workers and when graded in shards and
# merged; merge refuses what does not belong together; every student is in class.csv,
# class.json and junit.xml; a bound reached is the student's graded failure; progress is
# shown on a terminal only.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh" "$@"
PACK=$SRC/tests/data/grade/lvs-nat
LAB=$PACK/lab.json

python3 "$SRC/tests/bench/gen_class.py" "$PACK/solution" class 9
mkdir -p class/empty class/.git class/junk/director
printf 'ip addr add 10.0.0.1/8 dev\x00\xff\xfe\n' >class/junk/director/setup.sh
echo "not a student" >class/README.txt
students=11

run_lvslab o1.txt e1.txt grade "$LAB" class --out o1 --jobs 1
expect_eq "grade class --jobs 1 exit" "$rc" 0
expect_eq "no progress on stderr when it is not a terminal" "$(cat e1.txt)" ""
expect_match "summary" "$(cat o1.txt)" "^graded $students students of lab [a-z-]+: mean [0-9.]+/[0-9]+, median"
run_lvslab o2.txt e2.txt grade "$LAB" class --out o2 --jobs 2
expect_eq "grade class --jobs 2 exit" "$rc" 0
expect_eq "--jobs 1 and --jobs 2 write the same bytes" "$(diff -r o1 o2 && echo same)" "same"
expect_eq "same summary" "$(diff o1.txt <(sed 's#^wrote o2/#wrote o1/#' o2.txt) && echo same)" "same"

# Every student in every output.
expect_eq "class.csv rows" "$(($(wc -l <o1/class.csv) - 1))" "$students"
expect_eq "class.json students" "$(jq '.students | length' o1/class.json)" "$students"
expect_eq "the sub-folders are the students (not .git, not files)" \
  "$(jq -r '[.students[].student] | join(" ")' o1/class.json)" "empty junk $(echo student-00{0..8})"
for s in empty junk student-000; do
  for ext in txt md html json; do
    [[ -s o1/students/$s.$ext ]] && pass "o1/students/$s.$ext" || fail "no o1/students/$s.$ext"
  done
done
checks=$(jq '.checks | length' o1/class.json)
[[ $checks -gt 0 ]] && pass "the pack has $checks checks" || fail "no checks in class.json"
expect_eq "class.csv columns: student, the checks, total, max, unfinished" \
  "$(head -1 o1/class.csv | tr -d '\r')" "student,$(jq -r '[.checks[].id] | join(",")' o1/class.json),total,max,unfinished"
expect_eq "class.csv totals are class.json's scores" \
  "$(tail -n +2 o1/class.csv | tr -d '\r' | awk -F, '{print $1, $(NF-2)}' | sort)" \
  "$(jq -r '.students[] | "\(.student) \(.score)"' o1/class.json | sort)"
expect_eq "the full-marks student scores full marks" "$(jq '.students[] | select(.student == "student-000") | .score == .max_score' o1/class.json)" "true"
expect_eq "an empty submission scores less" "$(jq '.students[] | select(.student == "empty") | .score < .max_score' o1/class.json)" "true"
junit=$(python3 - o1/junit.xml o1/class.json <<'PY'
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
c = json.load(open(sys.argv[2]))
cases = root.findall(".//testcase")
failed = sum(1 for t in cases if t.find("failure") is not None or t.find("error") is not None)
want = sum(1 for s in c["students"] for ch in c["checks"] if s["earned"][ch["id"]] < ch["points"])
print(len(cases) == len(c["students"]) * len(c["checks"]), failed == want)
PY
)
expect_eq "junit.xml: one testcase per student and check, failures as class.json" "$junit" "True True"

# Shards and merge: the same bytes as one run.
for k in 1 2 3; do
  run_lvslab s$k.txt s$k.err grade "$LAB" class --out s$k --shard $k/3 --jobs 2
  expect_eq "shard $k/3 exit" "$rc" 0
done
expect_eq "every third student in shard 2" "$(jq -r '[.students[].student] | join(" ")' s2/class.json)" \
  "$(jq -r '[.students[].student] | to_entries | map(select(.key % 3 == 1) | .value) | join(" ")' o1/class.json)"
run_lvslab m.txt m.err grade merge s3 s1 s2 --out merged
expect_eq "merge exit" "$rc" 0
expect_eq "the merged shards are the unsharded output, byte for byte" "$(diff -r o1 merged && echo same)" "same"
expect_eq "merge prints the same summary" "$(diff o1.txt <(sed 's#^wrote merged/#wrote o1/#' m.txt) && echo same)" "same"

run_lvslab r.txt r.err grade merge s1 s2 --out partial
expect_eq "a missing shard: exit" "$rc" 2
expect_match "a missing shard is named" "$(cat r.err)" "shard 3/3 missing .*--partial"
run_lvslab r.txt r.err grade merge s1 s2 --partial --out partial
expect_eq "--partial merges what is there" "$rc,$(jq '.shards.k' -c partial/class.json)" "0,[1,2]"
run_lvslab r.txt r.err grade merge s1 s1 s2 s3 --out twice
expect_eq "a shard given twice: exit" "$rc" 2
expect_match "a shard given twice is named" "$(cat r.err)" "shard 1/3 is in both s1 and s1"
run_lvslab r.txt r.err grade merge o1 s1 --out whole
expect_match "a whole class is not a shard" "$rc $(cat r.err)" "^2 .*o1 holds a whole class"
run_lvslab r.txt r.err grade merge s1 s2 s3 --out s1
expect_match "--out is not one of the inputs" "$rc $(cat r.err)" "^2 .*--out s1 is one of the folders being merged"
# Another version of the pack: its digest differs.
mkdir -p lab2 && cp -r "$PACK"/. lab2/ && printf '\n' >>lab2/lab.json
run_lvslab r.txt r.err grade lab2/lab.json class --out v2 --shard 3/3 --jobs 2
run_lvslab r.txt r.err grade merge s1 s2 v2 --out mixed
expect_match "shards graded with another lab.json are refused" "$rc $(cat r.err)" "^2 .*different versions of lab"
[[ ! -e mixed ]] && pass "nothing written on a refusal" || fail "a refused merge wrote mixed/"

# The output folder: a folder that is not an earlier output is not written into.
mkdir -p home && echo precious >home/notes.txt
run_lvslab r.txt r.err grade "$LAB" class --out home
expect_match "--out refuses a folder it did not write" "$rc $(cat r.err)" "^2 .*not empty and holds no class.json"
expect_eq "the folder is untouched" "$(ls home)" "notes.txt"
run_lvslab r.txt r.err grade "$LAB" class --out o1 --jobs 2
expect_eq "an earlier output is rewritten" "$rc,$(diff -r o1 o2 && echo same)" "0,same"

# Bad input.
run_lvslab r.txt r.err grade "$LAB" class --out x --shard 4/3
expect_match "--shard 4/3" "$rc $(cat r.err)" "^2 .*K must not exceed N"
run_lvslab r.txt r.err grade "$LAB" nothing --out x
expect_match "no class folder" "$rc $(cat r.err)" "^2 .*nothing: not a folder"
run_lvslab r.txt r.err grade "$LAB" class/student-000 --out x
expect_match "one submission given as a class" "$rc $(cat r.err)" "^2 .*looks like one submission, not a class .*without --out"
mkdir -p empty-class
run_lvslab r.txt r.err grade "$LAB" empty-class --out x
expect_match "a class without students" "$rc $(cat r.err)" "^2 .*no student to grade"
run_lvslab r.txt r.err grade "$LAB" class --out ./class/../class/results
expect_match "--out inside the class folder" "$rc $(cat r.err)" "^2 .*inside the class folder .*would grade it as a student"
[[ ! -e class/results ]] && pass "nothing written into the class" || fail "class/results was written"
run_lvslab r.txt r.err grade "$LAB" class --out x --timeout 0
expect_match "--timeout 0" "$rc $(cat r.err)" "^2 .*--timeout"
run_lvslab r.txt r.err grade "$LAB" class --out x --jobs 0
expect_match "--jobs 0" "$rc $(cat r.err)" "^2 .*--jobs"

# A bound reached is that student's graded failure, with the reason, not the class's.
run_lvslab b.txt b.err grade "$LAB" class --out bounded --max-events 200 --jobs 2
expect_eq "--max-events: exit" "$rc" 0
expect_eq "--max-events 200: nobody has full marks" "$(jq '.summary.full_marks' bounded/class.json)" "0"
expect_match "--max-events 200: the reports say why" "$(cat bounded/students/student-000.txt)" "event"

run_lvslab t.txt t.err grade "$LAB" class --out timed --timeout 0.001 --jobs 2
expect_eq "--timeout: exit" "$rc" 0
expect_match "--timeout 0.001: said for each student" "$(cat t.txt)" "^not graded to the end: student-000: .*wall-time"
expect_match "--timeout 0.001: in class.csv" "$(grep '^student-000,' timed/class.csv)" "wall-time bound"
expect_match "--timeout 0.001: in index.html" "$(cat timed/index.html)" "<tr class=\"unfinished\">"

# Progress on a terminal (script(1) gives lvslab one), nothing else on stdout.
script -qec "'$LVSLAB' grade '$LAB' class --out tty --jobs 2" /dev/null >tty.txt
expect_match "progress on a terminal" "$(tr '\r' '\n' <tty.txt)" "^grading [a-z-]+: [0-9]+/$students, "
expect_match "the time it took" "$(tr '\r' '\n' <tty.txt)" "^graded $students students in [0-9.]+ s"
expect_eq "the terminal output is graded the same" "$(diff -r o1 tty && echo same)" "same"
finish
