#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Golden files: each directory holds one spec and what regc must make of
# it. The expected files are the specification of each output; a change to
# an emitter shows up as a diff to review, and `ninja -C build
# update-golden` rewrites them on purpose.
#
# usage: run-golden.sh REGC GOLDEN-DIR [--update]
set -u
. "$(dirname "$0")/../tap.sh"
regc=$1
golden=$(cd "$2" && pwd)
update=${3:-}
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-golden-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
for dir in "$golden"/*/; do
    case=$(basename "$dir")
    spec=$(ls "$dir"*.reg)
    mkdir "$work/$case"
    if ! "$regc" -o "$work/$case" "$spec" 2>"$work/$case.err"; then
        tap_not_ok "$case # regc failed"
        tap_diag <"$work/$case.err"
        continue
    fi
    if [ "$update" = --update ]; then
        find "$dir" -type f ! -name '*.reg' -delete
        cp "$work/$case"/* "$dir"
        tap_ok "$case # updated"
        continue
    fi
    expected=$(mktemp -d "$work/expected-XXXXXX")
    for f in "$dir"*; do
        case $f in *.reg) ;; *) cp "$f" "$expected/" ;; esac
    done
    if diff -ru "$expected" "$work/$case" >"$work/$case.diff"; then
        tap_ok "$case"
    else
        tap_not_ok "$case # output differs from the golden files"
        tap_diag <"$work/$case.diff" | head -60
    fi
done
tap_done
