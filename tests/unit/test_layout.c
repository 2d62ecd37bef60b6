/* SPDX-License-Identifier: MIT */
/*
 * The layout engine against C's rules, with figures from
 * ../shared/reference/xen-layouts where Xen's structs are the example.
 * TEST_ARCH's w32 is i386-like (u64 aligned to 4 in structs, 4-byte
 * ulong), w64 is x86_64-like.
 */
#include "support.h"

#include "layout.h"

#include <stdlib.h>
#include <string.h>

static struct compiled c;

static const struct agg_layout *L(const char *agg, unsigned abi)
{
    struct aggregate *a = find_agg(c.spec, agg);
    assert_non_null(a);
    const struct agg_layout *l = agg_layout_on(a, abi);
    assert_non_null(l);
    return l;
}

static const struct member_layout *M(const char *agg, size_t i, unsigned abi)
{
    struct aggregate *a = find_agg(c.spec, agg);
    assert_true(i < a->nmembers);
    const struct member_layout *m = member_layout_on(a->members[i], abi);
    assert_non_null(m);
    return m;
}

static void assert_size(const char *agg, unsigned abi, uint64_t size, uint32_t align)
{
    assert_int_equal(L(agg, abi)->size, size);
    assert_int_equal(L(agg, abi)->align, align);
}

static void assert_member(const char *agg, size_t i, unsigned abi, uint64_t off, uint64_t size)
{
    assert_int_equal(M(agg, i, abi)->offset, off);
    assert_int_equal(M(agg, i, abi)->size, size);
}

/* Xen's trap_info: 8 bytes on x86_32, 16 on x86_64 (address at 4 / 8). */
static void test_trap_info(void **state)
{
    (void)state;
    compile_with_arch(&c, "struct trap_info guest { u8 vector; u8 flags; u16 cs; ulong address; }\n");
    assert_clean(&c);
    assert_size("trap_info", 0, 8, 4);
    assert_size("trap_info", 1, 16, 8);
    assert_member("trap_info", 3, 0, 4, 4);
    assert_member("trap_info", 3, 1, 8, 8);
    compiled_free(&c);
}

/* i386 aligns u64 to 4 inside structs; the 64-bit ABI to 8. The struct's
 * trailing padding comes from its alignment: {u64; u32} is 12 and 16. */
static void test_u64_alignment_and_tail(void **state)
{
    (void)state;
    compile_with_arch(&c, "struct s guest { u32 a; u64 b; }\n"
                          "struct t guest { u64 a; u32 b; }\n");
    assert_member("s", 1, 0, 4, 8);
    assert_member("s", 1, 1, 8, 8);
    assert_size("s", 0, 12, 4);
    assert_size("s", 1, 16, 8);
    assert_size("t", 0, 12, 4);
    assert_size("t", 1, 16, 8);
    compiled_free(&c);
}

/* AAPCS: arm32 aligns u64 to 8 inside structs as arm64 does, and its guest
 * handles are 8 bytes, 8-aligned (a union with a u64), though ulong and
 * pointers are 4. Figures from ../shared/reference/xen-layouts: a
 * {u64; u32} struct is 16 bytes on arm32 (12 on x86_32), and Xen 4.22's
 * vcpu_guest_core_regs is 312 bytes, cpsr at 256 and spsr_el1 at 264, on
 * both Arm ABIs. */
static const char ARM_ARCH[] =
    "arch arm {\n"
    "    abi arm32 { endian little; predicate \"defined(__arm__)\";\n"
    "        type u8 size 1; type u16 size 2; type u32 size 4; type u64 size 8;\n"
    "        type s8 size 1; type s16 size 2; type s32 size 4; type s64 size 8;\n"
    "        type char size 1; type ulong size 4; type pointer size 4;\n"
    "        type handle size 8 align 8; type handle64 size 8 align 8; }\n"
    "    abi arm64 { endian little; predicate \"defined(__aarch64__)\";\n"
    "        type u8 size 1; type u16 size 2; type u32 size 4; type u64 size 8;\n"
    "        type s8 size 1; type s16 size 2; type s32 size 4; type s64 size 8;\n"
    "        type char size 1; type ulong size 8; type pointer size 8;\n"
    "        type handle size 8 align 8; type handle64 size 8 align 8; }\n"
    "}\n";

