#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The bad-input corpus, as TAP. Each case states the diagnostics it must
# produce:
#     // expect: ID LINE:COL        (in .reg files; '# expect:' in .gen.sh)
#     // expect: ID FILE:LINE:COL   (when the error is in another file, e.g.
#                                    an include; FILE is its base name)
#     // args: EXTRA-ARGS          (optional, e.g. -Werror for warnings;
#                                    @CORPUS@ is the corpus directory)
# A .gen.sh case prints its spec on stdout (for inputs too big or too odd
# to keep in git). For each case the harness asserts:
#   - exit status 1 (not 0, not 2, not a signal or a sanitizer report);
#   - every expected "FILE:LINE:COL: error: ... [ID]" line, and no other
#     error line, so a cascade of follow-on errors fails the case; FILE is
#     the case's own file unless the expectation names another;
#   - nothing created or modified in the output directory, which starts
#     with a file in it and every output the spec could write (the names
#     in output-names; the arch's header and its layout check when the
#     case or an include next to it declares one), nor the -M depfile.
#
# Last, every input-error id in DIAG-IDS must have a case ([io] and
# [template] are environment failures, exit 2, tested elsewhere; the notes
# [abi-change] and [abi-lock-stale] exit 0, tested in tests/abi/ and
# tests/cli/).
#
# usage: run-corpus.sh REGC CORPUS-DIR DIAG-IDS-HEADER
set -u
. "$(dirname "$0")/../tap.sh"
regc=$1
corpus=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-bad-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

cases=$(cd "$corpus" && ls *.reg *.gen.sh 2>/dev/null | LC_ALL=C sort)
n=0
for c in $cases; do n=$((n + 1)); done
tap_plan $((n + 2))

for c in $cases; do
    case_dir=$work/$c
    mkdir -p "$case_dir/out"
    case $c in
    *.gen.sh)
        spec=$case_dir/${c%.gen.sh}.reg
        (cd "$case_dir" && sh "$corpus/$c" >"$spec") || { tap_not_ok "$c # generator failed"; continue; }
        marker='#'
        header=$corpus/$c
        ;;
    *)
        spec=$corpus/$c
        marker='//'
        header=$spec
        ;;
    esac
    # "ID LINE:COL" is "ID CASE-FILE:LINE:COL"
    spec_base=$(basename "$spec")
    expected=$(grep -a "^$marker expect: " "$header" | sed "s|^$marker expect: ||" |
               sed "s|^\([a-z0-9-]*\) \([0-9][0-9]*:[0-9][0-9]*\)\$|\1 $spec_base:\2|" | LC_ALL=C sort)
    args=$(grep -a "^$marker args: " "$header" | sed "s|^$marker args: ||" | sed "s|@CORPUS@|$corpus|g")
    if [ -z "$expected" ]; then
        tap_not_ok "$c # states no expected diagnostic"
        continue
    fi

    # Outputs regc could write for this spec, pre-existing with old content:
    # the per-spec ones, and the arch's header with its layout check if the
    # case or an include of the corpus names one.
    stem=$(basename "$spec" .reg)
    echo sentinel >"$case_dir/out/sentinel"
    echo old >"$case_dir/out/deps.d"
    for name in $(cat "$corpus/output-names"); do
        echo old >"$case_dir/out/$(echo "$name" | sed "s/@STEM@/$stem/")"
    done
    for inc in "$spec" $(sed -n 's/^include "\([^"]*\)";.*/\1/p' "$spec" | sed "s|^|$corpus/|"); do
        [ -f "$inc" ] || continue
        for h in $(sed -n 's/.*header "\([A-Za-z0-9_.-]*\)\.h".*/\1/p' "$inc"); do
            echo old >"$case_dir/out/$h.h"
            echo old >"$case_dir/out/$h-layout.h"
        done
    done
    touch -d '2001-01-01 00:00:00' "$case_dir/out"/*
    before=$(cd "$case_dir/out" && ls -l --time-style=+%s . | LC_ALL=C sort; cat ./*)

    # shellcheck disable=SC2086 # args are words on purpose
    "$regc" $args -I "$corpus" -o "$case_dir/out" -M "$case_dir/out/deps.d" "$spec" \
        >"$case_dir/stdout" 2>"$case_dir/stderr"
    status=$?
    problems=""
    [ "$status" -eq 1 ] || problems="$problems exit status $status, not 1;"
    [ -s "$case_dir/stdout" ] && problems="$problems wrote to stdout;"
    got=$(grep -a ": error: .*\]$" "$case_dir/stderr" |
          sed -n 's|^\(.*\):\([0-9][0-9]*\):\([0-9][0-9]*\): error: .*\[\([a-z0-9-]*\)\]$|\4 \1:\2:\3|p' |
          while read -r id where; do echo "$id ${where##*/}"; done | LC_ALL=C sort)
    [ "$got" = "$expected" ] || problems="$problems diagnostics differ;"
    after=$(cd "$case_dir/out" && ls -l --time-style=+%s . | LC_ALL=C sort; cat ./*)
    [ "$before" = "$after" ] || problems="$problems output directory changed;"

    if [ -z "$problems" ]; then
        tap_ok "$c"
    else
        tap_not_ok "$c #$problems"
        echo "$expected" | tap_diag "   expected: "
        echo "$got" | tap_diag "   got:      "
        head -c 4000 "$case_dir/stderr" | tap_diag "   | "
    fi
done

# Every per-spec output regc --help names must be in output-names, so that
# a new emitter's file is seeded too.
missing=""
for suffix in $("$regc" --help | sed -n 's/.*(STEM\(-[A-Za-z0-9_.-]*\)).*/\1/p'); do
    grep -qx "@STEM@$suffix" "$corpus/output-names" || missing="$missing @STEM@$suffix"
done
if [ -z "$missing" ] && "$regc" --help | grep -q "(STEM-"; then
    tap_ok "output-names lists every per-spec output"
else
    tap_not_ok "output-names lacks:$missing"
fi

ids=$(sed -n 's/^ *X([A-Z0-9_]*, "\([a-z0-9-]*\)", .*/\1/p' "$3")
uncovered=""
for id in $ids; do
    case $id in io|template|abi-change|abi-lock-stale) continue ;; esac
    cat "$corpus"/*.reg "$corpus"/*.gen.sh | grep -aq "expect: $id " || uncovered="$uncovered $id"
done
if [ -z "$uncovered" ]; then
    tap_ok "every input diagnostic has a case"
else
    tap_not_ok "diagnostics without a case:$uncovered"
fi
tap_done
