#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Compiling a header that only defines macros proves little: a macro is
# checked where it is used. So every integer macro of each register header
# is used here, in every view:
#   - in C (C89 -pedantic, C99 -pedantic, C++98, with gcc and clang), as an
#     integer constant expression: a 0b literal, a GENMASK() or a stray
#     identifier in any value fails;
#   - in assembly (-D__ASSEMBLY__), as the operand of a .quad, which
#     rejects C's U/UL/ULL suffixes;
#   - next to xen.h's own xen_mk_*() definitions, included before and
#     after the header: the fallbacks must be the same definitions.
# FACTS files hold assertions on values (Arm ARM bit positions and the
# like); each is compiled against the headers' directories. TAP output.
#
# usage: check-macros.sh [--facts FILE.c]... HEADER...
set -u
. "$(dirname "$0")/../tap.sh"
facts=""
while [ "${1:-}" = --facts ]; do
    facts="$facts $2"
    shift 2
done
abs() { case $1 in /*) echo "$1" ;; *) echo "$PWD/$1" ;; esac; }
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-macros-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
incs=""
for h in "$@"; do incs="$incs -I $(dirname "$(abs "$h")")"; done

result() { # NAME LOG: ok when LOG is empty
    if [ -s "$2" ]; then
        tap_not_ok "$1"
        head -30 "$2" | tap_diag " "
    else
        tap_ok "$1"
    fi
}

# xen.h's definitions, as it makes them after including the arch header.
cat >"$work/xen-mk.h" <<'EOF'
#ifndef __ASSEMBLY__
#define __xen_mk_uint(x)  x ## U
#define __xen_mk_ulong(x) x ## UL
#ifndef __xen_mk_ullong
# define __xen_mk_ullong(x) x ## ULL
#endif
#define xen_mk_uint(x)    __xen_mk_uint(x)
#define xen_mk_ulong(x)   __xen_mk_ulong(x)
#define xen_mk_ullong(x)  __xen_mk_ullong(x)
#else
#define xen_mk_uint(x)   x
#define xen_mk_ulong(x)  x
#define xen_mk_ullong(x) x
#endif
EOF

for h in "$@"; do
    name=$(basename "$h")
    h=$(abs "$h")
    : >"$work/log"
    uses=0
    for view in "" -D__XEN_TOOLS__ -D__XEN__; do
        # the object-like macros the header defines, with a value
        printf '#include <stdint.h>\n' >"$work/base.c"
        printf '#include <stdint.h>\n#include "%s"\n' "$h" >"$work/all.c"
        gcc $view -dM -E "$work/base.c" | sed -n 's/^#define \([A-Za-z_][A-Za-z0-9_]*\) [^ ].*/\1/p' |
            LC_ALL=C sort -u >"$work/base.m"
        gcc $view -dM -E "$work/all.c" | sed -n 's/^#define \([A-Za-z_][A-Za-z0-9_]*\) [^ ].*/\1/p' |
            LC_ALL=C sort -u >"$work/all.m"
        LC_ALL=C comm -23 "$work/all.m" "$work/base.m" >"$work/names"
        uses=$((uses + $(wc -l <"$work/names")))

        { cat "$work/all.c"
          awk '{ printf "typedef char regc_use_%d[(%s) | 1 ? 1 : -1];\n", NR, $1 }' "$work/names"
        } >"$work/use.c"
        for cc in "gcc -x c -ansi -pedantic -Wno-long-long" "gcc -x c -std=c99 -pedantic" \
                  "g++ -x c++ -std=gnu++98 -pedantic -Wno-long-long" \
                  "clang -x c -ansi -pedantic -Wno-long-long" "clang -x c -std=c99 -pedantic" \
                  "clang++ -x c++ -std=gnu++98 -pedantic -Wno-long-long"; do
            # shellcheck disable=SC2086 # word splitting of the command is wanted
            $cc $view -Wall -Wextra -Werror -Wno-unused-local-typedefs -fsyntax-only "$work/use.c" \
                >"$work/out" 2>&1 || { echo "[$cc $view]"; cat "$work/out"; } >>"$work/log"
        done

        { printf '#include "%s"\n' "$h"
          awk '{ printf ".quad %s\n", $1 }' "$work/names"
        } >"$work/use.S"
        clang --target=aarch64-none-elf -x assembler-with-cpp -D__ASSEMBLY__ $view -c "$work/use.S" \
            -o "$work/use.o" >"$work/out" 2>&1 || { echo "[assembler $view]"; cat "$work/out"; } >>"$work/log"

        for order in before after; do
            if [ $order = before ]; then
                printf '#include "%s"\n#include "%s"\n' "$work/xen-mk.h" "$h"
            else
                printf '#include "%s"\n#include "%s"\n' "$h" "$work/xen-mk.h"
            fi >"$work/order.c"
            cp "$work/order.c" "$work/order.S"
            gcc $view -include stdint.h -Wall -Werror -fsyntax-only "$work/order.c" >"$work/out" 2>&1 ||
                { echo "[xen.h $order, C $view]"; cat "$work/out"; } >>"$work/log"
            gcc $view -D__ASSEMBLY__ -Werror -E "$work/order.S" -o /dev/null >"$work/out" 2>&1 ||
                { echo "[xen.h $order, assembly $view]"; cat "$work/out"; } >>"$work/log"
        done
    done
    [ "$uses" -gt 0 ] || echo "no macros found in $h" >>"$work/log"
    result "$name: $uses macro uses compile as C89, C99, C++98 and assembly, beside xen.h" "$work/log"
done

for f in $facts; do
    : >"$work/log"
    for cc in "gcc -x c -ansi -pedantic -Wno-long-long" "g++ -x c++ -std=gnu++98 -pedantic -Wno-long-long"; do
        for view in -D__XEN_TOOLS__ -D__XEN__; do
            # shellcheck disable=SC2086
            $cc $view $incs -include stdint.h -Wall -Wextra -Werror -Wno-unused-local-typedefs \
                -fsyntax-only "$f" >"$work/out" 2>&1 || { echo "[$cc $view]"; cat "$work/out"; } >>"$work/log"
        done
    done
    result "$(basename "$f"): every fact holds" "$work/log"
done
tap_done
