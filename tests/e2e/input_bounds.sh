# Inputs that could make lvslab read forever or eat the machine are refused at once,
# with exit 2 and a message that says what is wrong (issue 9 §3).
source "$(dirname "$0")/lib.sh" "$@"

# An endless device: refused when the 16 MiB limit is passed (without the bound,
# `validate /dev/zero` reads forever; `timeout` turns that into a failure).
for cmd in validate run; do
  set +e
  timeout 60 "$LVSLAB" $cmd /dev/zero >out.txt 2>err.txt
  rc=$?
  set -e
  expect_eq "$cmd /dev/zero exit" "$rc" 2
  expect_match "$cmd /dev/zero message" "$(cat err.txt)" "/dev/zero: file too large \(more than 16777216 bytes"
done

# A directory given as the scenario.
mkdir -p adir
run_lvslab out.txt err.txt validate adir
expect_eq "validate a directory exit" "$rc" 2
expect_match "validate a directory message" "$(cat err.txt)" "adir: is a directory, not a scenario file"
run_lvslab out.txt err.txt ipvsadm adir -- -Ln
expect_eq "ipvsadm on a directory exit" "$rc" 2
expect_match "ipvsadm on a directory message" "$(cat err.txt)" "is a directory"

finish
