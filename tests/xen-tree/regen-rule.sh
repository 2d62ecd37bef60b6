#!/bin/sh
# SPDX-License-Identifier: MIT
# regc at Xen build time: an arm64 hypervisor built from an integrated tree;
# then a spec edit (a new field of SPSR_EL2 over bits the spec had RES0, as
# an ISA extension would add one), and make: the headers regenerate and
# the build passes; then make again: nothing is rebuilt.
. "$(dirname "$0")/lib.sh"
integrated_tree
cd "$XEN"

step defconfig $ARM64_MAKE defconfig
step build $ARM64_MAKE -j"$JOBS"

regs=xen/include/public/arm-regs.h
public=xen/include/public/arch-arm.h
# The tree's regc, from the tree's specs, makes what the project committed.
for f in "$public" "$regs"; do
    cmp "$PROJECT/generated/$(basename "$f")" "$f" ||
        { echo "FAILED: the build's $f differs from generated/"; exit 1; }
done
grep -q SPSR_EL2_EXAMPLE "$regs" && { echo "FAILED: $regs has the field before the edit"; exit 1; }
public_before=$(stat -c %Y "$public")

# The lock allows it: a new field over RES0 bits, RES0 without its feature.
spec=xen/include/specs/arm/registers.reg
sed -i '0,/^    res0    63:37;$/s//    res0    63:38;\n    EXAMPLE 37 if FEAT_UINJ "A field added by the test";/' "$spec"
grep -q 'EXAMPLE 37' "$spec" || { echo "FAILED: the spec edit did not apply"; exit 1; }
sleep 1
step rebuild-after-edit $ARM64_MAKE -j"$JOBS"
grep -q '^#define SPSR_EL2_EXAMPLE_SHIFT  *37$' "$regs" ||
    { echo "FAILED: $regs was not regenerated with the new field"; exit 1; }
grep -q 'REGC    arm.reg' "$WORK/rebuild-after-edit.log" ||
    { echo "FAILED: the build did not run regc after the spec edit"; exit 1; }
# arch-arm.h does not change with a register field: regc must not touch it,
# or every object that includes it would be rebuilt for nothing.
[ "$(stat -c %Y "$public")" = "$public_before" ] ||
    { echo "FAILED: $public was rewritten, its content unchanged"; exit 1; }
echo "ok: $regs regenerated, $public untouched"

# A second make: regc does not run and writes nothing, and nothing is
# compiled because of it. Xen itself rewrites include/xen/compile.h (the
# build's date) on every make, and so recompiles what includes that and
# links again (the link's symbol tables, .xen-syms.*.o, are compiled each
# time): those are the only objects allowed.
regc_files=$(ls xen/tools/regc/*.stamp xen/tools/regc/.*.d "$public" "$regs" xen/include/public/arch-arm-layout.h xen/arch/arm/include/asm/arm-accessors-xen.h)
stat -c '%Y %n' $regc_files >"$WORK/before"
sleep 1
step rebuild-again $ARM64_MAKE -j"$JOBS"
stat -c '%Y %n' $regc_files >"$WORK/after"
if grep -E '^ *(REGC|HOSTCC|HOSTLD|EMBED|LEX|YACC) ' "$WORK/rebuild-again.log"; then
    echo "FAILED: a second make ran the above"
    exit 1
fi
if ! cmp -s "$WORK/before" "$WORK/after"; then
    echo "FAILED: a second make wrote regc's files:"
    diff "$WORK/before" "$WORK/after"
    exit 1
fi
recompiled=$(sed -n 's/^ *CC  *\(.*\.o\)$/\1/p' "$WORK/rebuild-again.log")
for o in $recompiled; do
    case $(basename "$o") in .xen*) continue ;; esac
    cmd=xen/$(dirname "$o")/.$(basename "$o").cmd
    grep -q 'include/xen/compile\.h' "$cmd" ||
        { echo "FAILED: a second make recompiled $o, which does not include compile.h"; exit 1; }
done
echo "ok: a second make ran no regc, wrote none of its $(echo "$regc_files" | wc -w) files," \
    "and compiled only what includes compile.h ($(echo $recompiled))"
