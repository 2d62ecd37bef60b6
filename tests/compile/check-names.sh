#!/bin/sh
# SPDX-License-Identifier: MIT
#
# What a spec's own file name and its constants' values become in C. TAP.
#
# - A spec named my-spec.reg: every guard and function name is an
#   identifier, and every header compiles with -pedantic -Werror in every
#   view (check-headers.sh).
# - Specs my-a.reg and my-b.reg, included together: both headers count
#   (a guard cut at the '-' was __XEN_PUBLIC_MY for both).
# - The extremes of s32 and s64 have their value and a signed type of
#   their width: _Generic in C11, sizeof and sign in C89 (where
#   -2147483648 is unsigned long on ILP32), C99 and C++98, on i386 and
#   x86_64.
#
# usage: check-names.sh REGC CHECK-HEADERS SHIM-DIR SPEC
set -u
. "$(dirname "$0")/../tap.sh"
regc=$1
check_headers=$2
shim=$3
spec=$4
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-names-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
# check NAME CMD...: CMD's output is shown when it fails
check() {
    name=$1
    shift
    tap_check_log "$name" "$work/err" "$@"
}

mkdir "$work/out" "$work/two"
cp "$spec" "$work/my-spec.reg"
check "a spec named my-spec.reg compiles" "$regc" -o "$work/out" "$work/my-spec.reg"

