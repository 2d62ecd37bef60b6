#!/bin/sh
# SPDX-License-Identifier: MIT
# The x86_64 hypervisor of an integrated Xen 4.22.0 tree, twice: with
# Xen's defconfig, whose 32-bit compat layer generates compat headers
# (compat/arch-x86-vcpu.h among them, and trap_info's translation in
# compat/xlat.h) from regc's header, and with HVM=n PV32=n, where COMPAT
# is off and only the native headers meet the hypervisor's own
# struct cpu_user_regs. The public-header checks (headers*.chk) run inside.
. "$(dirname "$0")/lib.sh"

integrated_tree
cd "$XEN"

step defconfig make -C xen defconfig
step build make -C xen -j"$JOBS"

inc=xen/include
for f in headers.chk headers99.chk headers++.chk compat/xlat.h compat/arch-x86-vcpu.h; do
    [ -s "$inc/$f" ] || { echo "FAILED: the build made no $inc/$f"; exit 1; }
done
# trap_info's translation comes from the generated header's compat twin
grep -q '^#define XLAT_trap_info(' "$inc/compat/xlat.h" ||
    { echo "FAILED: compat/xlat.h has no XLAT_trap_info"; exit 1; }
grep -q '^struct compat_trap_info {' "$inc/compat/arch-x86-vcpu.h" ||
    { echo "FAILED: compat/arch-x86-vcpu.h has no struct compat_trap_info"; exit 1; }
# the header checks covered regc's header through xen.h
grep -q 'public/xen.h$' "$inc/headers.chk" ||
    { echo "FAILED: headers.chk did not check xen.h"; exit 1; }
echo "ok: compat headers, xlat.h and $(cat "$inc"/headers*.chk | wc -l) header checks"

# COMPAT off: no 32-bit PV, no HVM (each selects COMPAT).
step clean make -C xen clean
sed -i -e 's/^CONFIG_HVM=y$/# CONFIG_HVM is not set/' \
       -e 's/^CONFIG_PV32=y$/# CONFIG_PV32 is not set/' xen/.config
step olddefconfig make -C xen olddefconfig
if grep -q '^CONFIG_COMPAT=y' xen/.config; then
    echo "FAILED: CONFIG_COMPAT is still set with HVM=n PV32=n"
    exit 1
fi
step build-nocompat make -C xen -j"$JOBS"
[ ! -e "$inc/compat/arch-x86-vcpu.h" ] ||
    { echo "FAILED: compat headers were generated with COMPAT off"; exit 1; }
[ -s xen/xen ] || { echo "FAILED: no xen/xen"; exit 1; }
echo "ok: COMPAT=n hypervisor"
