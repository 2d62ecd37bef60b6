#!/bin/sh
# SPDX-License-Identifier: MIT
#
# ./scripts/regenerate, run as users run it, in a copy of the project:
# regc's diagnostics name files relative to the directory it was run from
# (the project's root, a subdirectory, outside), so that editors and
# terminals can open them; the stale-lock note's command works from
# there; the meson target keeps its own paths; and running it again
# changes nothing. TAP output.
#
# usage: run-regenerate.sh SOURCE-ROOT
set -u
. "$(dirname "$0")/../tap.sh"
root=$(cd "$1" && pwd)
if ! command -v dpkg-query >/dev/null 2>&1; then
    tap_skip_all "scripts/regenerate checks its packages with dpkg-query"
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-regenerate-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# a failed check shows what the script said
tap_explain() { sed 's/^/#   | /' "$work/log" | head -30; }
# regenerate DIR: runs the copy's script from DIR, its output in $work/log
regenerate() {
    (cd "$1" && "$p/scripts/regenerate") >"$work/log" 2>&1
    echo $? >"$work/rc"
}
# says LINE...: the last run printed each of these lines
says() {
    for want in "$@"; do grep -qxF -- "$want" "$work/log" || return 1; done
}
snapshot() { (cd "$p/generated" && ls -l --time-style=+%s . | LC_ALL=C sort && cat ./* | cksum); }

# the project without its build directories, which hold absolute paths
p=$work/project
mkdir "$p"
for entry in "$root"/*; do
    [ -e "$entry/meson-private" ] && continue
    cp -r "$entry" "$p/"
done
rm -rf "$p/build"

# an error in an included spec
abi=$p/specs/arm/abi.reg
sed -i 's/^    const XEN_DOMCTL_CONFIG_GIC_NATIVE = 0;/&\n    const XEN_DOMCTL_CONFIG_GIC_BAD = 1x;/' "$abi"
line=$(grep -n 'GIC_BAD = 1x' "$abi" | cut -d: -f1)
include=$(grep -n '^include "arm/abi.reg";' "$p/specs/arm.reg" | cut -d: -f1)
error="error: invalid integer literal '1x' [invalid-number]"
before=$(snapshot)

regenerate "$p"
tap_check "an error: the script fails" \
    test "$(cat "$work/rc")" != 0 -a -n "$line" -a -n "$include"
tap_check "from the project's root: the paths are the root's" \
    says "specs/arm/abi.reg:$line:39: $error" "In file included from specs/arm.reg:$include:"
# ninja -C's "Entering directory `build'" would send editors to build/
tap_check "from the project's root: nothing says another directory" \
    test -z "$(grep 'Entering directory' "$work/log")"
tap_check "an error: generated/ as it was" test "$before" = "$(snapshot)"

# two levels down: build/'s paths would be one level up
regenerate "$p/tests/cli"
tap_check "from a subdirectory: the paths are the subdirectory's" \
    says "../../specs/arm/abi.reg:$line:39: $error" "In file included from ../../specs/arm.reg:$include:"

regenerate "$work"
tap_check "from outside the project: the paths are from there" \
    says "project/specs/arm/abi.reg:$line:39: $error"

(cd "$p" && ninja -C build regenerate) >"$work/log" 2>&1
tap_check "ninja -C build regenerate: paths relative to build/, as ninja said" \
    says "../specs/arm/abi.reg:$line:39: $error"

# an allowed change: the stale-lock note's command, run where it was
# printed, approves the lock
sed -i '/GIC_BAD = 1x/s/.*/    const XEN_DOMCTL_CONFIG_GIC_TEST = 7;/' "$abi"
regenerate "$p/tests/cli"
tap_check "an allowed change: regenerated, exit 0" test "$(cat "$work/rc")" = 0
tap_check "an allowed change: the stale-lock note gives the command from the subdirectory" \
    says "regc: note: approve them, then commit the lock: regc --check --update-lock ../../specs/arm.reg"
(cd "$p/tests/cli" && PATH=$p/build/compiler:$PATH regc --check --update-lock ../../specs/arm.reg) >"$work/log" 2>&1
tap_check "the note's command approves the lock" grep -q GIC_TEST "$p/specs/abi/arm.lock"
regenerate "$p/tests/cli"
tap_check "after approval: exit 0, no stale-lock note" \
    test "$(cat "$work/rc")" = 0 -a -z "$(grep 'abi-lock-stale' "$work/log")"
touch -d '2001-01-01 00:00:00' "$p/generated"/*
before=$(snapshot)
regenerate "$p"
tap_check "run again: exit 0, nothing in generated/ rewritten" \
    test "$(cat "$work/rc")" = 0 -a "$before" = "$(snapshot)"

tap_done
