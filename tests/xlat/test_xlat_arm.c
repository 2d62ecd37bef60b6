/* SPDX-License-Identifier: MIT */
/*
 * The generated Arm version translation: vcpu_guest_context at domctl 0x13
 * (32-bit cpsr and spsr_el1) and today's. Widening always works; narrowing
 * refuses bits the old layout cannot hold. Fixed seed.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "arm-xlat.h"
#include "../rng.h"

static void random_old(struct rng *prng, struct vcpu_guest_context_v13 *o)
{
    rng_fill(prng, o, sizeof(*o));
    o->_pad0 = 0;
}

static void test_layouts(void **state)
{
    (void)state;
    assert_int_equal(sizeof(struct vcpu_guest_core_regs_v13), 304);
    assert_int_equal(sizeof(struct vcpu_guest_context_v13), 344);
    assert_int_equal(sizeof(struct vcpu_guest_core_regs), 312);
    assert_int_equal(sizeof(struct vcpu_guest_context), 352);
}

static void test_round_trip(void **state)
{
    (void)state;
    struct rng prng = {1};
    for (unsigned i = 0; i < 2000; i++) {
        struct vcpu_guest_context_v13 o, back;
        struct vcpu_guest_context n;
        const char *member = NULL;
        random_old(&prng, &o);
        assert_int_equal(xlat_vcpu_guest_context_from_v13(&n, &o, &member), 0);
        assert_int_equal(n.user_regs.cpsr, o.user_regs.cpsr);
        assert_int_equal(n.user_regs.spsr_el1, o.user_regs.spsr_el1);
        assert_int_equal(n.user_regs.x30, o.user_regs.x30);
        assert_int_equal(n.sctlr, o.sctlr);
        assert_int_equal(xlat_vcpu_guest_context_to_v13(&back, &n, &member), 0);
        assert_memory_equal(&back, &o, sizeof(o));
    }
}

/* cpsr with bit 32 set has no place in the 0x13 layout. */
static void test_to_v13_refuses_wide_cpsr(void **state)
{
    (void)state;
    struct vcpu_guest_context_v13 o;
    struct vcpu_guest_context n;
    const char *member = NULL;
    struct rng prng = {2};
    random_old(&prng, &o);
    assert_int_equal(xlat_vcpu_guest_context_from_v13(&n, &o, &member), 0);
    n.user_regs.cpsr |= UINT64_C(1) << 32;
    memset(&o, 0xaa, sizeof(o));
    assert_int_equal(xlat_vcpu_guest_context_to_v13(&o, &n, &member), -ERANGE);
    assert_string_equal(member, "user_regs.cpsr");
    for (size_t i = 0; i < sizeof(o); i++)
        assert_int_equal(((unsigned char *)&o)[i], 0);
    n.user_regs.cpsr &= 0xffffffffu;
    n.user_regs.spsr_el1 |= UINT64_C(1) << 63;
    assert_int_equal(xlat_vcpu_guest_context_to_v13(&o, &n, &member), -ERANGE);
    assert_string_equal(member, "user_regs.spsr_el1");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_to_v13_refuses_wide_cpsr),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
