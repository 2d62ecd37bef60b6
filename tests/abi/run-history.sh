#!/bin/sh
# SPDX-License-Identifier: MIT
#
# ABI steps judged by regc against locks, as TAP. DIR/steps lists them:
#
#   step FROM TO EXIT      lock DIR/FROM.reg, then check DIR/TO.reg against
#                          that lock; FROM "none": no lock at all; "missing":
#                          --abi-lock names a file that is not there;
#                          "lock:FILE": the lock is DIR/FILE
#   diag SEV ID FILE:L:C   a diagnostic the step gives (FILE is a base name)
#   json RULE|ITEM|WHAT|ABI|VERDICT
#                          a difference of its own in the --abi-report
#   follows N              the number of report records that follow from
#                          another difference (default 0)
#   unjudged [ID...]       the report says the spec was not judged, and
#                          lists these error ids
#   note TEXT              some line of the diagnostics contains TEXT
#   lockdiff N             --update-lock changes exactly N lines of the lock
#                          (lines removed plus lines added): a bump must not
#                          relabel the items it did not change
#
# A step that passes with differences leaves the lock stale: it states
# "diag note abi-lock-stale FROM.lock:L:1", L being the lock's first line
# that --update-lock changes, and the note must give the command that
# approves it; a step that passes without one must leave the lock as it is.
#
# Each step must give exactly its exit status and diagnostics (every
# diagnostic with an id, in any file: the spec, its includes or the lock)
# and a report with exactly its differences (tests/abi/check-report.c). A
# stale report is left in place before every run: the run must replace it.
# Then --update-lock must leave the lock as it was when the step breaks
# it, and approve the spec when it does not, so that a second check finds
# no difference.
#
# usage: run-history.sh REGC REPORT-CHECKER DIR
# shellcheck disable=SC2086 # $lock_args is words on purpose
set -u
. "$(dirname "$0")/../tap.sh"
regc=$1
checker=$2
dir=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-abi-steps-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

stale='{"spec": "stale", "judged": true, "breaks": 0, "differences": []}'

