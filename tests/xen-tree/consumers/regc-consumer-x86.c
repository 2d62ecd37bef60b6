/* SPDX-License-Identifier: MIT */
/*
 * A hypervisor file of Xen's x86_64 build that uses regc's outputs as Xen
 * code would, beside Xen's own headers (xen/sched.h brings Xen's struct
 * cpu_user_regs, its stack frame): the layout checks of arch-x86-vcpu.h,
 * the hypervisor's accessors, and the compat translation. The public
 * struct cpu_user_regs is struct guest_user_regs here, as in all of Xen.
 * Each function below keeps a reference to what it uses, so that the
 * object shows it was compiled.
 */
#include <xen/bug.h>
#include <xen/sched.h>
#include <xen/types.h>
#include <public/xen.h>
#include <public/arch-x86-vcpu-layout.h>
#include <asm/x86-accessors-xen.h>
#include <asm/x86-xlat.h>

int regc_consumer_check_context(const struct vcpu_guest_context *ctxt, const char **member);
int regc_consumer_regs_to_compat(cpu_user_regs_compat_t *dst, const struct guest_user_regs *src,
                                 const char **member);
unsigned long regc_consumer_frame_ip(const struct cpu_user_regs *frame);

/* 0, or -EINVAL with the member whose reserved bits or padding are wrong. */
int regc_consumer_check_context(const struct vcpu_guest_context *ctxt, const char **member)
{
    x86_features_t f;
    struct x86_check_failure why;
    int rc;

    x86_features_clear(&f);
    rc = vcpu_guest_context_check(ctxt, &f, &why);
    if ( rc && member )
        *member = why.member;
    return rc;
}

/* A 64-bit vCPU's registers as a 32-bit guest lays them out. */
int regc_consumer_regs_to_compat(cpu_user_regs_compat_t *dst, const struct guest_user_regs *src,
                                 const char **member)
{
    return xlat_cpu_user_regs_to_compat(dst, src, member);
}

/* Xen's own frame keeps its own name. */
unsigned long regc_consumer_frame_ip(const struct cpu_user_regs *frame)
{
    return frame->rip;
}

/* The bodies stay in the object, for the test to find. */
static const void *const regc_consumer_uses[] __used = {
    (const void *)vcpu_guest_context_check,
    (const void *)xlat_cpu_user_regs_to_compat,
};
