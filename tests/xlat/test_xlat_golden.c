/* SPDX-License-Identifier: MIT */
/*
 * The golden translation header (tests/golden/xlat), run on an x86_64
 * host in the hypervisor's view: unions picked by a member's declared
 * values, by position and by a parameter; handles through hooks, called
 * once; reserved members carried and pad members cleared; a slot split
 * between two members. Built twice: on its own, and after a stand-in for
 * Xen's <xen/compat.h> (REGC_WITH_XEN_COMPAT), whose handle macros the
 * header must use rather than clash with.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

/* what Xen's public xen.h gives the constants of the golden spec */
#define xen_mk_uint(x) x##U
#ifdef REGC_WITH_XEN_COMPAT
#include <xen/compat.h>
#endif
#include "xlat-xlat.h"
#include "xlat-test.h"

/* Identical layouts: CHECK_NAME, once in a C file, compiles. */
CHECK_same;
CHECK_page;

/* ---- the handle hooks, counted ------------------------------------------ */

static unsigned hook_calls;
static int hook_result;

int xlat_handle_page_t_to_compat(COMPAT_HANDLE(page_t) *dst, const XEN_GUEST_HANDLE(page_t) *src)
{
    hook_calls++;
    dst->c = (uint32_t)(uintptr_t)src->p;
    return hook_result;
}

int xlat_handle_page_t_from_compat(XEN_GUEST_HANDLE(page_t) *dst, const COMPAT_HANDLE(page_t) *src)
{
    hook_calls++;
    dst->p = (page_t *)(uintptr_t)src->c;
    return hook_result;
}

static void clear(void)
{
    hook_calls = 0;
    hook_result = 0;
}

/* ---- unions ----------------------------------------------------------------- */

/* event.u: EVENT_ADDR and 3 pick addr, EVENT_PORT picks port. */
static void test_member_selector_values(void **state)
{
    static const uint32_t addr_kinds[] = {EVENT_ADDR, 3};
    struct event n, back;
    struct compat_event c;
    const char *member = NULL;
    (void)state;
    clear();
    for (size_t k = 0; k < 2; k++) {
        memset(&n, 0, sizeof(n));
        n.kind = addr_kinds[k];
        n.u.addr = 0xfeedf00du;
        assert_int_equal(xlat_event_to_compat(&c, &n, &member), 0);
        assert_int_equal(c.kind, addr_kinds[k]);
        assert_int_equal(c.u.addr, 0xfeedf00du);
        assert_int_equal(xlat_event_from_compat(&back, &c, &member), 0);
        assert_memory_equal(&back, &n, sizeof(n));
        /* the alternative it picks is checked: addr is narrower there */
        n.u.addr = UINT64_C(0x100000000);
        assert_int_equal(xlat_event_to_compat(&c, &n, &member), -ERANGE);
        assert_string_equal(member, "u.addr");
    }
    memset(&n, 0, sizeof(n));
    n.kind = EVENT_PORT;
    n.u.port = 0x1234;
    assert_int_equal(xlat_event_to_compat(&c, &n, &member), 0);
    assert_int_equal(c.u.port, 0x1234);
    /* the rest of the union is zero, not the low half of an address */
    assert_int_equal(c.u.addr, 0x1234);
    assert_int_equal(xlat_event_from_compat(&back, &c, &member), 0);
    assert_int_equal(back.u.addr, 0x1234);
}

/* A value that picks no alternative is refused, naming the union, both
 * ways, and dst is cleared. */
static void test_unknown_selector_value(void **state)
{
    static const uint32_t unknown[] = {0, 1, 4, 6, EVENT_ADDR + 0x100};
    struct event n;
    struct compat_event c;
    (void)state;
    clear();
    for (size_t k = 0; k < sizeof(unknown) / sizeof(unknown[0]); k++) {
        const char *member = NULL;
        memset(&n, 0, sizeof(n));
        n.kind = unknown[k];
        memset(&c, 0xaa, sizeof(c));
        assert_int_equal(xlat_event_to_compat(&c, &n, &member), -ERANGE);
        assert_string_equal(member, "u");
        assert_true(all_zero(&c, sizeof(c)));
        member = NULL;
        memset(&c, 0, sizeof(c));
        c.kind = unknown[k];
        memset(&n, 0xaa, sizeof(n));
        assert_int_equal(xlat_event_from_compat(&n, &c, &member), -ERANGE);
        assert_string_equal(member, "u");
        assert_true(all_zero(&n, sizeof(n)));
    }
}

