#!/bin/sh
# SPDX-License-Identifier: MIT
#
# regc's headers against Xen's: for every ABI (compiled with clang for that
# target) and both views, every struct size and alignment, and every
# member's offset, size and type (aliases included) that the reference
# lists for the Xen version given, must hold. Prints the rows compared and
# the mismatches per ABI and view. TAP output.
#
# usage: check-layouts.sh [OPTIONS] REFERENCE-DIR VERSION HEADER-DIR ARCH=HEADER...
#   e.g. check-layouts.sh tests/xen/reference 4.22.0 generated arm32=arch-arm.h
# Options, for structs regc spells under other names (compat layouts,
# older versions): --target ABI compiles for ABI instead of ARCH;
# --prefix P and --suffix S name struct NAME as struct P NAME S; --views V
# limits the views ("guest"). Member types are then not compared, since
# their spelling differs (compat_ulong_t for unsigned long).
set -u
target_abi=""
prefix=""
suffix=""
views="guest tools"
while [ $# -gt 0 ]; do
    case $1 in
    --target) target_abi=$2; shift 2 ;;
    --prefix) prefix=$2; shift 2 ;;
    --suffix) suffix=$2; shift 2 ;;
    --views) views=$2; shift 2 ;;
    *) break ;;
    esac
done
ref=$1
version=$2
hdir=$3
shift 3
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-layouts-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
total_rows=0
total_bad=0

. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/targets.sh"
shim=$(cd "$(dirname "$0")/../shim" && pwd)

for pair in "$@"; do
    arch=${pair%%=*}
    header=${pair#*=}
    for view in $views; do
        define=""
        [ "$view" = tools ] && define=-D__XEN_TOOLS__
        probe=$work/$arch-$view.c
        # One check per fact; the comment carries the fact so that an error
        # line can be traced back to it.
        if [ ! -r "$ref/layouts-$view.tsv" ]; then
            tap_not_ok "$arch $view view: cannot read $ref/layouts-$view.tsv"
            continue
        fi
        awk -F'\t' -v arch="$arch" -v version="$version" -v header="$hdir/$header" \
            -v prefix="$prefix" -v suffix="$suffix" '
            BEGIN {
                printf "#include <stdint.h>\n#include <stddef.h>\n#include \"%s\"\n", header
                rows = 0
            }
            $1 == arch && $2 == version {
                s = "struct " prefix $3 suffix
                rows++
                if ($4 == "(whole)") {
                    align = $7; sub(/align=/, "", align)
                    printf "typedef char row%d_size[sizeof(%s) == %d ? 1 : -1]; /* %s size %d */\n", rows, s, $6, $3, $6
                    printf "typedef char row%d_align[__alignof__(%s) == %d ? 1 : -1]; /* %s align %d */\n", rows, s, align, $3, align
                    next
                }
                m = "((" s " *)0)->" $4
                printf "typedef char row%d_off[offsetof(%s, %s) == %d ? 1 : -1]; /* %s.%s offset %d */\n", rows, s, $4, $5, $3, $4, $5
                printf "typedef char row%d_size[sizeof(%s) == %d ? 1 : -1]; /* %s.%s size %d */\n", rows, m, $6, $3, $4, $6
                t = $7
                if (t !~ /\{/ && prefix == "" && suffix == "") {
                    if (match(t, /\[[0-9]+\]$/)) {
                        elem = substr(t, 1, RSTART - 1); dim = substr(t, RSTART)
                        printf "typedef %s row%d_t%s;\n", elem, rows, dim
                    } else {
                        printf "typedef %s row%d_t;\n", t, rows
                    }
                    printf "typedef char row%d_type[__builtin_types_compatible_p(__typeof__(%s), row%d_t) ? 1 : -1]; /* %s.%s type %s */\n", rows, m, rows, $3, $4, t
                }
            }
            END { printf "/* rows: %d */\n", rows }
        ' "$ref/layouts-$view.tsv" >"$probe"
        rows=$(sed -n 's|^/\* rows: \([0-9]*\) \*/$|\1|p' "$probe")
        case $rows in
        ''|*[!0-9]*)
            tap_not_ok "$arch $view view: the reference could not be read"
            continue ;;
        esac
        # Headers that include others as Xen's trees spell them (<xen/...>,
        # <public/...>) find them among the stand-ins of tests/shim.
        config=""
        case $define in *__XEN__*) config="-include xen/config.h" ;; esac
        clang --target="$(target_of "${target_abi:-$arch}")" -ffreestanding -fsyntax-only -ferror-limit=0 \
            -x c -std=gnu11 $define -I "$shim" $config -Wno-unused "$probe" >"$work/out" 2>&1
        # Every failed fact is one error on a line of the probe; errors in
        # the header itself count once each too.
        bad=$(grep -c ": error:" "$work/out")
        total_rows=$((total_rows + rows))
        total_bad=$((total_bad + bad))
        echo "# $arch $view: $rows rows compared, $bad mismatches"
        if [ "$rows" -eq 0 ]; then
            tap_skip "$arch $view view" "Xen $version has no structs in this view"
        elif [ "$bad" -eq 0 ]; then
            tap_ok "$arch $view view matches Xen $version"
        else
            tap_not_ok "$arch $view view: $bad mismatches in $rows rows"
            grep ": error:" "$work/out" | head -20 | while IFS= read -r line; do
                fact=""
                case $line in
                "$probe":*)
                    lineno=$(echo "$line" | sed -n 's|^[^:]*:\([0-9]*\):.*|\1|p')
                    fact="$(sed -n "${lineno}s|.*/\* \(.*\) \*/.*|\1|p" "$probe"): "
                    ;;
                esac
                echo "#   $fact$line"
            done
        fi
    done
done
echo "# total: $total_rows rows compared, $total_bad mismatches"
# A version or ABI the reference does not have compares nothing: that is a
# broken test, not a pass.
if [ "$total_rows" -eq 0 ]; then
    tap_not_ok "no reference rows for Xen $version: nothing was compared"
fi
tap_done
