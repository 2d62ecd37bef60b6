/* SPDX-License-Identifier: MIT */
/*
 * Feature numbers given in the spec, with gaps (tests/accessors/gapped.reg:
 * 0, 3, 64 and 130, declared in another order): the enumerators have the
 * numbers, the set has a bit for every number up to the highest, and
 * adding a feature sets its own bit and its requirements' and makes
 * their fields defined, whatever word the bit is in.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "gapped-accessors-tools.h"

static void test_enumerators_are_the_numbers(void **state)
{
    (void)state;
    assert_int_equal(GAP_FEAT_ALONE, 0);
    assert_int_equal(GAP_FEAT_BASE, 3);
    assert_int_equal(GAP_FEAT_MID, 64);
    assert_int_equal(GAP_FEAT_LATE, 130);
    /* the highest number plus one, not the four features */
    assert_int_equal(GAP_FEATURE_COUNT, 131);
    /* three words hold bit 130 */
    assert_int_equal(sizeof(((gap_features_t *)0)->w), 3 * sizeof(uint64_t));
}

static void test_empty_set(void **state)
{
    (void)state;
    gap_features_t f;
    gap_features_clear(&f);
    for (unsigned i = 0; i < GAP_FEATURE_COUNT; i++)
        assert_false(gap_features_has(&f, (enum gap_feature)i));
    /* B, L and A reserved as RES0, M as RES1 */
    assert_int_equal(gap_ctrl_res0(&f), 0xfffffffau);
    assert_int_equal(gap_ctrl_res1(&f), 0x4u);
}

/* The highest number, in the third word, brings the one in the second
 * word and that one the one in the first. */
static void test_add_across_words(void **state)
{
    (void)state;
    gap_features_t f;
    gap_features_clear(&f);
    gap_features_add(&f, GAP_FEAT_LATE);
    for (unsigned i = 0; i < GAP_FEATURE_COUNT; i++)
        assert_int_equal(gap_features_has(&f, (enum gap_feature)i), i == 3 || i == 64 || i == 130);
    assert_int_equal(f.w[0], UINT64_C(1) << 3);
    assert_int_equal(f.w[1], UINT64_C(1));
    assert_int_equal(f.w[2], UINT64_C(1) << 2);
    /* B, M and L defined; A still reserved */
    assert_int_equal(gap_ctrl_res0(&f), 0xffffff08u);
    assert_int_equal(gap_ctrl_res1(&f), 0u);
    assert_true(gap_ctrl_valid(0x000000f7u, &f));
    assert_false(gap_ctrl_valid(0x00000100u, &f));
}

static void test_add_first_number(void **state)
{
    (void)state;
    gap_features_t f;
    gap_features_clear(&f);
    gap_features_add(&f, GAP_FEAT_ALONE);
    assert_true(gap_features_has(&f, GAP_FEAT_ALONE));
    assert_false(gap_features_has(&f, GAP_FEAT_BASE));
    assert_int_equal(f.w[0], UINT64_C(1));
    assert_int_equal(f.w[1], 0);
    assert_int_equal(f.w[2], 0);
    assert_int_equal(gap_ctrl_res0(&f), 0xfffffefau);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_enumerators_are_the_numbers),
        cmocka_unit_test(test_empty_set),
        cmocka_unit_test(test_add_across_words),
        cmocka_unit_test(test_add_first_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
