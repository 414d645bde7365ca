# Sourced first by the hardware-mode scripts: re-runs the calling script in a private mount
# namespace over an empty tmpfs /run, as on a machine that never created a network
# namespace (no /run/netns, issue 9). That view of /run is the script's own, so no lab
# standing on this machine is touched (`hw down --all` included).
# Usage: source "$(dirname "$0")/fresh_run.sh" "$@"
if [[ -z ${LVSLAB_HW_TEST_FRESH_RUN:-} ]]; then
  export LVSLAB_HW_TEST_FRESH_RUN=1
  exec unshare --mount --propagation private -- bash -c \
    'mount -t tmpfs -o mode=0755 lvslab-test-run /run && mkdir -m 1777 /run/lock && exec bash "$@"' \
    bash "$0" "$@"
fi
