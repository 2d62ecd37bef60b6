/* SPDX-License-Identifier: MIT */
/*
 * Every semantic check, each on the smallest spec that trips it and on one
 * that must pass. Positions are asserted because users jump to them.
 */
#include "support.h"

#include "checks.h"

#include <string.h>

static void check(const char *text, const char *id, unsigned line, unsigned col)
{
    struct compiled c;
    compile_with_arch(&c, text);
    assert_diag(&c, id, line, col);
    compiled_free(&c);
}

static void clean(const char *text)
{
    struct compiled c;
    compile_with_arch(&c, text);
    assert_clean(&c);
    compiled_free(&c);
}

static void test_arch_missing(void **state)
{
    (void)state;
    struct compiled c;
    compile_text(&c, "feature F;\n");
    assert_diag(&c, "arch-missing", 1, 1);
    /* nothing that needs the arch runs, so no noise follows */
    assert_int_equal(c.diags.errors, 1);
    compiled_free(&c);
}

static void test_arch_duplicate(void **state)
{
    (void)state;
    struct compiled c;
    struct buf b = {0};
    buf_puts(&b, TEST_ARCH);
    buf_puts(&b, "arch other { }\n");
    compile_text(&c, b.data);
    unsigned line = 1;
    for (const char *p = TEST_ARCH; *p; p++)
        line += *p == '\n';
    assert_diag(&c, "arch-duplicate", line, 6);
    compiled_free(&c);
    buf_free(&b);
}

static void test_abi_facts(void **state)
{
    (void)state;
    struct compiled c;
    compile_text(&c, "arch a {\n  abi x { type u8 size 1; type u32 size 3; type u16 size 2 align 3; }\n}\n");
    assert_diag(&c, "abi-missing-fact", 2, 7);
    assert_diag(&c, "abi-missing-type", 2, 7);
    assert_diag(&c, "abi-invalid-type", 2, 32);
    assert_diag(&c, "abi-invalid-type", 2, 49);
    compiled_free(&c);
    compile_text(&c, "arch a {\n  abi x { endian little; predicate \"1\"; type u8 size 2; }\n}\n");
    assert_diag(&c, "abi-invalid-type", 2, 46);
    assert_non_null(strstr(diag_message(&c, "abi-invalid-type"), "8 bits wide"));
    compiled_free(&c);
}

static void test_duplicate_name(void **state)
{
    (void)state;
    check("feature F;\nfeature F;\n", "duplicate-name", 2, 9);
    check("register R : 8 xen { A 0; A 1; res0 rest; }\n", "duplicate-name", 1, 27);
    check("struct s guest { u32 a; u64 a; }\n", "duplicate-name", 1, 29);
    check("struct u32 guest { u32 a; }\n", "duplicate-name", 1, 8);
    /* a name in two namespaces that share C's macro space */
    check("const A_b xen = 1;\nflags A xen { b 0; }\n", "macro-collision", 2, 15);
    check("register R : 8 xen { RESET 0; res0 rest; }\nconst R_RESET_SHIFT xen = 1;\n",
          "macro-collision", 1, 22);
    check("register R : 8 xen { M 1:0 enum { SHIFT = 1 }; res0 rest; }\n", "macro-collision", 1, 35);
    /* anonymous unions put their members in the enclosing scope */
    check("struct s guest { u32 a; union { u32 a; u16 b; }; }\n", "duplicate-name", 1, 37);
    /* per-ABI variants are not duplicates, overlapping ABIs are */
    clean("struct s guest only(w32) { u32 a; }\nstruct s guest only(w64) { u64 a; }\n");
    check("struct s guest only(w32) { u32 a; }\nstruct s guest { u64 a; }\n", "duplicate-name", 2, 8);
    /* an alias name may repeat when the views it appears in never meet */
    clean("struct s guest { u64 rax | u64 eax only(guest) | u32 eax only(tools); }\n");
    check("struct s guest { u64 rax | u64 eax | u32 eax only(tools); }\n", "duplicate-name", 1, 42);
}

