#!/bin/sh
# SPDX-License-Identifier: MIT
#
# regc as a build system runs it: exit statuses, what is written and what is
# not, depfiles, templates from a directory, and byte-identical outputs
# whatever the environment. TAP output.
#
# usage: run-cli.sh REGC SOURCE-ROOT
set -u
regc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-cli-XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1))
    echo "not ok $n - $1"
    shift
    for line in "$@"; do echo "#   $line"; done
    [ -f "$work/err" ] && sed 's/^/#   | /' "$work/err" | head -20
    failed=1
}
# check NAME COMMAND...: passes when the command succeeds
check() {
    name=$1
    shift
    if "$@"; then ok "$name"; else not_ok "$name"; fi
}
run() { "$regc" "$@" >"$work/out" 2>"$work/err"; echo $? >"$work/rc"; }
status() { cat "$work/rc"; }
# snapshot DIR: names, sizes, mtimes and content, to compare before/after
snapshot() { (cd "$1" && ls -l --time-style=+%s . | LC_ALL=C sort && cat ./* 2>/dev/null | cksum); }

spec=$root/specs/arm.reg
cp -r "$root/tests/cli/data" "$work/data"

# --- exit status 0, outputs written, stdout empty
mkdir "$work/o1"
run -o "$work/o1" "$spec"
check "a good spec exits 0 and writes its outputs" \
    test "$(status)" = 0 -a -f "$work/o1/arm-regs.h" -a -f "$work/o1/arm-layout.txt"
check "nothing but outputs goes to stdout" test ! -s "$work/out"

# --- regenerating with no change touches nothing
touch -d '2001-01-01 00:00:00' "$work/o1"/*
before=$(snapshot "$work/o1")
run -o "$work/o1" "$spec"
check "an unchanged regeneration keeps every file and mtime" test "$before" = "$(snapshot "$work/o1")"

# --- only what changed is rewritten
cp "$work/data/two.reg" "$work/two.reg"
mkdir "$work/o2"
run -o "$work/o2" "$work/two.reg"
touch -d '2001-01-01 00:00:00' "$work/o2"/*
layout_before=$(stat -c %Y "$work/o2/two-layout.txt")
sed 's/    A 3:0;/    A 3:0 "now documented";/' "$work/data/two.reg" >"$work/two.reg"
run -o "$work/o2" "$work/two.reg"
check "a changed register rewrites the register header only" \
    test "$(stat -c %Y "$work/o2/two-layout.txt")" = "$layout_before" -a \
         "$(stat -c %Y "$work/o2/two-regs.h")" != "$layout_before"

# --- errors: exit 1, nothing written
before=$(snapshot "$work/o2")
run -o "$work/o2" "$work/data/broken.reg"
check "an input error exits 1" test "$(status)" = 1
check "an input error writes nothing" test "$before" = "$(snapshot "$work/o2")"
check "diagnostics name file, line and column, with an id" \
    grep -q "broken.reg:4:7: error: .*\[field-overlap\]$" "$work/err"

# --- I/O failures: exit 2, with path and errno text
run -o "$work/o2" "$work/no-such.reg"
check "an unreadable spec exits 2" test "$(status)" = 2
check "an unreadable spec names the path and the error" \
    grep -q "cannot read '$work/no-such.reg': No such file or directory" "$work/err"
run -o "$work/missing-dir" "$spec"
check "a missing output directory exits 2 and creates nothing" \
    test "$(status)" = 2 -a ! -e "$work/missing-dir"
check "a missing output directory is named with the error" \
    grep -q "cannot write '$work/missing-dir/[a-z-]*\\.[a-z]*': No such file or directory" "$work/err"

# --- usage errors
run --emit bogus "$spec"
check "an unknown output is a usage error (2)" test "$(status)" = 2
run
check "no spec is a usage error (2)" test "$(status)" = 2
run --version
check "--version prints the version" grep -q "^regc [0-9]" "$work/out"

# --- warnings
run --check "$work/data/warn.reg"
check "warnings alone exit 0" test "$(status)" = 0
run --check -Werror "$work/data/warn.reg"
check "-Werror makes them errors" test "$(status)" = 1 && grep -q "error: .*\[implicit-hole\]" "$work/err"
run --check -Wno-implicit-hole "$work/data/warn.reg"
check "-Wno-ID silences one" test "$(status)" = 0 -a ! -s "$work/err"

# --- depfile: every spec, include and template read
mkdir "$work/o3" "$work/tpl"
cp "$root/templates/layout-report.mustache" "$work/tpl/"
run -o "$work/o3" -M "$work/o3/deps.d" --templates "$work/tpl" "$spec"
targets=$(sed -n '1s/:.*//p' "$work/o3/deps.d")
check "the depfile names every output as a target" \
    test "$targets" = "$(for f in arch-arm.h arch-arm-layout.h arm-regs.h arm-layout.txt arm-accessors-xen.h arm-accessors-tools.h arm-xlat.h; do printf '%s ' "$work/o3/$f"; done | sed 's/ $//')"
missing=""
for f in "$root/specs/arm.reg" "$root/specs/arm/arch.reg" "$root/specs/arm/registers.reg" \
         "$root/specs/arm/abi.reg" "$root/specs/arm/features.reg" "$work/tpl/layout-report.mustache"; do
    grep -q "$(basename "$f")" "$work/o3/deps.d" || missing="$missing $f"
done
check "the depfile lists every spec, include and template read" test -z "$missing"
run --check -M "$work/check.d" -MT stamp "$spec"
check "--check with -M writes the depfile for -MT" grep -q "^stamp:" "$work/check.d"

# --- templates
printf '{{#registers}}\n{{name}\n' >"$work/tpl/regs-header.mustache"
before=$(snapshot "$work/o3")
run -o "$work/o3" --templates "$work/tpl" "$spec"
check "a broken template exits 2" test "$(status)" = 2
check "a broken template is reported at its line and column" \
    grep -q "tpl/regs-header.mustache:2:1: error: .*\[template\]$" "$work/err"
check "a broken template writes nothing" test "$before" = "$(snapshot "$work/o3")"
run -o "$work/o3" --templates "$work/no-such-dir" "$spec"
check "a missing templates directory exits 2" test "$(status)" = 2

# --- determinism: other directory, TZ, locale and umask give the same bytes
mkdir "$work/o4" "$work/elsewhere"
cp -r "$root/specs" "$work/elsewhere/specs"
(cd "$work/elsewhere" && umask 077 && TZ=Pacific/Kiritimati LC_ALL=C.UTF-8 \
    "$regc" -o "$work/o4" specs/arm.reg)
check "outputs do not depend on directory, TZ, locale or umask" diff -r "$work/o1" "$work/o4"

# --- several specs: order does not matter, clashing names do
mkdir "$work/o5" "$work/o6"
run -o "$work/o5" "$spec" "$work/two.reg"
run -o "$work/o6" "$work/two.reg" "$spec"
check "the order of specs does not change any output" diff -r "$work/o5" "$work/o6"
mkdir "$work/other"
cp "$work/two.reg" "$work/other/two.reg"
run -o "$work/o6" "$work/two.reg" "$work/other/two.reg"
check "two specs that would write the same file are refused" \
    test "$(status)" = 2 && grep -q "two specs would both write" "$work/err"

echo "1..$n"
exit $failed
