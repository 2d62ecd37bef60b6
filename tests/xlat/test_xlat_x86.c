/* SPDX-License-Identifier: MIT */
/*
 * The generated x86 compat translation, run on an x86_64 host in the
 * hypervisor's view (__XEN__, with the stand-ins of tests/shim for Xen's
 * own headers), where vcpu_guest_context has Xen's union of
 * syscall_callback_eip with the compat callback code selectors. For every
 * translated struct: round trips with a fixed seed, and refusal, by name,
 * of every member the generated *_CHECKS list says can overflow.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "x86-xlat.h"
#include "xlat-test.h"
#include "../rng.h"

/* In the hypervisor's view the public struct cpu_user_regs is struct
 * guest_user_regs (Xen has a struct cpu_user_regs of its own), as in the
 * header; the translation functions keep their names. */
#define cpu_user_regs guest_user_regs

/* x86_32's flat ring-1 code selector (Xen's FLAT_RING1_CS): the CS a
 * 32-bit PV kernel runs, and registers its callbacks with. */
#define FLAT_RING1_CS 0xe019

/* ---- per struct: what a valid compat value is ------------------------ */

/* The compat members from_compat refuses unless zero (members the native
 * layout cannot hold), from its own _CHECKS list, cleared; and the pad
 * members cleared, which both directions write as zero. What is left is
 * a compat value that every translation must carry unchanged. */
#define CLEAR_CHECKED(name, designator, value) memset(&c->designator, 0, sizeof(c->designator));

static void valid_cpu_user_regs(struct compat_cpu_user_regs *c)
{
    xlat_cpu_user_regs_from_compat_CHECKS(CLEAR_CHECKED)
    c->_pad0 = 0;
    c->_pad1 = c->_pad2 = c->_pad3 = c->_pad4 = c->_pad5 = 0;
}

static void valid_trap_info(struct compat_trap_info *c)
{
    xlat_trap_info_from_compat_CHECKS(CLEAR_CHECKED)
    (void)c;
}

static void valid_vcpu_guest_context(struct compat_vcpu_guest_context *c)
{
    xlat_vcpu_guest_context_from_compat_CHECKS(CLEAR_CHECKED)
    valid_cpu_user_regs(&c->user_regs);
    for (size_t i = 0; i < 256; i++)
        valid_trap_info(&c->trap_ctxt[i]);
}

static void valid_arch_vcpu_info(struct compat_arch_vcpu_info *c)
{
    xlat_arch_vcpu_info_from_compat_CHECKS(CLEAR_CHECKED)
    memset(c->pad, 0, sizeof(c->pad));
}

static void valid_arch_shared_info(struct compat_arch_shared_info *c)
{
    xlat_arch_shared_info_from_compat_CHECKS(CLEAR_CHECKED)
    (void)c;
}

/* ---- round trips -------------------------------------------------------- */

/* For a random valid compat value c: n = from_compat(c) and
 * from_compat(to_compat(n)) == n, the native value back exactly, and
 * to_compat(n) == c. Every native value a 32-bit guest can have is such
 * an n. */
