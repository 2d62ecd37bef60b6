/* SPDX-License-Identifier: MIT */
/*
 * The translation planner: which structs have the same bytes on two ABIs,
 * how members pair up (by name, or through an alias), which conversions
 * need a range check, and what must be zero because the other side cannot
 * hold it.
 */
#include "support.h"

#include "checks.h"
#include "xlat.h"

#include <stdlib.h>
#include <string.h>

static const char COMPAT_ARCH[] =
    "arch t {\n"
    "    compat w32 for w64;\n"
    "    abi w32 { endian little; predicate \"1\"; type u8 size 1; type u16 size 2; type u32 size 4;\n"
    "        type u64 size 8 align 4; type s8 size 1; type s16 size 2; type s32 size 4;\n"
    "        type s64 size 8 align 4; type char size 1; type ulong size 4; type pointer size 4;\n"
    "        type handle size 4; type handle64 size 8 align 8; }\n"
    "    abi w64 { endian little; predicate \"1\"; type u8 size 1; type u16 size 2; type u32 size 4;\n"
    "        type u64 size 8; type s8 size 1; type s16 size 2; type s32 size 4; type s64 size 8;\n"
    "        type char size 1; type ulong size 8; type pointer size 8; type handle size 8;\n"
    "        type handle64 size 8; }\n"
    "}\n"
    "interface domctl version 0x14;\n";

static struct compiled c;
static struct arena a;

static void compile_compat(const char *text)
{
    char *all = xmalloc(strlen(text) + sizeof(COMPAT_ARCH));
    strcpy(all, text);
    strcat(all, COMPAT_ARCH);
    compile_text(&c, all);
    free(all);
    assert_clean(&c);
}

/* Plans dst (on dst_abi) <- src (on src_abi), both by name. */
static struct xlat_plan plan(const char *dst, unsigned dst_abi, const char *src, unsigned src_abi)
{
    struct aggregate *d = agg_variant_for_abi(find_agg(c.spec, dst), dst_abi);
    struct aggregate *s = agg_variant_for_abi(find_agg(c.spec, src), src_abi);
    assert_non_null(d);
    assert_non_null(s);
    struct xlat_plan p;
        xlat_plan_init(&p, &a, c.spec, dst_abi, src_abi, dst_abi != src_abi);
    xlat_plan_build(&p, d, s);
    assert_int_equal(p.problem, DIAG_COUNT);
    return p;
}

static const struct xlat_step *step(const struct xlat_plan *p, size_t i)
{
    assert_true(i < p->steps.len);
    return p->steps.items[i];
}

static void done(void)
{
    compiled_free(&c);
    arena_free(&a);
}

static void test_same_layout(void **state)
{
    (void)state;
    compile_compat("struct same guest { u32 a; u16 b; u16 c; }\n"
                   "struct trap_info guest { u8 vector; u8 flags; u16 cs; pad u32 _pad0; ulong address; }\n");
    assert_true(xlat_same_layout(c.spec, find_agg(c.spec, "same"), 0, find_agg(c.spec, "same"), 1));
    assert_false(xlat_same_layout(c.spec, find_agg(c.spec, "trap_info"), 0, find_agg(c.spec, "trap_info"), 1));
    done();
}

/* Xen's XLAT_trap_info truncates address; the plan checks it. */
static void test_narrowing_is_checked(void **state)
{
    (void)state;
    compile_compat("struct trap_info guest { u8 vector; u8 flags; u16 cs; only(w64) pad u32 _pad0; ulong address; }\n");
    struct xlat_plan to = plan("trap_info", 0, "trap_info", 1);
    assert_int_equal(to.steps.len, 4);
    assert_int_equal(step(&to, 0)->kind, XS_COPY);
    assert_int_equal(step(&to, 3)->kind, XS_NARROW);
    assert_true(step(&to, 3)->check_max);
    assert_int_equal(step(&to, 3)->max, 0xffffffffu);
    assert_string_equal(step(&to, 3)->member, "address");
    assert_string_equal(step(&to, 3)->dst, "dst->address");
    struct xlat_plan from = plan("trap_info", 1, "trap_info", 0);
    /* widening: copies, and the 64-bit padding is cleared, not copied */
    for (size_t i = 0; i < from.steps.len; i++)
        assert_int_equal(step(&from, i)->kind, i == 3 ? XS_ZERO_DST : XS_COPY);
    assert_string_equal(step(&from, 3)->dst, "dst->_pad0");
    assert_false(from.clear);
    done();
}

