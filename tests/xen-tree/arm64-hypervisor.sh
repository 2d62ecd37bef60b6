#!/bin/sh
# SPDX-License-Identifier: MIT
# The arm64 hypervisor, built from an integrated tree with regc's
# arch-arm.h, and Xen's own checks of its public headers forced on (they
# run only when the target and the build arch match): headers.chk
# (-ansi), headers99.chk (-std=c99) and headers++.chk (g++, -D__XEN_TOOLS__),
# which check arch-arm.h through xen.h. Xen's asm/system.h includes
# arch-arm.h without xen.h and uses PSR_IRQ_MASK, so the build also proves
# the header stands on its own.
. "$(dirname "$0")/lib.sh"
integrated_tree
cd "$XEN"
fail() { echo "FAILED: $*"; exit 1; }

public=xen/include/public/arch-arm.h
cmp -s "$PROJECT/generated/arch-arm.h" "$public" || fail "$public is not regc's after integration"

step defconfig $ARM64_MAKE defconfig
step build $ARM64_MAKE -j"$JOBS"

# what was built is an arm64 hypervisor
file xen/xen-syms | grep -q 'ELF 64-bit LSB executable, ARM aarch64' ||
    fail "xen/xen-syms is not an aarch64 executable: $(file xen/xen-syms)"
[ -s xen/xen ] || fail "no xen/xen image"
# the build kept regc's header (its own regc rewrites it from the specs)
cmp -s "$PROJECT/generated/arch-arm.h" "$public" || fail "$public differs from generated/ after the build"

# Each check lists the headers it compiled, xen.h (which includes
# arch-arm.h on arm) among them; a check that did not run leaves no file.
for chk in headers.chk headers99.chk headers++.chk; do
    f=xen/include/$chk
    [ -f "$f" ] || fail "$chk did not run"
    echo "ok: $chk: $(wc -l <"$f") headers"
done
for chk in headers.chk headers++.chk; do
    grep -q '/public/xen\.h$' "xen/include/$chk" || fail "$chk did not check xen.h"
done
[ "$(wc -l <xen/include/headers.chk)" -ge 50 ] || fail "headers.chk checked fewer headers than Xen has"
[ "$(wc -l <xen/include/headers++.chk)" -ge 50 ] || fail "headers++.chk checked fewer headers than Xen has"
echo "ok: the arm64 hypervisor builds, and Xen's header checks pass on regc's arch-arm.h"
