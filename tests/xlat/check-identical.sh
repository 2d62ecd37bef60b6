#!/bin/sh
# SPDX-License-Identifier: MIT
#
# CHECK_NAME, which the translation header defines for a struct whose
# native and compat layouts are identical, expanded where it is used: in a
# build for the native ABI (x86_64, by clang), as C and C++. It must
# compile for the real compat struct, and must not when the compat struct
# differs: two members swapped, a member widened. Each failure must be the
# assertion of the member that moved. TAP output.
#
# usage: check-identical.sh SHIM-DIR HEADER
#   HEADER: the golden xlat header, whose struct same is identical on both
#   ABIs, { u32 a; u16 b; u16 c; struct { u16 lo; u16 hi; } pair; }
set -u
. "$(dirname "$0")/../tap.sh"
shim=$(cd "$1" && pwd)
header=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-identical-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM

# probe NAME EXPECT BODY: compiles BODY after the header; EXPECT is "ok",
# or the name of the assertion that must be the one to fail.
probe() {
    name=$1
    expect=$2
    printf '#include <stdint.h>\n#include "%s"\n%s\n' "$header" "$3" >"$work/$name.c"
    for lang in c c++; do
        case $lang in
        c) std="-x c -std=gnu11" ;;
        c++) std="-x c++ -std=gnu++11" ;;
        esac
        out=$(clang --target=x86_64-none-elf -ffreestanding $std -Wall -Wextra -Werror \
            -D__XEN__ -I "$shim" -include xen/config.h -fsyntax-only "$work/$name.c" 2>&1)
        status=$?
        if [ "$expect" = ok ]; then
            if [ $status -eq 0 ]; then
                tap_ok "$name ($lang): CHECK_same holds"
            else
                tap_not_ok "$name ($lang): CHECK_same does not compile"
                echo "$out" | grep error | head -5 | tap_diag
            fi
        elif [ $status -ne 0 ] && echo "$out" | grep -q "$expect"; then
            tap_ok "$name ($lang): refused by $expect"
        else
            tap_not_ok "$name ($lang): expected $expect to fail"
            echo "$out" | grep error | head -5 | tap_diag
        fi
    done
}

probe same ok 'CHECK_same;'
# the probes rename the compat struct that CHECK_same's expansion names
probe swapped regc_check_same__b '#define compat_same compat_same_swapped
struct compat_same_swapped { uint32_t a; uint16_t c; uint16_t b; struct { uint16_t lo, hi; } pair; };
CHECK_same;'
probe widened regc_check_same__pair_hi '#define compat_same compat_same_widened
struct compat_same_widened { uint32_t a; uint16_t b; uint16_t c; struct { uint16_t lo; uint32_t hi; } pair; };
CHECK_same;'
tap_done