static void test_unresolved_name(void **state)
{
    (void)state;
    check("struct s guest { uint32_t a; }\n", "unresolved-name", 1, 18);
    check("struct s guest { u64 cpsr : SPSR; }\n", "unresolved-name", 1, 29);
    check("struct s tools(dom) { u32 a; }\n", "unresolved-name", 1, 16);
    check("struct s guest { u32 a | u16 b only(w16); }\n", "unresolved-name", 1, 37);
    check("const A xen = B;\n", "unresolved-name", 1, 15);
    check("register R : 8 xen { M 1:0 enum { X = 1 }; res0 rest; }\nconst A xen = R.M.Y;\n",
          "unresolved-name", 2, 19);
    check("struct a guest { u32 x; }\nstruct b guest { union a y; }\n", "wrong-kind", 2, 18);
    check("struct b guest { pointer y; }\n", "wrong-kind", 1, 18);
    check("struct b guest { handle y; }\n", "syntax", 1, 25);
    struct compiled c;
    compile_with_arch(&c, "struct s guest { u32 a; }\nstruct t guest { S x; }\n");
    assert_diag(&c, "unresolved-name", 2, 18);
    assert_non_null(strstr(c.diags.items[0].notes[0].message, "'s'"));
    compiled_free(&c);
}

static void test_feature_checks(void **state)
{
    (void)state;
    check("register R : 8 xen { A 0 if FEAT_X; res0 rest; }\n", "feature-undeclared", 1, 29);
    check("feature A requires B;\n", "feature-undeclared", 1, 20);
    check("feature A requires B;\nfeature B requires C;\nfeature C requires A;\n", "feature-cycle", 3, 20);
    clean("feature A requires B;\nfeature B;\nregister R : 8 xen { X 0 if A; Y 1 if B else res1; res0 rest; }\n");
}

static void test_visibility(void **state)
{
    (void)state;
    check("struct s { u32 a; }\n", "missing-visibility", 1, 8);
    check("const A guest since 0x40000 until 0x30000 = 1;\n", "invalid-visibility", 1, 35);
    check("struct t tools(d) { u32 a; }\ninterface d version 1;\nstruct s guest { t x; }\n",
          "visibility-leak", 3, 18);
    check("struct t xen { u32 a; }\ninterface d version 1;\nstruct s tools(d) { t x; }\n",
          "visibility-leak", 3, 21);
    /* a guest struct newer than its user would leave old guests without it */
    check("struct t guest since 0x40000 { u32 a; }\nstruct s guest { t x; }\n", "visibility-leak", 2, 18);
    clean("struct t guest { u32 a; }\ninterface d version 1;\nstruct s tools(d) { t x; }\n");
    /* blocks give a default */
    clean("interface d version 1;\ntools(d) { struct t { u32 a; } const C = 1; }\n");
}

static void test_conditions(void **state)
{
    (void)state;
    check("struct s guest { only(tools) u32 a; }\n", "invalid-condition", 1, 18);
    check("struct s guest only(w32) { only(w64) u32 a; }\n", "invalid-condition", 1, 28);
    check("const A guest only(tools) = 1;\n", "invalid-condition", 1, 15);
}

static void test_register_bits(void **state)
{
    (void)state;
    check("register R : 48 xen { res0 rest; }\n", "register-width", 1, 14);
    check("register R : 8 xen { A 1:3; res0 rest; }\n", "field-bits", 1, 24);
    check("register R : 8 xen { A 8; res0 rest; }\n", "field-outside", 1, 24);
    check("register R : 8 xen { A 3:0; B 4:3; res0 rest; }\n", "field-overlap", 1, 31);
    check("register R : 8 xen { A 3:0; res0 7:3; }\n", "field-overlap", 1, 34);
    check("register R : 8 xen { A 3:0; res0 6:5; }\n", "field-uncovered", 1, 10);
    /* one bad field does not hide another */
    struct compiled c;
    compile_with_arch(&c, "register R : 8 xen { A 1:3; B 9; C 5:4; D 4; res0 rest; }\n");
    assert_diag(&c, "field-bits", 1, 24);
    assert_diag(&c, "field-outside", 1, 31);
    assert_diag(&c, "field-overlap", 1, 43);
    assert_int_equal(diag_count(&c, "field-uncovered"), 0);
    compiled_free(&c);
    /* the uncovered bits are named as ranges */
    compile_with_arch(&c, "register R : 32 xen { A 3:0; B 7; }\n");
    assert_string_equal(diag_message(&c, "field-uncovered"),
                        "register 'R' does not account for bits 31:8, 6:4");
    compiled_free(&c);
    /* the reserved kinds are distinct, and rest fills what is left */
    compile_with_arch(&c, "register R : 16 xen { A 0; res1 1; raz 2; unknown 3; res0 rest; }\n");
    assert_clean(&c);
    struct reg *r = find_reg(c.spec, "R");
    assert_int_equal(r->kind_mask[BITS_RES1].lo, 0x2);
    assert_int_equal(r->kind_mask[BITS_RAZ].lo, 0x4);
    assert_int_equal(r->kind_mask[BITS_UNKNOWN].lo, 0x8);
    assert_int_equal(r->kind_mask[BITS_RES0].lo, 0xfff0);
    compiled_free(&c);
    /* 128-bit registers */
    compile_with_arch(&c, "register R : 128 xen { HI 127:64; res0 rest; }\n");
    assert_clean(&c);
    r = find_reg(c.spec, "R");
    assert_true(r->kind_mask[BITS_FIELD].hi == ~0ull && r->kind_mask[BITS_FIELD].lo == 0);
    compiled_free(&c);
}

