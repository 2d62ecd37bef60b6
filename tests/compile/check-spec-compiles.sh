#!/bin/sh
# SPDX-License-Identifier: MIT
#
# A spec that regc must accept, and whose headers must compile in every
# view, dialect and compiler (check-headers.sh). TAP.
#
# usage: check-spec-compiles.sh REGC CHECK-HEADERS SHIM-DIR SPEC
set -u
. "$(dirname "$0")/../tap.sh"
regc=$1
check_headers=$2
shim=$3
spec=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-spec-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/out"
if ! "$regc" -o "$work/out" "$spec" >"$work/err" 2>&1; then
    tap_plan 1
    tap_not_ok "regc accepts $(basename "$spec")"
    tap_diag "   | " <"$work/err" | head -40
    tap_done
fi
# The accessors and translations include the public header from Xen's
# include directories: put this spec's beside the stand-ins.
cp -RL "$shim" "$work/shim"
for h in "$work/out"/arch-*.h; do
    case $h in *-layout.h) continue ;; esac
    cp "$h" "$work/shim/xen/"
    cp "$h" "$work/shim/public/"
done
sh "$check_headers" -I "$work/shim" "$work/out"
