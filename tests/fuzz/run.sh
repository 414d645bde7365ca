#!/usr/bin/env bash
# Runs the libFuzzer targets of a -DLVSLAB_FUZZ=ON build (make fuzz does all of this).
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]   fuzz each target for SECONDS
#   tests/fuzz/run.sh --merge BUILD_DIR [TARGET...]    minimise what was found into
#                                                       tests/fuzz/corpus/TARGET (-merge=1,
#                                                       one input per new edge; the
#                                                       regression-* files stay)
# Default TARGETs: all. New inputs go to BUILD_DIR/fuzz-corpus/TARGET (the committed
# corpus is only read), crashes to BUILD_DIR/fuzz-artifacts/TARGET/. The fuzzers run at
# nice 19 with -rss_limit_mb=2048, one after the other. Extra libFuzzer flags come from
# FUZZ_FLAGS, e.g. FUZZ_FLAGS="-fork=1 -ignore_crashes=1" to go on after a crash.
set -euo pipefail

src=$(cd "$(dirname "$0")/../.." && pwd)
all_targets=(scenario ipvsadm_cmdline ipvsadm_rules exports autofs nfs_rpc wire shell boot_sysctl boot_ifcfg
  boot_interfaces boot_rc_local)

# Largest input worth trying (bytes) and the time one input may take (seconds).
max_len() {
  case "$1" in
    scenario) echo 8192 ;;
    ipvsadm_cmdline) echo 512 ;;
    ipvsadm_rules | nfs_rpc | shell) echo 4096 ;;
    exports | autofs | wire) echo 2048 ;;
    boot_*) echo 4096 ;;
  esac
}
timeout_s() { [[ $1 == scenario ]] && echo 20 || echo 5; }

merge=0
if [[ ${1:-} == --merge ]]; then
  merge=1
  shift
fi
build=${1:?usage: run.sh [--merge] BUILD_DIR [SECONDS] [TARGET...]}
shift
if [[ $merge == 0 ]]; then
  seconds=${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
  shift
fi
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=("${all_targets[@]}")

for t in "${targets[@]}"; do
  bin=$build/tests/fuzz/fuzz_$t
  [[ -x $bin ]] || { echo "run.sh: $bin not built (configure with -DLVSLAB_FUZZ=ON)" >&2; exit 2; }
  committed=$src/tests/fuzz/corpus/$t
  work=$build/fuzz-corpus/$t
  mkdir -p "$work" "$build/fuzz-artifacts/$t"
  common=(-rss_limit_mb=2048 -max_len="$(max_len "$t")" -timeout="$(timeout_s "$t")")
  if [[ $merge == 1 ]]; then
    fresh=$(mktemp -d)
    # -use_counters=0: keep an input only for a new edge, not for a new hit count, so
    # the committed corpus stays small (it is replayed by every `make test`).
    nice -n 19 "$bin" "${common[@]}" -merge=1 -use_counters=0 "$fresh" "$committed" "$work" 2>&1 | tail -2
    # Reproducers of fixed bugs keep their names (regression-*), whatever they cover.
    for r in "$committed"/regression-*; do
      [[ -e $r ]] || continue
      cp "$r" "$fresh"/
      rm -f "$fresh/$(sha1sum < "$r" | cut -c1-40)"  # the same input under its hash name
    done
    rm -rf "$committed"
    mv "$fresh" "$committed"
    chmod 755 "$committed"
    echo "$t: $(find "$committed" -type f | wc -l) inputs in tests/fuzz/corpus/$t"
  else
    echo "== $t: ${seconds}s"
    # shellcheck disable=SC2086  # FUZZ_FLAGS is a list of flags
    nice -n 19 "$bin" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 \
      -artifact_prefix="$build/fuzz-artifacts/$t/" ${FUZZ_FLAGS:-} "$work" "$committed"
  fi
done
