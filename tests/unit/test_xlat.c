/* SPDX-License-Identifier: MIT */
/*
 * The translation planner: which structs have the same bytes on two ABIs,
 * how members pair up (by name, or through an alias), which conversions
 * need a range check, and what must be zero because the other side cannot
 * hold it.
 */
#include "support.h"

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

/* Compiles text with the compat arch after it, so that lines and columns
 * are the text's. */
static void compile_compat_any(const char *text)
{
    char *all = xmalloc(strlen(text) + sizeof(COMPAT_ARCH));
    strcpy(all, text);
    strcat(all, COMPAT_ARCH);
    compile_text(&c, all);
    free(all);
}

static void compile_compat(const char *text)
{
    compile_compat_any(text);
    assert_clean(&c);
}

/* Compiles text that must have an error with this id, at line:col, whose
 * message has the given words in it. */
#define assert_compat_error(text, id, line, col, words)                        \
    do {                                                                       \
        compile_compat_any(text);                                              \
        assert_diag(&c, id, line, col);                                        \
        if (!strstr(diag_message(&c, id), words))                              \
            fail_msg("'%s' is not in: %s", words, diag_message(&c, id));       \
        compiled_free(&c);                                                     \
    } while (0)

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

/* A typedef chain of any length ends at its type: once, classify() gave
 * up after 16 and called the member untranslatable. */
