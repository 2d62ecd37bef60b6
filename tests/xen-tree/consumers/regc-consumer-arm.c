/* SPDX-License-Identifier: MIT */
/*
 * A hypervisor file of Xen's arm64 build that uses regc's outputs as Xen
 * code would: the layout checks of arch-arm.h, the register macros
 * (which asm/processor.h now takes from <public/arm-regs.h>) and the
 * hypervisor's accessors, beside Xen's own headers. Each function below
 * keeps a reference to the accessors it uses, so that the object shows
 * they were compiled.
 */
#include <xen/bug.h>
#include <xen/types.h>
#include <asm/processor.h>
#include <public/xen.h>
#include <public/arch-arm-layout.h>
#include <public/arm-regs.h>
#include <asm/arm-accessors-xen.h>

int regc_consumer_check_context(const struct vcpu_guest_context *ctxt, const char **member);
uint64_t regc_consumer_ips(uint64_t tcr);

/* 0, or -EINVAL with the member whose reserved bits are wrong. */
int regc_consumer_check_context(const struct vcpu_guest_context *ctxt, const char **member)
{
    arm_features_t f;
    struct arm_check_failure why;
    int rc;

    arm_features_clear(&f);
    arm_features_add(&f, ARM_FEAT_LPA2);
    rc = vcpu_guest_context_check(ctxt, &f, &why);
    if ( rc && member )
        *member = why.member;
    return rc;
}

/* TCR_EL1.IPS, through the accessor and through Xen's own macros, which
 * now come from the spec: the two must agree. */
uint64_t regc_consumer_ips(uint64_t tcr)
{
    uint64_t ips = tcr_el1_get_ips(tcr);

    ASSERT(ips == (tcr & TCR_EL1_IPS_MASK) >> TCR_EL1_IPS_SHIFT);
    return tcr_el1_set_ips(tcr, ips) ^ tcr;
}

/* The accessors' bodies stay in the object, for the test to find. */
static const void *const regc_consumer_uses[] __used = {
    (const void *)vcpu_guest_context_check,
    (const void *)tcr_el1_get_ips,
    (const void *)tcr_el1_set_ips,
};
