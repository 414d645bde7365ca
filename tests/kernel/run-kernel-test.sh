#!/usr/bin/env bash
# The kernel test: proves the simulator agrees with a real Linux kernel's IPVS.
#
# This machine's own kernel has no IPVS, so the test boots Debian's Linux 6.1 under
# qemu (software emulation) with a small initramfs and runs `lvslab hw compare` inside
# it for the LVS scenarios. Steps (docs/hardware-mode.md, "The kernel test"):
#   1. `apt-get download` Debian's linux-image (the package linux-image-amd64 depends
#      on) into CACHE, unpack it with `dpkg -x` (never installed as the host's kernel),
#      `depmod -b`;
#   2. a base initramfs: busybox-static for the basics, iproute2's `ip` and dash as
#      /bin/sh (busybox's sh would shadow `ip netns`), the libraries ldd lists, the
#      kernel modules in the load order that works (crc32c_generic before libcrc32c);
#   3. a second, uncompressed newc archive appended at a 4-byte boundary with the job:
#      the lvslab binary and its libraries, the scenarios, job.sh;
#   4. qemu -accel tcg -cpu max -m 512M, console on ttyS0, no network; the job's output
#      comes back on the serial console between markers, with each compare's exit code.
# Exit: 0 every comparison agrees; 1 a difference or a failure; 77 qemu itself cannot
# start (ctest: skipped; printed loudly).
#
# Usage: run-kernel-test.sh LVSLAB SOURCE_DIR CACHE_DIR [SCENARIO...]
#   SCENARIO: a name in scenarios/ (lvs-nat) or a path from SOURCE_DIR with its folder
#   (examples/textbook/lvs-dr/lab.json), optionally @SPEED: played with --speed SPEED
#   (lvs-lc-slow-server@0.4: 2.5 times slower, links included, so that the VM's own
#   slowness is small beside the scenario's times)
#   LVSLAB_KERNEL_TEST_COMMAND="hw run"   run that instead of `hw compare`
#   LVSLAB_KERNEL_TEST_TIMEOUT=600        seconds the VM may take
#   LVSLAB_KERNEL_TEST_JOB=FILE           run this shell script in the VM instead of the
#       scenarios (a probe by hand: tests/kernel/nfs-probe.sh); it marks its own steps with
#       "LVSLAB-END <name> exit <status>" lines, which decide the test's exit
set -euo pipefail

