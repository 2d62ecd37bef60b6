#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The identifiers a generated header declares, against the inventory of
# what Xen's own header declares: every macro (integer macros with their
# values, function-like ones with their arity), typedef, struct and union,
# per arch and per view (guest, __XEN_TOOLS__, __XEN__). Reports what is
# missing and what is extra; both must be empty, except for the additions
# listed, with their reason, in ADDITIONS. TAP output.
#
# With --part, the header takes over part of Xen's FILE-IN-INVENTORY (a
# '|'-separated list of files, as x86's vCPU header takes over parts of
# arch-x86/xen.h, xen-x86_32.h and xen-x86_64.h): what it declares must
# be Xen's, with Xen's values and types, and what it leaves to the
# hand-written files is counted, not failed.
#
# usage: check-identifiers.sh [--part] INVENTORY.tsv TYPES.tsv HEADER FILE-IN-INVENTORY ADDITIONS ARCH...
set -u
part=""
if [ "${1:-}" = --part ]; then
    part=1
    shift
fi
inventory=$1
types=$2
header=$3
file=$4
additions=$5
shift 5
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-ids-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
. "$(dirname "$0")/../tap.sh"
. "$(dirname "$0")/targets.sh"

for f in "$inventory" "$types" "$header" "$additions"; do
    if [ ! -r "$f" ]; then
        tap_not_ok "cannot read $f"
        tap_done
    fi
done

allowed=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$additions" | awk '{print $1}' | LC_ALL=C sort -u)