#define ROUND_TRIP(name, rounds)                                                            \
    static void test_##name##_round_trip(void **state)                                      \
    {                                                                                        \
        static struct name n, back;                                                          \
        static struct compat_##name c, c2;                                                   \
        (void)state;                                                                         \
        struct rng prng = {1};                                                               \
        for (unsigned i = 0; i < (rounds); i++) {                                            \
            const char *member = "untouched";                                                \
            rng_fill(&prng, &c, sizeof(c));                                                  \
            valid_##name(&c);                                                                \
            assert_int_equal(xlat_##name##_from_compat(&n, &c, &member), 0);                 \
            assert_int_equal(xlat_##name##_to_compat(&c2, &n, &member), 0);                  \
            assert_memory_equal(&c2, &c, sizeof(c));                                         \
            assert_int_equal(xlat_##name##_from_compat(&back, &c2, &member), 0);             \
            assert_memory_equal(&back, &n, sizeof(n));                                       \
            assert_string_equal(member, "untouched");                                        \
        }                                                                                    \
    }

ROUND_TRIP(cpu_user_regs, 10000)
ROUND_TRIP(trap_info, 10000)
ROUND_TRIP(vcpu_guest_context, 200)
ROUND_TRIP(arch_vcpu_info, 10000)
ROUND_TRIP(arch_shared_info, 10000)

/* ---- every member that can overflow ------------------------------------- */

struct refusal {
    const char *member;
    size_t offset, size;
    uint64_t value;
};

/* One case per entry of a function's _CHECKS list: the member it names,
 * where the value is, and a value it refuses. */
#define CASE_OF(type, name, designator, value) \
    {name, offsetof(type, designator), sizeof(((type *)0)->designator), (uint64_t)(value)},

#define CASE_cpu_user_regs(name, d, v) CASE_OF(struct cpu_user_regs, name, d, v)
#define CASE_trap_info(name, d, v) CASE_OF(struct trap_info, name, d, v)
#define CASE_vcpu_guest_context(name, d, v) CASE_OF(struct vcpu_guest_context, name, d, v)
#define CASE_arch_vcpu_info(name, d, v) CASE_OF(struct arch_vcpu_info, name, d, v)
#define CASE_arch_shared_info(name, d, v) CASE_OF(struct arch_shared_info, name, d, v)
#define CASE_compat_arch_shared_info(name, d, v) CASE_OF(struct compat_arch_shared_info, name, d, v)

/* Puts the refused value into a value that translates. */
static void put_value(void *value, const struct refusal *r)
{
    put_le(value, r->offset, r->size, r->value);
}

/* to_compat(n with one member out of range) is -ERANGE, names that
 * member, and leaves dst all zero (as the header documents); the same n
 * without it translates. Every case of the list is run. */
#define REFUSES_EACH(name)                                                                   \
    static void test_##name##_refuses_each_overflow(void **state)                           \
    {                                                                                        \
        static const struct refusal cases[] = {xlat_##name##_to_compat_CHECKS(CASE_##name)   \
                                               {NULL, 0, 0, 0}};                             \
        static struct name n, bad;                                                           \
        static struct compat_##name c;                                                       \
        const char *member;                                                                  \
        size_t k;                                                                            \
        (void)state;                                                                         \
        struct rng prng = {1};                                                               \
        for (k = 0; cases[k].member; k++) {                                                  \
            rng_fill(&prng, &c, sizeof(c));                                                  \
            valid_##name(&c);                                                                \
            assert_int_equal(xlat_##name##_from_compat(&n, &c, &member), 0);                 \
            bad = n;                                                                         \
            put_value(&bad, &cases[k]);                                                      \
            memset(&c, 0x55, sizeof(c));                                                     \
            member = NULL;                                                                   \
            assert_int_equal(xlat_##name##_to_compat(&c, &bad, &member), -ERANGE);           \
            assert_non_null(member);                                                         \
            assert_string_equal(member, cases[k].member);                                    \
            assert_true(all_zero(&c, sizeof(c)));                                            \
            assert_int_equal(xlat_##name##_to_compat(&c, &n, &member), 0);                   \
        }                                                                                    \
        print_message("%s: %zu members refused\n", #name, k);                                \
        assert_true(k > 0);                                                                  \
    }

REFUSES_EACH(cpu_user_regs)
REFUSES_EACH(trap_info)
REFUSES_EACH(vcpu_guest_context)
REFUSES_EACH(arch_vcpu_info)
REFUSES_EACH(arch_shared_info)

/* The other way, compat members the native layout has no place for
 * (x86_32's wc_sec_hi in arch_shared_info) must be zero. */
static void test_arch_shared_info_from_compat_refuses(void **state)
{
    static const struct refusal cases[] = {
        xlat_arch_shared_info_from_compat_CHECKS(CASE_compat_arch_shared_info){NULL, 0, 0, 0}};
    struct compat_arch_shared_info c;
    struct arch_shared_info n;
    const char *member = NULL;
    struct rng prng = {1};
    (void)state;
    assert_string_equal(cases[0].member, "wc_sec_hi");
    assert_null(cases[1].member);
    rng_fill(&prng, &c, sizeof(c));
    valid_arch_shared_info(&c);
    put_value(&c, &cases[0]);
    memset(&n, 0x55, sizeof(n));
    assert_int_equal(xlat_arch_shared_info_from_compat(&n, &c, &member), -ERANGE);
    assert_string_equal(member, "wc_sec_hi");
    assert_true(all_zero(&n, sizeof(n)));
}

/* The lists are made from the spec; these members are in them because the
 * x86_32 layout is narrower (every ulong, trap_info.address), or has no
 * place for them (r8..r15, fs_base). */
#define COUNT(name, d, v) + 1

static void test_lists_cover_the_known_overflows(void **state)
{
    static const struct refusal cases[] = {
        xlat_vcpu_guest_context_to_compat_CHECKS(CASE_vcpu_guest_context){NULL, 0, 0, 0}};
    static const char *const expected[] = {
        "flags", "user_regs.eax", "user_regs.eip", "user_regs.error_code", "user_regs.r15",
        "user_regs.r8", "trap_ctxt[].address", "gdt_frames[]", "ctrlreg[]", "debugreg[]",
        "ldt_base", "kernel_sp", "event_callback_eip", "failsafe_callback_eip", "vm_assist",
        "fs_base", "gs_base_kernel", "gs_base_user",
    };
    (void)state;
    for (size_t e = 0; e < sizeof(expected) / sizeof(expected[0]); e++) {
        int found = 0;
        for (size_t k = 0; cases[k].member; k++)
            found |= strcmp(cases[k].member, expected[e]) == 0;
        if (!found)
            fail_msg("%s is not in xlat_vcpu_guest_context_to_compat_CHECKS", expected[e]);
    }
    /* 256 trap_ctxt entries are checked up to the last one */
    for (size_t k = 0; cases[k].member; k++)
        if (strcmp(cases[k].member, "trap_ctxt[].address") == 0)
            assert_int_equal(cases[k].offset, offsetof(struct vcpu_guest_context, trap_ctxt[255].address));
    /* the callback selectors always fit: they are 32 bits on both sides */
    for (size_t k = 0; cases[k].member; k++)
        assert_true(strstr(cases[k].member, "callback_cs") == NULL);
    assert_int_equal(0 xlat_trap_info_to_compat_CHECKS(COUNT), 1);
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

/* ---- the callback code selectors ----------------------------------------- */

/* A 32-bit PV kernel's context: its callbacks in its own code segment.
 * Xen keeps the selectors in the native struct's union, where
 * arch_set_info_guest() reads c(event_callback_cs). */
static void test_callback_selectors_cross(void **state)
{
    static struct compat_vcpu_guest_context c, c2;
    static struct vcpu_guest_context n;
    const char *member = NULL;
    struct rng prng = {1};
    (void)state;
    rng_fill(&prng, &c, sizeof(c));
    valid_vcpu_guest_context(&c);
    c.event_callback_cs = FLAT_RING1_CS;
    c.event_callback_eip = 0xc0101000u;
    c.failsafe_callback_cs = FLAT_RING1_CS;
    c.failsafe_callback_eip = 0xc0102000u;
    assert_int_equal(xlat_vcpu_guest_context_from_compat(&n, &c, &member), 0);
    assert_int_equal(n.event_callback_cs, FLAT_RING1_CS);
    assert_int_equal(n.failsafe_callback_cs, FLAT_RING1_CS);
    assert_int_equal(n.event_callback_eip, 0xc0101000u);
    assert_int_equal(n.failsafe_callback_eip, 0xc0102000u);
    /* the same bytes, seen as the 64-bit syscall entry point */
    assert_int_equal(n.syscall_callback_eip, ((uint64_t)FLAT_RING1_CS << 32) | FLAT_RING1_CS);

    /* XEN_DOMCTL_getvcpucontext of a 32-bit guest: they come back */
    n.event_callback_cs = 0x0819;
    n.failsafe_callback_cs = 0x0061;
    assert_int_equal(xlat_vcpu_guest_context_to_compat(&c2, &n, &member), 0);
    assert_int_equal(c2.event_callback_cs, 0x0819);
    assert_int_equal(c2.failsafe_callback_cs, 0x0061);
    c2.event_callback_cs = c2.failsafe_callback_cs = FLAT_RING1_CS;
    assert_memory_equal(&c2, &c, sizeof(c));
}

/* ---- layouts ---------------------------------------------------------------- */

static void test_compat_layout(void **state)
{
    (void)state;
    /* the x86_32 sizes, compiled in a 64-bit build */
    assert_int_equal(sizeof(struct compat_cpu_user_regs), 68);
    assert_int_equal(sizeof(struct compat_trap_info), 8);
    assert_int_equal(sizeof(struct compat_vcpu_guest_context), 2800);
    assert_int_equal(offsetof(struct compat_vcpu_guest_context, user_regs), 516);
    assert_int_equal(offsetof(struct compat_vcpu_guest_context, event_callback_cs), 2780);
    assert_int_equal(offsetof(struct compat_vcpu_guest_context, failsafe_callback_cs), 2788);
    assert_int_equal(sizeof(struct compat_arch_vcpu_info), 24);
    assert_int_equal(sizeof(struct compat_arch_shared_info), 28);
}

/*
 * The hypervisor's view of x86_64's vcpu_guest_context. The reference
 * layouts have no __XEN__ view, so the figures come from Xen's union
 * itself: { unsigned long syscall_callback_eip; struct { unsigned int
 * event_callback_cs; unsigned int failsafe_callback_cs; }; } puts both
 * selectors where syscall_callback_eip is (5128 in the tools view of Xen
 * 4.22), the first at its offset 0 and the second 4 bytes on, each 4
 * bytes; the union is as big as the unsigned long, so the struct stays
 * 5168 bytes.
 */
static void test_xen_view_layout(void **state)
{
    (void)state;
    assert_int_equal(sizeof(struct vcpu_guest_context), 5168);
    assert_int_equal(offsetof(struct vcpu_guest_context, syscall_callback_eip), 5128);
    assert_int_equal(offsetof(struct vcpu_guest_context, event_callback_cs), 5128);
    assert_int_equal(sizeof(((struct vcpu_guest_context *)0)->event_callback_cs), 4);
    assert_int_equal(offsetof(struct vcpu_guest_context, failsafe_callback_cs), 5132);
    assert_int_equal(sizeof(((struct vcpu_guest_context *)0)->failsafe_callback_cs), 4);
    assert_int_equal(offsetof(struct vcpu_guest_context, vm_assist), 5136);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_compat_layout),
        cmocka_unit_test(test_xen_view_layout),
        cmocka_unit_test(test_cpu_user_regs_round_trip),
        cmocka_unit_test(test_trap_info_round_trip),
        cmocka_unit_test(test_vcpu_guest_context_round_trip),
        cmocka_unit_test(test_arch_vcpu_info_round_trip),
        cmocka_unit_test(test_arch_shared_info_round_trip),
        cmocka_unit_test(test_cpu_user_regs_refuses_each_overflow),
        cmocka_unit_test(test_trap_info_refuses_each_overflow),
        cmocka_unit_test(test_vcpu_guest_context_refuses_each_overflow),
        cmocka_unit_test(test_arch_vcpu_info_refuses_each_overflow),
        cmocka_unit_test(test_arch_shared_info_refuses_each_overflow),
        cmocka_unit_test(test_arch_shared_info_from_compat_refuses),
        cmocka_unit_test(test_lists_cover_the_known_overflows),
        cmocka_unit_test(test_trap_info_address_too_wide),
        cmocka_unit_test(test_callback_selectors_cross),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
