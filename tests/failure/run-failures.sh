#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Failure injection: regc must leave every output as it was, say which path
# failed and why, and exit 2, when a spec cannot be read, the directory is
# read-only, an output path is a directory, the disk fills up, a backup
# cannot be made or a rename fails part way through the outputs; and a
# regc killed with SIGKILL while committing must never leave a partial
# output. System calls fail through an LD_PRELOAD shim (fail-io.c), since
# the tests run as root, who ignores file permissions. TAP output.
#
# usage: run-failures.sh REGC SOURCE-ROOT
set -u
. "$(dirname "$0")/../tap.sh"
regc=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-fail-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# a failed check shows what regc said
tap_explain() { sed 's/^/#   | /' "$work/err" | head -10; }

cc -shared -fPIC -O1 -o "$work/fail-io.so" "$root/tests/failure/fail-io.c" -ldl || {
    tap_skip_all "cannot build the LD_PRELOAD shim"
}
# a sanitizer build of regc must accept a preloaded library
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"

spec=$root/specs/arm.reg
"$regc" -o "$work" --check "$spec" || tap_bail "regc --check $spec failed"
names=$(cd "$work" && mkdir names && "$regc" -o names "$spec" && ls names)
[ -n "$names" ] || tap_bail "regc wrote no outputs for $spec"

