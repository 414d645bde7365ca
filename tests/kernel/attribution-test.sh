#!/usr/bin/env bash
# The kernel test of hardware mode's attribution: `lvslab hw run` plays 1,000 requests
# on Debian's Linux 6.1 under qemu (run-kernel-test.sh, tests/kernel/attribution/lab.json:
# one every 40 ms, 40 s of real time) and every request must come out attributed to the
# real server whose page came back: its report line "200 from rsN" with the body "rsN".
# A client that used a local port twice (bind() to port 0 before connect() can do that)
# leaves requests with no server or with another's, and a warning.
# Usage: attribution-test.sh LVSLAB SOURCE_DIR CACHE_DIR
# Exit: 0 all attributed; 1 not; 77 qemu cannot start (skipped).
set -uo pipefail
here=$(dirname "$(readlink -f "$0")")
lab=tests/kernel/attribution/lab.json
out=$(LVSLAB_KERNEL_TEST_COMMAND="hw run" bash "$here/run-kernel-test.sh" "$1" "$2" "$3" "$lab")
rc=$?
echo "$out" | grep -vE '^(    path|         CIP|#[0-9]+ |    200 from)' # the report, without its 1,000 entries
[[ $rc -eq 77 ]] && exit 77
report=$(echo "$out" | sed -n "/^LVSLAB-BEGIN /,/^LVSLAB-END /p")
requests=$(echo "$report" | grep -cE '^#[0-9]+ ')
attributed=$(echo "$report" | grep -cE '^    200 from (rs[12]) in .*"\1"$')
warnings=$(echo "$report" | grep -c 'warning:')
echo "attribution-test: $requests requests listed, $attributed attributed to the server whose page came back, $warnings warnings"
[[ $rc -eq 0 && $requests -eq 1000 && $attributed -eq 1000 && $warnings -eq 0 ]] || {
  echo "attribution-test: FAILED (kernel test exit $rc)"
  exit 1
}