static void test_arm_rules(void **state)
{
    (void)state;
    struct buf t = {0};
    buf_puts(&t, "struct s guest { u32 a; u64 b; }\n"
                 "struct tail guest { u64 a; u32 b; }\n"
                 "verbatim guest \"#define DEFINE_XEN_GUEST_HANDLE(n) int\\n#define XEN_GUEST_HANDLE(n) int\";\n"
                 "typedef u32 word_t guest handle;\n"
                 "struct h guest { u32 n; handle(word_t) p; ulong l; }\n"
                 "struct core guest {\n");
    for (int i = 0; i <= 30; i++)
        buf_printf(&t, "    u64 x%d;\n", i);
    buf_puts(&t, "    u64 pc64; u64 cpsr; u64 spsr_el1;\n"
                 "    u32 spsr_fiq; u32 spsr_irq; u32 spsr_und; u32 spsr_abt;\n"
                 "    u64 sp_el0; u64 sp_el1; u64 elr_el1;\n}\n");
    buf_puts(&t, ARM_ARCH);
    compile_text(&c, t.data);
    buf_free(&t);
    assert_clean(&c);
    for (unsigned abi = 0; abi < 2; abi++) {
        assert_member("s", 1, abi, 8, 8);
        assert_size("s", abi, 16, 8);
        assert_size("tail", abi, 16, 8);
        assert_member("h", 1, abi, 8, 8);
        assert_size("core", abi, 312, 8);
        assert_member("core", 32, abi, 256, 8);
        assert_member("core", 33, abi, 264, 8);
        assert_member("core", 40, abi, 304, 8);
    }
    /* where they differ: ulong follows the word size */
    assert_member("h", 2, 0, 16, 4);
    assert_size("h", 0, 24, 8);
    assert_member("h", 2, 1, 16, 8);
    assert_size("h", 1, 24, 8);
    compiled_free(&c);
}

/* aligned(8) is Xen's uint64_aligned_t: 8 on every ABI. */
static void test_explicit_alignment(void **state)
{
    (void)state;
    compile_with_arch(&c, "struct s guest { u32 a; aligned(8) u64 b; }\n"
                          "typedef aligned(8) u64 u64a guest;\n"
                          "struct t guest { u32 a; u64a b; }\n"
                          "struct w guest { u8 a; aligned(16) u8 b[3]; }\n");
    for (unsigned abi = 0; abi < 2; abi++) {
        assert_member("s", 1, abi, 8, 8);
        assert_size("s", abi, 16, 8);
        assert_member("t", 1, abi, 8, 8);
        assert_member("w", 1, abi, 16, 3);
        assert_size("w", abi, 32, 16);
    }
    compiled_free(&c);
}

static void test_explicit_padding(void **state)
{
    (void)state;
    compile_with_arch(&c, "struct s guest { u16 cs; pad u16 _pad0[3]; reserved u8 _r; pad u8 _p[7]; }\n");
    assert_clean(&c);
    assert_member("s", 1, 1, 2, 6);
    assert_member("s", 2, 1, 8, 1);
    assert_size("s", 1, 16, 2);
    compiled_free(&c);
}

/* Anonymous unions and structs nest; a union is as big as its biggest
 * member, rounded to its alignment. */
static void test_nesting(void **state)
{
    (void)state;
    compile_with_arch(&c,
        "struct s guest {\n"
        "    u8 tag;\n"
        "    union {\n"
        "        u64 q;\n"
        "        struct { u8 lo; u8 hi; };\n"
        "        u8 bytes[9];\n"
        "    };\n"
        "    struct { u8 x[512]; } fpu;\n"
        "}\n");
    assert_member("s", 1, 0, 4, 12);  /* union of 9 bytes aligned 4 on w32 */
    assert_member("s", 1, 1, 8, 16);
    assert_member("s", 2, 1, 24, 512);
    assert_size("s", 1, 536, 8);
    struct aggregate *u = find_agg(c.spec, "s")->members[1]->type.inline_agg;
    const struct member_layout *inner = member_layout_on(u->members[1], 1);
    assert_int_equal(inner->offset, 0);
    assert_int_equal(inner->size, 2);
    compiled_free(&c);
}

static void test_arrays_and_handles(void **state)
{
    (void)state;
    compile_with_arch(&c,
        "verbatim guest \"#define XEN_GUEST_HANDLE(n) int\\n#define XEN_GUEST_HANDLE_64(n) int\\n"
        "#define DEFINE_XEN_GUEST_HANDLE(n) int\";\n"
        "struct e guest { u8 v; u8 f; u16 cs; ulong addr; }\n"
        "typedef struct e e_t guest handle;\n"
        "struct s guest { e traps[256]; ulong gdt[16]; handle(e_t) h; handle64(e_t) h64; }\n");
    assert_member("s", 0, 0, 0, 2048);
    assert_member("s", 0, 1, 0, 4096);
    assert_member("s", 1, 0, 2048, 64);
    assert_member("s", 2, 0, 2112, 4);
    assert_member("s", 3, 0, 2120, 8); /* handle64 is aligned 8 even on w32 */
    assert_size("s", 0, 2128, 8);
    assert_int_equal(M("s", 0, 1)->elem_size, 16);
    compiled_free(&c);
}

