/* SPDX-License-Identifier: MIT */
/*
 * A toolstack file (libxc style) that uses regc's toolstack outputs where
 * the integration puts them, tools/include/xen-tools/, with the public
 * headers as a toolstack includes them, from tools/include/xen/.
 */
#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen-tools/x86-accessors-tools.h>

int regc_tools_check_context(const struct vcpu_guest_context *ctxt);

int regc_tools_check_context(const struct vcpu_guest_context *ctxt)
{
    x86_features_t f;

    x86_features_clear(&f);
    return vcpu_guest_context_check(ctxt, &f, NULL);
}