static void test_long_typedef_chain(void **state)
{
    (void)state;
    struct buf t = {0};
    buf_puts(&t, "typedef ulong t40 guest;\n");
    for (int i = 39; i >= 0; i--)
        buf_printf(&t, "typedef t%d t%d guest;\n", i + 1, i);
    buf_puts(&t, "struct s guest { t0 a; ulong b; }\n");
    compile_compat(t.data);
    buf_free(&t);
    struct xlat_plan to = plan("s", 0, "s", 1);
    assert_int_equal(to.steps.len, 2);
    assert_int_equal(step(&to, 0)->kind, XS_NARROW);
    assert_int_equal(step(&to, 0)->max, 0xffffffffu);
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

/* A union whose layouts differ needs a selector: the error names it, at
 * the member, by its path. */
static void test_undeclared_selector_names_the_union(void **state)
{
    (void)state;
    assert_compat_error("struct event guest {\n"
                        "    u32 kind;\n"
                        "    pad u32 _pad0;\n"
                        "    union {\n"
                        "        ulong addr;\n"
                        "        u32 port;\n"
                        "    } u;\n"
                        "}\n",
                        "xlat-union-selector", 7, 7, "union 'u' differs between w32 and w64");
    /* deeper down, by its whole path */
    assert_compat_error("struct inner guest { u32 kind; union { ulong addr; u32 port; } sel; }\n"
                        "struct outer guest { u32 a; pad u32 _pad0; inner in; }\n",
                        "xlat-union-selector", 1, 64, "union 'sel'");
}

/* What can be wrong with a union's selector, each by name. */
static void test_selector_errors(void **state)
{
    (void)state;
    assert_compat_error("struct e guest { u32 kind; pad u32 _pad0; union select(knd) { ulong a; u32 b; } u; }\n",
                        "xlat-selector-invalid", 1, 56, "'knd' is not an integer member of the struct "
                                                        "that holds union 'u'");
    assert_compat_error("struct e guest { union select(cmd : e2) { ulong a; u32 b; } u; }\n"
                        "struct e2 guest { u32 x; }\n",
                        "xlat-selector-invalid", 1, 37, "has type 'e2', which is not an integer type");
    assert_compat_error("struct e guest { union select(src : u32) { ulong a; u32 b; } u; }\n",
                        "xlat-selector-invalid", 1, 31, "has a name the translation functions use");
    assert_compat_error("struct e guest { union select(cmd : u32) { if (1, 2) ulong a; if (2) u32 b; } u; }\n",
                        "xlat-selector-invalid", 1, 67, "selector value 2 of union 'u' picks 'a' and 'b'");
    assert_compat_error("const K : u32 guest = 4;\n"
                        "struct e guest { union select(cmd : u32) { if (K) ulong a; if (4) u32 b; } u; }\n",
                        "xlat-selector-invalid", 2, 64, "selector value 4 of union 'u' picks 'a' and 'b'");
    assert_compat_error("struct e guest { union select(cmd : u32) { else ulong a; else u32 b; } u; }\n",
                        "xlat-selector-invalid", 1, 58, "second 'else'");
    assert_compat_error("struct e guest { union select(cmd : u32) { if (1) ulong a; u32 b; } u; }\n",
                        "xlat-selector-invalid", 1, 64, "alternative 'b' of union 'u' says no selector value");
    assert_compat_error("struct e guest { u32 kind; if (1) u32 b; }\n",
                        "xlat-selector-invalid", 1, 28, "'b' is not an alternative of a union with select");
    assert_compat_error("struct e guest { union select(cmd : u32) { if (NOPE) ulong a; u32 b; } u; }\n",
                        "unresolved-name", 1, 48, "unknown constant 'NOPE'");
}

/* Declared values: each alternative's, and else; a parameter selector
 * becomes a parameter of the plan. */
static void test_selector_values_and_parameter(void **state)
{
    (void)state;
    compile_compat("const MAP : u32 guest = 7;\n"
                   "struct e guest { union select(cmd : u16) { if (MAP, 9) ulong a; else u32 b; } u; }\n");
    struct xlat_plan to = plan("e", 0, "e", 1);
    assert_int_equal(to.params.len, 1);
    const struct xlat_param *q = to.params.items[0];
    assert_string_equal(q->name, "cmd");
    assert_int_equal(q->type, BT_U16);
    const struct xlat_step *sw = NULL, *first = NULL, *second = NULL, *end = NULL;
    for (size_t i = 0; i < to.steps.len; i++) {
        const struct xlat_step *s = step(&to, i);
        if (s->kind == XS_SWITCH)
            sw = s;
        else if (s->kind == XS_CASE)
            *(first ? &second : &first) = s;
        else if (s->kind == XS_END && s->member)
            end = s;
    }
    assert_non_null(sw);
    assert_string_equal(sw->src, "cmd");
    assert_int_equal(first->nvalues, 2);
    assert_int_equal(first->values[0], 7);
    assert_string_equal(first->value_names[0], "MAP");
    assert_int_equal(first->values[1], 9);
    assert_null(first->value_names[1]);
    assert_false(first->is_default);
    assert_int_equal(second->nvalues, 0);
    assert_true(second->is_default);
    /* with an else, no value fails */
    assert_true(end->has_default);
    done();
}

/* A slot of one layout that holds two members of the other, through
 * aliases (x86_64's syscall_callback_eip in the hypervisor's view): each
 * alias pairs with its member, and the plan is for that view only. */
static void test_split_slot(void **state)
{
    (void)state;
    compile_compat("struct s guest only(w32) { ulong cs_a; ulong cs_b; }\n"
                   "struct s guest only(w64) { ulong slot | u32 cs_a only(xen) | u32 cs_b @4 only(xen); }\n");
    struct xlat_plan from = plan("s", 1, "s", 0);
    assert_int_equal(from.steps.len, 2);
    assert_string_equal(step(&from, 0)->dst, "dst->cs_a");
    assert_string_equal(step(&from, 0)->src, "src->cs_a");
    assert_string_equal(step(&from, 1)->dst, "dst->cs_b");
    assert_int_equal(from.views, VIEW_XEN);
    assert_true(from.uses_aliases);
    struct xlat_plan to = plan("s", 0, "s", 1);
    assert_int_equal(to.steps.len, 2);
    assert_int_equal(step(&to, 0)->kind, XS_COPY);
    assert_string_equal(step(&to, 1)->src, "src->cs_b");
    assert_int_equal(to.views, VIEW_XEN);
    done();
    /* the aliases must cover the slot */
    assert_compat_error("struct s guest only(w32) { ulong cs_a; ulong cs_b; }\n"
                        "struct s guest only(w64) { ulong slot | u16 cs_a only(xen) | u16 cs_b @4 only(xen); }\n",
                        "xlat-type-mismatch", 2, 34, "its aliases do not cover it exactly");
    /* only aliases depend on the view */
    assert_compat_error("struct s guest { only(xen) u32 x; }\n", "invalid-condition", 1, 18,
                        "member 'x' cannot depend on the view");
}

/* A longer destination array: the elements the source does not have are
 * cleared before the loop fills the rest. */
static void test_longer_dst_array(void **state)
{
    (void)state;
    compile_compat("struct s guest only(w32) { ulong v[2]; }\n"
                   "struct s guest only(w64) { ulong v[4]; }\n");
    struct xlat_plan from = plan("s", 1, "s", 0);
    assert_int_equal(step(&from, 0)->kind, XS_ZERO_DST);
    assert_string_equal(step(&from, 0)->dst, "dst->v");
    assert_int_equal(step(&from, 1)->kind, XS_LOOP);
    assert_int_equal(step(&from, 1)->count, 2);
    done();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_layout),
        cmocka_unit_test(test_narrowing_is_checked),
        cmocka_unit_test(test_long_typedef_chain),
        cmocka_unit_test(test_alias_pairing_and_zero_check),
        cmocka_unit_test(test_old_version),
        cmocka_unit_test(test_arrays),
        cmocka_unit_test(test_undeclared_selector_names_the_union),
        cmocka_unit_test(test_selector_errors),
        cmocka_unit_test(test_selector_values_and_parameter),
        cmocka_unit_test(test_split_slot),
        cmocka_unit_test(test_longer_dst_array),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
