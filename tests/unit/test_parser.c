/* SPDX-License-Identifier: MIT */
/* The grammar: what each construct becomes in the model, and recovery. */
#include "support.h"

#include <string.h>

static void test_register_shape(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c,
        "feature FEAT_SSBS \"Speculative Store Bypass Safe\";\n"
        "interface domctl version 0x14;\n"
        "register SPSR_EL2 : 64 tools(domctl) \"Saved\" \" PSR\" {\n"
        "    N 31 \"Negative\";\n"
        "    SSBS 12 if FEAT_SSBS;\n"
        "    DIT 24 if FEAT_SSBS else res1 reset 1;\n"
        "    M 3:0 enum { EL0t = 0b0000, EL1h = 0b0101 \"EL1 with SP_EL1\", } reset 5;\n"
        "    res1 11, 10:9;\n"
        "    unknown 8;\n"
        "    res0 rest;\n"
        "}\n");
    assert_clean(&c);
    struct reg *r = find_reg(c.spec, "SPSR_EL2");
    assert_non_null(r);
    assert_int_equal(r->width, 64);
    assert_string_equal(r->doc, "Saved PSR");
    assert_int_equal(r->vis.kind, VIS_TOOLS);
    assert_string_equal(r->vis.iface.text, "domctl");
    assert_int_equal(r->nfields, 7);
    assert_string_equal(r->fields[0]->doc, "Negative");
    assert_string_equal(r->fields[1]->feature_decl->name.text, "FEAT_SSBS");
    assert_int_equal(r->fields[1]->absent_kind, BITS_RES0);
    assert_int_equal(r->fields[2]->absent_kind, BITS_RES1);
    assert_true(r->fields[2]->has_reset && r->fields[2]->reset == 1);
    assert_int_equal(r->fields[3]->nenums, 2);
    assert_string_equal(r->fields[3]->enums[1]->doc, "EL1 with SP_EL1");
    assert_int_equal(r->fields[4]->kind, BITS_RES1);
    assert_int_equal(r->fields[5]->msb, 10);
    assert_int_equal(r->fields[5]->lsb, 9);
    assert_int_equal(r->fields[6]->kind, BITS_UNKNOWN);
    assert_true(r->has_rest && r->rest_kind == BITS_RES0);
    compiled_free(&c);
}

static void test_struct_shape(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c,
        "register R : 64 xen { res0 rest; }\n"
        "typedef u64 xen_pfn_t guest \"a frame\";\n"
        "struct s guest \"doc\" {\n"
        "    aligned(8) u64 a | u32 lo | u8 b1 @1 only(tools);\n"
        "    u64 cpsr : R;\n"
        "    u32 narrow : R truncate;\n"
        "    pad u32 _pad0;\n"
        "    reserved u8 _res[4];\n"
        "    struct { u8 x[512]; } fpu;\n"
        "    union { u32 a32; u16 a16; };\n"
        "    only(w64) xen_pfn_t pfns[2][3];\n"
        "    handle(s) next;\n"
        "    handle64(xen_pfn_t) frames;\n"
        "    u32 flags;\n"
        "}\n");
    struct aggregate *s = find_agg(c.spec, "s");
    assert_non_null(s);
    assert_int_equal(s->nmembers, 11);
    struct member **m = s->members;
    assert_int_equal(m[0]->type.aligned, 8);
    assert_int_equal(m[0]->naliases, 2);
    assert_string_equal(m[0]->aliases[1]->name.text, "b1");
    assert_int_equal(m[0]->aliases[1]->offset, 1);
    assert_int_equal(m[0]->aliases[1]->cond.views, VIEW_TOOLS);
    assert_string_equal(m[1]->reg_decl->name.text, "R");
    assert_true(m[2]->truncate);
    assert_int_equal(m[3]->kind, MEMBER_PAD);
    assert_int_equal(m[4]->kind, MEMBER_RESERVED);
    assert_int_equal(m[5]->kind, MEMBER_AGG);
    assert_string_equal(m[5]->name.text, "fpu");
    assert_null(m[6]->name.text);
    assert_int_equal(m[6]->type.inline_agg->kind, AGG_UNION);
    assert_int_equal(m[7]->ndims, 2);
    assert_int_equal(m[7]->dims[1], 3);
    assert_int_equal(m[7]->type.cls, TC_TYPEDEF);
    assert_int_equal(m[7]->cond.abi_mask, 2);
    assert_int_equal(m[8]->type.kind, TR_HANDLE);
    assert_int_equal(m[9]->type.kind, TR_HANDLE64);
    /* a member may have a name the language uses as a keyword */
    assert_string_equal(m[10]->name.text, "flags");
    compiled_free(&c);
}