for arch in "$@"; do
    target=$(target_of "$arch")
    # the views the inventory has for this arch (x86's has no __XEN__ one)
    views=$(for v in guest tools xen; do
                awk -F'\t' -v arch="$arch" -v v="$v" '$2 == arch && $3 == v { print v; exit }' "$inventory"
            done)
    [ -n "$views" ] || views=guest
    for view in $views; do
        case $view in guest) def="" ;; tools) def=-D__XEN_TOOLS__ ;; xen) def=-D__XEN__ ;; esac
        cc="clang --target=$target -ffreestanding -x c -std=gnu11 $def"
        printf '#include <stdint.h>\n' >"$work/base.c"
        printf '#include <stdint.h>\n#include "%s"\n' "$header" >"$work/ours.c"

        # macros: name and, for function-like ones, the number of parameters
        macros() {
            $cc -dM -E "$1" | sed -n 's/^#define \([A-Za-z_][A-Za-z0-9_]*\)\(([^)]*)\)\{0,1\}.*/\1 \2/p' |
                awk '{ if ($2 == "") print $1, "-"; else { n = split(substr($2, 2, length($2) - 2), p, ","); if ($2 == "()") n = 0; print $1, n } }' |
                LC_ALL=C sort -u
        }
        macros "$work/base.c" >"$work/base.m"
        macros "$work/ours.c" >"$work/all.m"
        LC_ALL=C comm -23 "$work/all.m" "$work/base.m" >"$work/ours.m"

        # typedefs, structs and unions, from the AST
        decls() {
            $cc -fsyntax-only -Xclang -ast-dump "$1" 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' |
                awk '/TypedefDecl/ { for (i = 1; i <= NF; i++) if ($i ~ /^'\''/) { print "typedef", $(i - 1); break } }
                     /RecordDecl/ && / definition/ { for (i = 1; i <= NF; i++) if (($i == "struct" || $i == "union") && $(i + 1) != "definition") print $i, $(i + 1) }' |
                LC_ALL=C sort -u
        }
        decls "$work/base.c" >"$work/base.d"
        decls "$work/ours.c" >"$work/all.d"
        LC_ALL=C comm -23 "$work/all.d" "$work/base.d" >"$work/ours.d"

        # the same, from the inventory
        awk -F'\t' -v arch="$arch" -v view="$view" -v file="$file" '
            $2 == arch && $3 == view && index("|" file "|", "|" $4 "|") {
                if ($5 ~ /^macro/) print "macro", $6, ($5 == "macro-fn" ? $7 : "-")
                else print $5, $6
            }' "$inventory" | LC_ALL=C sort -u >"$work/want.all"
        grep '^macro ' "$work/want.all" | cut -d' ' -f2- >"$work/want.m"
        grep -v '^macro ' "$work/want.all" >"$work/want.d"

        missing=$( (LC_ALL=C comm -23 "$work/want.m" "$work/ours.m" | sed 's/^/macro /';
                    LC_ALL=C comm -23 "$work/want.d" "$work/ours.d") | tr '\n' ';')
        extra=$( (LC_ALL=C comm -13 "$work/want.m" "$work/ours.m" | sed 's/^/macro /';
                  LC_ALL=C comm -13 "$work/want.d" "$work/ours.d") |
                 while read -r kind name rest; do
                     echo "$allowed" | grep -qx "$name" || echo "$kind $name $rest"
                 done | tr '\n' ';')

        # integer macros: the same value, and the same C type where the
        # inventory gives one; with --part, those the header declares.
        # Nothing is defined before or after the header: xen.h includes
        # the arch header before it defines xen_mk_*(), and Xen's own
        # sources include arch-arm.h without xen.h, so every value must
        # stand on its own.
        cut -d' ' -f1 "$work/ours.m" >"$work/ours.names"
        awk -F'\t' -v arch="$arch" -v view="$view" -v file="$file" -v part_only="$part" '
            FNR == 1 { input++ }
            input == 1 { ours[$1] = 1; next }
            input == 2 && $2 == arch && $3 == view && index("|" file "|", "|" $4 "|") { ctype[$5] = $6; next }
            input == 3 && $2 == arch && $3 == view && index("|" file "|", "|" $4 "|") && $5 == "macro-int" &&
                (part_only == "" || ($6 in ours)) {
                printf "typedef char value_%s[((unsigned long long)(%s)) == %sULL ? 1 : -1];\n", $6, $6, $7
                if ($6 in ctype)
                    printf "typedef char value_%s_type[__builtin_types_compatible_p(__typeof__(%s), %s) ? 1 : -1];\n", $6, $6, ctype[$6]
            }' "$work/ours.names" "$types" "$inventory" >"$work/values.c"
        { cat "$work/ours.c"
          cat "$work/values.c"; } >"$work/check.c"
        # Any error counts: one that names no value_ line is reported as is.
        wrong=$($cc -fsyntax-only -ferror-limit=0 -Wno-unused "$work/check.c" 2>&1 | grep 'error:' |
                sed -e 's/.*error: .*value_\([A-Za-z0-9_]*\).*/\1/' -e 's/.*error: \(.*\)/[\1]/' |
                LC_ALL=C sort -u | tr '\n' ' ')
        # the same integer macros in assembly (Xen's head.S compares with
        # PSR_MODE_EL2t), under the view's definitions, as .quad operands
        awk '/^typedef char value_[A-Za-z0-9_]*\[\(/ { sub(/^typedef char value_/, ""); sub(/\[.*/, ""); print ".quad " $0 }' \
            "$work/values.c" >"$work/values.s"
        { printf '#include "%s"\n' "$header"; cat "$work/values.s"; } >"$work/values.S"
        if ! asm_out=$(clang --target="$target" $def -x assembler-with-cpp -c -o "$work/values.o" "$work/values.S" 2>&1); then
            wrong="$wrong[assembly: $(echo "$asm_out" | grep -m1 'error:' | sed 's/.*error: //')] "
        fi
        count=$(wc -l <"$work/want.all")
        # every integer macro (of the inventory, or with --part that the
        # header declares) must have had its value compared
        want_values=$(awk -F'\t' -v arch="$arch" -v view="$view" -v file="$file" -v part_only="$part" '
            FNR == 1 { input++ }
            input == 1 { ours[$1] = 1; next }
            $2 == arch && $3 == view && index("|" file "|", "|" $4 "|") && $5 == "macro-int" &&
                (part_only == "" || ($6 in ours))' "$work/ours.names" "$inventory" | wc -l)
        values=$(grep -c 'value_[A-Za-z0-9_]*\[(' "$work/values.c")
        types_n=$(grep -c '_type\[' "$work/values.c")
        if [ -n "$part" ]; then
            left=$(echo "$missing" | tr ';' '\n' | grep -c .)
            echo "# $arch $view: $(wc -l <"$work/ours.m") macros and $(wc -l <"$work/ours.d") types of Xen's $count identifiers declared ($values integer values, $types_n C types compared); $left left to the hand-written headers; extra: ${extra:-none}; wrong values: ${wrong:-none}"
            missing=""
        else
            echo "# $arch $view: $count identifiers compared ($values integer values, $types_n C types); missing: ${missing:-none}; extra: ${extra:-none}; wrong values: ${wrong:-none}"
        fi
        if [ -z "$missing" ] && [ -z "$extra" ] && [ -z "$wrong" ] && [ "$count" -gt 0 ] &&
           [ "$values" -eq "$want_values" ] && [ "$values" -gt 0 ]; then
            tap_ok "$arch $view: same identifiers and values as Xen's $file"
        else
            tap_not_ok "$arch $view"
        fi
    done
done
tap_done