static void test_like(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c, "register A : 16 xen { X 3:0; Y 15; res0 rest; }\n"
                          "register B : 16 xen like A;\n");
    assert_clean(&c);
    struct reg *b = find_reg(c.spec, "B");
    assert_int_equal(b->nfields, 2);
    assert_int_equal(b->kind_mask[BITS_RES0].lo, 0x7ff0);
    compiled_free(&c);
    check("register A : 16 xen { res0 rest; }\nregister B : 32 xen like A;\n", "register-width", 2, 14);
    check("register B : 16 xen like Q;\n", "unresolved-name", 1, 26);
    check("register A : 16 xen { res0 rest; }\nregister B : 16 xen like A;\nregister C : 16 xen like B;\n",
          "wrong-kind", 3, 26);
    /* an error in the borrowed fields is reported once, where they are */
    compile_with_arch(&c, "register A : 8 xen { X 3:0; Y 3; res0 rest; }\nregister B : 8 xen like A;\n");
    assert_int_equal(diag_count(&c, "field-overlap"), 1);
    compiled_free(&c);
}

static void test_enums_and_resets(void **state)
{
    (void)state;
    check("register R : 8 xen { M 1:0 reset 4; res0 rest; }\n", "reset-too-wide", 1, 34);
    check("register R : 8 xen { M 1:0 enum { A = 4 }; res0 rest; }\n", "enum-too-wide", 1, 39);
    /* duplicate values are found whatever their spelling */
    check("register R : 8 xen { M 3:0 enum { A = 0b0101, B = 0x5 }; res0 rest; }\n",
          "enum-duplicate-value", 1, 51);
    check("register R : 8 xen { M 3:0 enum { A = 1, A = 2 }; res0 rest; }\n", "duplicate-name", 1, 42);
}

static void test_structure_shapes(void **state)
{
    (void)state;
    check("struct s guest { u32 a[0]; }\n", "invalid-array", 1, 24);
    check("struct s guest { u8 a[100000][100000]; }\n", "invalid-array", 1, 31);
    check("struct s guest { aligned(3) u32 a; }\n", "invalid-align", 1, 26);
    check("struct s guest { u32 a[2] | u16 b; }\n", "alias-invalid", 1, 33);
    check("struct a guest { b x; }\nstruct b guest { a y; }\n", "recursive-type", 2, 18);
    /* through a handle is fine: that is a pointer */
    clean("struct a guest { handle(a) next; u32 v; }\n");
}

static void test_register_slots(void **state)
{
    (void)state;
    const char *reg = "register R : 64 xen { HI 40; LO 3:0; res0 rest; }\n"
                      "register Q : 64 xen { LO 3:0; res0 rest; }\n";
    char buf[512];
    snprintf(buf, sizeof(buf), "%sstruct s guest { u32 slot : R; }\n", reg);
    check(buf, "register-slot-too-narrow", 3, 22);
    snprintf(buf, sizeof(buf), "%sstruct s guest { u32 slot : R truncate; }\n", reg);
    check(buf, "register-slot-too-narrow", 3, 22); /* truncate cannot drop defined fields */
    snprintf(buf, sizeof(buf), "%sstruct s guest { u32 slot : Q; }\n", reg);
    check(buf, "register-slot-narrow", 3, 22);
    snprintf(buf, sizeof(buf), "%sstruct s guest { u32 slot : Q truncate; }\n", reg);
    clean(buf);
    snprintf(buf, sizeof(buf), "%sstruct s guest { u64 slot : Q truncate; }\n", reg);
    check(buf, "truncate-unneeded", 3, 31);
    snprintf(buf, sizeof(buf), "%sstruct s guest { s64 slot : Q; }\n", reg);
    check(buf, "register-slot-type", 3, 18);
    /* ulong is 32 bits on one ABI: the slot is judged by its narrowest */
    snprintf(buf, sizeof(buf), "%sstruct s guest { ulong slot : R; }\n", reg);
    check(buf, "register-slot-too-narrow", 3, 24);

    struct compiled c;
    compile_with_arch(&c, "register R : 64 xen { DSSBS 44; X 47:46; res0 rest; }\n"
                          "struct s guest { u32 sctlr : R; }\n");
    assert_string_equal(diag_message(&c, "register-slot-too-narrow"),
                        "32-bit member 'sctlr' cannot hold R.DSSBS at bit 44, R.X at bits 47:46");
    compiled_free(&c);
}