/* A slot whose register its own bits choose, narrow on purpose, with an
 * alias and a trailing comma. */
static void test_register_select(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c,
        "register A64 : 64 xen { nRW 4; M 3:0; res0 rest; }\n"
        "register A32 : 64 xen { M 4:0 enum { USR = 0x10 }; res0 rest; }\n"
        "struct s xen {\n"
        "    u32 psr : select [4] { 0: A64, 1: A32, } truncate | u16 lo \"saved PSR\";\n"
        "}\n");
    assert_clean(&c);
    struct member *m = find_agg(c.spec, "s")->members[0];
    assert_null(m->reg_decl);
    assert_non_null(m->select);
    assert_int_equal(m->select->msb, 4);
    assert_int_equal(m->select->lsb, 4);
    assert_int_equal(m->select->nalts, 2);
    assert_int_equal(m->select->alts[1]->value, 1);
    assert_string_equal(m->select->alts[1]->reg_decl->name.text, "A32");
    assert_true(m->truncate);
    assert_int_equal(m->naliases, 1);
    assert_string_equal(m->doc, "saved PSR");
    compiled_free(&c);
}

static void test_constants_and_flags(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c,
        "const A xen = (1 << 4) | 3;\n"
        "const B : u64 guest since 0x00040400 = ~0 & 0xff;\n"
        "flags VGCF : u32 xen \"vcpu flags\" { online 0 \"up\"; in_kernel 2; }\n"
        "verbatim guest \"\"\"#define X 1\n\"\"\";\n");
    assert_clean(&c);
    struct const_decl *a = c.spec->consts.items[0], *b = c.spec->consts.items[1];
    assert_int_equal(a->value, 0x13);
    assert_int_equal(b->value, 0xff);
    assert_int_equal(b->type, BT_U64);
    assert_true(b->vis.has_since && b->vis.since == 0x40400);
    struct flagset *f = c.spec->flagsets.items[0];
    assert_int_equal(f->nflags, 2);
    assert_int_equal(f->flags[1]->bit, 2);
    struct verbatim *v = c.spec->verbatims.items[0];
    assert_string_equal(v->text, "#define X 1\n");
    compiled_free(&c);
}

static void test_visibility_blocks(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c,
        "interface domctl version 1;\n"
        "tools(domctl) {\n"
        "    const A = 1;\n"
        "    const B xen = 2;\n"
        "    struct s { u32 x; }\n"
        "}\n"
        "guest until 0x40000 { const C = 3; }\n");
    assert_clean(&c);
    struct const_decl *a = c.spec->consts.items[0], *b = c.spec->consts.items[1],
                      *cc = c.spec->consts.items[2];
    assert_int_equal(a->vis.kind, VIS_TOOLS);
    assert_int_equal(b->vis.kind, VIS_XEN);
    assert_int_equal(cc->vis.kind, VIS_GUEST);
    assert_true(cc->vis.has_until);
    compiled_free(&c);
}

/* Three independent mistakes, three diagnostics, and nothing else. */
static void test_recovery_three_errors(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c,
        "register R : 8 xen {\n"
        "    A 3:0\n"
        "    res0 rest;\n"
        "}\n"
        "struct s guest {\n"
        "    u32 a b c;\n"
        "    u32 d;\n"
        "}\n"
        "struct t guest {\n"
        "    u32 x;\n"
        "    u32 y\n"
        "}\n"
        "const K xen = 1;\n");
    assert_false(c.syntax_ok);
    assert_int_equal(c.diags.errors, 3);
    assert_diag(&c, "syntax", 3, 5);
    assert_diag(&c, "syntax", 6, 11);
    assert_diag(&c, "syntax", 12, 1);
    /* the missing ';' hint points at the end of the line before */
    const struct diag *d = &c.diags.items[0];
    assert_int_equal(d->nnotes, 1);
    assert_int_equal(d->notes[0].loc.line, 2);
    compiled_free(&c);
}

static void test_recovery_blocks(void **state)
{
    (void)state;
    struct compiled c;
    /* an error in the last item of a block, nested or not, closes that
     * block at its '}' and the next mistake is still found */
    compile_with_arch(&c,
        "struct s guest {\n"
        "    union { u32 a; u32 b };\n"
        "    u32 c;\n"
        "    u32 d e;\n"
        "}\n"
        "register R : 8 xen { M 1:0 enum { A = 1 B = 2 }; res0 rest; }\n"
        "arch x { abi y { endian middle; } }\n"
        "flags F xen { a 0 b; }\n"
        "feature OK;\n");
    assert_diag(&c, "syntax", 2, 26);
    assert_diag(&c, "syntax", 4, 11);
    assert_diag(&c, "syntax", 6, 41);
    assert_diag(&c, "syntax", 7, 25);
    assert_diag(&c, "syntax", 8, 19);
    assert_int_equal(c.diags.errors, 5);
    compiled_free(&c);
}

