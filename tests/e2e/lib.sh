# Shared helpers for the end-to-end scripts. Usage: source lib.sh "$@"
set -euo pipefail
LVSLAB=$1
SRC=$2
WORK=$3
rm -rf "$WORK" && mkdir -p "$WORK"
cd "$WORK"
fails=0
checks=0
pass() { checks=$((checks + 1)); echo "ok: $*"; }
fail() { checks=$((checks + 1)); fails=$((fails + 1)); echo "FAIL: $*"; }
# expect_eq WHAT ACTUAL EXPECTED
expect_eq() { if [[ "$2" == "$3" ]]; then pass "$1 = $3"; else fail "$1: got '$2', expected '$3'"; fi; }
# expect_match WHAT TEXT REGEX
expect_match() { if grep -Eq -- "$3" <<<"$2"; then pass "$1 matches /$3/"; else fail "$1 does not match /$3/: $2"; fi; }
# run_lvslab OUTFILE ERRFILE ARGS...: runs lvslab, sets $rc
run_lvslab() { local out=$1 err=$2; shift 2; set +e; "$LVSLAB" "$@" >"$out" 2>"$err"; rc=$?; set -e; }
finish() { echo "$((checks - fails)) passed, $fails failed"; [[ $fails -eq 0 ]]; }