LVSLAB=$(readlink -f "$1")
SRC=$(readlink -f "$2")
CACHE=$3
shift 3
SCENARIOS=("$@")
[[ ${#SCENARIOS[@]} -gt 0 ]] || SCENARIOS=(lvs-nat lvs-dr lvs-tun lvs-wrr lvs-dr-arp-problem
  lvs-persistence lvs-quiesce lvs-dr-arp-announce lvs-dr-shell web-basic
  examples/textbook/lvs-nat/lab.json examples/textbook/lvs-dr/lab.json
  lvs-rs-down lvs-lc-slow-server@0.4 tests/kernel/power-cycle/lab.json
  lvs-dr-nfs nfs-export-denied examples/textbook/lvs-dr-nfs/lab.json)
QEMU=${QEMU:-qemu-system-x86_64}
# What to run for each scenario (e.g. "hw run" to see the kernel's own report).
HW_COMMAND=${LVSLAB_KERNEL_TEST_COMMAND:-hw compare}
BOOT_TIMEOUT=${LVSLAB_KERNEL_TEST_TIMEOUT:-600}
MODULES=(crc32c_generic libcrc32c nf_defrag_ipv4 nf_defrag_ipv6 nf_conntrack ip_vs ip_vs_rr ip_vs_wrr ip_vs_lc
         ip_vs_wlc ip_vs_sh ip_vs_dh ip_vs_sed ip_vs_nq ip_vs_lblc ip_vs_lblcr ip_vs_mh ip_vs_fo ip_vs_ovf
         ip_tunnel tunnel4 ipip veth llc stp bridge sch_netem sch_tbf
         sunrpc grace lockd nfs_acl auth_rpcgss nfsd netfs fscache nfs nfsv3 autofs4)
# NFS and autofs on the real kernel (sim/hw/nfs_*): Debian's nfs-kernel-server, nfs-common,
# rpcbind and autofs programs, and util-linux mount (automount runs /bin/mount, which runs
# /sbin/mount.nfs). automount loads its lookup/parse/mount modules with dlopen: ldd does not
# list them, so their folder goes along whole.
NFS_TOOLS=(/usr/sbin/exportfs /usr/sbin/rpc.mountd /usr/sbin/rpc.nfsd /sbin/rpcbind /usr/sbin/rpcinfo
           /sbin/rpc.statd /sbin/mount.nfs /usr/sbin/automount /bin/mount /bin/umount)
AUTOFS_MODULES=/usr/lib/x86_64-linux-gnu/autofs
# What libtirpc, rpcbind (user _rpc) and rpc.statd (user statd) read from /etc.
NFS_ETC=(netconfig passwd group services protocols rpc nsswitch.conf)

say() { echo "kernel-test: $*" >&2; }
loud_skip() {
  local line='!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'
  { echo "$line"; echo "!!! KERNEL TEST SKIPPED: $*"; echo "!!! The simulator was NOT compared with a real kernel."; echo "$line"; } >&2
  exit 77
}
die() { say "FAILED: $*"; exit 1; }

mkdir -p "$CACHE"
CACHE=$(readlink -f "$CACHE")
start=$(date +%s)

# --- 0. can qemu start at all? (the only reason to skip) -------------------------------
command -v "$QEMU" >/dev/null || loud_skip "$QEMU is not installed (install qemu-system-x86: .ci/install-deps)"
probe_log="$CACHE/qemu-probe.log"
"$QEMU" -accel tcg -cpu max -m 512M -nodefaults -display none -serial none -monitor none -S >"$probe_log" 2>&1 &
probe=$!
sleep 2
if kill -0 "$probe" 2>/dev/null; then
  kill "$probe"; wait "$probe" 2>/dev/null || true
else
  wait "$probe" 2>/dev/null || true
  loud_skip "qemu cannot start on this machine: $(head -c 400 "$probe_log")"
fi

# --- 1. the kernel --------------------------------------------------------------------
for tool in apt-get dpkg depmod busybox dash ip cpio ldd; do
  command -v "$tool" >/dev/null || die "$tool is missing (run .ci/install-deps)"
done
# Without apt's package lists (a fresh machine) apt-cache exits 100: under pipefail that must
# lead to the `apt-get update` below, not end the script.
kpkg=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}') || true
if [[ -z "$kpkg" ]]; then
  say "apt has no list of Debian's kernels yet: apt-get update"
  apt-get update -qq >/dev/null
  kpkg=$(apt-cache depends linux-image-amd64 | awk '/Depends: linux-image-[0-9]/{print $2; exit}') || true
fi
[[ -n "$kpkg" ]] || die "cannot find the package linux-image-amd64 depends on"
KVER=${kpkg#linux-image-}
KROOT="$CACHE/$kpkg"
if [[ ! -f "$KROOT/.unpacked" ]]; then
  say "fetching $kpkg with apt-get download (cached in $CACHE)"
  rm -rf "$KROOT" "$CACHE"/linux-image-*.deb
  (cd "$CACHE" && apt-get download -q "$kpkg" >/dev/null) || die "apt-get download $kpkg"
  dpkg -x "$CACHE"/"$kpkg"_*.deb "$KROOT"
  depmod -b "$KROOT" "$KVER"
  touch "$KROOT/.unpacked"
fi
VMLINUZ="$KROOT/boot/vmlinuz-$KVER"
[[ -f "$VMLINUZ" ]] || die "no $VMLINUZ in $kpkg"

# --- 2. the base initramfs (cached per kernel) ----------------------------------------
copy_with_libs() {  # copy_with_libs ROOT BINARY DEST-IN-ROOT
  local root=$1 bin=$2 dest=$3
  mkdir -p "$root$(dirname "$dest")"
  cp -L "$bin" "$root$dest"
  # A static binary has no libraries: ldd fails and grep finds nothing, which is fine.
  { ldd "$bin" 2>/dev/null || true; } | { grep -oE '/[^ ]+' || true; } | while read -r lib; do
    [[ -e "$root$lib" ]] && continue
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
}

# The base archive is cached per kernel and per list of what goes into it.
base_key=$(echo "varrun ${MODULES[*]} ${NFS_TOOLS[*]} ${NFS_ETC[*]} $AUTOFS_MODULES" | md5sum | cut -c1-8)
BASE="$CACHE/base-$KVER-$base_key.cpio.gz"
if [[ ! -f "$BASE" ]]; then
  say "building the base initramfs for $KVER"
  R="$CACHE/base-root"
  rm -rf "$R"
  mkdir -p "$R"/{bin,sbin,dev,proc,sys,run,tmp,etc,lib/modules/"$KVER"}
  cp "$(command -v busybox)" "$R/bin/busybox"
  for applet in mkdir cat echo ls sleep poweroff insmod modprobe timeout uname date unshare nsenter ps grep dmesg setsid; do
    ln -sf busybox "$R/bin/$applet"
  done
  copy_with_libs "$R" "$(command -v dash)" /bin/dash
  ln -sf dash "$R/bin/sh"
  copy_with_libs "$R" "$(command -v ip)" /sbin/ip
  for t in "${NFS_TOOLS[@]}"; do
    [[ -x "$t" ]] || die "$t is missing (run .ci/install-deps: nfs-kernel-server nfs-common rpcbind autofs)"
    rm -f "$R$t"
    copy_with_libs "$R" "$t" "$t"
  done
  for so in "$AUTOFS_MODULES"/*.so; do copy_with_libs "$R" "$so" "$so"; done
  for f in "${NFS_ETC[@]}"; do cp -L "/etc/$f" "$R/etc/$f"; done
  mkdir -p "$R/var/lib/nfs"
  ln -s /run "$R/var/run"  # as on Debian: rpcbind listens on /run/rpcbind.sock, libtirpc asks /var/run/rpcbind.sock
  ln -sf ../sbin/ip "$R/bin/ip"
  for m in "${MODULES[@]}"; do
    f=$(find "$KROOT/lib/modules/$KVER" -name "$m.ko*" | head -1)
    [[ -n "$f" ]] || die "module $m is not in $kpkg"
    case "$f" in
      *.xz) xz -dc "$f" >"$R/lib/modules/$KVER/$m.ko" ;;
      *.zst) zstd -qdc "$f" >"$R/lib/modules/$KVER/$m.ko" ;;
      *) cp "$f" "$R/lib/modules/$KVER/$m.ko" ;;
    esac
  done
  cat >"$R/init" <<INIT
#!/bin/sh
# lvslab kernel test: mount what ip netns and the IPVS code need, load the modules in
# the order that works, run the appended job, power off.
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
for m in ${MODULES[*]}; do
  insmod /lib/modules/$KVER/\$m.ko || echo "init: insmod \$m failed"
done
echo "LVSLAB-VM-UP \$(uname -r)"
if [ -x /job.sh ]; then /job.sh; else echo "init: no /job.sh"; fi
poweroff -f
INIT
  chmod +x "$R/init"
  (cd "$R" && find . | cpio -o -H newc --quiet | gzip -1 >"$BASE.tmp") && mv "$BASE.tmp" "$BASE"
fi

# --- 3. the job -----------------------------------------------------------------------
J="$CACHE/job-root"
rm -rf "$J"
mkdir -p "$J/scenarios"
strip -o "$CACHE/lvslab.stripped" "$LVSLAB" 2>/dev/null || cp "$LVSLAB" "$CACHE/lvslab.stripped"
copy_with_libs "$J" "$CACHE/lvslab.stripped" /bin/lvslab
# A name is a shipped scenario (scenarios/NAME.json); a path with a slash is a scenario
# file in the source tree whose folder goes along (a lab whose hosts' files and shell
# transcripts lie beside it, examples/textbook/*/lab.json).
scenario_in_vm() {
  if [[ "$1" == */* ]]; then echo "/labs/$(dirname "$1")/$(basename "$1")"; else echo "/scenarios/$1.json"; fi
}
for entry in "${SCENARIOS[@]}"; do
  s=${entry%@*}
  if [[ "$s" == */* ]]; then
    mkdir -p "$J/labs/$(dirname "$s")"
    cp -r "$SRC/$(dirname "$s")/." "$J/labs/$(dirname "$s")/"
  else
    cp "$SRC/scenarios/$s.json" "$J/scenarios/"
    # Its own folder (scenarios/NAME/: shell transcripts, files) goes along.
    if [[ -d "$SRC/scenarios/$s" ]]; then cp -r "$SRC/scenarios/$s" "$J/scenarios/"; fi
  fi
done
if [[ -n "${LVSLAB_KERNEL_TEST_JOB:-}" ]]; then
  { cat "$LVSLAB_KERNEL_TEST_JOB"; echo; echo 'echo LVSLAB-JOB-DONE'; } >"$J/job.sh"
else {
  echo '#!/bin/sh'
  echo 'cd /'
  for s in "${SCENARIOS[@]}"; do
    speed=""
    [[ "$s" == *@* ]] && speed=" --speed ${s##*@}"
    echo "echo 'LVSLAB-BEGIN $s'"
    echo "/bin/lvslab $HW_COMMAND $(scenario_in_vm "${s%@*}")$speed 2>&1"
    echo "echo \"LVSLAB-END $s exit \$?\""
  done
  echo 'echo LVSLAB-JOB-DONE'
} >"$J/job.sh"
fi
chmod +x "$J/job.sh"
INITRD="$CACHE/initrd.img"
cp "$BASE" "$INITRD"
truncate -s %4 "$INITRD"  # the second archive must start on a 4-byte boundary
(cd "$J" && find . | cpio -o -H newc --quiet) >>"$INITRD"

# --- 4. boot ---------------------------------------------------------------------------
say "booting $KVER under qemu (TCG) for: ${LVSLAB_KERNEL_TEST_JOB:-${SCENARIOS[*]}}"
LOG="$CACHE/console.log"
set +e
timeout "$BOOT_TIMEOUT" "$QEMU" -accel tcg -cpu max -m 512M -smp 1 -nodefaults -display none -no-reboot \
  -serial stdio -nic none -kernel "$VMLINUZ" -initrd "$INITRD" \
  -append "console=ttyS0 quiet loglevel=1 panic=-1" </dev/null >"$LOG" 2>&1
qemu_rc=$?
set -e
tr -d '\r' <"$LOG" >"$LOG.txt"
cat "$LOG.txt"
grep -q '^LVSLAB-VM-UP' "$LOG.txt" || die "the VM did not come up (qemu exit $qemu_rc; console in $LOG.txt)"
grep -q '^LVSLAB-JOB-DONE' "$LOG.txt" || die "the job did not finish within ${BOOT_TIMEOUT}s (qemu exit $qemu_rc)"
failed=0
if [[ -n "${LVSLAB_KERNEL_TEST_JOB:-}" ]]; then
  mapfile -t SCENARIOS < <(awk '$1=="LVSLAB-END" {print $2}' "$LOG.txt")
  [[ ${#SCENARIOS[@]} -gt 0 ]] || die "the job $LVSLAB_KERNEL_TEST_JOB marked no step (LVSLAB-END lines)"
fi
# What `lvslab run` exits with for a scenario here: 1 when its requests fail or its expect is
# not met on purpose (lvs-rs-down shows the timeouts of a powered-off real server). hw compare
# exits 1 then too, agreement or not: it passes when it says both sides agree and its exit
# is the simulator's own.
sim_exit() {
  local s=${1%@*} f
  if [[ "$s" == */* ]]; then f="$SRC/$s"; else f="$SRC/scenarios/$s.json"; fi
  set +e; "$LVSLAB" run "$f" >/dev/null 2>&1; local rc=$?; set -e
  echo "$rc"
}
for s in "${SCENARIOS[@]}"; do
  rc=$(awk -v s="$s" '$1=="LVSLAB-END" && $2==s {print $4}' "$LOG.txt")
  # A job's steps (a probe by hand) pass with exit 0.
  want=0
  [[ -n "${LVSLAB_KERNEL_TEST_JOB:-}" ]] || want=$(sim_exit "$s")
  agreed=yes
  if [[ "$HW_COMMAND" == "hw compare" && -z "${LVSLAB_KERNEL_TEST_JOB:-}" ]]; then
    awk -v s="$s" '$1=="LVSLAB-BEGIN" && $2==s {on=1} on && /^the simulator and the kernel agree/ {found=1}
                   $1=="LVSLAB-END" && $2==s {on=0} END {exit !found}' "$LOG.txt" || agreed=no
  fi
  if [[ "$rc" == "$want" && "$agreed" == yes ]]; then
    say "$s: ok on Linux $KVER ($HW_COMMAND: exit $rc, as lvslab run's $want)"
  else
    say "$s: FAILED on Linux $KVER ($HW_COMMAND: exit ${rc:-none}, lvslab run: $want; agree: $agreed; see the table above)"
    failed=1
  fi
done
say "done in $(( $(date +%s) - start ))s"
exit $failed