static void test_syntax_messages(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c, "register R = 64 xen { }\n");
    assert_diag(&c, "syntax", 1, 12);
    assert_string_equal(diag_message(&c, "syntax"), "unexpected '=', expecting ':'");
    assert_non_null(strstr(c.diags.items[0].notes[0].message, "register SCTLR_EL1 : 64"));
    compiled_free(&c);
    compile_with_arch(&c, "struct s guest { u32 a }\n");
    assert_string_equal(diag_message(&c, "syntax"), "unexpected '}'");
    assert_string_equal(c.diags.items[0].notes[0].message, "is a ';' missing before the '}'?");
    compiled_free(&c);
}

/* An expression is at most 256 operators deep, however it is written:
 * a left-deep chain takes no brackets. Over it, one error at the operator
 * that crosses the limit, and nothing deep is kept. */
static void test_expression_depth(void **state)
{
    (void)state;
    struct compiled c;
    struct buf b = {0};
    buf_puts(&b, "const A : u32 xen = 1");
    for (int i = 0; i < 256; i++)
        buf_puts(&b, " + 1");
    buf_puts(&b, ";\n");
    compile_with_arch(&c, b.data);
    assert_clean(&c);
    assert_int_equal(((struct const_decl *)c.spec->consts.items[0])->value, 257);
    compiled_free(&c);
    buf_clear(&b);
    buf_puts(&b, "const A xen = 1");
    for (int i = 0; i < 200000; i++)
        buf_puts(&b, " + 1");
    buf_puts(&b, ";\n");
    compile_with_arch(&c, b.data);
    assert_int_equal(c.diags.len, 1);
    assert_diag(&c, "nesting-too-deep", 1, 16 + 256 * 4 + 1);
    assert_int_equal(c.diags.items[0].loc.end_col, 16 + 256 * 4 + 1);
    /* the note points at the start of the expression */
    assert_int_equal(c.diags.items[0].notes[0].loc.col, 15);
    compiled_free(&c);
    /* unary operators nest too, and deeper than the parser's own stack */
    buf_clear(&b);
    buf_puts(&b, "const A xen = ");
    for (int i = 0; i < 300; i++)
        buf_puts(&b, "~");
    buf_puts(&b, "1;\n");
    compile_with_arch(&c, b.data);
    assert_int_equal(c.diags.len, 1);
    assert_diag(&c, "nesting-too-deep", 1, 15 + 300 - 257);
    compiled_free(&c);
    buf_clear(&b);
    buf_puts(&b, "const A xen = ");
    for (int i = 0; i < 100000; i++)
        buf_puts(&b, "- ");
    buf_puts(&b, "1;\nconst B xen = 1;\n");
    compile_with_arch(&c, b.data);
    assert_int_equal(c.diags.len, 1);
    assert_int_equal(c.diags.items[0].id, DIAG_NESTING_TOO_DEEP);
    compiled_free(&c);
    buf_free(&b);
}

/* Adjacent strings are one doc string, joined in one copy: 4,000 pieces
 * cost a few times their own size, not a copy per piece (80 MB). */
static void test_doc_string_pieces(void **state)
{
    (void)state;
    struct buf b = {0};
    buf_puts(&b, "feature F");
    for (int i = 0; i < 4000; i++)
        buf_printf(&b, " \"piece%04d \"", i);
    buf_puts(&b, ";\n");
    size_t input = b.len;
    struct compiled c;
    compile_with_arch(&c, b.data);
    assert_clean(&c);
    struct feature *f = c.spec->features.items[0];
    assert_int_equal(strlen(f->doc), 4000 * 10);
    assert_true(strncmp(f->doc, "piece0000 piece0001 ", 20) == 0);
    assert_string_equal(f->doc + 3999 * 10, "piece3999 ");
    assert_true(c.spec->arena.total < 20 * input);
    compiled_free(&c);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_register_shape),
        cmocka_unit_test(test_struct_shape),
        cmocka_unit_test(test_register_select),
        cmocka_unit_test(test_constants_and_flags),
        cmocka_unit_test(test_visibility_blocks),
        cmocka_unit_test(test_recovery_three_errors),
        cmocka_unit_test(test_recovery_blocks),
        cmocka_unit_test(test_syntax_messages),
        cmocka_unit_test(test_expression_depth),
        cmocka_unit_test(test_doc_string_pieces),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
