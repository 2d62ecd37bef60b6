/* SPDX-License-Identifier: MIT */
/*
 * The generated, checked xlat_vcpu_guest_context_to_compat against what
 * Xen does today for a 32-bit PV guest's context (XEN_DOMCTL_getvcpucontext,
 * arch_get_info_guest()): an unchecked field-by-field copy, scalars
 * assigned one by one (c(fld) = ...), user_regs and each trap_ctxt[] entry
 * as XLAT_cpu_user_regs and XLAT_trap_info expand, and the callback code
 * selectors from the native struct's __XEN__ union. C's conversion drops
 * the top half of every 64-bit value. Xen has no XLAT_vcpu_guest_context
 * any more (xlat.lst lists only cpu_user_regs and trap_info). Built in
 * the hypervisor's view, as Xen builds it; bench/xlat builds and runs this.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "x86-xlat.h"

#define ROUNDS 20000
#define NOINLINE __attribute__((noinline))

/* Every field assigned, narrowing by C's conversion; the pads written as
 * zero, as the generated translation leaves them. */
NOINLINE int hand_to_compat(struct compat_vcpu_guest_context *d, const struct vcpu_guest_context *s)
{
    unsigned int i;

    memcpy(&d->fpu_ctxt, &s->fpu_ctxt, sizeof(d->fpu_ctxt));
    d->flags = s->flags;
    d->user_regs.ebx = s->user_regs.rbx;
    d->user_regs.ecx = s->user_regs.rcx;
    d->user_regs.edx = s->user_regs.rdx;
    d->user_regs.esi = s->user_regs.rsi;
    d->user_regs.edi = s->user_regs.rdi;
    d->user_regs.ebp = s->user_regs.rbp;
    d->user_regs.eax = s->user_regs.rax;
    d->user_regs.error_code = s->user_regs.error_code;
    d->user_regs.entry_vector = s->user_regs.entry_vector;
    d->user_regs.eip = s->user_regs.rip;
    d->user_regs.cs = s->user_regs.cs;
    d->user_regs.saved_upcall_mask = s->user_regs.saved_upcall_mask;
    d->user_regs._pad0 = 0;
    d->user_regs.eflags = s->user_regs.rflags;
    d->user_regs.esp = s->user_regs.rsp;
    d->user_regs.ss = s->user_regs.ss;
    d->user_regs._pad1 = 0;
    d->user_regs.es = s->user_regs.es;
    d->user_regs._pad2 = 0;
    d->user_regs.ds = s->user_regs.ds;
    d->user_regs._pad3 = 0;
    d->user_regs.fs = s->user_regs.fs;
    d->user_regs._pad4 = 0;
    d->user_regs.gs = s->user_regs.gs;
    d->user_regs._pad5 = 0;
    for ( i = 0; i < 256; i++ )
    {
        d->trap_ctxt[i].vector = s->trap_ctxt[i].vector;
        d->trap_ctxt[i].flags = s->trap_ctxt[i].flags;
        d->trap_ctxt[i].cs = s->trap_ctxt[i].cs;
        d->trap_ctxt[i].address = s->trap_ctxt[i].address;
    }
    d->ldt_base = s->ldt_base;
    d->ldt_ents = s->ldt_ents;
    for ( i = 0; i < 16; i++ )
        d->gdt_frames[i] = s->gdt_frames[i];
    d->gdt_ents = s->gdt_ents;
    d->kernel_ss = s->kernel_ss;
    d->kernel_sp = s->kernel_sp;
    for ( i = 0; i < 8; i++ )
        d->ctrlreg[i] = s->ctrlreg[i];
    for ( i = 0; i < 8; i++ )
        d->debugreg[i] = s->debugreg[i];
    d->event_callback_cs = s->event_callback_cs;
    d->event_callback_eip = s->event_callback_eip;
    d->failsafe_callback_cs = s->failsafe_callback_cs;
    d->failsafe_callback_eip = s->failsafe_callback_eip;
    d->vm_assist = s->vm_assist;
    return 0;
}

NOINLINE int gen_to_compat(struct compat_vcpu_guest_context *d, const struct vcpu_guest_context *s)
{
    const char *member;
    return xlat_vcpu_guest_context_to_compat(d, s, &member);
}

static struct vcpu_guest_context native;
static struct compat_vcpu_guest_context a, b;

int main(void)
{
    unsigned char *p = (unsigned char *)&b;
    const char *member;
    int rc = 0;

    /* a context a 32-bit guest can have: random compat values, widened,
     * its callbacks in the flat ring-1 code segment (0xe019) */
    for (size_t i = 0; i < sizeof(b); i++)
        p[i] = (unsigned char)(i * 2654435761u >> 13);
    b.event_callback_cs = b.failsafe_callback_cs = 0xe019;
    b.user_regs._pad0 = b.user_regs._pad1 = b.user_regs._pad2 = 0;
    b.user_regs._pad3 = b.user_regs._pad4 = b.user_regs._pad5 = 0;
    if (xlat_vcpu_guest_context_from_compat(&native, &b, &member))
        return 1;
    for (unsigned r = 0; r < ROUNDS; r++) {
        rc |= gen_to_compat(&a, &native);
        rc |= hand_to_compat(&b, &native);
    }
    if (rc || memcmp(&a, &b, sizeof(a)) != 0) {
        fprintf(stderr, "generated and hand-written translations differ\n");
        return 1;
    }
    return 0;
}
