#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks that the README's table of what scripts/xen-integrate changes is
exactly what it does: every file of a run's output is a row of the table,
with the same verb, and every row matches a file of the run.

usage: readme_table.py README.md RUN-OUTPUT
"""
import fnmatch
import re
import sys

HEADING = "### What `scripts/xen-integrate` changes"


def table_rows(readme):
    text = open(readme).read()
    if HEADING not in text:
        sys.exit(f"{readme}: no section '{HEADING}'")
    section = text.split(HEADING, 1)[1].split("\n#", 1)[0]
    rows = []
    for line in section.splitlines():
        # | `path`, `path` | verb | why |
        m = re.match(r"\|((?:\s*`[^`]+`\s*,?)+)\|\s*(added|changed)\s*\|", line)
        if m:
            rows += [(path, m.group(2)) for path in re.findall(r"`([^`]+)`", m.group(1))]
    if not rows:
        sys.exit(f"{readme}: the section '{HEADING}' has no table rows")
    return rows


def main(readme, run_output):
    rows = table_rows(readme)
    used = set()
    bad = 0
    for line in open(run_output):
        verb, path = line.split()
        match = [r for r in rows if fnmatch.fnmatchcase(path, r[0])]
        if not match:
            print(f"not in the README: {verb} {path}")
            bad += 1
            continue
        pattern, want = max(match, key=lambda r: len(r[0]))  # the most specific row
        used.add(pattern)
        if want != verb:
            print(f"the README says {want}, the run {verb}: {path}")
            bad += 1
    for pattern, verb in rows:
        if pattern not in used:
            print(f"in the README, not done by the run: {verb} {pattern}")
            bad += 1
    if bad:
        return 1
    print(f"ok: the README's {len(rows)} rows are the run's files")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
