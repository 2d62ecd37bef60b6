#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Failure injection: regc must leave every output as it was, say which path
# failed and why, and exit 2, when the directory is read-only, an output
# path is a directory, the disk fills up, or a rename fails; and a regc
# killed with SIGKILL while writing must never leave a partial output.
# System calls fail through an LD_PRELOAD shim (fail-io.c), since root
# ignores file permissions. TAP output.
#
# usage: run-failures.sh REGC SOURCE-ROOT
set -u
regc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-fail-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); echo "not ok $n - $1"; failed=1; }
check() {
    what=$1
    shift
    if "$@"; then ok "$what"; else notok "$what"; sed 's/^/#   | /' "$work/err" | head -10; fi
}

cc -shared -fPIC -O1 -o "$work/fail-io.so" "$root/tests/failure/fail-io.c" -ldl || {
    echo "1..0 # SKIP cannot build the LD_PRELOAD shim"
    exit 0
}
# a sanitizer build of regc must accept a preloaded library
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"

spec=$root/specs/arm.reg
"$regc" -o "$work" --check "$spec" || { echo "Bail out! regc --check $spec failed"; exit 1; }
names=$(cd "$work" && mkdir names && "$regc" -o names "$spec" && ls names)
[ -n "$names" ] || { echo "Bail out! regc wrote no outputs for $spec"; exit 1; }

# An output directory whose every file holds old content from 2001.
fresh_out() {
    rm -rf "$work/out"
    mkdir "$work/out"
    for f in $names; do echo "old $f" >"$work/out/$f"; done
    touch -d '2001-01-01 00:00:00' "$work/out"/*
}
# Every file's bytes, size and mtime, hidden ones included. Not the
# directory's own mtime: making and removing a temporary file changes it,
# and that is no output modified (once a run crossed a second boundary
# and failed for it).
snapshot() { (cd "$work/out" && ls -lA --time-style=+%s . | LC_ALL=C sort; cat ./*) 2>/dev/null; }
no_temps() { ! ls -a "$work/out" | grep -q '\.regc-'; }

run_with() { # VAR=VALUE for the shim, then regc's arguments
    env LD_PRELOAD="$work/fail-io.so" "$@" >"$work/stdout" 2>"$work/err"
}

# --- a read-only directory: no temporary file can be made
fresh_out
before=$(snapshot)
run_with REGC_FAIL_MKSTEMP=EROFS "$regc" -o "$work/out" "$spec"
status=$?
check "read-only directory: exit 2" test $status = 2
check "read-only directory: names the path and the error" \
    grep -q "cannot write '$work/out/[a-z-]*\.[a-z]*': Read-only file system" "$work/err"
check "read-only directory: every output as it was, mtimes kept" test "$before" = "$(snapshot)"

# --- an output path that is a directory
fresh_out
rm "$work/out/arm-regs.h"
mkdir "$work/out/arm-regs.h"
before=$(snapshot)
"$regc" -o "$work/out" "$spec" >"$work/stdout" 2>"$work/err"
status=$?
check "output path is a directory: exit 2" test $status = 2
check "output path is a directory: names it" grep -q "cannot write '$work/out/arm-regs.h': Is a directory" "$work/err"
check "output path is a directory: every output as it was" test "$before" = "$(snapshot)"
check "output path is a directory: no temporary file left" no_temps

# --- a full disk, part way through the outputs
fresh_out
before=$(snapshot)
run_with REGC_FAIL_WRITE_AFTER=50000 "$regc" -o "$work/out" "$spec"
status=$?
check "full disk: exit 2" test $status = 2
check "full disk: names the path and the error" \
    grep -q "cannot write '$work/out/[a-z-]*\.[a-z]*': No space left on device" "$work/err"
check "full disk: every output as it was, mtimes kept" test "$before" = "$(snapshot)"
check "full disk: no temporary file left" no_temps

# --- a rename that fails (before any output was replaced)
fresh_out
before=$(snapshot)
run_with REGC_FAIL_RENAME_AFTER=0 "$regc" -o "$work/out" "$spec"
status=$?
check "failed rename: exit 2" test $status = 2
check "failed rename: names the path and the error" \
    grep -q "cannot replace '$work/out/[a-z-]*\.[a-z]*': Input/output error" "$work/err"
check "failed rename: every output as it was" test "$before" = "$(snapshot)"
check "failed rename: no temporary file left" no_temps

# --- SIGKILL while writing: every file is the old or the new whole
# Two versions of the specs whose outputs differ, and their outputs.
cp -r "$root/specs" "$work/a"
cp -r "$root/specs" "$work/b"
sed -i 's/"The HVC immediate every hypercall carries"/"The HVC immediate of every hypercall"/' "$work/b/arm/abi.reg"
sed -i 's/"The registers and vCPU state of an x86 PV guest"/"x86 PV vCPU state"/; s/"The general purpose registers of a 64-bit vCPU"/"The registers of a 64-bit vCPU"/' "$work/b/x86/vcpu.reg"
sed -i 's/register SPSR_EL2 : 64 \(.*\)"\([^"]*\)" {/register SPSR_EL2 : 64 \1"\2 (B)" {/' "$work/b/arm/registers.reg"
mkdir "$work/ref-a" "$work/ref-b"
"$regc" -o "$work/ref-a" "$work/a/arm.reg" "$work/a/x86.reg" 2>/dev/null
"$regc" -o "$work/ref-b" "$work/b/arm.reg" "$work/b/x86.reg" 2>/dev/null
differ=$(cd "$work/ref-a" && for f in *; do cmp -s "$f" "../ref-b/$f" || echo "$f"; done | wc -l)
rm -rf "$work/out"
cp -r "$work/ref-a" "$work/out"
rounds=150
partial=0
killed=0
i=0
while [ $i -lt $rounds ]; do
    v=a
    [ $((i % 2)) = 1 ] && v=b
    "$regc" -o "$work/out" "$work/$v/arm.reg" "$work/$v/x86.reg" 2>/dev/null &
    pid=$!
    # spread the kills over the whole run, writing included
    sleep "0.0$(printf %02d $((i * 7 % 20)))"
    kill -9 $pid 2>/dev/null && killed=$((killed + 1))
    wait $pid 2>/dev/null
    for f in $(cd "$work/ref-a" && ls); do
        if ! cmp -s "$work/out/$f" "$work/ref-a/$f" && ! cmp -s "$work/out/$f" "$work/ref-b/$f"; then
            partial=$((partial + 1))
            echo "# round $i: $f is neither version"
        fi
    done
    i=$((i + 1))
done
echo "# $rounds runs, $killed killed while running, $differ of $(ls "$work/ref-a" | wc -l) outputs differ between versions"
check "SIGKILL while writing: no output is ever partial" test $partial = 0
echo "1..$n"
exit $failed
