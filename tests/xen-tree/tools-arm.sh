#!/bin/sh
# SPDX-License-Identifier: MIT
# The toolstack's side of regc's arch-arm.h, from an integrated tree:
#   - tools/include: xen-foreign/mkheader.py rewrites arch-arm.h into
#     arm32.h and arm64.h by regular expressions, and its checker compares
#     their struct sizes with Xen's reference.size;
#   - Arm's toolstack objects (the domain builder, core dumps, domctls),
#     compiled for arm64 with aarch64 gcc and the tools' own flags and
#     include paths. configure runs on the x86 host, for x86: only the
#     compiler and the target arch are overridden, on make's command line.
. "$(dirname "$0")/lib.sh"
integrated_tree
cd "$XEN"
fail() { echo "FAILED: $*"; exit 1; }

step configure $TOOLS_CONFIGURE
step tools-include make -C tools/include

# mkheader.py copied Arm's structs, the spsr_el1/spsr_svc union whole
for a in arm32 arm64; do
    h=tools/include/xen-foreign/$a.h
    grep -q "^struct vcpu_guest_core_regs_$a {" "$h" || fail "$h has no vcpu_guest_core_regs_$a"
    grep -q 'union { __align8__ uint64_t spsr_el1; uint32_t spsr_svc; };' "$h" ||
        fail "$h lost the spsr_el1/spsr_svc union"
done
echo "ok: xen-foreign's arm32.h and arm64.h, and their size checker"

ARM="CC=aarch64-linux-gnu-gcc XEN_TARGET_ARCH=arm64 XEN_COMPILE_ARCH=arm64"
objs="tools/libs/guest/xg_dom_arm.o tools/libs/guest/xg_core_arm.o tools/libs/guest/xg_dom_core.o
      tools/libs/ctrl/xc_domain.o"
rm -f $objs
step guest-objects make -C tools/libs/guest $ARM xg_dom_arm.o xg_core_arm.o xg_dom_core.o
step ctrl-objects make -C tools/libs/ctrl $ARM xc_domain.o
for o in $objs; do
    file "$o" | grep -q 'ELF 64-bit LSB relocatable, ARM aarch64' || fail "$o is not an aarch64 object: $(file "$o")"
done
# with the tree's headers: xen.h took arch-arm.h through tools/include/xen/,
# a link to xen/include/public/, where the integration put regc's
grep -q 'tools/include/xen/arch-arm.h' tools/libs/guest/.xg_dom_arm.o.d ||
    fail "xg_dom_arm.o did not include tools/include/xen/arch-arm.h"
[ "$(readlink -f tools/include/xen/arch-arm.h)" = "$(readlink -f xen/include/public/arch-arm.h)" ] ||
    fail "tools/include/xen/arch-arm.h is not xen/include/public/arch-arm.h"
cmp -s "$PROJECT/generated/arch-arm.h" xen/include/public/arch-arm.h || fail "the tree's arch-arm.h is not regc's"
echo "ok: $(echo $objs | wc -w) Arm toolstack objects compiled for arm64"
