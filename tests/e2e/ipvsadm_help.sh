# `lvslab ipvsadm SCENARIO -- ARGS` answers -h/--help, a misplaced -h, a bare --timeout and
# `-L --timeout` as ipvsadm 1.31 does on a real Linux 6.1 (tests/data/ipvsadm-1.31-help.txt:
# its body is the real `ipvsadm -h` output, its header what the others printed, exit codes
# included).
source "$(dirname "$0")/lib.sh" "$@"
capture=$SRC/tests/data/ipvsadm-1.31-help.txt
scenario=$SRC/scenarios/lvs-dr.json
grep -v '^# ' "$capture" >real-help.txt
expect_eq "the capture holds the usage" "$(head -2 real-help.txt | tail -1)" "Usage:"
for opt in -h --help; do
  run_lvslab out.txt err.txt ipvsadm "$scenario" -- "$opt"
  expect_eq "$opt exit" "$rc" 0
  if cmp -s out.txt real-help.txt; then pass "$opt prints ipvsadm 1.31's usage on stdout"
  else fail "$opt: stdout differs from the real ipvsadm -h: $(diff real-help.txt out.txt | head -5)"; fi
  expect_eq "$opt: nothing on stderr" "$(cat err.txt)" ""
done
# The header of the capture quotes the other answers; check each against it.
quoted() { grep -o "$1" "$capture" | head -1; }
run_lvslab out.txt err.txt ipvsadm "$scenario" -- -L -h
expect_eq "-L -h exit (the capture: exit 2)" "$rc" 2
expect_eq "-L -h message" "$(cat err.txt)" "$(quoted "invalid option \`-h'")"
run_lvslab out.txt err.txt ipvsadm "$scenario" -- --timeout
expect_eq "--timeout alone exit (the capture: exit 255)" "$rc" 255
expect_eq "--timeout alone message" "$(cat err.txt)" "$(quoted "Try \`ipvsadm -h' or 'ipvsadm --help' for more information.")"
run_lvslab out.txt err.txt ipvsadm "$scenario" -- -L --timeout
expect_eq "-L --timeout exit" "$rc" 0
expect_eq "-L --timeout output" "$(cat out.txt)" "$(quoted 'Timeout (tcp tcpfin udp): 900 120 300')"
finish
