/* SPDX-License-Identifier: MIT */
/*
 * A toolstack file (libxc style) that uses regc's toolstack outputs where
 * the integration puts them, tools/include/xen-tools/, with the public
 * headers as a toolstack includes them, from tools/include/xen/: the
 * accessors, and the translation from domctl 0x13's vcpu_guest_context.
 */
#include <stddef.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen-tools/arm-accessors-tools.h>
#include <xen-tools/arm-xlat.h>

int regc_tools_from_v13(struct vcpu_guest_context *dst, const struct vcpu_guest_context_v13 *src,
                        const char **member);

int regc_tools_from_v13(struct vcpu_guest_context *dst, const struct vcpu_guest_context_v13 *src,
                        const char **member)
{
    arm_features_t f;
    int rc = xlat_vcpu_guest_context_from_v13(dst, src, member);

    arm_features_clear(&f);
    return rc ? rc : vcpu_guest_context_check(dst, &f, NULL);
}
