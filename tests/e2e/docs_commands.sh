# Every command README.md and docs/*.md show runs as shown (issue 9): doc_commands.py lists
# them (```sh blocks, `$ `/`# ` prompts in plain blocks, inline `lvslab ... scenarios/X.json`),
# and each one runs here, from a directory laid out like the checkout (build/lvslab and
# `lvslab` on PATH are the binary under test, scenarios/ the shipped ones), in document order.
# Checked: the exit status (0 unless the table below says otherwise, with the reason), and,
# where the docs show output after a `$ ` prompt, every line shown appears in that order
# ("..." stands for lines left out; trailing spaces do not count).
# A command this test cannot run (root and a kernel with IPVS, a standing hw lab, the test
# suite itself) is in the skip list below with its reason; one it does not know fails.
HERE=$(cd "$(dirname "$0")" && pwd)
source "$HERE/lib.sh" "$@"
LVSLAB_BIN=$(readlink -f "$LVSLAB")
mkdir -p build bin
ln -s "$LVSLAB_BIN" build/lvslab
ln -s "$LVSLAB_BIN" bin/lvslab
ln -s "$SRC/scenarios" scenarios
# docs/grading.md grades the test packs (tests/data/grade) and names the course's (examples/labs).
ln -s "$SRC/tests" tests
ln -s "$SRC/examples" examples
export PATH="$PWD/bin:$PATH"

# The commands the docs show that fail on purpose: the exit status they must give.
declare -A expected_exit=(
  # docs/nfs-case3.md: soft mounts lose the 8 requests made while the NFS server is down
  # ("20 requests, 12 ok, 8 failed"), and failed requests mean exit 1 (README, exit codes).
  ["lvslab run scenarios/nfs-server-down-soft.json"]=1
  # docs/nfs-case3.md: rs3 is not in the export, so the requests it gets end in 404
  # ("404 from rs3"): failed requests, exit 1.
  ["lvslab run scenarios/nfs-export-denied.json"]=1
  # docs/grading.md: wrong submissions lose points, which `lvslab grade` says with exit 1;
  # the kept scenario of a wrong submission runs with failed requests, exit 1.
  ["lvslab grade tests/data/grade/lvs-nat/lab.json tests/data/grade/lvs-nat/wrong/rules-not-saved"]=1
  ["lvslab grade tests/data/grade/lvs-nat/lab.json tests/data/grade/lvs-nat/wrong/rs-gateway --keep-scenario replay"]=1
  ["lvslab run replay/scenario.json --seed 1"]=1
  ["lvslab grade tests/data/grade/lvs-dr-nfs/lab.json tests/data/grade/lvs-dr-nfs/wrong/no-arp-sysctl --lang zh --format html -o report.html"]=1
)

# skip_reason CMD: why this test does not run CMD (status 1: it runs it).
skip_reason() {
  case "$1" in
    "make test"*) echo "is the test suite this test belongs to" ;;
    *"lvslab hw "*) echo "needs root and a kernel with IPVS, and changes this machine's network namespaces" \
                         "(e2e_hw_mode runs hw run/compare/down on web-basic; the kernel test runs hw compare on Linux 6.1)" ;;
    "ip netns exec lvslab-"*) echo "runs inside a standing \`lvslab hw up\` lab" ;;
    *tests/kernel/run-kernel-test.sh*) echo "is the kernel test (ctest label kernel: Linux 6.1 under qemu, ~70 s)" ;;
    *) return 1 ;;
  esac
}

# runnable CMD: what this test runs for CMD (the command itself unless it needs a display or
# is a make target whose work ctest has already done).
viewer_built=$(grep -q '^  view ' <<<"$("$LVSLAB" help)" && echo yes || echo no)
runnable() {
  local cmd=$1
  case "$cmd" in
    "make demo"*)
      # make demo = install the packages, build (done: this test runs on the build), then
      # the one lvslab command its recipe has. `make -n` prints the recipe without running it.
      make -s -n -C "$SRC" demo | { grep -E '^\./[^ ]*/lvslab ' || true; } | sed -E 's#^\./[^ ]*/lvslab #build/lvslab #' ;;
    *"lvslab view "*)
      # Without --screenshot or --dump-state the viewer opens a window: ask it for the state
      # panel instead (the same run, the same options, no display needed).
      if [[ $cmd == *--screenshot* || $cmd == *--dump-state* ]]; then echo "$cmd"
      else echo "${cmd%%#*} --dump-state view-state.json"; fi ;;
    *) echo "$cmd" ;;
  esac
}

# shows_output WHAT ACTUAL-FILE EXPECTED-JSON-ARRAY: every shown line appears, in order.
shows_output() {
  local what=$1 actual=$2 missing
  missing=$(python3 - "$actual" "$3" <<'PY'
import json, sys
actual = [l.rstrip() for l in open(sys.argv[1], encoding="utf-8", errors="replace").read().split("\n")]
pos = 0
for want in (l.rstrip() for l in json.loads(sys.argv[2])):
    if want.strip() in ("", "..."):
        continue
    try:
        pos = actual.index(want, pos) + 1
    except ValueError:
        print(want)
        break
PY
)
  if [[ -z $missing ]]; then pass "$what: shows what the docs show"
  else fail "$what: the docs show a line the command does not print (in this order): '$missing'"; fi
}

python3 "$HERE/doc_commands.py" "$SRC" >commands.jsonl
expect_eq "commands found in the docs > 30" "$([[ $(wc -l <commands.jsonl) -gt 30 ]] && echo yes)" yes
ran=0 skipped=0
while IFS= read -r entry; do
  where=$(jq -r .where <<<"$entry")
  if [[ $(jq -r '.error // empty' <<<"$entry") ]]; then fail "$where: $(jq -r .error <<<"$entry")"; continue; fi
  cmd=$(jq -r .cmd <<<"$entry")
  if reason=$(skip_reason "$cmd"); then
    echo "skip: $where: $cmd -- $reason"; skipped=$((skipped + 1)); continue
  fi
  if [[ $viewer_built == no && $cmd == *"lvslab view "* ]]; then
    echo "skip: $where: $cmd -- this lvslab was built without the viewer"; skipped=$((skipped + 1)); continue
  fi
  run=$(runnable "$cmd")
  [[ -n $run ]] || { fail "$where: nothing to run for '$cmd'"; continue; }
  set +e
  timeout 120 bash -c "$run" >out.txt 2>&1 </dev/null
  rc=$?
  set -e
  ran=$((ran + 1))
  key=$(sed -E 's/^build\/lvslab /lvslab /; s/[[:space:]]+#.*$//; s/[[:space:]]+$//' <<<"$cmd")
  want=${expected_exit[$key]:-0}
  expect_eq "$where: '$run' exit (output: $(tail -c 300 out.txt | tr '\n' ' '))" "$rc" "$want"
  if [[ $(jq '.output != null and (.output | length) > 0' <<<"$entry") == true ]]; then
    shows_output "$where: '$cmd'" out.txt "$(jq -c .output <<<"$entry")"
  fi
  if [[ $run == *"--dump-state view-state.json"* && $rc -eq 0 ]]; then
    expect_eq "$where: the viewer's state is JSON with hosts" "$(jq -e '.hosts | length > 0' view-state.json)" true
  fi
done <commands.jsonl
echo "ran $ran documented commands, skipped $skipped (reasons above)"
expect_eq "documented commands run > 25" "$([[ $ran -gt 25 ]] && echo yes)" yes
finish
