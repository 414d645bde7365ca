# `lvslab grade LAB SUBMISSION` on the test pack (tests/data/grade/lvs-nat): exit codes
# (0 full marks, 1 points lost, 2 bad input, 3 an output not written), every format, the
# same report byte for byte, and a replay command a student can run: the kept scenario
# runs, and the event it names is the request the check failed on.
source "$(dirname "$0")/lib.sh" "$@"
pack="$SRC/tests/data/grade/lvs-nat"
lab="$pack/lab.json"

run_lvslab out.txt err.txt grade "$lab" "$pack/solution"
expect_eq "solution: exit" "$rc" 0
expect_match "solution: score" "$(sed -n 2p out.txt)" "^submission solution: score 100/100$"

run_lvslab out.txt err.txt grade "$lab" "$pack/wrong/no-ip-forward"
expect_eq "no ip_forward: exit" "$rc" 1
expect_match "no ip_forward: score" "$(sed -n 2p out.txt)" "score 30/100$"
expect_match "no ip_forward: cause" "$(cat out.txt)" "cause: net.ipv4.ip_forward is 0 on director, expected 1"
run_lvslab again.txt err.txt grade "$lab" "$pack/wrong/no-ip-forward"
expect_eq "the same submission: the same report" "$(cmp -s out.txt again.txt && echo same)" same

# Every format, each parsed by its own reader.
run_lvslab out.json err.txt grade "$lab" "$pack/wrong/dr-method" --format json
expect_eq "json: score" "$(jq -c '[.score, .max_score, ([.checks[] | select(.passed | not) | .id])]' out.json)" \
  '[25,100,["ipvs-rules","requests","nat-path","round-robin","reply-from-vip","outpkts","reboot"]]'
expect_eq "json: replay seed" "$(jq '.checks[5].seed' out.json)" 1
run_lvslab out.xml err.txt grade "$lab" "$pack/wrong/dr-method" --format junit
expect_eq "junit: parses, failures" "$(python3 -c 'import sys, xml.etree.ElementTree as E; r = E.parse(sys.argv[1]).getroot(); print(r.get("tests"), r.get("failures"), len(r.findall(".//failure")))' out.xml)" "11 7 7"
run_lvslab out.html err.txt grade "$lab" "$pack/wrong/dr-method" --format html --lang zh
expect_match "html: zh, parses" "$(python3 -c 'import sys, html.parser; p = html.parser.HTMLParser(); p.feed(open(sys.argv[1]).read()); print("ok")' out.html)" "^ok$"
expect_match "html: zh words" "$(cat out.html)" "未通过.*ipvs-rules"
run_lvslab out.md err.txt grade "$lab" "$pack/wrong/dr-method" --format md
expect_match "md: table row" "$(cat out.md)" '^\| FAIL \| `ipvs-rules` '
run_lvslab out.txt err.txt grade "$lab" "$pack/wrong/dr-method" --lang zh
expect_match "zh: the pack's Chinese feedback" "$(cat out.txt)" "反馈: 用 ipvsadm -A -t VIP:80 -s rr 添加服务"

# -o FILE, and an output that cannot be written.
run_lvslab out.txt err.txt grade "$lab" "$pack/solution" -o report.txt
expect_eq "-o: exit" "$rc" 0
expect_match "-o: the report is in the file" "$(sed -n 2p report.txt)" "score 100/100"
run_lvslab out.txt err.txt grade "$lab" "$pack/solution" -o no/such/dir/report.txt
expect_eq "-o into a missing folder: exit" "$rc" 3

# The replay: --keep-scenario writes the scenario; the command in the report runs; the
# event it names is where the failed request starts (the viewer numbers events as the trace).
run_lvslab out.txt err.txt grade "$lab" "$pack/wrong/rs-gateway" --keep-scenario kept
expect_eq "keep-scenario: exit" "$rc" 1
replay=$(grep -m1 'replay: ' out.txt | sed 's/^ *replay: //')
expect_match "replay: names the kept scenario" "$replay" "^lvslab view kept/scenario.json --seed 1 --at-event [0-9]+$"
event=$(sed 's/.*--at-event //' <<<"$replay")
run_lvslab run.txt err.txt run kept/scenario.json --seed 1 --trace t.jsonl
expect_eq "kept scenario runs (requests fail as graded): exit" "$rc" 1
# The event is the failed request's cause (the diagnosis), or its start when there is none:
# a record of the trace at or after request 2's start.
start=$(jq -s 'to_entries | map(select(.value.type == "app" and .value.kind == "request-start" and .value.flow == 2)) | .[0].key - 1' t.jsonl)
expect_eq "event $event is in the trace, at or after request 2 starts (event $start)" \
  "$([[ $event -ge $start && $event -le $(($(wc -l <t.jsonl) - 2)) ]] && echo yes)" yes
# Without --keep-scenario the replay first writes it, then views it.
run_lvslab out.txt err.txt grade "$lab" "$pack/wrong/rs-gateway"
expect_match "replay without a kept scenario" "$(grep -m1 'replay: ' out.txt)" \
  "replay: lvslab grade $lab $pack/wrong/rs-gateway --keep-scenario replay >/dev/null; lvslab view replay/scenario.json --seed 1 --at-event $event$"

# Bad input: exit 2, the message names the place.
run_lvslab out.txt err.txt grade "$lab" "$pack/no-such-student"
expect_eq "missing submission: exit" "$rc" 2
expect_match "missing submission: message" "$(cat err.txt)" "no-such-student: no such folder"
jq '.checks[0].kind = "sysctll"' "$lab" >bad-lab.json
run_lvslab out.txt err.txt grade bad-lab.json "$pack/solution"
expect_eq "bad pack: exit" "$rc" 2
expect_match "bad pack: pointer" "$(cat err.txt)" "^lvslab: bad-lab.json: /checks/0/kind: unknown check kind 'sysctll'"
run_lvslab out.txt err.txt grade "$lab" "$pack/solution" --format pdf
expect_eq "bad format: exit" "$rc" 2
run_lvslab out.txt err.txt grade "$lab"
expect_eq "no submission: exit" "$rc" 2
run_lvslab out.txt err.txt help grade
expect_match "help" "$(cat out.txt)" "^usage: lvslab grade LAB SUBMISSION"
finish
