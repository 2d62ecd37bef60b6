#!/bin/sh
# SPDX-License-Identifier: MIT
#
# The generative test (tests/gen/README.md): COUNT random valid specs from
# SEED, each run through regc, which must either refuse it with located
# diagnostics (file:line:col: error: ... [id], exit 1, nothing written)
# of the ids its hazards allow, or accept it with outputs that all
# compile: every header in the guest, tools and hypervisor views, as C89
# -pedantic, C99 and C++98, with gcc and clang; the public header and its
# layout assertions with clang for each of the spec's ABIs (the targets
# of tests/xen/targets.sh), where they must hold; the public and register
# headers as assembler. Compilations run in parallel, REGC_GEN_JOBS at a
# time (default 2). A failing spec is kept in KEEP-DIR with its outputs
# and compiler errors; run it alone with INDEX. REGC_GEN_AVOID lists the
# constructs the generator steers clear of (specgen --avoid), regc's
# open bugs; "none" for all.
#
# usage: run-gen.sh [--avoid LIST] REGC SPECGEN SHIM-DIR KEEP-DIR COUNT SEED [INDEX]
set -u
if [ "${1:-}" = --avoid ]; then
    REGC_GEN_AVOID=$2
    shift 2
fi
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
regc=$(abs "$1")
specgen=$(abs "$2")
shim=$(cd "$3" && pwd)
keep=$4
count=$5
seed=$6
only=${7:-}
jobs=${REGC_GEN_JOBS:-2}
avoid=${REGC_GEN_AVOID:-none}
. "$(dirname "$0")/../xen/targets.sh"
work=$(mktemp -d "${TMPDIR:-/tmp}/regc-gen-XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
start=$(date +%s)

warn="-Wall -Wextra -Werror"
# the dialects of tests/compile/check-headers.sh, with and without clang
stds_gcc="gcc -x c -ansi -pedantic
gcc -x c -std=c99 -pedantic
g++ -x c++ -std=gnu++98 -pedantic"
stds_clang="clang -x c -std=c89 -pedantic
clang -x c -std=c99 -pedantic
clang++ -x c++ -std=c++98 -pedantic"
xen_flags="-std=gnu99 -nostdinc -ffreestanding -fno-builtin -D__XEN__ -Wdeclaration-after-statement -Wredundant-decls -Wwrite-strings -Wvla -Wstrict-prototypes"

generated=0
refused=0
compiled=0
failed=0
: >"$work/refused"
: >"$work/jobs"

fail() { # INDEX MESSAGE: report, keep the spec
    failed=$((failed + 1))
    echo "FAIL spec $1 (seed $seed; rerun: REGC_GEN_AVOID=$avoid $0 $regc $specgen $shim $keep 1 $seed $1): $2"
    mkdir -p "$keep"
    rm -rf "${keep:?}/$1"
    cp -r "$work/$1" "$keep/$1"
}

# job LINE: one compilation, as INDEX|LABEL|COMMAND (run by xargs below)
job() {
    printf '%s|%s|%s\n' "$1" "$2" "$3" >>"$work/jobs"
}

i=0
[ -n "$only" ] && i=$only && count=$((only + 1))
while [ "$i" -lt "$count" ]; do
    d=$work/$i
    mkdir -p "$d/out"
    stem=g$i
    info=$("$specgen" --avoid "$avoid" "$seed" "$i" "$stem" "$d/$stem.reg") || { echo "specgen failed"; exit 2; }
    generated=$((generated + 1))
    abis=$(echo "$info" | sed 's/.*abis=\([^ ]*\).*/\1/' | tr , ' ')
    allowed=$(echo "$info" | sed 's/.*allowed=\([^ ]*\).*/\1/' | tr , ' ')
    (cd "$d" && "$regc" -o out "$stem.reg") >"$d/regc.out" 2>"$d/regc.err"
    rc=$?
    if [ $rc -eq 1 ]; then
        refused=$((refused + 1))
        ids=$(sed -n 's/^[^ :][^:]*:[0-9][0-9]*:[0-9][0-9]*: error: .* \[\([a-z0-9-]*\)\]$/\1/p' "$d/regc.err" | sort -u)
        unlocated=$(grep 'error' "$d/regc.err" | grep -v '^[^ :][^:]*:[0-9][0-9]*:[0-9][0-9]*: error: .* \[[a-z0-9-]*\]$' |
            grep -v '^ *[0-9]* |' | grep -v '^[0-9]* errors\? and [0-9]* warnings\? generated\.$' | grep -v ': note: ')
        if [ -n "$unlocated" ] || [ -z "$ids" ]; then
            fail $i "refused without a located diagnostic: $(echo "$unlocated" | head -3)"
        elif [ -n "$(ls -A "$d/out")" ]; then
            fail $i "refused, but wrote $(ls "$d/out" | tr '\n' ' ')"
        else
            bad=""
            for id in $ids; do
                case " $allowed " in *" $id "*) ;; *) bad="$bad $id" ;; esac
            done
            if [ -n "$bad" ]; then
                fail $i "refused with [$(echo $bad)], which its hazards ($allowed) do not explain:"
                grep ': error: ' "$d/regc.err" | head -5 | sed 's/^/    /'
            fi
            echo "$ids" >>"$work/refused"
        fi
        i=$((i + 1))
        continue
    elif [ $rc -ne 0 ]; then
        fail $i "regc exited $rc:"
        head -5 "$d/regc.err" | sed 's/^/    /'
        i=$((i + 1))
        continue
    fi
    compiled=$((compiled + 1))
    o=$d/out
    # the toolstack's accessors include the public header as <xen/NAME>,
    # the hypervisor's as <public/NAME>; the stand-ins do the rest
    mkdir -p "$d/inc"
    ln -s ../out "$d/inc/xen"
    ln -s ../out "$d/inc/public"
    incs="-I $d/inc -I $shim"
    regs=$o/$stem-regs.h
    pub=""
    for h in "$o"/*.h; do
        case $(basename "$h") in
        "$stem"-regs.h|"$stem"-accessors-*.h|"$stem"-xlat.h|*-layout.h) ;;
        *) pub=$h ;;
        esac
    done
    publ=""
    [ -n "$pub" ] && publ=${pub%.h}-layout.h
    # the translation units, each including all of the spec's headers its
    # view has
    inc() { for h in "$@"; do [ -n "$h" ] && printf '#include "%s"\n' "$h"; done; }
    inc "$pub" "$publ" "$regs" "$o/$stem-accessors-tools.h" "$o/$stem-xlat.h" >"$d/host.c"
    inc "$pub" "$regs" >"$d/view-xen.c"
    { echo '#include <xen/types.h>'; inc "$pub" "$publ" "$regs" "$o/$stem-accessors-xen.h" "$o/$stem-xlat.h"; } >"$d/xen.c"
    { echo '#include <stdint.h>'; inc "$pub" "$publ" "$regs"; } >"$d/probe.c"
    { echo '#include <xen/types.h>'; inc "$pub" "$publ" "$regs"; } >"$d/probe-xen.c"
    inc "$pub" "$regs" >"$d/asm.S"
    # The host is x86_64: its compilers see a header whose ABIs do not
    # include it as no ABI of it, where types of some ABIs are missing.
    # Then only the register header, which has no ABI, is compiled here,
    # and the others for the spec's ABIs below.
    case ",$(echo $abis | tr ' ' ','),," in
    *,x86_64,*) ;;
    *)
        inc "$regs" >"$d/host.c"
        inc "$regs" >"$d/view-xen.c"
        inc "$regs" >"$d/xen.c"
        inc "$regs" >"$d/asm.S"
        ;;
    esac
    echo "$stds_gcc
$stds_clang" | while read -r cc; do
        for view in guest tools; do
            def=""
            [ $view = tools ] && def=-D__XEN_TOOLS__
            job $i "$view: $cc" "$cc $warn $def $incs -include stdint.h -fsyntax-only $d/host.c"
        done
        job $i "hypervisor view: $cc" "$cc $warn -D__XEN__ -I $shim -include xen/config.h -include stdint.h -fsyntax-only $d/view-xen.c"
    done
    for cc in gcc clang; do
        job $i "hypervisor: $cc" "$cc -x c $warn $xen_flags $incs -include xen/config.h -fsyntax-only $d/xen.c"
    done
    job $i "assembler: gcc" "gcc -x assembler-with-cpp -D__ASSEMBLER__ -c -o /dev/null $d/asm.S"
    job $i "assembler: clang, tools" "clang -x assembler-with-cpp -D__ASSEMBLER__ -D__XEN_TOOLS__ -c -o /dev/null $d/asm.S"
    if [ -n "$pub" ]; then
        for abi in $abis; do
            t="clang --target=$(target_of "$abi") -ffreestanding"
            for view in guest tools; do
                def=""
                [ $view = tools ] && def=-D__XEN_TOOLS__
                job $i "$abi $view C" "$t -x c -ansi -pedantic $warn $def -fsyntax-only $d/probe.c"
                job $i "$abi $view C++" "$t -x c++ -std=gnu++98 -pedantic $warn $def -fsyntax-only $d/probe.c"
            done
            job $i "$abi hypervisor" "$t -x c $warn $xen_flags -I $shim -include xen/config.h -fsyntax-only $d/probe-xen.c"
        done
    fi
    i=$((i + 1))
done

# the compilations, in parallel; each failure leaves INDEX.fail
checks=$(wc -l <"$work/jobs")
# shellcheck disable=SC2016 # expanded by the inner shell
tr '\n' '\0' <"$work/jobs" | xargs -0 -P "$jobs" -n 1 sh -c '
    line=$1
    i=${line%%|*}; rest=${line#*|}; label=${rest%%|*}; cmd=${rest#*|}
    if ! out=$($cmd 2>&1); then
        { echo "  $label: $cmd"; echo "$out" | grep -E "error|note" | head -8 | sed "s/^/      /"; } >>"$0/$i.fail"
    fi' "$work"
for f in "$work"/*.fail; do
    [ -e "$f" ] || continue
    i=$(basename "$f" .fail)
    fail "$i" "outputs that do not compile ($(wc -l <"$f") lines of errors below; kept with the spec):"
    head -40 "$f"
    cp "$f" "$keep/$i/compile-errors.txt"
done

end=$(date +%s)
echo "seed $seed (avoiding: $avoid): $generated specs generated, $refused refused, $compiled accepted and compiled; $checks compile checks run; $((end - start)) s"
if [ -s "$work/refused" ]; then
    echo "refusals by id (a spec may have several):"
    sort "$work/refused" | uniq -c | sed 's/^/  /'
fi
if [ $failed -ne 0 ]; then
    echo "$failed spec(s) failed; kept in $keep"
    exit 1
fi
exit 0
