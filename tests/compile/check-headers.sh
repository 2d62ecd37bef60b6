#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Every generated header must compile where Xen's public headers do: as
# C89 with -pedantic, as C99, and as C++98, in the guest view (no define),
# the tools view (__XEN_TOOLS__) and the hypervisor's (__XEN__). Xen's own
# check adds -include stdint.h; so do we. TAP output.
#
# A header that includes Xen's own (<xen/types.h>) gets them from the
# stand-ins in the -I directory given, which also stands in for the
# <xen/config.h> Xen's build includes in every file (-include).
#
# The toolstack accessors are compiled in the guest and tools views.
# Hypervisor-only code is compiled as Xen compiles itself: GNU C99,
# -nostdinc (no libc headers at all), -D__XEN__, Xen's warnings. That is
# the one view of *-accessors-xen.h, and the __XEN__ view of *-xlat.h and
# of the layout checks (which are Xen's BUILD_BUG_ON()s there).
#
# The accessor headers also compile with clang, which sees what gcc lets
# system headers get away with (stdbool's _Bool in C89). clang includes
# each one, as users do: compiled as the main file, clang would count
# every unused static inline function.
#
# usage: check-headers.sh [-I SHIM-DIR] DIR-OR-HEADER...
set -u
. "$(dirname "$0")/../tap.sh"
shim=""
if [ "${1:-}" = -I ]; then
    shim="-I $2"
    shift 2
fi
headers=""
for a in "$@"; do
    if [ -d "$a" ]; then
        for h in "$a"/*.h; do [ -e "$h" ] && headers="$headers $h"; done
    else
        headers="$headers $a"
    fi
done
set -- $headers
compilers='gcc -x c -ansi -pedantic -Wall -Wextra -Werror
gcc -x c -std=c99 -pedantic -Wall -Wextra -Werror
g++ -x c++ -std=gnu++98 -pedantic -Wall -Wextra -Werror'
clang_compilers='clang -x c -std=c89 -pedantic -Wall -Wextra -Werror
clang -x c -std=c99 -pedantic -Wall -Wextra -Werror
clang++ -x c++ -std=c++98 -pedantic -Wall -Wextra -Werror'
xen_flags="-std=gnu99 -nostdinc -ffreestanding -fno-builtin -D__XEN__ -Wall -Wextra -Werror
    -Wdeclaration-after-statement -Wredundant-decls -Wwrite-strings -Wvla -Wstrict-prototypes"
xen_compilers="gcc -x c $xen_flags
clang -x c $xen_flags"
if ! command -v clang >/dev/null 2>&1 || ! command -v clang++ >/dev/null 2>&1; then
    echo "# clang or clang++ not found: the accessor headers are compiled with gcc only"
    clang_compilers=""
fi
for h in "$@"; do
    with=gcc
    views='"" -D__XEN_TOOLS__ -D__XEN__'
    xen_view=""
    case $(basename "$h") in
    *-accessors-xen.h) views=""; xen_view=yes ;;
    *-xlat.h) views='"" -D__XEN_TOOLS__'; xen_view=yes ;;
    *-accessors-tools.h) views='"" -D__XEN_TOOLS__' ;; # the hypervisor has its own
    *-layout.h) views='"" -D__XEN_TOOLS__'; xen_view=yes ;;
    esac
    case $(basename "$h") in
    *-accessors-*.h) [ -n "$clang_compilers" ] && with="gcc clang" ;;
    esac
    eval "set -- $views"
    for view in "$@"; do
        config=""
        [ "$view" = -D__XEN__ ] && [ -n "$shim" ] && config="-include xen/config.h"
        echo "$compilers" | while read -r cc; do
            # shellcheck disable=SC2086 # word splitting of the command is wanted
            if ! out=$($cc $view $shim $config -include stdint.h -fsyntax-only "$h" 2>&1); then
                echo "FAIL $h [$cc $view]"
                echo "$out" | head -20 | sed 's/^/    /'
            fi
        done
        [ "$with" = gcc ] && continue
        echo "$clang_compilers" | while read -r cc; do
            # shellcheck disable=SC2086 # word splitting of the command is wanted
            if ! out=$($cc $view $shim $config -include stdint.h -include "$h" -fsyntax-only /dev/null 2>&1); then
                echo "FAIL $h [$cc $view]"
                echo "$out" | head -20 | sed 's/^/    /'
            fi
        done
    done >"${TMPDIR:-/tmp}/regc-cc.$$" 2>&1
    if [ -n "$xen_view" ] && [ -n "$shim" ]; then
        echo "$xen_compilers" | while read -r cc; do
            [ -n "$cc" ] || continue
            command -v "${cc%% *}" >/dev/null 2>&1 || continue
            # shellcheck disable=SC2086 # word splitting of the command is wanted
            if ! out=$($cc $shim -include xen/config.h -include xen/types.h -include "$h" -fsyntax-only /dev/null 2>&1); then
                echo "FAIL $h [$cc]"
                echo "$out" | head -20 | sed 's/^/    /'
            fi
        done >>"${TMPDIR:-/tmp}/regc-cc.$$" 2>&1
    fi
    if [ -s "${TMPDIR:-/tmp}/regc-cc.$$" ]; then
        tap_not_ok "$(basename "$h")"
        tap_diag " " <"${TMPDIR:-/tmp}/regc-cc.$$"
    else
        case $(basename "$h") in
        *-accessors-xen.h) tap_ok "$(basename "$h") compiles as Xen compiles the hypervisor, with gcc and clang" ;;
        *-xlat.h|*-layout.h) tap_ok "$(basename "$h") compiles as C89, C99 and C++98 in the guest and tools views with $with, and as Xen compiles the hypervisor" ;;
        *-accessors-tools.h) tap_ok "$(basename "$h") compiles as C89, C99 and C++98 in the guest and tools views with $with" ;;
        *) tap_ok "$(basename "$h") compiles as C89, C99 and C++98 in all three views with $with" ;;
        esac
    fi
    rm -f "${TMPDIR:-/tmp}/regc-cc.$$"
done
tap_done
