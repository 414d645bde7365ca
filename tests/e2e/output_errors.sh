# Nothing the user asked for is lost silently: a failed write of standard output (a full
# disk: /dev/full) or of an output file is an error with its reason and exit code 3.
# Output files are opened before the run, written to a temporary name and renamed when
# complete, and never the scenario itself. A full disk in the middle of a file is
# simulated with a file-size limit (ulimit -f, SIGXFSZ ignored: write(2) fails EFBIG).
source "$(dirname "$0")/lib.sh" "$@"
web="$SRC/scenarios/web-basic.json"
nat="$SRC/scenarios/lvs-nat.json"

# expect_stdout_lost WHAT ARGS...: stdout on /dev/full must give exit 3 and ENOSPC.
expect_stdout_lost() {
  local what=$1
  shift
  set +e
  "$LVSLAB" "$@" >/dev/full 2>err.txt
  rc=$?
  set -e
  expect_eq "$what to /dev/full: exit" "$rc" 3
  expect_match "$what to /dev/full: reason" "$(cat err.txt)" "error writing standard output: No space left on device"
}
expect_stdout_lost "run" run "$web"
expect_stdout_lost "run --json" run "$web" --json
expect_stdout_lost "ipvsadm -Ln" ipvsadm "$nat" -- -Ln
expect_stdout_lost "validate" validate "$web"
expect_stdout_lost "--help" --help
if "$LVSLAB" --help | grep -q "^  view"; then
  expect_stdout_lost "view --dump-state -" view "$web" --dump-state -
fi
# An output file in a missing directory or a path that cannot be a directory: refused
# before the run, with the reason.
run_lvslab out.txt err.txt run "$web" --trace no/such/dir/t.jsonl
expect_eq "--trace in a missing directory: exit" "$rc" 3
expect_match "--trace in a missing directory: reason" "$(cat err.txt)" "--trace: no/such/dir/t.jsonl: No such file or directory"
expect_eq "--trace in a missing directory: nothing run" "$(wc -c <out.txt)" 0
echo x >plain
run_lvslab out.txt err.txt run "$web" --pcap plain/caps
expect_eq "--pcap under a regular file: exit" "$rc" 3
expect_match "--pcap under a regular file: reason" "$(cat err.txt)" "--pcap: plain/caps: (Not a directory|File exists)"

# The scenario itself (by any name: a symbolic or a hard link) is never overwritten.
cp "$web" mine.json
ln -sf mine.json sym.json
ln -f mine.json hard.json
for target in mine.json sym.json hard.json ./mine.json; do
  run_lvslab out.txt err.txt run mine.json --trace "$target"
  expect_eq "--trace $target (the scenario): exit" "$rc" 2
  expect_match "--trace $target (the scenario): message" "$(cat err.txt)" "is the scenario file itself"
done
expect_eq "the scenario is intact" "$(cmp mine.json "$web" && echo same)" "same"
mkdir -p capdir && cp "$web" capdir/server-net.pcap
run_lvslab out.txt err.txt run capdir/server-net.pcap --pcap capdir
expect_eq "--pcap over the scenario: exit" "$rc" 2
expect_eq "--pcap over the scenario: intact" "$(cmp capdir/server-net.pcap "$web" && echo same)" "same"

# A full disk in the middle of the trace: the report is still printed, exit 3 with the
# reason, no cut file, no temporary left, an older file of that name kept as it was.
echo "previous trace" >t.jsonl
set +e
(trap '' XFSZ; ulimit -f 16; exec "$LVSLAB" run "$web" --trace t.jsonl >out.txt 2>err.txt)
rc=$?
set -e
expect_eq "trace cut by a full disk: exit" "$rc" 3
expect_match "trace cut by a full disk: reason" "$(cat err.txt)" "--trace: t.jsonl: File too large"
expect_match "trace cut by a full disk: the report is printed" "$(cat out.txt)" "^3 requests, 3 ok"
expect_eq "trace cut by a full disk: the old file kept" "$(cat t.jsonl)" "previous trace"
expect_eq "trace cut by a full disk: no temporary left" "$(ls -A | grep -c lvslab-tmp || true)" 0
# The same for pcap files: none of the set is put in place.
set +e
(trap '' XFSZ; ulimit -f 2; exec "$LVSLAB" run "$web" --pcap caps >out.txt 2>err.txt)
rc=$?
set -e
expect_eq "pcap cut by a full disk: exit" "$rc" 3
expect_match "pcap cut by a full disk: reason" "$(cat err.txt)" "--pcap: caps/.*\.pcap: File too large"
expect_eq "pcap cut by a full disk: no file in place" "$(ls -A caps)" ""
# Without the limit both are written, and a device such as /dev/null is written in place.
run_lvslab out.txt err.txt run "$web" --trace t.jsonl --pcap caps
expect_eq "trace and pcap: exit" "$rc" 0
expect_eq "trace complete" "$(wc -l <t.jsonl)" "$(($(jq -s length t.jsonl)))"
expect_eq "two pcap files" "$(ls caps | tr '\n' ' ')" "client-net.pcap server-net.pcap "
run_lvslab out.txt err.txt run "$web" --trace /dev/null
expect_eq "--trace /dev/null: exit" "$rc" 0
expect_eq "/dev/null is still a device" "$(stat -c %F /dev/null)" "character special file"

# pcap's ts_sec is 32 bits: a run past 4294967295 s could not be captured (the frames would
# be dated 1970). No run gets there: every time a user gives is at most 365 days (the pcap
# writer itself refuses such a time, tests/unit/trace/pcap_test.cpp).
jq '.duration = "4294967300s" | .traffic[0].at = "4294967296s" | del(.traffic[0].every) | .traffic[0].count = 1' \
  "$web" >late.json
run_lvslab out.txt err.txt run late.json --pcap late
expect_eq "a run past 2^32 s: exit" "$rc" 2
expect_match "a run past 2^32 s: message" "$(cat err.txt)" "/duration: '4294967300s' is longer than 365 days"
expect_eq "a run past 2^32 s: no file" "$(ls -A late 2>/dev/null || true)" ""

if "$LVSLAB" --help | grep -q "^  view"; then
  run_lvslab out.txt err.txt view mine.json --dump-state hard.json
  expect_eq "view --dump-state over the scenario: exit" "$rc" 2
  run_lvslab out.txt err.txt view mine.json --screenshot sym.json
  expect_eq "view --screenshot over the scenario: exit" "$rc" 2
  expect_eq "the scenario is still intact" "$(cmp mine.json "$web" && echo same)" "same"
  run_lvslab out.txt err.txt view mine.json --dump-state no/such/dir/state.json
  expect_eq "view --dump-state in a missing directory: exit" "$rc" 3
  expect_match "view --dump-state: reason" "$(cat err.txt)" "No such file or directory"
fi

# The same commands with a working stdout still exit as before.
run_lvslab out.txt err.txt run "$web"
expect_eq "run to a file: exit" "$rc" 0
expect_eq "run to a file: nothing on stderr" "$(cat err.txt)" ""
finish