/* x86_32's eax is x86_64's rax, by rax's alias; r8 has no place. */
static void test_alias_pairing_and_zero_check(void **state)
{
    (void)state;
    compile_compat("struct regs guest only(w32) { u32 eax; s32 d; }\n"
                   "struct regs guest only(w64) { u64 rax | u32 eax only(tools); s64 d; u64 r8; }\n");
    struct xlat_plan to = plan("regs", 0, "regs", 1);
    assert_int_equal(to.steps.len, 3);
    assert_string_equal(step(&to, 0)->src, "src->rax");
    assert_string_equal(step(&to, 0)->dst, "dst->eax");
    assert_int_equal(step(&to, 0)->kind, XS_NARROW);
    /* signed to narrower signed: both ends of the range */
    assert_true(step(&to, 1)->check_min && step(&to, 1)->check_max);
    assert_int_equal(step(&to, 1)->min, -2147483648LL);
    assert_int_equal(step(&to, 2)->kind, XS_ZERO_CHECK);
    assert_string_equal(step(&to, 2)->member, "r8");
    struct xlat_plan from = plan("regs", 1, "regs", 0);
    assert_string_equal(step(&from, 0)->dst, "dst->rax");
    assert_int_equal(step(&from, 0)->kind, XS_COPY);
    done();
}

/* An older layout: widening is a copy, narrowing a check. */
static void test_old_version(void **state)
{
    (void)state;
    compile_compat("struct ctx tools(domctl) { u64 cpsr; u64 pc; }\n"
                   "struct ctx_v13 tools(domctl) old(ctx, 0x13) { u32 cpsr; pad u32 _pad0; u64 pc; }\n");
    struct xlat_plan to = plan("ctx_v13", 1, "ctx", 1);
    assert_int_equal(step(&to, 0)->kind, XS_NARROW);
    assert_string_equal(step(&to, 0)->member, "cpsr");
    assert_int_equal(step(&to, 1)->kind, XS_ZERO_DST);
    assert_int_equal(step(&to, 2)->kind, XS_COPY);
    struct xlat_plan from = plan("ctx", 1, "ctx_v13", 1);
    assert_int_equal(step(&from, 0)->kind, XS_COPY);
    assert_string_equal(xlat_version_tag(&a, 0x13), "v13");
    done();
}

/* Arrays of different lengths: the common part element by element, the
 * rest of the longer source must be zero. */
static void test_arrays(void **state)
{
    (void)state;
    compile_compat("struct s guest only(w32) { ulong v[2]; }\n"
                   "struct s guest only(w64) { ulong v[4]; }\n");
    struct xlat_plan to = plan("s", 0, "s", 1);
    assert_int_equal(step(&to, 0)->kind, XS_LOOP);
    assert_int_equal(step(&to, 0)->count, 2);
    assert_int_equal(step(&to, 1)->kind, XS_NARROW);
    assert_string_equal(step(&to, 1)->src, "src->v[i0]");
    assert_int_equal(step(&to, 2)->kind, XS_END);
    assert_int_equal(step(&to, 3)->kind, XS_ZERO_CHECK);
    assert_string_equal(step(&to, 3)->zero_from, "2");
    done();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_layout),
        cmocka_unit_test(test_narrowing_is_checked),
        cmocka_unit_test(test_alias_pairing_and_zero_check),
        cmocka_unit_test(test_old_version),
        cmocka_unit_test(test_arrays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
