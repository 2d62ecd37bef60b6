# SPDX-License-Identifier: MIT
"""Integration step: the outputs beside the public headers, for the
hypervisor and for toolstacks (see the README's section on Xen).

- The layout checks go beside the public header they check, in
  xen/include/public/: they serve every view (guest, tools, hypervisor)
  and include their header as "arch-arm.h". Xen's header checks skip
  arch-* files, which are checked through xen.h.
- arm-regs.h is a public header too (register fields are architecture
  facts, for guests and toolstacks as much as for Xen). asm/processor.h
  includes it and drops its own four definitions of the same macros
  (TCR_EL1_IPS_SHIFT, TCR_EL1_IPS_MASK, TCR_EL1_TG1_SHIFT,
  TCR_EL1_TG1_MASK): one definition, from the spec, under Xen's names.
- The hypervisor-only outputs (the __XEN__ accessors, x86's compat
  translation) go to xen/arch/ARCH/include/asm/, next to the code that
  uses them, included as <asm/arm-accessors-xen.h>. They include the
  public headers as <public/xen.h> and <public/HEADER>. Not
  xen/include/compat/: `make clean` deletes it, being generated.
- The toolstack flavours go to tools/include/xen-tools/, Xen's own
  headers for its tools (included as <xen-tools/arm-xlat.h>; tools/include
  is on every toolstack's include path), and include the public headers
  as <xen/HEADER>, from tools/include/xen/, as a toolstack does.
"""


# (where in the tree, the file in generated/)
INSTALLS = [
    ("xen/include/public/arch-arm-layout.h", "arch-arm-layout.h"),
    ("xen/include/public/arch-x86-vcpu-layout.h", "arch-x86-vcpu-layout.h"),
    ("xen/include/public/arm-regs.h", "arm-regs.h"),
    ("xen/arch/arm/include/asm/arm-accessors-xen.h", "arm-accessors-xen.h"),
    ("xen/arch/x86/include/asm/x86-accessors-xen.h", "x86-accessors-xen.h"),
    ("xen/arch/x86/include/asm/x86-xlat.h", "x86-xlat.h"),
    ("tools/include/xen-tools/arm-accessors-tools.h", "arm-accessors-tools.h"),
    ("tools/include/xen-tools/x86-accessors-tools.h", "x86-accessors-tools.h"),
    ("tools/include/xen-tools/arm-xlat.h", "arm-xlat.h"),
]

PROCESSOR_H = "xen/arch/arm/include/asm/processor.h"

# asm/processor.h takes the TCR_EL1 field macros it shares with the spec
# from <public/arm-regs.h>; its own values of them are the same.
PROCESSOR_SPLICES = [
    ("#include <public/arch-arm.h>\n",
     "#include <public/arch-arm.h>\n#include <public/arm-regs.h>\n",
     "include the register header"),
    ("#define TCR_EL1_TG1_SHIFT   (30)\n"
     "#define TCR_EL1_TG1_MASK    (_AC(0x3,UL)<<TCR_EL1_TG1_SHIFT)\n",
     "/* TCR_EL1_TG1_SHIFT and TCR_EL1_TG1_MASK: <public/arm-regs.h> */\n",
     "TCR_EL1.TG1's shift and mask"),
    ("#define TCR_EL1_IPS_SHIFT   (32)\n"
     "#define TCR_EL1_IPS_MASK    (_AC(0x7,ULL)<<TCR_EL1_IPS_SHIFT)\n",
     "/* TCR_EL1_IPS_SHIFT and TCR_EL1_IPS_MASK: <public/arm-regs.h> */\n",
     "TCR_EL1.IPS's shift and mask"),
]


def installed_paths():
    """What this step puts in a tree, relative to its root."""
    return [rel for rel, _ in INSTALLS]


def integrate(tree):
    for rel, name in INSTALLS:
        tree.install_generated(rel, name)
    for old, new, what in PROCESSOR_SPLICES:
        tree.splice(PROCESSOR_H, old, new, what)
