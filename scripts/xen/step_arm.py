# SPDX-License-Identifier: MIT
"""Integration step: Arm's public header.

xen/include/public/arch-arm.h becomes regc's generated/arch-arm.h, whole:
the same identifiers, integer values and C types, structs and layouts as
Xen's (tests/xen checks them), with constants that need nothing defined
before them, since Xen's asm/system.h includes it without xen.h. Nothing
else of Xen's changes for it: xen.h includes it by the same name, and the
toolstack's xen-foreign/mkheader.py reads it as it reads Xen's.

The hypervisor build rewrites the same file from the specs (step_build);
installing it here gives a toolstack-only build the same header. The file
is replaced only if it is Xen 4.22.0's own (pristine.sha256) or already
regc's: anything else is refused by StagedTree.install.
"""

ARCH_ARM_H = "xen/include/public/arch-arm.h"


def integrate(tree):
    tree.install_generated(ARCH_ARM_H, "arch-arm.h")