# An output directory whose every file holds old content from 2001, but
# for those named in $absent.
absent=""
fresh_out() {
    rm -rf "$work/out"
    mkdir "$work/out"
    for f in $names; do
        case " $absent " in *" $f "*) continue ;; esac
        echo "old $f" >"$work/out/$f"
    done
    touch -d '2001-01-01 00:00:00' "$work/out"/*
}
# Every file's bytes, size and mtime, hidden ones included. Not the
# directory's own mtime: making and removing a temporary file changes it,
# and that is no output modified (once a run crossed a second boundary
# and failed for it).
snapshot() { (cd "$work/out" && ls -lA --time-style=+%s . | LC_ALL=C sort; cat ./*) 2>/dev/null; }
no_temps() { ! ls -a "$work/out" | grep -q '\.regc-'; }
# every output holds what a successful run writes
all_new() { for f in $names; do cmp -s "$work/out/$f" "$work/names/$f" || return 1; done; }

run_with() { # VAR=VALUE for the shim, then regc's arguments
    env LD_PRELOAD="$work/fail-io.so" "$@" >"$work/stdout" 2>"$work/err"
}

# fails_cleanly CASE REGEX SHIM-SETTINGS REGC-ARGUMENTS...: from fresh
# outputs, regc under the shim (SHIM-SETTINGS: VAR=VALUE words, or "")
# must exit 2, say REGEX (the path and the errno text) on stderr, and
# leave every output byte-identical with its mtime (and no output added),
# with no temporary file or backup left.
fails_cleanly() {
    case_name=$1
    regex=$2
    settings=$3
    shift 3
    fresh_out
    before=$(snapshot)
    # shellcheck disable=SC2086
    run_with $settings $guard "$regc" "$@"
    status=$?
    tap_check "$case_name: exit 2" test $status = 2
    tap_check "$case_name: names the path and the error" grep -q -e "$regex" "$work/err"
    tap_check "$case_name: every output as it was, mtimes kept" test "$before" = "$(snapshot)"
    tap_check "$case_name: no temporary file or backup left" no_temps
}
any_output="'$work/out/[a-z-]*\.[a-z]*'"
# a command before regc in fails_cleanly: a timeout where regc could hang
guard=""

# --- a spec that cannot be read, given with one that can: the good
# spec's outputs, which would change, stay as they were
fails_cleanly "missing spec" "cannot read '$work/no-such.reg': No such file or directory \[io\]$" "" \
    -o "$work/out" "$spec" "$work/no-such.reg"
cp "$root/tests/cli/data/two.reg" "$work/locked.reg"
fails_cleanly "spec without read permission" "cannot read '$work/locked.reg': Permission denied \[io\]$" \
    "REGC_FAIL_OPEN=$work/locked.reg" -o "$work/out" "$spec" "$work/locked.reg"
mkdir "$work/dir.reg"
fails_cleanly "a directory given as a spec" "cannot read '$work/dir.reg': Is a directory \[io\]$" "" \
    -o "$work/out" "$spec" "$work/dir.reg"

# --- an include that is there but cannot be read: an [io] error at the
# include, exit 2 (not include-not-found, an error in the input)
mkdir "$work/inc"
printf 'include "arch.reg";\n' >"$work/inc/top.reg"
cp "$root/specs/arm/arch.reg" "$work/inc/arch.reg"
fails_cleanly "unreadable include" \
    "^$work/inc/top.reg:1:9: error: cannot read include file '$work/inc/arch.reg': Permission denied \[io\]$" \
    "REGC_FAIL_OPEN=$work/inc/arch.reg" -o "$work/out" "$spec" "$work/inc/top.reg"

# --- what is not a regular file, or is over the 256 MiB limit, is refused
# before it is read, as a spec, an include or a template: /dev/zero would
# fill memory, a FIFO block for ever (the timeout turns a hang into a
# failure, exit 124), a directory cannot be read. The big file is sparse.
guard="timeout 60"
mkfifo "$work/fifo.reg"
truncate -s 257M "$work/big.reg"
ln -s loop.reg "$work/loop.reg"
fails_cleanly "/dev/zero as a spec" "cannot read '/dev/zero': not a regular file \[io\]$" "" \
    -o "$work/out" "$spec" /dev/zero
fails_cleanly "a FIFO as a spec" "cannot read '$work/fifo.reg': not a regular file \[io\]$" "" \
    -o "$work/out" "$spec" "$work/fifo.reg"
fails_cleanly "a spec over the size limit" \
    "cannot read '$work/big.reg': file is larger than the 256 MiB limit \[io\]$" "" \
    -o "$work/out" "$spec" "$work/big.reg"
mkdir "$work/incs"
for what in /dev/zero fifo.reg big.reg loop.reg dir.reg; do
    case $what in
    /*) target=$what ;;
    *) target=$work/$what ;;
    esac
    case $what in
    big.reg) why="file is larger than the 256 MiB limit" ;;
    loop.reg) why="Too many levels of symbolic links" ;;
    dir.reg) why="Is a directory" ;;
    *) why="not a regular file" ;;
    esac
    top=$work/incs/$(basename "$what" .reg).reg
    printf '// include\n  include "%s";\n' "$target" >"$top"
    fails_cleanly "include of $what: [io] at the include" \
        "^$top:2:11: error: cannot read include file '$target': $why \[io\]$" "" \
        -o "$work/out" "$spec" "$top"
done
for what in /dev/zero fifo.reg big.reg loop.reg dir.reg; do
    rm -rf "$work/tpl"
    mkdir "$work/tpl"
    t=$work/tpl/public-header.mustache
    case $what in
    /dev/zero) ln -s /dev/zero "$t"; why="not a regular file" ;;
    fifo.reg) mkfifo "$t"; why="not a regular file" ;;
    big.reg) truncate -s 257M "$t"; why="file is larger than the 256 MiB limit" ;;
    loop.reg) ln -s public-header.mustache "$t"; why="Too many levels of symbolic links" ;;
    dir.reg) mkdir "$t"; why="Is a directory" ;;
    esac
    fails_cleanly "template that is $what" "cannot read template '$t': $why \[io\]$" "" \
        -o "$work/out" --templates "$work/tpl" "$spec"
done
rm -rf "$work/tpl" "$work/big.reg"
guard=""

# --- a read-only directory: no temporary file can be made. The tests run
# as root, who may write into a directory without write permission, so
# the shim fails mkstemp with EROFS instead.
fails_cleanly "read-only directory" "cannot write $any_output: Read-only file system" \
    REGC_FAIL_MKSTEMP=EROFS -o "$work/out" "$spec"

# --- an output path that is a directory
absent=arm-regs.h
fresh_out
mkdir "$work/out/arm-regs.h"
before=$(snapshot)
"$regc" -o "$work/out" "$spec" >"$work/stdout" 2>"$work/err"
status=$?
absent=""
tap_check "output path is a directory: exit 2" test $status = 2
tap_check "output path is a directory: names it, as [io]" \
    grep -q "^regc: error: cannot write '$work/out/arm-regs.h': Is a directory \[io\]$" "$work/err"
tap_check "output path is a directory: the count line counts it" grep -q "^1 error and 0 warnings generated\.$" "$work/err"
tap_check "output path is a directory: every output as it was" test "$before" = "$(snapshot)"
tap_check "output path is a directory: no temporary file left" no_temps

# --- -o naming a file: every write fails, [io] with the count line
echo file >"$work/not-a-dir"
"$regc" -o "$work/not-a-dir" "$spec" >"$work/stdout" 2>"$work/err"
tap_check "-o names a file: exit 2" test $? = 2
tap_check "-o names a file: [io], naming the output" \
    grep -q "^regc: error: cannot write '$work/not-a-dir/[a-z-]*\.h': Not a directory \[io\]$" "$work/err"
tap_check "-o names a file: the count line counts it" grep -q "^1 error and 0 warnings generated\.$" "$work/err"
tap_check "-o names a file: the file as it was" test "$(cat "$work/not-a-dir")" = file

# --- an --abi-report that cannot be written: the run fails before any
# output is replaced (all of them were written, then exit 2)
fails_cleanly "--abi-report in a missing directory" \
    "^regc: error: cannot write '$work/no-such-dir/report.json': No such file or directory \[io\]$" "" \
    -o "$work/out" --abi-report "$work/no-such-dir/report.json" "$spec"
tap_check "--abi-report in a missing directory: the count line counts it" \
    grep -q "^1 error and 0 warnings generated\.$" "$work/err"
mkdir "$work/report-dir"
fails_cleanly "--abi-report naming a directory" \
    "^regc: error: cannot write '$work/report-dir': Is a directory \[io\]$" "" \
    -o "$work/out" --abi-report "$work/report-dir" "$spec"
tap_check "--abi-report naming a directory: the directory as it was" test -z "$(ls -A "$work/report-dir")"
rmdir "$work/report-dir"

# --- a full disk, part way through the outputs
fails_cleanly "full disk" "cannot write $any_output: No space left on device" \
    REGC_FAIL_WRITE_AFTER=50000 -o "$work/out" "$spec"

# --- a rename that fails after K outputs were replaced, for every K: the
# K are put back, and the two outputs that did not exist before are gone
# again. K = the number of outputs is the run where nothing fails.
count=$(echo $names | wc -w)
absent="arm-layout.txt arch-arm.h"
k=0
while [ $k -lt "$count" ]; do
    fails_cleanly "rename fails after $k of $count" "cannot replace $any_output: Input/output error" \
        REGC_FAIL_RENAME_AFTER=$k -o "$work/out" "$spec"
    k=$((k + 1))
done
fresh_out
run_with REGC_FAIL_RENAME_AFTER=$count "$regc" -o "$work/out" "$spec"
tap_check "all $count renames succeed: exit 0" test $? = 0
tap_check "all $count renames succeed: every output new" all_new
tap_check "all $count renames succeed: no temporary or backup left" no_temps
absent=""

# --- the renames that undo a failed commit fail too: the old content
# stays in the backup, which the message names
fresh_out
run_with REGC_FAIL_RENAME_AFTER=2 REGC_FAIL_RENAME_COUNT=1000 "$regc" -o "$work/out" "$spec"
status=$?
tap_check "failed rollback: exit 2" test $status = 2
backup=$(sed -n "s/.*cannot restore '.*': Input\/output error; its old content is in '\(.*\)' \[io\]$/\1/p" "$work/err" | head -1)
kept=$(sed -n "s/.*cannot restore '\(.*\)': Input\/output error; its old content is in '.*' \[io\]$/\1/p" "$work/err" | head -1)
tap_check "failed rollback: the count line counts each error" \
    grep -q "^$(grep -c '^regc: error: .*\[io\]$' "$work/err") errors and 0 warnings generated\.$" "$work/err"
tap_check "failed rollback: names the output and the backup holding its old content" \
    test -n "$backup" -a "$(cat "$backup" 2>/dev/null)" = "old $(basename "$kept")"

# --- a file system without hard links: the old content is copied instead
fails_cleanly "no hard links, rename fails" "cannot replace $any_output: Input/output error" \
    "REGC_FAIL_LINK=EPERM REGC_FAIL_RENAME_AFTER=3" -o "$work/out" "$spec"
fresh_out
run_with REGC_FAIL_LINK=EPERM "$regc" -o "$work/out" "$spec"
tap_check "no hard links: outputs written from copies" all_new
tap_check "no hard links: no temporary or backup left" no_temps
# --- a backup that cannot be made at all: nothing is replaced
fails_cleanly "backup fails" "cannot keep the old content of $any_output: Input/output error" \
    REGC_FAIL_LINK=EIO -o "$work/out" "$spec"

# --- SIGKILL while committing: every file is the old or the new whole
# Two versions of the specs whose outputs differ, and their outputs.
cp -r "$root/specs" "$work/a"
cp -r "$root/specs" "$work/b"
sed -i 's/"The HVC immediate every hypercall carries"/"The HVC immediate of every hypercall"/' "$work/b/arm/abi.reg"
sed -i 's/"The registers and vCPU state of an x86 PV guest"/"x86 PV vCPU state"/; s/"The general purpose registers of a 64-bit vCPU"/"The registers of a 64-bit vCPU"/' "$work/b/x86/vcpu.reg"
sed -i 's/register SPSR_EL2 : 64 \(.*\)"\([^"]*\)" {/register SPSR_EL2 : 64 \1"\2 (B)" {/' "$work/b/arm/registers.reg"
mkdir "$work/ref-a" "$work/ref-b"
"$regc" -o "$work/ref-a" "$work/a/arm.reg" "$work/a/x86.reg" 2>/dev/null
"$regc" -o "$work/ref-b" "$work/b/arm.reg" "$work/b/x86.reg" 2>/dev/null
outputs=$(cd "$work/ref-a" && ls)
differ=$(for f in $outputs; do cmp -s "$work/ref-a/$f" "$work/ref-b/$f" || echo "$f"; done | wc -l)
tap_check "SIGKILL: the two versions differ in several outputs ($differ)" test "$differ" -ge 3
# The shim sleeps before each mkstemp, write, link, rename and unlink,
# and marks when the first of them, the start of the commit, happens:
# each round waits for the mark, then kills after a part of the commit's
# length, spread over the rounds. How long a commit takes here (measured
# once) only spreads the kills; nothing asserts it.
# (Under ASan the leak check at exit would take much of a run's end, and
# leaks are not what this tests.)
slow=5000
now_ms() { echo $(($(date +%s%N) / 1000000)); }
# start_slow VERSION: runs regc on a version in the background, as $pid,
# and returns when its commit has begun (or it has ended)
start_slow() {
    rm -f "$work/mark"
    env LD_PRELOAD="$work/fail-io.so" REGC_SLOW_US=$slow REGC_SLOW_MARK="$work/mark" \
        ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" \
        "$regc" -o "$work/out" "$work/$1/arm.reg" "$work/$1/x86.reg" 2>/dev/null &
    pid=$!
    while [ ! -e "$work/mark" ] && kill -0 $pid 2>/dev/null; do sleep 0.005; done
}
rm -rf "$work/out"
cp -r "$work/ref-b" "$work/out"
start_slow a
t0=$(now_ms)
wait $pid
span=$(($(now_ms) - t0))
rounds=40
partial=0
mid=0
killed=0
i=0
while [ $i -lt $rounds ]; do
    v=a
    [ $((i % 2)) = 1 ] && v=b
    start_slow $v
    sleep "$(awk -v s="$span" -v i=$i -v n=$rounds 'BEGIN { printf "%.3f", s * (i + 0.5) / n / 1000 }')"
    kill -9 $pid 2>/dev/null && killed=$((killed + 1))
    wait $pid 2>/dev/null
    olds=0
    news=0
    for f in $outputs; do
        if cmp -s "$work/out/$f" "$work/ref-$v/$f"; then
            cmp -s "$work/out/$f" "$work/ref-a/$f" && cmp -s "$work/out/$f" "$work/ref-b/$f" || news=$((news + 1))
        elif cmp -s "$work/out/$f" "$work/ref-a/$f" || cmp -s "$work/out/$f" "$work/ref-b/$f"; then
            olds=$((olds + 1))
        else
            partial=$((partial + 1))
            echo "# round $i: $f is neither version"
        fi
    done
    # A kill inside the commit leaves its temporaries and backups, or a mix
    # of old and new outputs; either way the next round starts clean.
    if ls -a "$work/out" | grep -q '\.regc-' || [ $olds -gt 0 -a $news -gt 0 ]; then
        mid=$((mid + 1))
    fi
    rm -f "$work/out"/*.regc-*
    i=$((i + 1))
done
echo "# $rounds runs, commits of ${span} ms, $killed killed, $mid of them inside the commit; $differ of $(echo $outputs | wc -w) outputs differ between versions"
tap_check "SIGKILL while committing: kills landed inside the commit" test $mid -gt 0
tap_check "SIGKILL while committing: no output is ever partial" test $partial = 0

# --- what a killed run leaves beside the outputs (its temporaries and
# backups, NAME.regc-XXXXXX) the next run removes; and nothing else: not
# another tool's file, not a name one character off, not the leftover of a
# file this run does not write, not a directory or a symlink
rm -rf "$work/out"
cp -r "$work/ref-b" "$work/out"
start_slow a
sleep "$(awk -v s="$span" 'BEGIN { printf "%.3f", s / 2 / 1000 }')"
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
killed_left=$(ls -a "$work/out" | grep -c '\.regc-')
first=$(echo $outputs | cut -d' ' -f1)
last=$(echo $outputs | tr ' ' '\n' | tail -1)
echo planted >"$work/out/$first.regc-Ab3xY9"
echo planted >"$work/out/$last.regc-000000"
keep="other.regc-abc other.regc-abcdef $first.regc-toolong1 $first.regc-abc12 $first.regc-ab_cd1 $first.regc-ab.cd1 x$first.regc-abcdef unwritten.h.regc-abcdef"
for f in $keep; do echo keep >"$work/out/$f"; done
mkdir "$work/out/$first.regc-dir123"
echo target >"$work/keep-target"
ln -s ../keep-target "$work/out/$last.regc-lnk123"
"$regc" -o "$work/out" "$work/a/arm.reg" "$work/a/x86.reg" 2>"$work/err"
tap_check "leftovers: the next run succeeds" test $? = 0
left=""
an='[A-Za-z0-9]'
for e in $(ls -a "$work/out"); do
    for f in $outputs; do
        case "$e" in "$f".regc-$an$an$an$an$an$an)
            [ -L "$work/out/$e" ] || [ -d "$work/out/$e" ] || left="$left $e" ;;
        esac
    done
done
echo "# a run killed half way through its commit left $killed_left files; 2 more were planted"
tap_check "leftovers: every regular NAME.regc-XXXXXX beside an output is removed${left:+ (left:$left)}" test -z "$left"
kept=0
for f in $keep; do [ "$(cat "$work/out/$f" 2>/dev/null)" = keep ] && kept=$((kept + 1)); done
tap_check "leftovers: files of other names are kept ($kept of $(echo $keep | wc -w))" test $kept = "$(echo $keep | wc -w)"
tap_check "leftovers: a directory of that name is kept" test -d "$work/out/$first.regc-dir123"
tap_check "leftovers: a symlink of that name is kept, and its target" \
    test -L "$work/out/$last.regc-lnk123" -a "$(cat "$work/keep-target")" = target
all_a() { for f in $outputs; do cmp -s "$work/out/$f" "$work/ref-a/$f" || return 1; done; }
tap_check "leftovers: every output is the new version" all_a

# --- SIGTERM, SIGINT, SIGHUP or SIGQUIT inside the commit (Ctrl-C, a
# build tool stopping its jobs) wait until it is over: the run then dies of
# the signal, with every output new and nothing left beside them. (A
# background job of a script ignores SIGINT and SIGQUIT, so those two are
# not sent here; regc defers all four alike.)
for sig in TERM:15 HUP:1; do
    num=${sig#*:}
    sig=${sig%:*}
    rm -rf "$work/out"
    cp -r "$work/ref-b" "$work/out"
    start_slow a
    kill -$sig $pid 2>/dev/null
    wait $pid 2>/dev/null
    status=$?
    left=$(ls -a "$work/out" | grep -c '\.regc-')
    tap_check "SIG$sig inside the commit: the run dies of it (status $status)" \
        test $status = $((128 + num))
    tap_check "SIG$sig inside the commit: every output is new, nothing left ($left)" eval 'all_a && test $left = 0'
done

# --- runs committing into one directory at once take turns (a lock on
# the directory), so that none removes as a leftover another's temporary
rm -rf "$work/out"
mkdir "$work/out"
pids=""
i=0
while [ $i -lt 8 ]; do
    v=a
    [ $((i % 2)) = 1 ] && v=b
    env LD_PRELOAD="$work/fail-io.so" REGC_SLOW_US=500 ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0" \
        "$regc" -o "$work/out" "$work/$v/arm.reg" "$work/$v/x86.reg" 2>>"$work/err" &
    pids="$pids $!"
    i=$((i + 1))
done
failures=0
for p in $pids; do wait "$p" || failures=$((failures + 1)); done
tap_check "8 runs at once into one directory: all succeed ($failures failed)" test $failures = 0
whole=0
for f in $outputs; do cmp -s "$work/out/$f" "$work/ref-a/$f" || cmp -s "$work/out/$f" "$work/ref-b/$f" && whole=$((whole + 1)); done
tap_check "8 runs at once into one directory: every output whole, none left over" \
    test $whole = "$(echo $outputs | wc -w)" -a -z "$(ls -a "$work/out" | grep '\.regc-')"
tap_done
