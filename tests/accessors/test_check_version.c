/* SPDX-License-Identifier: MIT */
/*
 * A stable interface's struct whose padding became members (golden spec
 * tests/golden/layout/layout.reg, struct get_state): callers of a version
 * below the one that gave the padding a meaning had to zero it, and
 * get_state_check_version() keeps refusing anything else from them,
 * while get_state_check() and newer callers accept the members' values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "layout-accessors-tools.h"

static struct get_state st;
static g_features_t f;

static int zero_state(void **state)
{
    (void)state;
    memset(&st, 0, sizeof(st));
    g_features_clear(&f);
    return 0;
}

static void test_zero_is_valid_for_every_version(void **state)
{
    (void)state;
    assert_int_equal(get_state_check_version(&st, 0, &f, NULL), 0);
    assert_int_equal(get_state_check_version(&st, 1, &f, NULL), 0);
    assert_int_equal(get_state_check(&st, &f, NULL), 0);
}

static void test_old_caller_with_caps(void **state)
{
    (void)state;
    struct g_check_failure why = {NULL, 0, {0}};
    st.caps = 0x4;
    assert_int_equal(get_state_check_version(&st, 0, &f, &why), -EINVAL);
    assert_string_equal(why.member, "caps");
    assert_int_equal(why.bits, 0x4);
}

static void test_new_caller_with_caps(void **state)
{
    (void)state;
    st.caps = 0x4;
    assert_int_equal(get_state_check_version(&st, 1, &f, NULL), 0);
    assert_int_equal(get_state_check_version(&st, 7, &f, NULL), 0);
    assert_int_equal(get_state_check(&st, &f, NULL), 0);
}

/* an element of an array that was padding is reported with its index */
static void test_old_caller_with_a_tag(void **state)
{
    (void)state;
    struct g_check_failure why = {NULL, 0, {0}};
    st.tags[1] = 0x80;
    assert_int_equal(get_state_check_version(&st, 0, &f, &why), -EINVAL);
    assert_string_equal(why.member, "tags[1]");
    assert_int_equal(why.bits, 0x80);
    assert_int_equal(get_state_check_version(&st, 1, &f, NULL), 0);
}

/* without a version, no caller can be held to zero: it is a member */
static void test_unversioned_member_is_free(void **state)
{
    (void)state;
    st.more = 0xff;
    assert_int_equal(get_state_check_version(&st, 0, &f, NULL), 0);
}

/* the current check still runs for every version: padding stays padding */
static void test_padding_refused_for_every_version(void **state)
{
    (void)state;
    struct g_check_failure why = {NULL, 0, {0}};
    st.pad1[4] = 1;
    assert_int_equal(get_state_check_version(&st, 1, &f, &why), -EINVAL);
    assert_string_equal(why.member, "pad1[4]");
    st.pad1[4] = 0;
    st.pad0 = 2;
    assert_int_equal(get_state_check_version(&st, 0, &f, &why), -EINVAL);
    assert_string_equal(why.member, "pad0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_zero_is_valid_for_every_version, zero_state),
        cmocka_unit_test_setup(test_old_caller_with_caps, zero_state),
        cmocka_unit_test_setup(test_new_caller_with_caps, zero_state),
        cmocka_unit_test_setup(test_old_caller_with_a_tag, zero_state),
        cmocka_unit_test_setup(test_unversioned_member_is_free, zero_state),
        cmocka_unit_test_setup(test_padding_refused_for_every_version, zero_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
