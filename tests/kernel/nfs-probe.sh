#!/bin/sh
# A probe by hand of NFS and autofs on the real kernel (issue 13), run in the kernel
# test's VM:
#   LVSLAB_KERNEL_TEST_JOB=tests/kernel/nfs-probe.sh \
#     bash tests/kernel/run-kernel-test.sh build/lvslab . build/tests/kernel/cache
# Two hosts as hardware mode builds them (a network namespace each, joined by a veth
# pair), each with its own mount namespace held by one shell: the kernel's nfsd with
# Debian's exportfs/rpc.mountd/rpc.nfsd and rpcbind in "nfs", the kernel NFS client
# (mount.nfs, rpc.statd, rpcbind) and the real automount daemon in "rs1". Every step
# prints "LVSLAB-END <step> exit <status>". What it showed is in docs/hardware-mode.md
# ("NFS and autofs").

step() {
  name=$1
  shift
  echo "LVSLAB-BEGIN $name"
  "$@" &
  pid=$!
  (sleep 40; kill -9 $pid 2>/dev/null && echo "$name: killed after 40 s") &
  watchdog=$!
  wait $pid
  rc=$?
  kill $watchdog 2>/dev/null
  echo "LVSLAB-END $name exit $rc"
}

ip netns add nfs
ip netns add rs1
ip link add eth0 netns nfs type veth peer name eth0 netns rs1
ip -n nfs addr add 192.168.10.103/24 dev eth0
ip -n rs1 addr add 192.168.10.11/24 dev eth0
for n in nfs rs1; do ip -n $n link set lo up; ip -n $n link set eth0 up; done

# A host's own mount namespace: `ip netns exec` makes a new one (and remounts /sys);
# the shell stays in it (sleep) so that its daemons' mounts live on, and every later
# command on the host enters it with nsenter. /run and /var/lib/nfs are the host's own:
# rpcbind's socket and the daemons' state are not shared between hosts.
host_shell() {  # host_shell NS -> prints the pid of the holding shell
  ip netns exec "$1" sh -c 'mount -t tmpfs tmpfs /run; mount -t tmpfs tmpfs /var/lib/nfs; mkdir -p /run/rpcbind;
    echo $$ >/tmp/holder-'"$1"'; exec sleep 100000' >/tmp/holder-"$1".log 2>&1 </dev/null &
  while [ ! -s /tmp/holder-"$1" ]; do sleep 0.2; done
  cat /tmp/holder-"$1"
}
NFS=$(host_shell nfs)
RS1=$(host_shell rs1)
on_nfs() { nsenter -t "$NFS" -m -n "$@"; }
on_rs1() { nsenter -t "$RS1" -m -n "$@"; }

server() {
  on_nfs sh -c 'mkdir -p /public && echo "from nfs server!" >/public/index.html &&
    printf "/public 192.168.10.11(ro)\n" >/etc/exports &&
    mount -t nfsd nfsd /proc/fs/nfsd && rpcbind && exportfs -rv && rpc.mountd && rpc.nfsd -N 4 8 &&
    cat /proc/fs/nfsd/versions && rpcinfo -p 127.0.0.1'
}
step nfsd-in-netns server

client_daemons() {
  on_rs1 sh -c 'mkdir -p /var/lib/nfs/sm /var/lib/nfs/sm.bak && rpcbind && rpc.statd && rpcinfo -p 127.0.0.1'
}
step client-rpcbind-statd client_daemons

plain_mount() {
  on_rs1 sh -c 'mkdir -p /mnt/p && mount -t nfs -o ro,soft,intr 192.168.10.103:/public /mnt/p &&
    cat /mnt/p/index.html && grep " /mnt/p " /proc/mounts && umount /mnt/p'
}
step mount-nfs plain_mount

not_seen_elsewhere() {  # the mount made in rs1's mount namespace is rs1's only
  nsenter -t "$NFS" -m -n sh -c 'grep -c " nfs " /proc/mounts; test ! -e /var/www/html/index.html'
}

# Before the automounted mount: one with the same server and export would share its
# superblock (and so its timeo).
soft_timeout() {
  on_rs1 sh -c 'mkdir -p /mnt/s && mount -t nfs -o ro,soft,timeo=10,retrans=2 192.168.10.103:/public /mnt/s &&
    cat /mnt/s/index.html >/dev/null && echo 3 >/proc/sys/vm/drop_caches'
  ip -n nfs link set eth0 down
  on_rs1 sh -c 'date +%s; cat /mnt/s/index.html; echo "cat exit $?"; date +%s'
  ip -n nfs link set eth0 up
  on_rs1 sh -c 'sleep 1; cat /mnt/s/index.html; umount /mnt/s'
}
step soft-timeout soft_timeout

automount_bare_timeout() {
  on_rs1 sh -c 'printf "/var/www /etc/auto.htmount --timeout\n" >/etc/auto.master &&
    printf "html            -ro,soft,intr           192.168.10.103:/public\n" >/etc/auto.htmount &&
    setsid automount -d -f -v >/tmp/automount.log 2>&1 &
    n=0; while ! grep -q " /var/www autofs " /proc/mounts && [ $n -lt 100 ]; do sleep 0.1; n=$((n+1)); done;
    cat /var/www/html/index.html; rc=$?; grep " /var/www" /proc/mounts; cat /tmp/automount.log; exit $rc'
}
step automount-bare-timeout automount_bare_timeout
step mount-is-the-hosts-own not_seen_elsewhere

from_outside() {  # the HTTP server's view: the host's tree through /proc/PID/root
  cat /proc/"$RS1"/root/var/www/html/index.html
}
step read-through-proc-root from_outside

denied() {
  on_nfs sh -c 'printf "/public 192.168.10.12(ro)\n" >/etc/exports && exportfs -rav && exportfs -f'
  on_rs1 sh -c 'mkdir -p /mnt/d; mount -t nfs -o ro,soft 192.168.10.103:/public /mnt/d; echo "mount exit $?"'
  on_nfs sh -c 'printf "/public 192.168.10.11(ro)\n" >/etc/exports && exportfs -ra'
}
step denied denied

dmesg | grep -i -E "nfs|rpc|lockd|autofs"
