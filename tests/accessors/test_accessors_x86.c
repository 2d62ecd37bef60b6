/* SPDX-License-Identifier: MIT */
/*
 * The generated x86 struct checks, on an x86_64 host: padding inside an
 * array of structs (vcpu_guest_context.trap_ctxt[256]) and inside arrays,
 * each reported with its index.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "x86-accessors-tools.h"

static struct vcpu_guest_context c;
static x86_features_t f;

/* Starts every test from a valid context: all zero. */
static int zero_context(void **state)
{
    (void)state;
    memset(&c, 0, sizeof(c));
    x86_features_clear(&f);
    return 0;
}

static void test_good_context(void **state)
{
    (void)state;
    struct x86_check_failure why = {NULL, 0, {0}};
    c.trap_ctxt[3].vector = 3;
    c.trap_ctxt[3].address = 0xffff800000001000ul;
    assert_int_equal(vcpu_guest_context_check(&c, &f, &why), 0);
    assert_null(why.member);
}

/* trap_info._pad0 exists on x86_64 only; every element is checked. */
static void test_pad_in_an_array_element(void **state)
{
    (void)state;
    static const unsigned elements[] = {0, 3, 17, 255};
    for (size_t i = 0; i < sizeof(elements) / sizeof(elements[0]); i++) {
        struct x86_check_failure why = {NULL, 0, {0}};
        char expected[32];
        zero_context(NULL);
        c.trap_ctxt[elements[i]]._pad0 = 0x5a;
        assert_int_equal(vcpu_guest_context_check(&c, &f, &why), -EINVAL);
        snprintf(expected, sizeof(expected), "trap_ctxt[%u]._pad0", elements[i]);
        assert_string_equal(why.member, expected);
        assert_int_equal(why.bits, 0x5a);
        /* without why, the same answer */
        assert_int_equal(vcpu_guest_context_check(&c, &f, NULL), -EINVAL);
    }
}

/* An array of padding names the element too. */
static void test_pad_array_element(void **state)
{
    (void)state;
    struct x86_check_failure why = {NULL, 0, {0}};
    c.user_regs._pad5[2] = 0x8000;
    assert_int_equal(vcpu_guest_context_check(&c, &f, &why), -EINVAL);
    assert_string_equal(why.member, "user_regs._pad5[2]");
    assert_int_equal(why.bits, 0x8000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_good_context, zero_context),
        cmocka_unit_test_setup(test_pad_in_an_array_element, zero_context),
        cmocka_unit_test_setup(test_pad_array_element, zero_context),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