guards_are_identifiers() {
    bad=$(grep -h '^#ifndef\|^static inline void regc_layout_' "$work/out"/*.h |
          grep -v '^#ifndef [A-Za-z_][A-Za-z0-9_]*$' |
          grep -v '^static inline void [A-Za-z_][A-Za-z0-9_]*(void)$')
    [ -z "$bad" ] || { echo "$bad"; return 1; }
    grep -q '^#ifndef __XEN_PUBLIC_MY_SPEC_REGS_H__$' "$work/out/my-spec-regs.h"
}
check "my-spec.reg's guards and function names are identifiers" guards_are_identifiers

# The stand-ins for Xen's headers, with this spec's public header where
# the accessors and translations include it from.
cp -RL "$shim" "$work/shim"
cp "$work/out/arch-my-spec.h" "$work/shim/xen/"
cp "$work/out/arch-my-spec.h" "$work/shim/public/"
check "my-spec.reg's headers compile with -pedantic -Werror, every view and compiler" \
    sh "$check_headers" -I "$work/shim" "$work/out"

# Two specs differing after the '-': the second's macros must be there.
cp "$spec" "$work/my-a.reg"
sed 's/MS_/MB_/g; s/ms_state/mb_state/g; s/arch-my-spec\.h/arch-my-b.h/' "$spec" >"$work/my-b.reg"
both() {
    "$regc" -o "$work/two" "$work/my-a.reg" && "$regc" -o "$work/two" "$work/my-b.reg" &&
    printf '%s\n' '#include <stdint.h>' '#include "my-a-regs.h"' '#include "my-b-regs.h"' \
        '#include "arch-my-spec.h"' '#include "arch-my-b.h"' \
        'int a = MS_CTRL_EN_SHIFT, b = MB_CTRL_EN_SHIFT, c = MS_S32_NEG, d = MB_S32_NEG;' >"$work/both.c" &&
    gcc -std=c99 -pedantic -Wall -Werror -fsyntax-only -I "$work/two" "$work/both.c"
}
check "the headers of my-a.reg and my-b.reg can be included together" both

# The constants, through the generated header.
cat >"$work/c11.c" <<'EOF'
#include <stdint.h>
#include "arch-my-spec.h"
#define TYPE(x) _Generic((x), int: 1, long long: 2, default: 0)
_Static_assert(TYPE(MS_S32_MIN) == 1 && MS_S32_MIN < 0 && MS_S32_MIN == INT32_MIN, "s32 min");
_Static_assert(TYPE(MS_S32_MAX) == 1 && MS_S32_MAX == INT32_MAX, "s32 max");
_Static_assert(TYPE(MS_S32_NEG) == 1 && MS_S32_NEG == -5, "s32 negative");
_Static_assert(TYPE(MS_S64_MIN) == 2 && MS_S64_MIN < 0 && MS_S64_MIN == INT64_MIN, "s64 min");
_Static_assert(TYPE(MS_S64_MAX) == 2 && MS_S64_MAX == INT64_MAX, "s64 max");
_Static_assert(TYPE(MS_S64_U32_MAX) == 2 && MS_S64_U32_MAX == 4294967295LL, "s64 in [2^31, 2^32)");
_Static_assert(MS_S64_S32_MIN < 0 && MS_S64_S32_MIN == -2147483647LL - 1, "s64 at s32's min");
_Static_assert(TYPE(MS_S64_BELOW_S32) == 2 && MS_S64_BELOW_S32 == -2147483647LL - 2, "s64 below s32");
EOF
# Older standards have no _Static_assert: a negative array size fails.
cat >"$work/s32.c" <<'EOF'
#include "arch-my-spec.h"
typedef char s32_min[MS_S32_MIN < 0 && sizeof(MS_S32_MIN) == sizeof(int) && MS_S32_MIN == -2147483647 - 1 ? 1 : -1];
typedef char s32_max[MS_S32_MAX > 0 && sizeof(MS_S32_MAX) == sizeof(int) && MS_S32_MAX + 0 == 2147483647 ? 1 : -1];
typedef char s32_neg[MS_S32_NEG < 0 && sizeof(MS_S32_NEG) == sizeof(int) ? 1 : -1];
EOF
cat >"$work/s64.c" <<'EOF'
#include "arch-my-spec.h"
typedef char s64_min[MS_S64_MIN < 0 && sizeof(MS_S64_MIN) == 8 && MS_S64_MIN == -9223372036854775807LL - 1 ? 1 : -1];
typedef char s64_max[MS_S64_MAX > 0 && sizeof(MS_S64_MAX) == 8 ? 1 : -1];
typedef char s64_u32[MS_S64_U32_MAX > 0 && -MS_S64_U32_MAX < 0 && sizeof(MS_S64_U32_MAX) == 8 ? 1 : -1];
typedef char s64_below[MS_S64_BELOW_S32 < 0 && sizeof(MS_S64_BELOW_S32) == 8 ? 1 : -1];
EOF
# -ffreestanding: compiler's own stdint.h, so -m32 needs no 32-bit libc.
compile() { "$@" -ffreestanding -include stdint.h -pedantic -Wall -Werror -fsyntax-only -I "$work/out"; }
for m in -m32 -m64; do
    check "C11 $m: s32 and s64 extremes have their value and type (_Generic)" \
        compile gcc $m -std=c11 "$work/c11.c"
    check "C89 $m: s32 extremes are negative ints" compile gcc $m -x c -std=c89 "$work/s32.c"
    check "C99 $m: s32 and s64 extremes are signed and of their size" \
        sh -c 'for f in "$@"; do gcc '"$m"' -ffreestanding -include stdint.h -pedantic -Wall -Werror \
                   -fsyntax-only -std=c99 -I "'"$work/out"'" "$f" || exit 1; done' sh "$work/s32.c" "$work/s64.c"
    check "C++98 $m: s32 extremes are negative ints" compile g++ $m -x c++ -std=c++98 "$work/s32.c"
    if command -v clang >/dev/null 2>&1; then
        check "clang C11 $m: s32 and s64 extremes have their value and type" \
            compile clang $m -std=c11 "$work/c11.c"
        check "clang C89 $m: s32 extremes are negative ints" compile clang $m -x c -std=c89 "$work/s32.c"
    fi
done
# The macros sit outside __ASSEMBLER__: GNU as and clang take the spellings.
printf '%s\n' '#include "arch-my-spec.h"' \
    '.quad MS_S64_MIN, MS_S64_MAX, MS_S64_U32_MAX, MS_S64_S32_MIN, MS_S64_BELOW_S32' \
    '.long MS_S32_MIN, MS_S32_MAX, MS_S32_NEG' >"$work/use.S"
assembles() {
    "$1" -c -I "$work/out" "$work/use.S" -o "$work/use.o" &&
    objdump -s -j .text "$work/use.o" | sed -n 's/^ [0-9a-f]* \(.\{35\}\).*/\1/p' | tr -d ' \n' >"$work/bytes" &&
    # little-endian: s64 min, max, 2^32-1, s32 min, s32 min - 1; s32 min, max, -5
    test "$(cat "$work/bytes")" = \
        "0000000000000080ffffffffffffff7fffffffff0000000000000080ffffffffffffff7fffffffff00000080ffffff7ffbffffff" ||
    { echo "bytes: $(cat "$work/bytes")"; return 1; }
}
for as in gcc clang; do
    command -v $as >/dev/null 2>&1 || continue
    check "$as assembles the constants with their values" assembles $as
done
tap_done