/* legacy.v declares no values: which is the alternative's position. */
static void test_position_selector(void **state)
{
    struct legacy n;
    struct compat_legacy c;
    const char *member = NULL;
    (void)state;
    memset(&n, 0, sizeof(n));
    n.which = 0;
    n.v.addr = UINT64_C(0x100000000);
    assert_int_equal(xlat_legacy_to_compat(&c, &n, &member), -ERANGE);
    assert_string_equal(member, "v.addr");
    n.v.addr = 0x8000;
    assert_int_equal(xlat_legacy_to_compat(&c, &n, &member), 0);
    assert_int_equal(c.v.addr, 0x8000);
    n.which = 1;
    n.v.addr = UINT64_C(0xffffffff00001234);
    assert_int_equal(xlat_legacy_to_compat(&c, &n, &member), 0);
    assert_int_equal(c.v.port, 0x1234);
    n.which = 2;
    assert_int_equal(xlat_legacy_to_compat(&c, &n, &member), -ERANGE);
    assert_string_equal(member, "v");
}

/* op.arg is picked by the caller's cmd: OP_MAP is frame, else count. */
static void test_parameter_selector(void **state)
{
    struct op n, back;
    struct compat_op c;
    const char *member = NULL;
    (void)state;
    memset(&n, 0, sizeof(n));
    n.arg.frame = UINT64_C(0x1234500000);
    n.done = 3;
    assert_int_equal(xlat_op_to_compat(&c, &n, OP_MAP, &member), -ERANGE);
    assert_string_equal(member, "arg.frame");
    /* any other command: count, which is 32 bits on both sides */
    assert_int_equal(xlat_op_to_compat(&c, &n, 0, &member), 0);
    assert_int_equal(c.arg.count, 0x34500000u);
    assert_int_equal(c.done, 3);
    assert_int_equal(xlat_op_to_compat(&c, &n, 0xffffffffu, &member), 0);
    n.arg.frame = 0x12345;
    assert_int_equal(xlat_op_to_compat(&c, &n, OP_MAP, &member), 0);
    assert_int_equal(c.arg.frame, 0x12345);
    assert_int_equal(xlat_op_from_compat(&back, &c, OP_MAP, &member), 0);
    assert_memory_equal(&back, &n, sizeof(n));
    /* read as count, only the low 32 bits of the union cross */
    c.arg.frame = 0x9abc;
    assert_int_equal(xlat_op_from_compat(&back, &c, 1, &member), 0);
    assert_int_equal(back.arg.frame, 0x9abc);
}

/* ---- handles ---------------------------------------------------------------- */

static void good_event(struct event *n)
{
    memset(n, 0, sizeof(*n));
    n->kind = EVENT_PORT;
    n->pages.p = (page_t *)(uintptr_t)0x1000;
}

/* A value out of range found by the fast pass sends the function to its
 * report pass, which names it; the hook has run once, not twice. */
static void test_hook_runs_once(void **state)
{
    struct event n, back;
    struct compat_event c;
    const char *member = NULL;
    (void)state;
    clear();
    good_event(&n);
    assert_int_equal(xlat_event_to_compat(&c, &n, &member), 0);
    assert_int_equal(hook_calls, 1);
    assert_int_equal(c.pages.c, 0x1000);
    assert_int_equal(xlat_event_from_compat(&back, &c, &member), 0);
    assert_int_equal(hook_calls, 2);
    assert_memory_equal(&back, &n, sizeof(n));

    static const struct { const char *member; size_t offset, size; uint64_t value; } cases[] = {
#define CASE(name, designator, value) \
    {name, offsetof(struct event, designator), sizeof(((struct event *)0)->designator), (uint64_t)(value)},
        xlat_event_to_compat_CHECKS(CASE)
#undef CASE
    };
    for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
        good_event(&n);
        put_le(&n, cases[k].offset, cases[k].size, cases[k].value);
        clear();
        assert_int_equal(xlat_event_to_compat(&c, &n, &member), -ERANGE);
        assert_string_equal(member, cases[k].member);
        assert_int_equal(hook_calls, 1);
    }
    /* r.eax is accumulated, not tested on the spot: this one goes through
     * the report pass */
    assert_string_equal(cases[0].member, "r.eax");

    /* a hook that fails fails the translation, naming the handle */
    good_event(&n);
    clear();
    hook_result = -1;
    memset(&c, 0x55, sizeof(c));
    assert_int_equal(xlat_event_to_compat(&c, &n, &member), -ERANGE);
    assert_string_equal(member, "pages");
    assert_true(all_zero(&c, sizeof(c)));
    assert_int_equal(hook_calls, 1);
}

