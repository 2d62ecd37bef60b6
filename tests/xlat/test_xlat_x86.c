/* SPDX-License-Identifier: MIT */
/*
 * The generated x86 compat translation, run on an x86_64 host: round trips
 * with a fixed seed, refusal of every value that does not fit, and the
 * state dst is left in.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "x86-xlat.h"

static uint64_t rng_state = 0x243f6a8885a308d3ULL;

static uint64_t rng(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545f4914f6cdd1dULL;
}

static void fill_random(void *p, size_t n)
{
    unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)rng();
}

static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

/* A native context a 32-bit guest can have: every value that the compat
 * layout holds fits it, and what it cannot hold is zero. Built from a
 * random compat context, so the values are random too. */
static void random_fitting_context(struct vcpu_guest_context *n, struct compat_vcpu_guest_context *c)
{
    const char *member = NULL;
    fill_random(c, sizeof(*c));
    /* compat-only members have no home in the native layout (see docs) */
    c->event_callback_cs = 0;
    c->failsafe_callback_cs = 0;
    /* padding is not carried */
    c->user_regs._pad0 = c->user_regs._pad1 = c->user_regs._pad2 = 0;
    c->user_regs._pad3 = c->user_regs._pad4 = c->user_regs._pad5 = 0;
    assert_int_equal(xlat_vcpu_guest_context_from_compat(n, c, &member), 0);
}

static void test_trap_info_round_trip(void **state)
{
    (void)state;
    for (unsigned i = 0; i < 10000; i++) {
        struct trap_info n, back;
        struct compat_trap_info c;
        const char *member = NULL;
        memset(&n, 0, sizeof(n));
        n.vector = (uint8_t)rng();
        n.flags = (uint8_t)rng();
        n.cs = (uint16_t)rng();
        n.address = rng() & 0xffffffffu;
        assert_int_equal(xlat_trap_info_to_compat(&c, &n, &member), 0);
        assert_int_equal(c.address, n.address);
        assert_int_equal(xlat_trap_info_from_compat(&back, &c, &member), 0);
        assert_memory_equal(&back, &n, sizeof(n));
    }
}

/* Xen's XLAT_trap_info copies a 64-bit address into 32 bits. */
static void test_trap_info_address_too_wide(void **state)
{
    (void)state;
    struct trap_info n;
    struct compat_trap_info c;
    const char *member = NULL;
    memset(&n, 0, sizeof(n));
    n.vector = 14;
    n.address = UINT64_C(0x100000000);
    memset(&c, 0xaa, sizeof(c));
    assert_int_equal(xlat_trap_info_to_compat(&c, &n, &member), -ERANGE);
    assert_string_equal(member, "address");
    assert_true(all_zero(&c, sizeof(c)));
}

static void test_vcpu_guest_context_round_trip(void **state)
{
    (void)state;
    static struct vcpu_guest_context n, back;
    static struct compat_vcpu_guest_context c, c2;
    for (unsigned i = 0; i < 200; i++) {
        const char *member = NULL;
        random_fitting_context(&n, &c);
        assert_int_equal(xlat_vcpu_guest_context_to_compat(&c2, &n, &member), 0);
        assert_memory_equal(&c2, &c, sizeof(c));
        assert_int_equal(xlat_vcpu_guest_context_from_compat(&back, &c2, &member), 0);
        assert_memory_equal(&back, &n, sizeof(n));
    }
}

/* Each member that can overflow is refused by name, wherever it is. */
static void test_vcpu_guest_context_refuses_each_overflow(void **state)
{
    (void)state;
    static struct vcpu_guest_context n, bad;
    static struct compat_vcpu_guest_context c;
    static const struct {
        size_t offset, size;
        const char *member;
    } cases[] = {
        {offsetof(struct vcpu_guest_context, flags), 8, "flags"},
        {offsetof(struct vcpu_guest_context, user_regs.rax), 8, "user_regs.eax"},
        {offsetof(struct vcpu_guest_context, user_regs.rip), 8, "user_regs.eip"},
        {offsetof(struct vcpu_guest_context, user_regs.error_code), 4, "user_regs.error_code"},
        {offsetof(struct vcpu_guest_context, trap_ctxt[17].address), 8, "trap_ctxt[].address"},
        {offsetof(struct vcpu_guest_context, gdt_frames[15]), 8, "gdt_frames[]"},
        {offsetof(struct vcpu_guest_context, ctrlreg[3]), 8, "ctrlreg[]"},
        {offsetof(struct vcpu_guest_context, vm_assist), 8, "vm_assist"},
        {offsetof(struct vcpu_guest_context, user_regs.r15), 8, "user_regs.r15"},
        {offsetof(struct vcpu_guest_context, syscall_callback_eip), 8, "syscall_callback_eip"},
        {offsetof(struct vcpu_guest_context, fs_base), 8, "fs_base"},
        {offsetof(struct vcpu_guest_context, gs_base_user), 8, "gs_base_user"},
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        const char *member = NULL;
        random_fitting_context(&n, &c);
        bad = n;
        /* set the top bit of the member: beyond what 32 (or 16) bits hold */
        ((unsigned char *)&bad)[cases[k].offset + cases[k].size - 1] |= 0x80;
        memset(&c, 0x55, sizeof(c));
        assert_int_equal(xlat_vcpu_guest_context_to_compat(&c, &bad, &member), -ERANGE);
        assert_non_null(member);
        assert_string_equal(member, cases[k].member);
        assert_true(all_zero(&c, sizeof(c)));
    }
}

static void test_from_compat_refuses_what_native_cannot_hold(void **state)
{
    (void)state;
    static struct vcpu_guest_context n;
    static struct compat_vcpu_guest_context c;
    const char *member = NULL;
    random_fitting_context(&n, &c);
    c.event_callback_cs = 0xe019;
    assert_int_equal(xlat_vcpu_guest_context_from_compat(&n, &c, &member), -ERANGE);
    assert_string_equal(member, "event_callback_cs");
}

static void test_compat_layout(void **state)
{
    (void)state;
    /* the x86_32 sizes, compiled in a 64-bit build */
    assert_int_equal(sizeof(struct compat_cpu_user_regs), 68);
    assert_int_equal(sizeof(struct compat_trap_info), 8);
    assert_int_equal(sizeof(struct compat_vcpu_guest_context), 2800);
    assert_int_equal(offsetof(struct compat_vcpu_guest_context, user_regs), 516);
    assert_int_equal(sizeof(struct compat_arch_vcpu_info), 24);
    assert_int_equal(sizeof(struct compat_arch_shared_info), 28);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compat_layout),
        cmocka_unit_test(test_trap_info_round_trip),
        cmocka_unit_test(test_trap_info_address_too_wide),
        cmocka_unit_test(test_vcpu_guest_context_round_trip),
        cmocka_unit_test(test_vcpu_guest_context_refuses_each_overflow),
        cmocka_unit_test(test_from_compat_refuses_what_native_cannot_hold),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
