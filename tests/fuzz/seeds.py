#!/usr/bin/env python3
"""Writes seed inputs for the fuzz targets, taken from the repository itself.

usage: tests/fuzz/seeds.py SOURCE_DIR OUT_DIR [LVSLAB]

OUT_DIR/<target>/ receives:
  scenario         every shipped scenario (scenarios/*.json), compact
  ipvsadm_cmdline  the ipvsadm lines of the scenarios, the docs and the unit tests
  ipvsadm_rules    each director's lines as a rules file, and the rules-file tests' texts
  exports          /etc/exports of the scenarios and of the unit tests
  autofs           auto.master + NUL + each map it names (scenarios), and the unit tests'
  nfs_rpc          RPC records of the NFS scenarios (TCP payloads of their pcaps)
  shell            the command lines and scripts of the shell's unit tests (tests/unit/config)
  wire             single frames of the scenarios' pcaps (with LVSLAB: one run each)
  boot_*           the boot files of the scenarios' and examples' hosts, NUL-joined in the
                   order the target reads them (boot_plan_check.hpp: files_from)
  lab_pack         every lab pack (examples/labs/*, tests/data/grade/*) with one seed and its
                   files_dir hosts left out, and each of its checks alone
The fuzzers then grow and minimise these (make fuzz, tests/fuzz/run.sh).
"""
import hashlib
import json
import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path


def write(out, target, data):
    if isinstance(data, str):
        data = data.encode()
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def c_literals(text):
    """The double-quoted C string literals of a source file, unescaped (simple escapes only)."""
    out = []
    for m in re.finditer(r'"((?:[^"\\\n]|\\.)*)"', text):
        s = m.group(1)
        s = s.replace('\\n', '\n').replace('\\t', '\t').replace('\\r', '\r').replace('\\"', '"').replace('\\\\', '\\')
        out.append(s)
    return out


def scenarios(src):
    for p in sorted((src / "scenarios").glob("*.json")):
        if p.name != "schema.json":
            yield p, json.loads(p.read_text())


# The files each boot target reads, in the order of its NUL-separated parts.
BOOT_TARGET_FILES = {
    "boot_sysctl": ["/etc/sysctl.conf", "/etc/sysctl.d/10-a.conf", "/usr/lib/sysctl.d/10-a.conf",
                    "/usr/lib/sysctl.d/50-b.conf"],
    "boot_ifcfg": ["/etc/sysconfig/network"] + ["/etc/sysconfig/network-scripts/" + n for n in
                                                ("ifcfg-eth0", "ifcfg-eth0:0", "ifcfg-lo:0", "route-eth0",
                                                 "ifcfg-eth1")] + ["/etc/sysconfig/static-routes"],
    "boot_interfaces": ["/etc/network/interfaces", "/etc/network/interfaces.d/a", "/etc/network/interfaces.d/b"],
    "boot_rc_local": ["/etc/rc.d/rc.local", "/etc/rc.local", "/etc/sysconfig/ipvsadm"],
}


def seed_boot_files(out, files):
    for target, paths in BOOT_TARGET_FILES.items():
        parts = [files.get(p, "") for p in paths]
        if any(parts):
            while parts and not parts[-1]:
                parts.pop()
            write(out, target, "\0".join(parts))


def seed_lab_packs(src, out):
    packs = sorted(src.glob("examples/labs/*/lab.json")) + sorted(src.glob("tests/data/grade/*/lab.json"))
    for p in packs:
        lab = json.loads(p.read_text())
        lab["seeds"] = lab.get("seeds", [1])[:1]
        # The fuzzer's pack has no folder beside it: fixed hosts keep their topology only.
        for host in lab.get("scenario", {}).get("hosts", []):
            host.pop("files_dir", None)
            host.pop("shell_file", None)
        write(out, "lab_pack", json.dumps(lab, ensure_ascii=False))
        for check in lab.get("checks", []):
            write(out, "lab_pack", json.dumps(dict(lab, checks=[check]), ensure_ascii=False))


