#!/bin/sh
# SPDX-License-Identifier: MIT
# The specs must hold against their committed ABI locks (specs/abi/), and
# the locks must be what --update-lock would write today: an allowed
# change is approved by committing the updated lock, not left pending.
# usage: check-locks.sh REGC SPEC...
set -u
regc=$1
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-locks-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
status=0
for spec in "$@"; do
    stem=$(basename "$spec" .reg)
    lock=$(dirname "$spec")/abi/$stem.lock
    if [ ! -f "$lock" ]; then
        echo "$spec has no ABI lock ($lock): run regc --check --update-lock $spec"
        status=1
        continue
    fi
    if ! "$regc" --check -Werror "$spec" 2>"$work/err"; then
        cat "$work/err"
        echo "$spec breaks its ABI lock"
        status=1
        continue
    fi
    cp "$lock" "$work/$stem.lock"
    "$regc" --check --update-lock --abi-lock "$work/$stem.lock" "$spec" 2>/dev/null
    if ! diff -u "$lock" "$work/$stem.lock"; then
        echo "$lock is not current: review the differences above, then run"
        echo "  regc --check --update-lock $spec"
        status=1
    fi
done
[ $status = 0 ] && echo "the specs hold against their ABI locks, and the locks are current"
exit $status
