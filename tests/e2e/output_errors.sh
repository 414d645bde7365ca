# Nothing the user asked for is lost silently: a failed write of standard output (a full
# disk: /dev/full) or of an output file is an error with its reason and exit code 3.
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
# The same commands with a working stdout still exit as before.
run_lvslab out.txt err.txt run "$web"
expect_eq "run to a file: exit" "$rc" 0
expect_eq "run to a file: nothing on stderr" "$(cat err.txt)" ""
finish
