#!/bin/sh
# SPDX-License-Identifier: MIT
# generated/ must be exactly what regc makes from specs/ today. Fails with
# the diff, and the command that fixes it, when it is not.
# usage: check-generated.sh REGC SOURCE-ROOT [REGC-OPTIONS] SPEC...
set -u
regc=$1
root=$2
shift 2
out=$(mktemp -d "${TMPDIR:-/tmp}/regc-fresh-XXXXXX")
trap 'rm -rf "$out"' EXIT INT TERM
if ! "$regc" -Werror -o "$out" "$@"; then
    echo "regc failed on the shipped specs" >&2
    exit 1
fi
if ! diff -ru "$root/generated" "$out" >"$out.diff" 2>&1; then
    sed "s|$out|regenerated|g" "$out.diff"
    rm -f "$out.diff"
    echo "generated/ is stale: run ./scripts/regenerate and commit the result" >&2
    exit 1
fi
rm -f "$out.diff"
echo "generated/ matches specs/ ($(ls "$out" | wc -l) files)"
