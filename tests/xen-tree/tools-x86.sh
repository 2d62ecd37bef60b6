#!/bin/sh
# SPDX-License-Identifier: MIT
# The x86 toolstack of an integrated Xen 4.22.0 tree: the foreign headers
# (tools/include/xen-foreign, which mkheader.py makes from the public
# headers, regc's among them, and checks against reference.size), then the
# objects that use x86 vCPU state: libxenctrl's, libxenguest's PV save,
# restore, build and core dump, libxl's x86 part, gdbsx and xenctx. Then
# every sub-register name Xen gives the toolstack, in -ansi, on both ABIs.
. "$(dirname "$0")/lib.sh"

integrated_tree
# Integrating again changes nothing; a tree whose x86 headers were
# edited since Xen 4.22.0 is refused, and left as it was.
step reintegrate sh -c '"$1" "$2" | grep -qx "xen-integrate: already integrated, nothing to change"' \
    sh "$PROJECT/scripts/xen-integrate" "$XEN"
unpack "$WORK/edited"
edited=$WORK/edited/xen-4.22.0
sed -i 's/uint16_t ss, _pad2\[3\];/uint16_t ss, _padX[3];/' "$edited/xen/include/public/arch-x86/xen-x86_64.h"
before=$(cd "$edited" && find . -type f | LC_ALL=C sort | xargs cksum | cksum)
if "$PROJECT/scripts/xen-integrate" "$edited" >"$WORK/refuse.log" 2>&1 ||
   ! grep -q 'xen-x86_64.h: cpu_user_regs moved' "$WORK/refuse.log" ||
   [ "$(cd "$edited" && find . -type f | LC_ALL=C sort | xargs cksum | cksum)" != "$before" ]; then
    echo "FAILED: an edited xen-x86_64.h was not refused, or the tree was changed"
    cat "$WORK/refuse.log"
    exit 1
fi
echo "ok: refuses an edited tree and changes nothing"
rm -rf "$WORK/edited"
cd "$XEN"

# shellcheck disable=SC2086
step configure $TOOLS_CONFIGURE
step tools-include make -C tools/include
for abi in x86_32 x86_64; do
    grep -q "^struct vcpu_guest_context_$abi {" "tools/include/xen-foreign/$abi.h" ||
        { echo "FAILED: xen-foreign/$abi.h has no vcpu_guest_context_$abi"; exit 1; }
done
step libxenctrl make -C tools/libs/ctrl xc_domain.o xc_pagetab.o
step libxenguest make -C tools/libs/guest xg_dom_x86.o xg_sr_save_x86_pv.o \
    xg_sr_restore_x86_pv.o xg_sr_common_x86_pv.o xg_core.o xg_core_x86.o xg_resume.o
step libxl make -C tools/libs/light libxl_x86.o
step gdbsx make -C tools/debugger/gdbsx/xg xg_main.o
step xenctx make -C tools/xentrace xenctx.o

for m in 64 32; do
    step "aliases-ansi-m$m" gcc -m$m -ansi -Wall -Werror -ffreestanding -D__XEN_TOOLS__ \
        -I xen/include/public -fsyntax-only "$PROJECT/tests/xen-tree/x86-aliases.c"
done
