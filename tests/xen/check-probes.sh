#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The layout-assertion header regc generates next to each public header
# must hold on every ABI the header is for, compiled by clang for that
# target, as C (-ansi -pedantic) and as C++ (-std=gnu++98 -pedantic), in
# the guest, tools and hypervisor views. A C++ pass means that C and C++
# lay the structs out the same way. The hypervisor view is compiled as
# Xen compiles itself (GNU C99, -nostdinc, Xen's <xen/config.h> and types:
# the stand-ins in tests/shim), where the checks are BUILD_BUG_ON()s.
# TAP output.
#
# usage: check-probes.sh HEADER-DIR ABI=HEADER...
#   e.g. check-probes.sh generated arm32=arch-arm.h arm64=arch-arm.h
set -u
hdir=$1
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-probes-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/targets.sh"
shim=$(cd "$(dirname "$0")/../shim" && pwd)

for pair in "$@"; do
    abi=${pair%%=*}
    header=${pair#*=}
    layout=${header%.h}-layout.h
    target=$(target_of "$abi")
    printf '#include <stdint.h>\n#include "%s"\n#include "%s"\n' "$hdir/$header" "$hdir/$layout" >"$work/probe.c"
    # the hypervisor has no <stdint.h>: Xen's types
    printf '#include <xen/types.h>\n#include "%s"\n#include "%s"\n' "$hdir/$header" "$hdir/$layout" >"$work/probe-xen.c"
    for view in guest tools xen; do
        case $view in guest) def="" ;; tools) def=-D__XEN_TOOLS__ ;; xen) def="-D__XEN__ -I $shim -include xen/config.h" ;; esac
        langs="c c++"
        [ $view = xen ] && langs=xen
        for lang in $langs; do
            case $lang in
            c) std="-x c -ansi -pedantic" ;;
            c++) std="-x c++ -std=gnu++98 -pedantic" ;;
            xen) std="-x c -std=gnu99 -nostdinc -fno-builtin" ;; # as Xen builds the hypervisor
            esac
            cc="clang --target=$target -ffreestanding $std -Wall -Wextra -Werror $def"
            # Count the assertions this configuration actually compiles.
            probe=$work/probe.c
            [ $lang = xen ] && probe=$work/probe-xen.c
            asserts=$($cc -E "$probe" 2>/dev/null | grep -c 'typedef char regc_layout_\|_Static_assert(')
            # shellcheck disable=SC2086 # word splitting of the command is wanted
            if out=$($cc -fsyntax-only "$probe" 2>&1) && [ "$asserts" -gt 0 ]; then
                tap_ok "$abi $view $lang: $asserts layout assertions of $layout hold"
            else
                tap_not_ok "$abi $view $lang: $layout ($asserts assertions)"
                echo "$out" | grep 'error' | head -20 | tap_diag
            fi
        done
    done
done
tap_done