/* Aliases share their slot's offset, plus their own byte offset. */
static void test_aliases(void **state)
{
    (void)state;
    compile_with_arch(&c, "struct r guest { u32 pad0; u64 rax | u32 eax | u8 al | u8 ah @1; }\n");
    struct aggregate *r = find_agg(c.spec, "r");
    struct member *rax = r->members[1];
    assert_int_equal(alias_layout_on(rax->aliases[0], 1)->offset, 8);
    assert_int_equal(alias_layout_on(rax->aliases[2], 1)->offset, 9);
    assert_int_equal(alias_layout_on(rax->aliases[2], 0)->offset, 5);
    assert_int_equal(alias_layout_on(rax->aliases[2], 0)->size, 1);
    compiled_free(&c);
}

/* Per-ABI variants: x86's cpu_user_regs is 68 bytes on x86_32 and 200 on
 * x86_64; a struct that contains it picks the variant of each ABI. */
static void test_variants(void **state)
{
    (void)state;
    compile_with_arch(&c,
        "struct regs guest only(w32) { u32 r[17]; }\n"
        "struct regs guest only(w64) { u64 r[25]; }\n"
        "struct ctx guest { ulong flags; regs user_regs; only(w64) u64 fs_base; }\n");
    assert_clean(&c);
    assert_size("regs", 0, 68, 4);
    assert_member("ctx", 1, 0, 4, 68);
    assert_member("ctx", 1, 1, 8, 200);
    assert_null(member_layout_on(find_agg(c.spec, "ctx")->members[2], 0));
    assert_member("ctx", 2, 1, 208, 8);
    assert_size("ctx", 0, 72, 4);
    assert_size("ctx", 1, 216, 8);
    compiled_free(&c);
}

/* An empty struct is 0 bytes in GNU C; it is reported (empty-aggregate),
 * and laid out as C would. */
static void test_empty(void **state)
{
    (void)state;
    compile_with_arch(&c, "struct e guest { }\nstruct s guest { u64 a; e arch; }\n");
    assert_size("e", 1, 0, 1);
    assert_size("s", 1, 8, 8);
    compiled_free(&c);
    /* deliberately empty: a zero-length padding member, and no warning */
    compile_with_arch(&c, "struct e guest { pad u8 _pad[0]; }\nstruct s guest { u64 a; e arch; }\n");
    assert_int_equal(c.diags.len, 0);
    assert_size("e", 1, 0, 1);
    assert_size("s", 1, 8, 8);
    compiled_free(&c);
}

/* Typedefs are laid out once per ABI, through chains of any length, and
 * aligned(N) anywhere on the chain raises the alignment. */
static void test_typedefs(void **state)
{
    (void)state;
    compile_with_arch(&c, "typedef aligned(8) u64 u64a guest;\ntypedef u64a mine guest;\n"
                          "struct s guest { u32 a; mine b; }\n");
    assert_clean(&c);
    assert_member("s", 1, 0, 8, 8);
    assert_size("s", 0, 16, 8);
    struct typedef_decl *mine = c.spec->typedefs.items[1];
    assert_int_equal(mine->layouts[0].size, 8);
    assert_int_equal(mine->layouts[0].align, 8);
    compiled_free(&c);
    /* a typedef cycle lays nothing out, and the struct that uses it fails */
    compile_with_arch(&c, "typedef b a guest;\ntypedef a b guest;\nstruct s guest { a x; }\n");
    assert_int_equal(c.diags.errors, 1);
    assert_true(find_agg(c.spec, "s")->failed & LAYOUT_FAILED_BIT);
    compiled_free(&c);
}

/* Declared with each link before its user (reverse), a chain is in an
 * order C accepts; the other way round, C needs every link but the first
 * declared one moved, and says so once each. A struct chain also holds
 * structs deeper by value than translations and struct checks go: every
 * struct past the limit is told so. Neither stops the layout. */
static void assert_chain_errors(const struct compiled *cc, int reverse, bool structs)
{
    size_t order = 0, deep = 0;
    for (size_t i = 0; i < cc->diags.len; i++) {
        order += cc->diags.items[i].id == DIAG_DECLARATION_ORDER;
        deep += cc->diags.items[i].id == DIAG_NESTING_TOO_DEEP;
    }
    assert_int_equal(order, reverse ? 0 : CHAIN - 1);
    assert_int_equal(deep, structs ? CHAIN + 1 - REGC_MAX_VALUE_NESTING : 0);
    assert_int_equal(cc->diags.errors, order + deep);
}

