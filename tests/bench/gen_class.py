#!/usr/bin/env python3
"""Generates a class folder for the class-grading benchmark and tests.

Usage: gen_class.py SOLUTION_DIR OUT_DIR COUNT

OUT_DIR/student-NNN/ is a copy of SOLUTION_DIR (a lab's reference submission); every
fourth student hands it in as it is, the others with one to three lines taken out of
their files (a line of setup.sh, an ifcfg file, sysctl.conf...), as students forget
them. Student N's change depends on N only: the same class every time.
"""
import os
import random
import shutil
import sys


def files_of(root):
    out = []
    for d, _, names in os.walk(root):
        for n in names:
            out.append(os.path.join(d, n))
    return sorted(out)


def drop_lines(path, rng, count):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    useful = [i for i, l in enumerate(lines) if l.strip() and not l.lstrip().startswith("#")]
    for i in sorted(rng.sample(useful, min(count, len(useful))), reverse=True):
        del lines[i]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    solution, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)
    for n in range(count):
        student = os.path.join(out, "student-%03d" % n)
        shutil.copytree(solution, student)
        if n % 4 == 0:
            continue
        rng = random.Random(n)
        files = files_of(student)
        for path in rng.sample(files, min(len(files), rng.randint(1, 2))):
            drop_lines(path, rng, rng.randint(1, 2))


if __name__ == "__main__":
    main()
