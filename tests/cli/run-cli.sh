#!/bin/sh
# SPDX-License-Identifier: MIT
#
# regc as a build system runs it: exit statuses and their messages, what is
# written and what is not, options, depfiles, templates from a directory,
# and byte-identical outputs whatever the environment. TAP output.
#
# usage: run-cli.sh REGC SOURCE-ROOT
set -u
. "$(dirname "$0")/../tap.sh"
regc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-cli-XXXXXX")
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT INT TERM
# a failed check shows what regc said
tap_explain() { [ -f "$work/err" ] && sed 's/^/#   | /' "$work/err" | head -20; }
run() { "$regc" "$@" >"$work/out" 2>"$work/err"; echo $? >"$work/rc"; }
status() { cat "$work/rc"; }
# expect STATUS REGEX: the last run exited STATUS and said REGEX on stderr
expect() { test "$(status)" = "$1" && grep -q -e "$2" "$work/err"; }
# snapshot DIR: names, sizes, mtimes and content, to compare before/after
snapshot() { (cd "$1" && ls -l --time-style=+%s . | LC_ALL=C sort && cat ./* 2>/dev/null | cksum); }

spec=$root/specs/arm.reg
cp -r "$root/tests/cli/data" "$work/data"

# --- exit status 0, outputs written, stdout empty
mkdir "$work/o1"
run -o "$work/o1" "$spec"
tap_check "a good spec exits 0 and writes its outputs" \
    test "$(status)" = 0 -a -f "$work/o1/arm-regs.h" -a -f "$work/o1/arm-layout.txt"
tap_check "nothing but outputs goes to stdout" test ! -s "$work/out"

# --- regenerating with no change touches nothing
touch -d '2001-01-01 00:00:00' "$work/o1"/*
before=$(snapshot "$work/o1")
run -o "$work/o1" "$spec"
tap_check "an unchanged regeneration keeps every file and mtime" test "$before" = "$(snapshot "$work/o1")"

# --- a path with a line break cannot be spelt in a depfile: refused, and
# nothing written
nl_spec="$work/$(printf 'line\nbreak').reg"
cp "$spec" "$nl_spec"
mkdir "$work/onl"
run -o "$work/onl" -I "$root/specs" -M "$work/onl/deps.d" "$nl_spec"
tap_check "-M with a path that has a line break: exit 2, [io], the path escaped" \
    expect 2 "cannot write depfile '.*deps.d': the path '.*line\\\\nbreak-regs.h' has a line break.*\[io\]$"
tap_check "-M with a path that has a line break: nothing written" test -z "$(ls "$work/onl")"

# --- an output that is a FIFO, or a symlink to a device, is replaced by a
# regular file without being read (a FIFO would block the run for ever;
# /dev/zero would be read without end) and the device is left alone
mkdir "$work/ofifo"
mkfifo "$work/ofifo/arm-regs.h"
ln -s /dev/null "$work/ofifo/arm-layout.txt"
timeout -s KILL 60 "$regc" -o "$work/ofifo" "$spec" >/dev/null 2>&1
tap_check "a FIFO or a device symlink among the outputs: replaced by regular files" \
    test $? = 0 -a -f "$work/ofifo/arm-regs.h" -a ! -p "$work/ofifo/arm-regs.h" -a ! -L "$work/ofifo/arm-layout.txt" \
    -a -s "$work/ofifo/arm-layout.txt" -a -c /dev/null

# --- only what changed is rewritten
cp "$work/data/two.reg" "$work/two.reg"
mkdir "$work/o2"
run -o "$work/o2" "$work/two.reg"
touch -d '2001-01-01 00:00:00' "$work/o2"/*
layout_before=$(stat -c %Y "$work/o2/two-layout.txt")
sed 's/    A 3:0;/    A 3:0 "now documented";/' "$work/data/two.reg" >"$work/two.reg"
run -o "$work/o2" "$work/two.reg"
tap_check "a changed register rewrites the register header only" \
    test "$(stat -c %Y "$work/o2/two-layout.txt")" = "$layout_before" -a \
         "$(stat -c %Y "$work/o2/two-regs.h")" != "$layout_before"

# --- errors: exit 1, nothing written
before=$(snapshot "$work/o2")
run -o "$work/o2" "$work/data/broken.reg"
tap_check "an input error exits 1, with file, line, column and id" \
    expect 1 "broken.reg:4:7: error: .*\[field-overlap\]$"
tap_check "an input error writes nothing" test "$before" = "$(snapshot "$work/o2")"

# --- numbers beyond regc's limits are quoted as written, not as clamped
mkdir "$work/onum"
run -I "$root/tests/bad" -o "$work/onum" "$root/tests/bad/numbers-as-written.reg"
tap_check "a bit number beyond 4095 is quoted as written" \
    expect 1 "field 'A' (bits 18446744073709551615:0) lies outside 32-bit register 'R'"
tap_check "both ends of a range beyond 4095 are quoted as written" expect 1 "res0 range (bits 70000:4097) lies"
tap_check "a range written backwards is quoted as written" expect 1 "bit range 3:5000 of field 'C' is written low"
tap_check "a register width beyond 4096 is quoted as written" expect 1 "register 'S' is 99999 bits wide"
tap_check "selector bits are quoted as written" expect 1 "selector \[18446744073709551615:0\] is not a range"
tap_check "a selector bit is quoted as written" expect 1 "selector bit 5000 is beyond 64-bit member 'b'"
run -I "$root/tests/bad" -o "$work/onum" "$root/tests/bad/alias-too-wide-offset.reg"
tap_check "an alias offset beyond 32 bits is quoted as written" \
    expect 1 "alias 'b' at offset 18446744073709551615 does not fit 8-byte slot 'a'"
run -o "$work/onum" "$root/tests/bad/abi-invalid-type-huge.reg"
tap_check "a type size beyond 32 bits is quoted as written" expect 1 "size 18446744073709551615 of 'u32'"
tap_check "numbers beyond the limits: nothing written" test -z "$(ls "$work/onum")"

# --- I/O failures: exit 2, with path and errno text
run -o "$work/o2" "$work/no-such.reg"
tap_check "an unreadable spec exits 2, naming the path and the error" \
    expect 2 "cannot read '$work/no-such.reg': No such file or directory \[io\]$"
run -o "$work/missing-dir" "$spec"
tap_check "a missing output directory exits 2, named with the error" \
    expect 2 "cannot write '$work/missing-dir/[a-z-]*\\.[a-z]*': No such file or directory"
tap_check "a missing output directory is not created" test ! -e "$work/missing-dir"
mkdir "$work/inc" "$work/inc/sub"
printf 'include "sub";\n' >"$work/inc/top.reg"
run --check "$work/inc/top.reg"
tap_check "an include naming a directory exits 2, saying so at the include" \
    expect 2 "^$work/inc/top.reg:1:9: error: cannot read include file '$work/inc/sub': Is a directory \[io\]$"

# --- huge input text is quoted short: a 200,000-digit literal, a 200,000-
# character include path and hex literal make lines of a few hundred bytes
longest_line() { awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$work/err"; }
digits=$(head -c 200000 /dev/zero | tr '\0' 9)
printf 'const C guest = %s;\n' "$digits" >"$work/long.reg"
run --check "$work/long.reg"
tap_check "a 200,000-digit literal is reported, quoted with an ellipsis" \
    expect 1 "error: integer literal '9999999999999999999999999999999999999999\.\.\.' does not fit in 64 bits \[number-overflow\]$"
tap_check "a 200,000-digit literal makes no long line ($(longest_line) bytes)" test "$(longest_line)" -lt 300
printf 'const C guest = 0x%sg;\n' "$digits" >"$work/long.reg"
run --check "$work/long.reg"
tap_check "a 200,000-digit invalid literal makes no long line ($(longest_line) bytes)" \
    test "$(status)" = 1 -a "$(longest_line)" -lt 300
printf 'include "%s";\n' "$digits" >"$work/long.reg"
run --check "$work/long.reg"
tap_check "a 200,000-character include path makes no long line ($(longest_line) bytes)" \
    test "$(status)" = 1 -a "$(longest_line)" -lt 300

# --- an error every byte: the run keeps the first -fmax-errors (100 by
# default) and stops reading, so output and memory stay small on any input
head -c 1048576 /dev/zero | tr '\0' '#' >"$work/hash.reg"
run --check "$work/hash.reg"
tap_check "1 MiB of errors stops after 100, saying so" \
    expect 1 "^regc: note: stopped after 100 errors (-fmax-errors=100; 0 means no limit)$"
tap_check "1 MiB of errors: the count line counts what was kept" grep -q "^100 errors and 0 warnings generated\.$" "$work/err"
tap_check "1 MiB of errors prints under 100 KB ($(wc -c <"$work/err") bytes)" test "$(wc -c <"$work/err")" -lt 100000
run --check -fmax-errors=2 "$work/hash.reg"
tap_check "-fmax-errors=2 keeps two errors" test "$(grep -c 'error: .*\[invalid-char\]$' "$work/err")" = 2
printf '#\n#\n#\n' >"$work/three.reg"
run --check -fmax-errors=0 "$work/three.reg"
tap_check "-fmax-errors=0 keeps every error, with no note" \
    test "$(grep -c 'error: .*\[invalid-char\]$' "$work/err")" = 3 -a "$(grep -c 'stopped after' "$work/err")" = 0
run --check -fmax-errors=many "$work/three.reg"
tap_check "-fmax-errors needs a number" expect 2 "'-fmax-errors=many' needs a number of errors"

# --- usage errors: exit 2, a message, nothing written
run --emit bogus "$spec"
tap_check "an unknown output is a usage error, naming the outputs" \
    expect 2 "unknown output 'bogus' in --emit; the outputs are: public-header "
run
tap_check "no spec is a usage error" expect 2 "no spec given"
run --emit "" -o "$work/o2" "$spec"
tap_check "--emit '' is a usage error, not every output" expect 2 "names an empty output"
run --emit , -o "$work/o2" "$spec"
tap_check "--emit , is a usage error, not every output" expect 2 "names an empty output"
mkdir "$work/o7"
run --emit public-header,regs-header -o "$work/o7" "$work/two.reg"
tap_check "an output the spec cannot produce is an error naming the spec and why" \
    expect 2 "--emit public-header: $work/two.reg cannot produce it: its arch names no public header"
tap_check "an output the spec cannot produce: nothing written" test -z "$(ls "$work/o7")"
run --emit public-header,layout-check -o "$work/o7" "$spec"
tap_check "--emit of outputs the spec has writes exactly those" \
    test "$(status)" = 0 -a "$(ls "$work/o7" | tr '\n' ' ')" = "arch-arm-layout.h arch-arm.h "
run -MD -o "$work/o7" "$spec"
tap_check "GCC's -MD is refused, not read as -M D" expect 2 "'-MD' is a GCC option regc does not have"
tap_check "GCC's -MD is refused: no file D" test ! -e D -a ! -e "$work/o7/D"
run --version
tap_check "--version prints the version" grep -q "^regc [0-9]" "$work/out"

# --- warnings
run --check "$work/data/warn.reg"
tap_check "warnings alone exit 0" expect 0 "warning: .*\[implicit-hole\]$"
run --check -Werror "$work/data/warn.reg"
tap_check "-Werror makes them errors" expect 1 "error: .*\[implicit-hole\]$"
run --check -Wno-implicit-hole "$work/data/warn.reg"
tap_check "-Wno-ID silences one" test "$(status)" = 0 -a ! -s "$work/err"
run --check -Werror=implicit-hole -Wimplicit-hole "$work/data/warn.reg"
tap_check "-WID after -Werror=ID keeps it an error, as in GCC" expect 1 "error: .*\[implicit-hole\]$"
run --check "$work/data/narrow.reg"
tap_check "a narrow register slot is a warning" expect 0 "warning: .*\[register-slot-narrow\]$"
run --check -Wno-register-slot-narrow "$work/data/narrow.reg"
tap_check "-Wno-register-slot-narrow is refused, pointing at truncate" \
    expect 2 "'-Wno-register-slot-narrow' is not accepted: declare the member 'truncate'"
run --check -Werror=register-slot-narrow "$work/data/narrow.reg"
tap_check "-Werror=register-slot-narrow makes it an error" expect 1 "error: .*\[register-slot-narrow\]$"
sed 's/u32 cpsr : SPSR;/u32 cpsr : SPSR truncate;/' "$work/data/narrow.reg" >"$work/data/truncated.reg"
run --check "$work/data/truncated.reg"
tap_check "truncate on the member switches it off" test "$(status)" = 0 -a ! -s "$work/err"

# --- depfile: every spec, include, lock and template read, each once
# prerequisites DEPFILE: one per line, as written
prerequisites() { sed -n '2,$s/^  \(.*\)$/\1/p' "$1" | sed 's/ \\$//'; }
# includes SPEC: the spec and every file it includes, transitively
includes() (
    echo "$1"
    sed -n 's/^include "\(.*\)";.*$/\1/p' "$1" | while read -r inc; do includes "$(dirname "$1")/$inc"; done
)
mkdir "$work/o3" "$work/tpl"
cp "$root/templates/layout-report.mustache" "$work/tpl/"
run -o "$work/o3" -M "$work/o3/deps.d" --templates "$work/tpl" "$spec"
targets=$(sed -n '1s/:.*//p' "$work/o3/deps.d" | tr ' ' '\n' | LC_ALL=C sort)
tap_check "the depfile names every output as a target" \
    test "$targets" = "$(ls "$work/o1" | sed "s|^|$work/o3/|" | LC_ALL=C sort)"
want=$( (includes "$spec"; echo "$root/specs/abi/arm.lock"; echo "$work/tpl/layout-report.mustache") | LC_ALL=C sort)
got=$(prerequisites "$work/o3/deps.d" | LC_ALL=C sort)
tap_check "the depfile lists exactly every spec, include, lock and template read" \
    test "$want" = "$got" -a "$(echo "$want" | wc -l)" -ge 7
mkdir "$work/shared" "$work/o8"
printf 'include "../data/two.reg";\n' >"$work/shared/p.reg"
printf 'include "../data/two.reg";\nregister Q : 8 xen { res0 rest; }\n' >"$work/shared/q.reg"
run -o "$work/o8" -M "$work/o8/deps.d" "$work/shared/p.reg" "$work/shared/q.reg"
tap_check "an include two specs share is listed once" \
    test "$(prerequisites "$work/o8/deps.d")" = "$(printf '%s\n' "$work/shared/../data/two.reg" "$work/shared/p.reg" "$work/shared/q.reg")"
run -o "$work/o8" -MF "$work/o8/deps-f.d" "$work/shared/p.reg" "$work/shared/q.reg"
tap_check "-MF FILE writes the same depfile as -M FILE" cmp -s "$work/o8/deps.d" "$work/o8/deps-f.d"
run --check -M "$work/check.d" -MT stamp "$spec"
tap_check "--check with -M writes the depfile for -MT" grep -q "^stamp:" "$work/check.d"

# --- templates
printf '{{#registers}}\n{{name}\n' >"$work/tpl/regs-header.mustache"
before=$(snapshot "$work/o3")
run -o "$work/o3" --templates "$work/tpl" "$spec"
tap_check "a broken template exits 2, reported at its line and column" \
    expect 2 "tpl/regs-header.mustache:2:1: error: .*\[template\]$"
tap_check "a broken template writes nothing" test "$before" = "$(snapshot "$work/o3")"
run -o "$work/o3" --templates "$work/no-such-dir" "$spec"
tap_check "a missing templates directory exits 2, naming it with the error" \
    expect 2 "cannot use templates directory '$work/no-such-dir': No such file or directory \[io\]$"
run -o "$work/o3" --templates "$work/two.reg" "$spec"
tap_check "a file as templates directory exits 2, naming it with the error" \
    expect 2 "cannot use templates directory '$work/two.reg': Not a directory \[io\]$"
tap_check "an unusable templates directory writes nothing" test "$before" = "$(snapshot "$work/o3")"
# A loop that repeats a large value writes no section or partial between
# its bytes: the output budget (1 GiB and 64 bytes a spec byte, here
# 1.1 GB) must hold within it. 1024 doc lines, each repeating the 0.5 MB
# doc three times, would be 1.5 GB: it once was, at exit 0.
mkdir "$work/tpl-big" "$work/o-big"
sed -n '/^arch/,/^}/p' "$work/data/two.reg" >"$work/big-doc.reg"
awk 'BEGIN {
    print "register R : 8 xen"
    l = ""; for (i = 0; i < 500; i++) l = l "x"
    for (i = 0; i < 1024; i++) printf "    \"%s\\n\"\n", l
    print "{ A 3:0; res0 rest; }"
}' >>"$work/big-doc.reg"
printf '{{#registers}}{{#doc_lines}}{{doc}}{{doc}}{{doc}}{{/doc_lines}}{{/registers}}\n' \
    >"$work/tpl-big/regs-header.mustache"
run -o "$work/o-big" --templates "$work/tpl-big" "$work/big-doc.reg"
tap_check "a loop of variables past the output budget stops with [template], at the variable" \
    expect 2 "tpl-big/regs-header.mustache:1:[0-9]*: error: output passed [0-9]* bytes .*\[template\]$"
tap_check "a loop of variables past the output budget writes nothing" test -z "$(ls -A "$work/o-big")"
rm -rf "$work/tpl-big" "$work/o-big" "$work/big-doc.reg"

# --- determinism: each of run, directory, TZ, locale and umask on its own
# gives the outputs of o1 (a run from the source root, absolute path,
# the test's environment)
same_as_o1() { diff -r "$work/o1" "$1" >"$work/err" 2>&1; }
fresh() { rm -rf "$work/d"; mkdir "$work/d"; }
fresh
run -o "$work/d" "$spec"
tap_check "a second run gives the same bytes" same_as_o1 "$work/d"
fresh
(cd / && "$regc" -o "$work/d" "$spec")
tap_check "another working directory gives the same bytes" same_as_o1 "$work/d"
fresh
(cd "$root/specs" && "$regc" -o "$work/d" arm.reg)
tap_check "a relative spec path gives the same bytes" same_as_o1 "$work/d"
fresh
TZ=UTC0 "$regc" -o "$work/d" "$spec"
tap_check "TZ=UTC0 gives the same bytes" same_as_o1 "$work/d"
fresh
TZ=XYZ-14 "$regc" -o "$work/d" "$spec"
tap_check "TZ=XYZ-14 (UTC+14) gives the same bytes" same_as_o1 "$work/d"
fresh
LC_ALL=C "$regc" -o "$work/d" "$spec"
tap_check "LC_ALL=C gives the same bytes" same_as_o1 "$work/d"
fresh
LC_ALL=C.UTF-8 "$regc" -o "$work/d" "$spec"
tap_check "LC_ALL=C.UTF-8 gives the same bytes" same_as_o1 "$work/d"
# Turkish really differs from C: toupper('i') stays 'i' and 1.5 prints as
# 1,5, so any locale-dependent formatting or case mapping would show. The
# locale is compiled here from the 'locales' package (scripts/test
# installs it); no system locale is needed.
mkdir "$work/locale"
if localedef -i tr_TR -f UTF-8 "$work/locale/tr_TR.UTF-8" >/dev/null 2>&1; then
    fresh
    LOCPATH="$work/locale" LC_ALL=tr_TR.UTF-8 "$regc" -o "$work/d" "$spec"
    tap_check "LC_ALL=tr_TR.UTF-8 gives the same bytes" same_as_o1 "$work/d"
else
    tap_skip "LC_ALL=tr_TR.UTF-8 gives the same bytes" "localedef cannot build tr_TR.UTF-8 (install 'locales')"
fi
# modes: what any tool gives a new file, 0666 & ~umask
modes() { stat -c %a "$work/d"/* | sort -u | tr '\n' ' '; }
fresh
(umask 077 && "$regc" -o "$work/d" "$spec")
tap_check "umask 077 gives the same bytes" same_as_o1 "$work/d"
tap_check "umask 077 gives mode 600" test "$(modes)" = "600 "
fresh
(umask 022 && "$regc" -o "$work/d" "$spec")
tap_check "umask 022 gives mode 644" test "$(modes)" = "644 "
fresh
(umask 002 && "$regc" -o "$work/d" "$spec")
tap_check "umask 002 gives mode 664" test "$(modes)" = "664 "

# a replaced file keeps its mode, whatever the umask: a header or a lock
# made read-only stays read-only
mkdir "$work/o11"
cp "$work/data/two.reg" "$work/s11.reg"
(umask 022 && "$regc" -o "$work/o11" "$work/s11.reg")
chmod 444 "$work/o11/s11-regs.h"
chmod 640 "$work/o11/s11-accessors-xen.h"
sed -i 's/    A 3:0;/    A 3:0 "now documented";/' "$work/s11.reg"
(umask 022 && "$regc" -o "$work/o11" "$work/s11.reg")
tap_check "a replaced output keeps its mode 444" \
    test "$(stat -c %a "$work/o11/s11-regs.h")" = 444 -a -n "$(grep 'now documented' "$work/o11/s11-regs.h")"
sed -i 's/now documented/documented again/' "$work/s11.reg"
(umask 077 && "$regc" -o "$work/o11" "$work/s11.reg")
tap_check "a replaced output keeps its mode 640 under umask 077" \
    test "$(stat -c %a "$work/o11/s11-accessors-xen.h")" = 640 -a -n "$(grep 'documented again' "$work/o11/s11-accessors-xen.h")"
mkdir "$work/s12"
cp -r "$root/specs/arm" "$root/specs/arm.reg" "$root/specs/abi" "$work/s12/"
chmod 444 "$work/s12/abi/arm.lock"
sed -i 's/^    const XEN_DOMCTL_CONFIG_GIC_NATIVE = 0;/&\n    const XEN_DOMCTL_CONFIG_GIC_TEST = 7;/' "$work/s12/arm/abi.reg"
(umask 022 && "$regc" --check --update-lock "$work/s12/arm.reg" 2>/dev/null)
tap_check "a lock rewritten by --update-lock keeps its mode 444" \
    test "$(stat -c %a "$work/s12/abi/arm.lock")" = 444 -a -n "$(grep GIC_TEST "$work/s12/abi/arm.lock")"

# --- under -Werror a warning does not hide the ABI's breaks: both are
# reported in one run, not one layer per edit
mkdir -p "$work/s13/abi"
cp "$work/data/narrow.reg" "$work/data/two.reg" "$work/s13/"
"$regc" --check --update-lock "$work/s13/narrow.reg" 2>/dev/null
sed -i 's/u32 other; }/u16 other; u16 more; }/' "$work/s13/narrow.reg"
run --check -Werror "$work/s13/narrow.reg"
tap_check "-Werror: the warning, now an error, is reported" expect 1 "\[register-slot-narrow\]$"
tap_check "-Werror: the guest ABI breaks are judged in the same run" \
    test "$(grep -c 'error: .*\[abi-guest-changed\]$' "$work/err")" = 2

# --- a lock that allowed changes left behind is said to be stale, at its
# first changed line, with the command that approves it, as the user
# would type it from where they are
stale_note() { grep -c "\[abi-lock-stale\]$" "$work/err"; }
mkdir -p "$work/s14/abi"
(cat "$work/data/two.reg"; echo 'struct g guest { u32 x; u32 y; }') >"$work/s14/t.reg"
(cd "$work/s14" && "$regc" --check --update-lock t.reg 2>/dev/null)
(cd "$work/s14" && run --check t.reg)
tap_check "a spec its lock approved: exit 0, no stale-lock note" test "$(status)" = 0 -a "$(stale_note)" = 0
echo 'const T_MAGIC : u32 guest = 0x5b;' >>"$work/s14/t.reg"
cp -r "$work/s14" "$work/s14.approved"
(cd "$work/s14.approved" && "$regc" --check --update-lock t.reg 2>/dev/null)
first=$(cmp "$work/s14/abi/t.lock" "$work/s14.approved/abi/t.lock" 2>&1 | sed -n 's/.* line \([0-9]*\)$/\1/p')
(cd "$work/s14" && run --check t.reg)
tap_check "an allowed change: exit 0, the lock said stale at its first changed line" \
    expect 0 "^abi/t\.lock:$first:1: note: the ABI lock no longer matches the spec.*\[abi-lock-stale\]$"
tap_check "an allowed change: the note gives the command that approves the lock" \
    grep -qx "regc: note: approve them, then commit the lock: regc --check --update-lock t.reg" "$work/err"
run --check -Wno-abi-lock-stale "$work/s14/t.reg"
tap_check "-Wno-abi-lock-stale: exit 0, the change reported, the stale lock not" \
    test "$(status)" = 0 -a "$(stale_note)" = 0 -a "$(grep -c '\[abi-change\]$' "$work/err")" = 1
sed 's/u32 x; u32 y;/u64 x;/' "$work/s14/t.reg" >"$work/s14/broken.reg"
run --check --abi-lock "$work/s14/abi/t.lock" "$work/s14/broken.reg"
tap_check "an allowed change beside a break: exit 1, no stale-lock note" \
    test "$(status)" = 1 -a "$(stale_note)" = 0 -a "$(grep -c '\[abi-guest-changed\]$' "$work/err")" -ge 1
mkdir "$work/s 15"
cp -r "$work/s14/t.reg" "$work/s14/abi" "$work/s 15/"
(cd "$work" && run --check -I "s 15" --abi-lock "s 15/abi/t.lock" "s 15/t.reg")
approve="regc --check --update-lock -I 's 15' --abi-lock 's 15/abi/t.lock' 's 15/t.reg'"
tap_check "--abi-lock and -I: the command names them, quoted for the shell" \
    grep -qxF "regc: note: approve them, then commit the lock: $approve" "$work/err"
(cd "$work" && PATH=$(dirname "$regc"):$PATH sh -c "$approve" >"$work/out" 2>"$work/err")
tap_check "--update-lock: the stale lock is rewritten, and no note says it is stale" \
    test $? = 0 -a "$(stale_note)" = 0 -a -n "$(grep T_MAGIC "$work/s 15/abi/t.lock")"
(cd "$work" && run --check --abi-lock "s 15/abi/t.lock" "s 15/t.reg")
tap_check "the command the note gave approved the lock: no note on the next check" \
    test "$(status)" = 0 -a "$(stale_note)" = 0 -a ! -s "$work/err"

# --- several specs: order does not matter (the depfile included), clashing
# names do
mkdir "$work/o5" "$work/o6"
run -o "$work/o5" -M "$work/o5/deps.d" -MT stamp "$spec" "$work/two.reg"
run -o "$work/o6" -M "$work/o6/deps.d" -MT stamp "$work/two.reg" "$spec"
tap_check "the order of specs changes no output, nor the depfile" diff -r "$work/o5" "$work/o6"
mkdir "$work/other"
cp "$work/two.reg" "$work/other/two.reg"
before=$(snapshot "$work/o6")
run -o "$work/o6" "$work/two.reg" "$work/other/two.reg"
tap_check "two specs that would write the same file are refused" \
    expect 2 "two specs would both write '$work/o6/two-regs.h'"
tap_check "two specs that would write the same file: nothing written" test "$before" = "$(snapshot "$work/o6")"

# --- every path regc writes is its own: -M or --abi-report naming an
# output, a spec or each other is a usage error, before anything is written
mkdir "$work/o9"
cp "$work/two.reg" "$work/s9.reg"
run -o "$work/o9" "$work/s9.reg"
cp "$work/s9.reg" "$work/s9.keep"
cp "$work/o9/s9-regs.h" "$work/o9.keep"
before=$(snapshot "$work/o9")
# clashes CASE REGEX ARGS...: exit 2 saying REGEX, outputs and spec unchanged
clashes() {
    case_name=$1
    regex=$2
    shift 2
    run "$@"
    tap_check "$case_name: exit 2, naming both roles" expect 2 "$regex"
    tap_check "$case_name: every output as it was" test "$before" = "$(snapshot "$work/o9")"
    tap_check "$case_name: the spec as it was" cmp -s "$work/s9.reg" "$work/s9.keep"
}
clashes "-M naming an output" \
    "'$work/o9/s9-regs.h' would be both the depfile (-M) and an output, which regc writes" \
    -o "$work/o9" -M "$work/o9/s9-regs.h" "$work/s9.reg"
clashes "--abi-report naming an output" \
    "'$work/o9/s9-regs.h' would be both the ABI report (--abi-report) and an output, which regc writes" \
    -o "$work/o9" --abi-report "$work/o9/s9-regs.h" "$work/s9.reg"
clashes "-M naming the spec" "'$work/s9.reg' would be both the depfile (-M) and a spec or include, which regc reads" \
    -o "$work/o9" -M "$work/s9.reg" "$work/s9.reg"
clashes "-M naming the spec by another path" \
    "'$work/o9/../s9.reg' (the depfile (-M)) and '$work/s9.reg' (a spec or include, which regc reads) are one file" \
    -o "$work/o9" -M "$work/o9/../s9.reg" "$work/s9.reg"
ln -s s9.reg "$work/link9.reg"
clashes "-M naming the spec read through a symlink" "(a spec or include, which regc reads) are one file" \
    -o "$work/o9" -M "$work/s9.reg" "$work/link9.reg"
clashes "--abi-report naming the spec" "would be both the ABI report (--abi-report) and a spec or include" \
    -o "$work/o9" --abi-report "$work/s9.reg" "$work/s9.reg"
clashes "-M and --abi-report naming one new file" \
    "'$work/o9/./new.d' (the ABI report (--abi-report)) and '$work/o9/new.d' (the depfile (-M), which regc writes) are one file" \
    -o "$work/o9" -M "$work/o9/new.d" --abi-report "$work/o9/./new.d" "$work/s9.reg"
tap_check "-M and --abi-report naming one new file: neither is written" test ! -e "$work/o9/new.d"
clashes "-M naming the ABI lock" "would be both the depfile (-M) and the ABI lock, which regc reads" \
    -o "$work/o9" -M "$root/specs/abi/arm.lock" --abi-lock "$root/specs/abi/arm.lock" "$work/s9.reg"
mkdir "$work/tpl9"
cp "$root/templates/layout-report.mustache" "$work/tpl9/"
cp "$work/tpl9/layout-report.mustache" "$work/tpl9.keep"
run -o "$work/o9" --abi-report "$work/tpl9/layout-report.mustache" --templates "$work/tpl9" "$work/s9.reg"
tap_check "--abi-report naming a template: exit 2, naming both roles" \
    expect 2 "would be both the ABI report (--abi-report) and a template, which regc reads"
tap_check "--abi-report naming a template: the template as it was" \
    cmp -s "$work/tpl9/layout-report.mustache" "$work/tpl9.keep"
# a lock read and rewritten by --update-lock is no clash
mkdir "$work/s10" "$work/o10"
cp -r "$root/specs/arm" "$root/specs/arm.reg" "$root/specs/abi" "$work/s10/"
run -o "$work/o10" --update-lock -M "$work/o10/deps.d" "$work/s10/arm.reg"
tap_check "--update-lock rewrites the lock it read" test "$(status)" = 0 -a -f "$work/o10/deps.d"

# --- --reserved-macros: Xen's list passes the shipped specs; a list that
# names a macro of theirs is an input error; an unusable list, exit 2
mkdir "$work/o8"
run --reserved-macros "$root/scripts/xen/xen-macros.txt" -o "$work/o8" "$spec"
tap_check "the shipped specs define no macro Xen's headers define" test "$(status)" = 0
printf '# Xen 4.22 asm/processor.h, before integration\nTCR_EL1_IPS_SHIFT\n' >"$work/reserved.txt"
before=$(snapshot "$work/o8")
run --reserved-macros "$work/reserved.txt" -o "$work/o8" "$spec"
tap_check "a listed macro is an error at its declaration, naming the list's line" \
    expect 1 "registers.reg:[0-9]*:[0-9]*: error: field 'IPS' of register 'TCR_EL1' would define macro 'TCR_EL1_IPS_SHIFT', which $work/reserved.txt:2 reserves \[macro-reserved\]$"
tap_check "a listed macro: nothing written" test "$before" = "$(snapshot "$work/o8")"
run --reserved-macros "$work/no-such.txt" -o "$work/o8" "$spec"
tap_check "an unreadable list exits 2, naming it and the error" \
    expect 2 "reserved-macros $work/no-such.txt: cannot read: No such file or directory"
printf 'GOOD\nnot a name\n' >"$work/reserved.txt"
run --reserved-macros "$work/reserved.txt" -o "$work/o8" "$spec"
tap_check "a list with a line that is not a name exits 2, naming the line" \
    expect 2 "reserved-macros $work/reserved.txt:2: 'not a name' is not a macro name"

tap_done
