#!/usr/bin/env python3
"""Lists the commands that README.md and docs/*.md show, for tests/e2e/docs_commands.sh.

Usage: doc_commands.py SOURCE_DIR  ->  one JSON object per line on stdout:
  {"where": "docs/x.md:12", "cmd": "lvslab run ...", "output": [lines] or null}
or {"where": ..., "error": "..."} for a line that looks like a command but is in no form
the test can run. What counts as a command:
  * every line of a ```sh block (a trailing backslash continues it; '#' lines are comments);
  * in any other block (not ```json) that starts with a prompt ("$ " or, for root, "# "):
    each line after that prompt; the lines up to the next prompt are the output the docs
    show for it ("..." stands for lines left out);
  * inline code `lvslab SUBCOMMAND scenarios/NAME.json ...` in the prose.
A plain block without a prompt may show a synopsis (`lvslab hw up SCENARIO`, with
UPPERCASE placeholders or [optional] parts) but no command: that is reported as an error,
so a new command cannot hide from the test in the wrong kind of block.
"""
import glob
import json
import os
import re
import sys

FENCE = re.compile(r"^```\s*([A-Za-z]*)\s*$")
SHELL_LANGS = {"sh", "bash", "shell", "console"}
# A file's content shown as it is on disk (an ifcfg file, a transcript): not commands to run.
FILE_LANGS = {"conf", "ini", "text"}
# A line that starts like a command: lvslab, a script of the tree, make, tshark, xvfb-run.
COMMAND_LIKE = re.compile(r"^(?:sudo\s+)?(?:\w+=\S+\s+)*(?:(?:build/)?lvslab|tests/\S+\.sh|make|tshark|xvfb-run)\s")
SYNOPSIS = re.compile(r"\b[A-Z][A-Z-]{1,}\b|\[")
INLINE = re.compile(r"`((?:build/)?lvslab [a-z]+ [^`]*scenarios/[\w.-]+\.json[^`]*)`")


def emit(obj):
    print(json.dumps(obj))


def sh_block(rel, start, lines):
    cmd, at = "", None
    for i, line in enumerate(lines):
        if at is None:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            at = start + i
        cmd += line.rstrip("\\").rstrip() + " " if line.endswith("\\") else line
        if not line.endswith("\\"):
            emit({"where": f"{rel}:{at}", "cmd": cmd.strip(), "output": None})
            cmd, at = "", None


def plain_block(rel, start, lines):
    first = next((l for l in lines if l.strip()), "")
    prompt = first[:2] if first[:2] in ("$ ", "# ") else None
    if prompt is None:
        for i, line in enumerate(lines):
            if COMMAND_LIKE.match(line) and not SYNOPSIS.search(line):
                emit({"where": f"{rel}:{start + i}",
                      "error": f"'{line}' looks like a command but is neither in a ```sh block nor after a $ prompt"})
        return
    current = None
    for i, line in enumerate(lines):
        if line.startswith(prompt):
            if current:
                emit(current)
            current = {"where": f"{rel}:{start + i}", "cmd": line[2:].strip(), "output": []}
        elif current is not None:
            current["output"].append(line)
    if current:
        emit(current)


def scan(src, rel):
    with open(os.path.join(src, rel), encoding="utf-8") as f:
        text = f.read().split("\n")
    i = 0
    while i < len(text):
        m = FENCE.match(text[i])
        if not m:
            for cmd in INLINE.findall(text[i]):
                if "..." not in cmd:
                    emit({"where": f"{rel}:{i + 1}", "cmd": cmd, "output": None})
            i += 1
            continue
        lang = m.group(1).lower()
        j = i + 1
        while j < len(text) and not FENCE.match(text[j]):
            j += 1
        body = text[i + 1:j]
        if lang in SHELL_LANGS:
            sh_block(rel, i + 2, body)
        elif lang != "json" and lang not in FILE_LANGS:  # a plain block: console output...
            plain_block(rel, i + 2, body)
        i = j + 1


def main():
    src = sys.argv[1]
    files = ["README.md"] + sorted(os.path.relpath(p, src) for p in glob.glob(os.path.join(src, "docs", "*.md")))
    for rel in files:
        scan(src, rel)


if __name__ == "__main__":
    main()