run_step() {
    problems=""
    lock=$work/$from.lock
    rm -f "$lock"
    case $from in
    none) lock_args="" ;;
    missing) lock_args="--abi-lock $work/missing.lock" ;;
    lock:*)
        lock=$work/${from#lock:}
        cp "$dir/${from#lock:}" "$lock"
        lock_args="--abi-lock $lock"
        ;;
    *)
        lock_args="--abi-lock $lock"
        if ! "$regc" --check --update-lock $lock_args "$dir/$from.reg" 2>"$work/lock.err"; then
            tap_not_ok "$from -> $to # locking $from failed"
            tap_diag <"$work/lock.err"
            return
        fi
        ;;
    esac
    echo "$stale" >"$work/report.json"
    "$regc" --check $lock_args --abi-report "$work/report.json" "$dir/$to.reg" >"$work/out" 2>"$work/err"
    status=$?
    got=$( (grep -aE '^[^ ]+:[0-9]+:[0-9]+: (error|warning|note): .*\[[a-z][a-z0-9-]*\]$' "$work/err" |
            awk '{ n = split($1, p, ":"); f = p[1]; for (i = 2; i <= n - 3; i++) f = f ":" p[i]
                   sub(/.*\//, "", f); sev = $2; sub(/:$/, "", sev); id = $NF; gsub(/[][]/, "", id)
                   print sev, id, f ":" p[n - 2] ":" p[n - 1] }'
            grep -aE '^regc: (error|warning|note): .*\[[a-z][a-z0-9-]*\]$' "$work/err" |
            awk '{ sev = $2; sub(/:$/, "", sev); id = $NF; gsub(/[][]/, "", id); print sev, id, "-" }') |
          LC_ALL=C sort)
    want=$(LC_ALL=C sort "$work/diags")
    [ "$status" = "$want_status" ] || problems="$problems exit $status, not $want_status;"
    [ "$got" = "$want" ] || problems="$problems diagnostics differ;"
    [ -s "$work/out" ] && problems="$problems wrote to stdout;"
    while IFS= read -r text; do
        grep -aqF -- "$text" "$work/err" || problems="$problems no diagnostic says \"$text\";"
    done <"$work/notes"
    if [ -n "$unjudged" ]; then
        # shellcheck disable=SC2086 # the ids are words
        set -- unjudged $unjudged_ids
    else
        set -- judged "$follows"
        while IFS= read -r entry; do
            set -- "$@" "$entry"
        done <"$work/json"
    fi
    "$checker" "$work/report.json" "$@" >"$work/check" 2>&1 || problems="$problems report: $(cat "$work/check");"
    # --update-lock approves what is allowed, and nothing else
    if [ -f "$lock" ] && [ "$want_status" = 1 ]; then
        cp "$lock" "$work/lock.before"
        "$regc" --check --update-lock $lock_args "$dir/$to.reg" >/dev/null 2>&1
        update=$?
        [ "$update" = 1 ] || problems="$problems --update-lock exits $update, not 1;"
        cmp -s "$lock" "$work/lock.before" || problems="$problems --update-lock rewrote the lock;"
    elif [ -f "$lock" ] && [ "$want_status" = 0 ] && [ -z "$unjudged" ]; then
        cp "$lock" "$work/lock.before"
        "$regc" --check --update-lock $lock_args "$dir/$to.reg" >/dev/null 2>&1 ||
            problems="$problems --update-lock failed;"
        stale=$(sed -n 's/^note abi-lock-stale [^ ]*:\([0-9]*\):1$/\1/p' "$work/diags")
        first=$(cmp "$work/lock.before" "$lock" 2>&1 | sed -n 's/.* line \([0-9]*\).*/\1/p')
        if [ -n "$stale" ]; then
            [ "$first" = "$stale" ] ||
                problems="$problems the stale note is at line $stale, the first changed line is ${first:-none};"
            grep -aqxF -- "regc: note: approve them, then commit the lock: regc --check --update-lock $lock_args $dir/$to.reg" \
                "$work/err" ||
                problems="$problems no note gives the command that approves the lock;"
        elif [ -n "$first" ]; then
            problems="$problems --update-lock changed line $first of a lock no note said was stale;"
        fi
        if [ -n "$lockdiff" ]; then
            changed=$(diff "$work/lock.before" "$lock" | grep -c '^[<>]')
            [ "$changed" = "$lockdiff" ] || problems="$problems --update-lock changed $changed lock lines, not $lockdiff;"
        fi
        "$regc" --check $lock_args --abi-report "$work/report.json" "$dir/$to.reg" >/dev/null 2>&1
        "$checker" "$work/report.json" judged 0 >"$work/check" 2>&1 ||
            problems="$problems after --update-lock: $(cat "$work/check");"
    fi
    if [ -z "$problems" ]; then
        tap_ok "$from -> $to: $(echo "$want" | tr '\n' ' ')"
    else
        tap_not_ok "$from -> $to:$problems"
        echo "$want" | tap_diag "   want: "
        echo "$got" | tap_diag "   got:  "
        tap_diag "   | " <"$work/err" | head -40
        tap_diag "   report| " <"$work/report.json" | head -40
    fi
}

from=""
while IFS= read -r line || [ -n "$line" ]; do
    case $line in
    '#'* | '') continue ;;
    step\ *)
        [ -n "$from" ] && run_step
        # shellcheck disable=SC2086 # split the step's words
        set -- $line
        from=$2 to=$3 want_status=$4
        follows=0 unjudged="" unjudged_ids="" lockdiff=""
        : >"$work/diags"
        : >"$work/json"
        : >"$work/notes"
        ;;
    diag\ *) echo "${line#diag }" >>"$work/diags" ;;
    json\ *) echo "${line#json }" >>"$work/json" ;;
    follows\ *) follows=${line#follows } ;;
    unjudged*) unjudged=yes unjudged_ids=${line#unjudged} ;;
    note\ *) echo "${line#note }" >>"$work/notes" ;;
    lockdiff\ *) lockdiff=${line#lockdiff } ;;
    *) tap_bail "$dir/steps: cannot read '$line'" ;;
    esac
done <"$dir/steps"
[ -n "$from" ] && run_step
tap_done
