#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Sources that use the generated headers the way guests, toolstacks and
# Xen's own xen.h do must compile unchanged: C89 and C++98 with -pedantic,
# in every view, with clang for each target ABI and gcc/g++ for the host.
# Each source names its header and targets in its first comment, and
# may restrict the views ("views: guest"; all three by default), and may
# name one compiler configuration that is a known, documented failure
# ("known: g++ -pedantic ..."), reported as a TAP TODO. TAP output.
#
# usage: check-sources.sh HEADER-DIR SOURCE...
set -u
hdir=$1
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-sources-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/targets.sh"

for src in "$@"; do
    case $src in /*) ;; *) src=$PWD/$src ;; esac
    header=$(sed -n 's/^.*header: \([^ ]*\).*/\1/p' "$src" | head -1)
    targets=$(sed -n 's/^.*targets: //p' "$src" | head -1)
    views=$(sed -n 's/^.*views: //p' "$src" | head -1)
    views=${views:-guest tools xen}
    known=$(sed -n 's/^.*known: \([^ ]* [^ ]*\) \(.*\)$/\1|\2/p' "$src" | head -1)
    if [ -z "$header" ] || [ -z "$targets" ]; then
        tap_not_ok "$src names no header or targets"
        continue
    fi
    printf '#include <stdint.h>\n#include "%s/%s"\n#include "%s"\n' "$hdir" "$header" "$src" >"$work/unit.c"
    for t in $targets; do
        if [ "$t" = host ]; then
            set -- "gcc -x c -ansi" "g++ -x c++ -std=gnu++98"
        else
            set -- "clang --target=$(target_of "$t") -ffreestanding -x c -ansi" "clang++ --target=$(target_of "$t") -ffreestanding -x c++ -std=gnu++98"
        fi
        for cc in "$@"; do
            for view in $views; do
                case $view in guest) def="" ;; tools) def=-D__XEN_TOOLS__ ;; xen) def=-D__XEN__ ;; esac
                name="$(basename "$src") $t ${cc%% *} $view"
                # shellcheck disable=SC2086 # word splitting of the command is wanted
                if out=$($cc $def -pedantic -Wall -Wextra -Werror -fsyntax-only "$work/unit.c" 2>&1); then
                    tap_ok "$name"
                elif [ -n "$known" ] && [ "${cc%% *} -pedantic" = "${known%%|*}" ]; then
                    # the known failure: the same compiler must pass without -pedantic
                    if $cc $def -Wall -Wextra -Werror -fsyntax-only "$work/unit.c" >/dev/null 2>&1; then
                        tap_todo "$name" "${known#*|}"
                    else
                        tap_not_ok "$name (fails without -pedantic too)"
                    fi
                else
                    tap_not_ok "$name"
                    echo "$out" | grep -E 'error|note' | head -10 | tap_diag
                fi
            done
        done
    done
done
tap_done