/* A containment chain of 100,000 structs, and one of typedefs, declared
 * in either order: laid out without the C stack, and right. */
static void test_long_chains(void **state)
{
    (void)state;
    for (int reverse = 0; reverse < 2; reverse++) {
        char *t;
        CHAIN_TEXT(t, "struct st100000 guest { u8 x; u16 y; }\n", CHAIN, 0, reverse, "",
                   "struct st%u guest { st%u x; }\n", i, next);
        compile_with_arch(&c, t);
        assert_chain_errors(&c, reverse, true);
        assert_size("st0", 1, 4, 2);
        assert_size("st99999", 0, 4, 2);
        compiled_free(&c);
        free(t);
        CHAIN_TEXT(t, "typedef aligned(8) u32 t100000 guest;\n", CHAIN, 0, reverse, "struct s guest { u8 a; t0 x; }\n",
                   "typedef t%u t%u guest;\n", next, i);
        compile_with_arch(&c, t);
        assert_chain_errors(&c, reverse, false);
        assert_member("s", 1, 0, 8, 4);
        assert_size("s", 0, 16, 8);
        compiled_free(&c);
        free(t);
    }
}

/* Every hole layout_holes() gives, into out (room for max). */
static size_t holes_of(const struct aggregate *agg, unsigned abi, struct layout_hole *out, size_t max)
{
    size_t n = 0;
    struct layout_hole h;
    struct layout_holes it = layout_holes(agg, abi);
    while (layout_hole_next(&it, &h)) {
        assert_true(n < max);
        out[n++] = h;
    }
    /* and, once done, stays done */
    assert_false(layout_hole_next(&it, &h));
    return n;
}

/* The holes a struct leaves between members and after the last, which the
 * implicit-hole check reports, the layout report shows and a translation
 * clears: found in one place, so they must be exactly C's. */
static void test_holes(void **state)
{
    (void)state;
    compile_with_arch(&c, "struct h guest { u8 a; u64 b; u8 c; }\n"
                          "union u guest { u8 a; u32 b; u8 c[5]; }\n"
                          "struct n guest { u32 a; struct { u8 x; u16 y; } in; }\n"
                          "struct f guest { u32 a; u32 b; }\n");
    struct aggregate *h = find_agg(c.spec, "h");
    struct layout_hole out[4];
    /* w32 aligns u64 to 4: a 3-byte hole before b, 3 bytes of tail */
    assert_int_equal(holes_of(h, 0, out, 4), 2);
    assert_int_equal(out[0].offset, 1);
    assert_int_equal(out[0].size, 3);
    assert_ptr_equal(out[0].before, h->members[1]);
    assert_int_equal(out[1].offset, 13);
    assert_int_equal(out[1].size, 3);
    assert_null(out[1].before);
    /* w64 to 8: 7 and 7 */
    assert_int_equal(holes_of(h, 1, out, 4), 2);
    assert_int_equal(out[0].offset, 1);
    assert_int_equal(out[0].size, 7);
    assert_int_equal(out[1].offset, 17);
    assert_int_equal(out[1].size, 7);
    /* a union's only hole is past its largest member: 5 of 8 bytes */
    struct aggregate *u = find_agg(c.spec, "u");
    assert_int_equal(holes_of(u, 0, out, 4), 1);
    assert_int_equal(out[0].offset, 5);
    assert_int_equal(out[0].size, 3);
    assert_null(out[0].before);
    /* the nested struct's own hole (after x) is its own, not the outer's */
    struct aggregate *n = find_agg(c.spec, "n");
    assert_int_equal(holes_of(n, 1, out, 4), 0);
    assert_int_equal(holes_of(n->members[1]->type.inline_agg, 1, out, 4), 1);
    assert_int_equal(out[0].offset, 1);
    assert_int_equal(out[0].size, 1);
    assert_int_equal(holes_of(find_agg(c.spec, "f"), 1, out, 4), 0);
    compiled_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_trap_info),
        cmocka_unit_test(test_u64_alignment_and_tail),
        cmocka_unit_test(test_arm_rules),
        cmocka_unit_test(test_explicit_alignment),
        cmocka_unit_test(test_explicit_padding),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_arrays_and_handles),
        cmocka_unit_test(test_aliases),
        cmocka_unit_test(test_variants),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_typedefs),
        cmocka_unit_test(test_long_chains),
        cmocka_unit_test(test_holes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