/* ---- padding ---------------------------------------------------------------- */

/* `reserved` is padding that may become a field: translated as data, so
 * a non-zero value crosses (and is checked where it narrows); `pad` is
 * cleared in dst whatever src holds. */
static void test_reserved_copied_pad_cleared(void **state)
{
    struct regs n, back;
    struct compat_regs c;
    const char *member = NULL;
    (void)state;
    memset(&n, 0, sizeof(n));
    n.spare = 0xc0ffee;
    n._pad1 = 0xdeadbeef;
    assert_int_equal(xlat_regs_to_compat(&c, &n, &member), 0);
    assert_int_equal(c.spare, 0xc0ffee);
    assert_int_equal(c._pad1, 0);
    c._pad1 = 0x5555;
    assert_int_equal(xlat_regs_from_compat(&back, &c, &member), 0);
    assert_int_equal(back.spare, 0xc0ffee);
    assert_int_equal(back._pad1, 0);
    n.spare = UINT64_C(0x100000000);
    assert_int_equal(xlat_regs_to_compat(&c, &n, &member), -ERANGE);
    assert_string_equal(member, "spare");
}

/* ---- a split slot ------------------------------------------------------------- */

/* wide's sel holds, in the hypervisor's view, narrow's sel_lo and sel_hi. */
static void test_split_slot(void **state)
{
    struct regs n, back;
    struct compat_regs c;
    const char *member = NULL;
    (void)state;
    memset(&c, 0, sizeof(c));
    c.sel_lo = 0xe019;
    c.sel_hi = 0x0819;
    assert_int_equal(xlat_regs_from_compat(&n, &c, &member), 0);
    assert_int_equal(n.sel_lo, 0xe019);
    assert_int_equal(n.sel_hi, 0x0819);
    assert_int_equal(n.sel, 0x0819e019u);
    assert_int_equal(xlat_regs_to_compat(&c, &n, &member), 0);
    assert_int_equal(c.sel_lo, 0xe019);
    assert_int_equal(c.sel_hi, 0x0819);
    assert_int_equal(xlat_regs_from_compat(&back, &c, &member), 0);
    assert_memory_equal(&back, &n, sizeof(n));
}

/* ---- layouts ---------------------------------------------------------------- */

/* The compat layouts are the narrow ABI's, whether the handles are this
 * header's or Xen's. */
static void test_layouts(void **state)
{
    (void)state;
    assert_int_equal(sizeof(COMPAT_HANDLE(page_t)), 4);
    assert_int_equal(sizeof(struct compat_regs), 28);
    assert_int_equal(offsetof(struct compat_event, pages), 12);
    assert_int_equal(offsetof(struct compat_event, r), 16);
    assert_int_equal(sizeof(struct compat_event), 56);
    assert_int_equal(sizeof(struct compat_op), 8);
#ifdef REGC_WITH_XEN_COMPAT
    /* Xen's handle, which knows its target, as copy_from_compat() needs */
    assert_true(__builtin_types_compatible_p(__typeof__(*((COMPAT_HANDLE(page_t) *)0)->_[0]),
                                             struct compat_page));
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layouts),
        cmocka_unit_test(test_member_selector_values),
        cmocka_unit_test(test_unknown_selector_value),
        cmocka_unit_test(test_position_selector),
        cmocka_unit_test(test_parameter_selector),
        cmocka_unit_test(test_hook_runs_once),
        cmocka_unit_test(test_reserved_copied_pad_cleared),
        cmocka_unit_test(test_split_slot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
