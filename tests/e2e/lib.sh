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
# trace_lines_check FILE: "ok N" when each of FILE's N lines is one JSON object: the first
# the "meta" record, every later one a record with an integer time "t" never smaller than
# the one before (the trace is an ordered log); else "bad: line K: why". No line is skipped.
trace_lines_check() {
  python3 - "$1" <<'PY'
import json, sys
prev, n = None, 0
with open(sys.argv[1], "rb") as f:
    for n, raw in enumerate(f, 1):
        def bad(why):
            print(f"bad: line {n}: {why}"); sys.exit(0)
        try:
            rec = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            bad(f"not one JSON value ({e})")
        if not isinstance(rec, dict):
            bad("not a JSON object")
        if n == 1:
            if rec.get("type") != "meta":
                bad("the first record is not the meta record")
            continue
        t = rec.get("t")
        if not isinstance(t, int) or isinstance(t, bool) or "type" not in rec:
            bad("no integer time t or no type")
        if prev is not None and t < prev:
            bad(f"time {t} before the previous record's {prev}")
        prev = t
print(f"ok {n}")
PY
}
# tshark_lines PCAP [TSHARK-ARGS...]: `tshark -n -r PCAP ARGS`, one line per packet. When
# tshark fails (file missing, cut short or not a capture; a filter naming an unknown field)
# it prints "TSHARK FAILED ..." instead, so that no count of 0 and no equality can pass on
# a file tshark did not read. (An empty but valid pcap reads as 0 packets: check the count
# with expect_pcap_frames first.)
tshark_lines() {
  local pcap=$1 rc=0
  shift
  tshark -n -r "$pcap" "$@" 2>tshark.err || rc=$?
  if [[ $rc -ne 0 ]]; then echo "TSHARK FAILED (exit $rc) on $pcap: $(grep -v '^Running as user' tshark.err | head -c 300)"; fi
}
# expect_pcap_frames PCAP TRACE SEGMENT: tshark reads exactly as many packets from PCAP as the
# trace (--trace) says crossed SEGMENT (its frame_wire records): the file is whole and readable.
expect_pcap_frames() {
  local n
  n=$(jq -c "select(.type == \"frame_wire\" and .segment == \"$3\")" "$2" | wc -l)
  expect_eq "$1 has the $3 frames of the trace (tshark reads them all)" "$(tshark_lines "$1" | grep -c . || true)" "$n"
  [[ $n -gt 0 ]] && pass "$3 carried frames ($n)" || fail "the trace has no frame on $3"
}
