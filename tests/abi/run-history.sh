#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Xen's Arm vCPU context through its history, and x86's trap_info, judged
# by regc against locks: each step locks the "from" spec, then checks the
# "to" spec against that lock, and must give the exit status, the rule ids
# and the locations listed (errors, and [abi-change] notes for what the
# rules allow). Every report is also validated as JSON. TAP output.
#
# usage: run-history.sh REGC REPORT-CHECKER HISTORY-DIR
set -u
regc=$1
checker=$2
dir=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-history-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
n=0
failed=0

# from  to  exit  expected "severity id line:col" ..., separated by ';'
steps='4.12 4.13-unbounded 1 error abi-guest-visibility 19:8;note abi-change 66:9
4.12 4.13 0 note abi-change 20:43;note abi-change 67:9
4.12 4.13-window 0 note abi-change 19:8;note abi-change 66:9
4.12 4.12-widened 1 error abi-guest-changed 52:9;error abi-guest-changed 52:9;error abi-tools-unbumped 65:26
4.13 4.16-unbumped 1 error abi-tools-unbumped 52:9;error abi-tools-unbumped 65:26
4.13 4.16 0 note abi-change 53:9;note abi-change 66:26
4.16 current 0 note abi-change 6:5
4.16 current-narrow 1 error register-slot-too-narrow 67:9
4.16 current-field-moved 1 note abi-change 6:5;error abi-register-changed 17:5
x86-trap_info x86-trap_info-changed 1 error abi-guest-changed 8:9;error abi-guest-changed 8:9'

echo "$steps" | while IFS= read -r line; do
    set -- $line
    from=$1 to=$2 want_status=$3
    shift 3
    want=$(echo "$*" | tr ';' '\n' | sed 's/^ *//' | LC_ALL=C sort)
    n=$((n + 1))
    lock=$work/$from.lock
    if ! "$regc" --check --update-lock --abi-lock "$lock" "$dir/$from.reg" 2>"$work/lock.err"; then
        echo "not ok $n - $from -> $to # locking $from failed"
        sed 's/^/#   /' "$work/lock.err"
        echo fail >>"$work/failed"
        continue
    fi
    "$regc" --check --abi-lock "$lock" --abi-report "$work/report.json" "$dir/$to.reg" \
        >"$work/out" 2>"$work/err"
    status=$?
    got=$(grep -aE '^[^ ]*\.reg:[0-9]+:[0-9]+: (error|note): .*\[[a-z0-9-]+\]$' "$work/err" |
          awk '{ n = split($1, p, ":"); sev = $2; sub(/:$/, "", sev); id = $NF; gsub(/[][]/, "", id)
                 print sev, id, p[n - 2] ":" p[n - 1] }' | LC_ALL=C sort)
    problems=""
    [ "$status" = "$want_status" ] || problems="$problems exit $status, not $want_status;"
    [ "$got" = "$want" ] || problems="$problems verdicts differ;"
    [ -s "$work/out" ] && problems="$problems wrote to stdout;"
    # the report exists whenever the lock was judged, breaks or not
    if [ "$want_status" = 0 ] || grep -q '\[abi-' "$work/err"; then
        "$checker" "$work/report.json" >"$work/check" 2>&1 || problems="$problems report: $(cat "$work/check");"
    fi
    if [ -z "$problems" ]; then
        echo "ok $n - $from -> $to: $(echo "$want" | tr '\n' ' ')"
    else
        echo "not ok $n - $from -> $to:$problems"
        echo "$want" | sed 's/^/#   want: /'
        echo "$got" | sed 's/^/#   got:  /'
        sed 's/^/#   | /' "$work/err" | head -30
        echo fail >>"$work/failed"
    fi
    rm -f "$work/report.json"
done
total=$(echo "$steps" | wc -l)
echo "1..$total"
[ ! -e "$work/failed" ]