def seed_text_targets(src, out):
    seed_lab_packs(src, out)
    for path, doc in scenarios(src):
        write(out, "scenario", json.dumps(doc, separators=(",", ":")))
        for host in doc.get("hosts", []):
            lines = host.get("ipvsadm", [])
            for line in lines:
                write(out, "ipvsadm_cmdline", line)
            if lines:
                write(out, "ipvsadm_rules", "\n".join(lines) + "\n")
            files = host.get("files", {})
            if "/etc/exports" in files:
                write(out, "exports", files["/etc/exports"])
            master = files.get("/etc/auto.master")
            if master is not None:
                for word in re.findall(r"^\S+\s+(\S+)", master, re.M):
                    m = word[5:] if word.startswith("file:") else word
                    if m in files:
                        write(out, "autofs", master + "\0" + files[m])
            seed_boot_files(out, files)
        for action in doc.get("actions", []):
            if "ipvsadm" in action:
                write(out, "ipvsadm_cmdline", action["ipvsadm"])
    # ipvsadm commands shown in the docs: `... -- ARGS` and `ipvsadm ARGS` in code.
    for md in sorted(list((src / "docs").glob("*.md")) + [src / "README.md"]):
        for m in re.finditer(r"(?:^|\s)(?:--|ipvsadm) (-[^`#\n]*)", md.read_text()):
            write(out, "ipvsadm_cmdline", m.group(1).strip())
    unit = src / "tests" / "unit"
    for cpp in sorted((unit / "ipvs").glob("*.cpp")):
        for s in c_literals(cpp.read_text()):
            if s.startswith("-") and ": " not in s:
                write(out, "ipvsadm_cmdline", s)
            if s.startswith("-") and "\n" in s:
                write(out, "ipvsadm_rules", s)
    for s in c_literals((unit / "apps" / "exports_test.cpp").read_text()):
        if s.startswith("/"):
            write(out, "exports", s)
    for s in c_literals((unit / "apps" / "nfs_options_test.cpp").read_text()):
        if s.startswith("/") or "=" in s:
            write(out, "autofs", s)
    # shell: each command line and script of the shell's unit tests.
    for cpp in sorted((unit / "config").glob("*.cpp")):
        for s in c_literals(cpp.read_text()):
            if " " in s and not s.startswith(" "):
                write(out, "shell", s)


def pcap_frames(path):
    data = path.read_bytes()
    if len(data) < 24:
        return
    magic = struct.unpack("<I", data[:4])[0]
    endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    pos = 24
    while pos + 16 <= len(data):
        _, _, incl, _ = struct.unpack(endian + "IIII", data[pos:pos + 16])
        pos += 16
        yield data[pos:pos + incl]
        pos += incl


def tcp_payload(frame):
    """The TCP payload of an Ethernet/IPv4 frame (not IPIP), or b''."""
    if len(frame) < 34 or frame[12:14] != b"\x08\x00" or frame[23] != 6:
        return b""
    ihl = (frame[14] & 0x0F) * 4
    total = struct.unpack(">H", frame[16:18])[0]
    ip = frame[14:14 + total]
    if len(ip) < ihl + 20:
        return b""
    doff = (ip[ihl + 12] >> 4) * 4
    return ip[ihl + doff:]


def seed_pcaps(src, out, lvslab):
    with tempfile.TemporaryDirectory() as tmp:
        for path, _ in scenarios(src):
            pdir = Path(tmp) / path.stem
            pdir.mkdir()
            subprocess.run([lvslab, "run", str(path), "--pcap", str(pdir)], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=False)
            seen = set()
            for pcap in sorted(pdir.glob("*.pcap")):
                for frame in pcap_frames(pcap):
                    # One frame per kind (first 54 bytes without addresses/checksums would be
                    # finer; the length and protocol bytes are enough to keep the seeds few).
                    key = (len(frame) > 60, frame[12:14], frame[23:24], frame[47:48])
                    if key not in seen:
                        seen.add(key)
                        write(out, "wire", frame)
                    payload = tcp_payload(frame)
                    if len(payload) >= 8 and payload[0] & 0x80:  # RPC record marking: last fragment
                        write(out, "nfs_rpc", b"\0" + payload)


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    seed_text_targets(src, out)
    if len(sys.argv) == 4:
        seed_pcaps(src, out, sys.argv[3])
    for d in sorted(out.iterdir()):
        print(f"{d.name}: {len(list(d.iterdir()))} seeds")


if __name__ == "__main__":
    main()