static void test_constants(void **state)
{
    (void)state;
    check("const A xen = 0x80000000;\n", "const-overflow", 1, 15);
    check("const A : u32 xen = -1;\n", "const-overflow", 1, 21);
    check("const A : u64 xen = 1 << 64;\n", "const-overflow", 1, 26);
    check("const A xen = 4 / (2 - 2);\n", "const-divide-by-zero", 1, 19);
    check("const A xen = B;\nconst B xen = A;\n", "const-cycle", 2, 15);
    check("const A : pointer xen = 1;\n", "wrong-kind", 1, 11);
    check("flags F xen { a 31; }\n", "flag-bit-range", 1, 17);
    clean("flags F : u32 xen { a 31; }\nconst A : s32 xen = -1;\n");
    /* ulong is as narrow as its narrowest ABI */
    check("const A : ulong xen = 0x100000000;\n", "const-overflow", 1, 23);
    struct compiled c;
    compile_with_arch(&c, "register R : 8 xen { M 2:0 enum { EL1h = 5 }; res0 rest; }\n"
                          "const K : u32 xen = (R.M.EL1h << 4) | 0x1c0 ;\n");
    assert_clean(&c);
    struct const_decl *k = c.spec->consts.items[0];
    assert_int_equal(k->value, 0x1d0);
    compiled_free(&c);
}

static void test_verbatim(void **state)
{
    (void)state;
    check("verbatim xen \"\"\"struct foo {\n int a; };\"\"\";\n", "verbatim-layout", 1, 1);
    clean("verbatim xen \"#define set_xen_guest_handle(hnd, val) do { } while (0)\";\n");
    clean("verbatim xen \"#define H(n, t) typedef union { t *p; } h_ ## n\";\n");
}

static void test_layout_checks(void **state)
{
    (void)state;
    check("struct s guest { u32 a; u64 b; }\n", "implicit-hole", 1, 29);
    check("struct s guest { u64 a; u32 b; }\n", "implicit-hole", 1, 8);
    clean("struct s guest { u64 a; u32 b; pad u32 _pad0; }\n");
    check("struct s guest { u32 a | u64 b; }\n", "alias-too-wide", 1, 30);
    check("struct s guest { u32 a | u16 b @3; }\n", "alias-too-wide", 1, 30);
    check("struct s guest { }\n", "empty-aggregate", 1, 8);

    struct compiled c;
    const char *differs = "struct s guest { u32 a; ulong b; }\n";
    struct buf b = {0};
    buf_puts(&b, differs);
    buf_puts(&b, TEST_ARCH_SAME);
    compile_text(&c, b.data);
    assert_diag(&c, "abi-layout-differs", 1, 31);
    assert_string_equal(diag_message(&c, "abi-layout-differs"),
                        "layout of 's' differs between ABIs: member 'b' is at offset 4 (size 4) on w32 "
                        "but at offset 8 (size 8) on w64");
    compiled_free(&c);
    buf_free(&b);
}

static void test_warning_policy(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c, "struct s guest { u32 a; u64 b; }\n");
    assert_int_equal(c.diags.errors, 0);
    assert_int_equal(c.diags.warnings, 1);
    compiled_free(&c);
}

static void test_table_names_are_ids(void **state)
{
    (void)state;
    /* every check reports under its own name, and names are unique */
    for (size_t i = 0; i < check_count(); i++) {
        const struct check *a = check_at(i);
        assert_int_not_equal(diag_id_lookup(diag_id_name(a->id)), DIAG_COUNT);
        for (size_t j = 0; j < i; j++)
            assert_int_not_equal(check_at(j)->id, a->id);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arch_missing),
        cmocka_unit_test(test_arch_duplicate),
        cmocka_unit_test(test_abi_facts),
        cmocka_unit_test(test_duplicate_name),
        cmocka_unit_test(test_unresolved_name),
        cmocka_unit_test(test_feature_checks),
        cmocka_unit_test(test_visibility),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_register_bits),
        cmocka_unit_test(test_like),
        cmocka_unit_test(test_enums_and_resets),
        cmocka_unit_test(test_structure_shapes),
        cmocka_unit_test(test_register_slots),
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_verbatim),
        cmocka_unit_test(test_layout_checks),
        cmocka_unit_test(test_warning_policy),
        cmocka_unit_test(test_table_names_are_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
