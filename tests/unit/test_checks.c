/* SPDX-License-Identifier: MIT */
/*
 * Every semantic check, each on the smallest spec that trips it and on one
 * that must pass. Positions are asserted because users jump to them.
 */
#define _POSIX_C_SOURCE 200809L
#include "support.h"

#include "check.h"
#include "compile.h"
#include "cwords.h"
#include "layout.h"
#include "load.h"
#include "reserved.h"
#include "templates.h"
#include "cnames.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void dump_all(const struct compiled *c)
{
    for (size_t i = 0; i < c->diags.len; i++) {
        const struct diag *d = &c->diags.items[i];
        print_message("#   %u:%u-%u:%u %s [%s]\n", d->loc.line, d->loc.col, d->loc.end_line, d->loc.end_col,
                      d->message, diag_id_name(d->id));
    }
}

/* The one diagnostic `text` gets: this id at line:col, and nothing else,
 * so that a cascade of follow-on reports fails the test. */
static void check_only_at(const char *text, const char *id, unsigned line, unsigned col, const char *file, int fline)
{
    struct compiled c;
    compile_with_arch(&c, text);
    assert_diag_at(&c, id, line, col, file, fline);
    if (c.diags.len != 1) {
        print_message("# expected only [%s] at %u:%u; got:\n", id, line, col);
        dump_all(&c);
        _fail(file, fline);
    }
    compiled_free(&c);
}
#define check(text, id, line, col) check_only_at((text), (id), (line), (col), __FILE__, __LINE__)

/* The same with the span's end: the underline reaches end_line:end_col. */
static void check_span_at(const char *text, const char *id, unsigned line, unsigned col, unsigned end_line,
                          unsigned end_col, const char *file, int fline)
{
    struct compiled c;
    compile_with_arch(&c, text);
    for (size_t i = 0; i < c.diags.len; i++) {
        const struct diag *d = &c.diags.items[i];
        if (strcmp(diag_id_name(d->id), id) == 0 && d->loc.line == line && d->loc.col == col &&
            d->loc.end_line == end_line && d->loc.end_col == end_col && c.diags.len == 1) {
            compiled_free(&c);
            return;
        }
    }
    print_message("# expected only [%s] at %u:%u-%u:%u; got:\n", id, line, col, end_line, end_col);
    dump_all(&c);
    compiled_free(&c);
    _fail(file, fline);
}
#define check_span(text, id, line, col, end_line, end_col) \
    check_span_at((text), (id), (line), (col), (end_line), (end_col), __FILE__, __LINE__)

static void clean(const char *text)
{
    struct compiled c;
    compile_with_arch(&c, text);
    assert_clean(&c);
    compiled_free(&c);
}

/* Fails unless a diagnostic with this id has exactly this message. */
static void assert_message_at(const struct compiled *c, const char *id, const char *message, const char *file,
                              int fline)
{
    for (size_t i = 0; i < c->diags.len; i++)
        if (strcmp(diag_id_name(c->diags.items[i].id), id) == 0 && strcmp(c->diags.items[i].message, message) == 0)
            return;
    print_message("# expected [%s] \"%s\"; got:\n", id, message);
    dump_all(c);
    _fail(file, fline);
}
#define assert_message(c, id, message) assert_message_at((c), (id), (message), __FILE__, __LINE__)

/* Compiles text with the two ABIs of TEST_ARCH, required to lay out alike. */
static void compile_same_layout(struct compiled *c, const char *text, bool i386_like)
{
    struct buf b = {0};
    buf_puts(&b, text);
    buf_puts(&b, "\n");
    if (i386_like) {
        /* TEST_ARCH with same_layout: u64 is 4-aligned on w32, 8 on w64 */
        buf_puts(&b, "arch t {\n    same_layout;");
        buf_puts(&b, TEST_ARCH + strlen("arch t {"));
    } else {
        buf_puts(&b, TEST_ARCH_SAME);
    }
    compile_text(c, b.data);
    buf_free(&b);
}

/* The one error a same_layout arch gives `text`: abi-layout-differs at
 * line:col, saying `what`. */
static void differs_at(const char *text, bool i386_like, unsigned line, unsigned col, const char *what,
                       const char *file, int fline)
{
    struct compiled c;
    compile_same_layout(&c, text, i386_like);
    assert_diag_at(&c, "abi-layout-differs", line, col, file, fline);
    char *message = arena_printf(&c.spec->arena, "layout of 's' differs between ABIs: %s", what);
    assert_message_at(&c, "abi-layout-differs", message, file, fline);
    if (c.diags.errors != 1) {
        dump_all(&c);
        _fail(file, fline);
    }
    compiled_free(&c);
}
#define differs(text, i386_like, line, col, what) differs_at((text), (i386_like), (line), (col), (what), __FILE__, __LINE__)

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
    /* the accessor header folds register names to one case and puts
     * features and registers in one enum namespace */
    check("register foo : 8 xen { A 0; res0 rest; }\nregister FOO : 8 xen { A 0; res0 rest; }\n",
          "macro-collision", 2, 10);
    check("feature REG_SIE;\nregister SIE : 8 xen { A 0; res0 rest; }\n", "macro-collision", 2, 10);
    check("feature FEATURE_COUNT;\n", "macro-collision", 1, 9);
    /* registers without accessors (over 64 bits) and distinct names pass */
    clean("register foo : 128 xen { res0 rest; }\nregister FOO : 8 xen { A 0; res0 rest; }\n");
    clean("feature SIE;\nregister SIE : 8 xen { A 0 if SIE; res0 rest; }\n");
    /* anonymous unions put their members in the enclosing scope */
    check("struct s guest { u32 a; union { u32 a; u16 b; }; }\n", "duplicate-name", 1, 37);
    /* per-ABI variants are not duplicates, overlapping ABIs are */
    clean("struct s guest only(w32) { u32 a; }\nstruct s guest only(w64) { u64 a; }\n");
    check("struct s guest only(w32) { u32 a; }\nstruct s guest { u64 a; }\n", "duplicate-name", 2, 8);
    /* an alias name may repeat when the views it appears in never meet */
    clean("struct s guest { u64 rax | u64 eax only(guest) | u32 eax only(tools); }\n");
    check("struct s guest { u64 rax | u64 eax | u32 eax only(tools); }\n", "duplicate-name", 1, 42);
    /* the note points at the first definition */
    struct compiled c;
    compile_with_arch(&c, "feature F;\n// between\n  feature F;\n");
    assert_diag(&c, "duplicate-name", 3, 11);
    assert_int_equal(c.diags.items[0].nnotes, 1);
    assert_string_equal(c.diags.items[0].notes[0].message, "previous definition is here");
    assert_int_equal(c.diags.items[0].notes[0].loc.line, 1);
    assert_int_equal(c.diags.items[0].notes[0].loc.col, 9);
    assert_int_equal(c.diags.items[0].notes[0].loc.end_col, 9);
    compiled_free(&c);
    compile_with_arch(&c, "struct s guest { u32 a; }\nstruct s guest { u32 b; }\n");
    assert_diag(&c, "duplicate-name", 2, 8);
    assert_int_equal(c.diags.items[0].notes[0].loc.line, 1);
    assert_int_equal(c.diags.items[0].notes[0].loc.col, 8);
    compiled_free(&c);
}

/* --reserved-macros: a list file is read (comments, blanks, CRs), and each
 * macro a declaration would define that the list names is reported at the
 * declaration, naming the list's line; the others are not. */
static void test_macro_reserved(void **state)
{
    (void)state;
    char path[] = "/tmp/regc-reserved-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char list[] = "# Xen's asm headers\n\nR_A_SHIFT\r\n  K  \n_F_x\nS_RES0\n";
    assert_int_equal(write(fd, list, sizeof(list) - 1), (ssize_t)(sizeof(list) - 1));
    close(fd);
    struct reserved_macros rm;
    const char *paths[] = {path};
    assert_true(reserved_load(&rm, paths, 1, stderr));

    const char *text = "register R : 8 xen { A 1:0; B 2; res0 rest; }\n"
                       "const K xen = 1;\n"
                       "flags F xen { x 0; y 1; }\n"
                       "register S : 8 xen { A 7:0; }\n";
    struct buf b = {0};
    buf_printf(&b, "%s\n%s", text, TEST_ARCH);
    struct compiled c;
    memset(&c, 0, sizeof(c));
    diags_init(&c.diags);
    struct compile_input in = {.path = "test.reg", .text = b.data, .len = b.len, .reserved_macros = rm.names};
    c.spec = compile_spec(&in, &c.diags, &c.syntax_ok);
    assert_true(c.syntax_ok);
    assert_diag(&c, "macro-reserved", 1, 22); /* R_A_SHIFT, line 3 of the list */
    assert_diag(&c, "macro-reserved", 2, 7);  /* K */
    assert_diag(&c, "macro-reserved", 3, 15); /* _F_x; F_y is not listed */
    assert_diag(&c, "macro-reserved", 4, 10); /* S_RES0, at the register */
    assert_int_equal(diag_count(&c, "macro-reserved"), 4);
    assert_int_equal(c.diags.errors, 4);
    /* constants come first; the message names the list's line */
    assert_non_null(strstr(diag_message(&c, "macro-reserved"), "constant 'K' would define macro 'K'"));
    assert_non_null(strstr(diag_message(&c, "macro-reserved"), ":4 reserves"));
    compiled_free(&c);
    buf_free(&b);

    /* without the list, the same spec is clean */
    compile_with_arch(&c, text);
    assert_int_equal(c.diags.errors, 0);
    compiled_free(&c);
    reserved_free(&rm);

    /* a line that is not a name is refused, with its line */
    fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "OK\nnot-a-name\n", 15), 15);
    close(fd);
    FILE *err = tmpfile();
    assert_false(reserved_load(&rm, paths, 1, err));
    reserved_free(&rm);
    char msg[256] = "";
    rewind(err);
    assert_non_null(fgets(msg, sizeof(msg), err));
    fclose(err);
    assert_non_null(strstr(msg, ":2: 'not-a-name' is not a macro name"));
    unlink(path);
}

/* The words C and C++ keep: one sorted table, every word found. */
static void test_cwords_table(void **state)
{
    (void)state;
    size_t n = cword_count();
    assert_true(n > 150);
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && strcmp(cword_at(i)->word, cword_at(i + 1)->word) >= 0) {
            print_message("# '%s' is not before '%s'\n", cword_at(i)->word, cword_at(i + 1)->word);
            fail();
        }
        assert_ptr_equal(cword_lookup(cword_at(i)->word), cword_at(i));
    }
    assert_null(cword_at(n));
    static const char *const keywords[] = {"int", "struct", "_Bool", "class", "new", "delete", "this",
                                           "template", "and", "or", "not", "bitand", "xor", "compl",
                                           "defined", "__VA_ARGS__", "__VA_OPT__", "bool", "true", "false",
                                           "nullptr", "typeof", "constexpr", "_Static_assert", "uint32_t"};
    for (size_t i = 0; i < ARRAY_SIZE(keywords); i++)
        assert_non_null(cword_lookup(keywords[i]));
    /* near misses are not words: case matters, and so does one letter */
    static const char *const names[] = {"", "Int", "INT", "int_", "class_", "klass", "uint32", "andx", "an"};
    for (size_t i = 0; i < ARRAY_SIZE(names); i++)
        assert_null(cword_lookup(names[i]));
}

static void assert_name_ok(const char *name, enum c_scope scope)
{
    struct arena a;
    arena_init(&a);
    const char *suggest;
    const char *why = c_name_problem(&a, name, scope, &suggest);
    if (why)
        print_message("# '%s' refused: %s\n", name, why);
    assert_null(why);
    arena_free(&a);
}

/* Refused, with this suggestion (NULL: none). */
static void assert_name_refused(const char *name, enum c_scope scope, const char *suggestion)
{
    struct arena a;
    arena_init(&a);
    const char *suggest;
    if (!c_name_problem(&a, name, scope, &suggest)) {
        print_message("# '%s' accepted\n", name);
        fail();
    }
    if (suggestion)
        assert_string_equal(suggest, suggestion);
    else
        assert_null(suggest);
    arena_free(&a);
}

static void test_name_reserved_c(void **state)
{
    (void)state;
    /* C11 7.1.3, by scope: _ and lowercase is only the file's */
    assert_name_refused("_pad0", C_SCOPE_FILE, "pad0");
    assert_name_ok("_pad0", C_SCOPE_MEMBER);
    assert_name_ok("_0", C_SCOPE_BLOCK);
    assert_name_refused("_r", C_SCOPE_PREFIX, "r");
    assert_name_refused("_Bool", C_SCOPE_MEMBER, "Bool");
    assert_name_refused("_Foo", C_SCOPE_MEMBER, "Foo");
    assert_name_refused("__XEN_TOOLS__", C_SCOPE_FILE, "XEN_TOOLS");
    assert_name_refused("__x", C_SCOPE_BLOCK, "x");
    /* members may begin with __ and a lowercase letter, as Xen's arm one
     * does, unless the compilers spell their own words so */
    assert_name_ok("__unused_sp_hyp", C_SCOPE_MEMBER);
    assert_name_refused("__unused_sp_hyp", C_SCOPE_FILE, "unused_sp_hyp");
    assert_name_refused("__XEN__", C_SCOPE_MEMBER, "XEN");
    assert_name_refused("__i386__", C_SCOPE_MEMBER, "i386_");
    assert_name_refused("__builtin_memset", C_SCOPE_MEMBER, "builtin_memset");
    assert_name_refused("__is_class", C_SCOPE_MEMBER, "is_class");
    assert_name_refused("__cplusplus", C_SCOPE_MEMBER, "cplusplus");
    assert_name_refused("__int128", C_SCOPE_MEMBER, "int128");
    /* the kernels' own object-like macros would rewrite a member */
    assert_name_refused("__init", C_SCOPE_MEMBER, "init");
    assert_name_refused("noinline", C_SCOPE_MEMBER, "noinline_");
    assert_name_refused("__unused", C_SCOPE_MEMBER, "unused");
    /* keywords are refused whole, never as the start of a name */
    assert_name_refused("int", C_SCOPE_MEMBER, "int_");
    assert_name_refused("class", C_SCOPE_BLOCK, "class_");
    assert_name_refused("defined", C_SCOPE_FILE, "defined_");
    assert_name_ok("int", C_SCOPE_PREFIX);
    assert_name_ok("int_", C_SCOPE_FILE);
    assert_name_ok("Class", C_SCOPE_MEMBER);
    /* a library name suggests nothing: any name of the author's own */
    assert_name_refused("uint32_t", C_SCOPE_FILE, NULL);
    assert_name_refused("NULL", C_SCOPE_MEMBER, NULL);
    assert_name_ok("xen_pfn_t", C_SCOPE_FILE);
    /* regc's own helpers, at file scope */
    assert_name_refused("REGC_LAYOUT_CHECK", C_SCOPE_FILE, NULL);
    assert_name_refused("regc_compat_ulong_t", C_SCOPE_FILE, NULL);
    assert_name_refused("REGC_X", C_SCOPE_PREFIX, NULL);
    assert_name_ok("regc_x", C_SCOPE_MEMBER);
    assert_name_ok("REGCX", C_SCOPE_FILE);
    /* _ alone is no one's */
    assert_name_ok("_", C_SCOPE_MEMBER);
    assert_name_refused("_", C_SCOPE_FILE, NULL);

    check("struct s guest { u32 class; }\n", "name-reserved-c", 1, 22);
    check("const __XEN_TOOLS__ guest = 1;\n", "name-reserved-c", 1, 7);
    check("flags static guest { assert 0; }\n", "name-reserved-c", 1, 22);
    {
        struct compiled c;
        compile_with_arch(&c, "struct s guest { u32 new; }\n");
        assert_string_equal(diag_message(&c, "name-reserved-c"),
                            "member 'new' of struct 's' is a keyword of C++ since C++98, and the headers are "
                            "compiled as C++ too");
        compiled_free(&c);
    }
    /* what stays legal: the names beside the refused ones */
    clean("struct s guest { u32 int_; u32 _pad0; u32 __unused_sp_hyp; u32 Class; u32 _1; }\n"
          "register INT : 8 xen { class 7:4; new 3:0; }\n"
          "flags G guest { and 0; }\n"
          "typedef struct s s_t guest;\n"
          "const INT_MAX_COUNT guest = 1;\n");
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

static bool in_list(const char *const *list, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return true;
    return false;
}

/* The names the templates give the accessor and translation headers'
 * helpers ({{prefix}}_INLINE, {{fprefix}}_check_fail, ...) are the ones
 * the checks keep a spec's constants and features away from. Families
 * ({{fprefix}}_reserved_{{name}}) are the registers' own. */
static void test_arch_helper_names_match_templates(void **state)
{
    (void)state;
    static const char *const opens[] = {"{{prefix}}_", "{{PREFIX}}_", "{{fprefix}}_"};
    size_t found = 0;
    for (size_t t = 0; t < embedded_template_count; t++) {
        const char *text = embedded_templates[t].text;
        if (strstr(embedded_templates[t].name, "layout-check")) /* its prefix is per struct */
            continue;
        for (size_t k = 0; k < ARRAY_SIZE(opens); k++) {
            for (const char *p = strstr(text, opens[k]); p; p = strstr(p + 1, opens[k])) {
                const char *w = p + strlen(opens[k]), *e = w;
                bool upper = true;
                while ((*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9') || *e == '_') {
                    upper &= !(*e >= 'a' && *e <= 'z');
                    e++;
                }
                if (e == w || e[-1] == '_' || *e == '{')
                    continue; /* a family: the rest is a register's or a struct's name */
                char name[64];
                assert_true((size_t)(e - w) < sizeof(name));
                memcpy(name, w, (size_t)(e - w));
                name[e - w] = '\0';
                bool listed = upper ? in_list(arch_helper_upper, arch_helper_upper_count, name)
                                    : in_list(arch_helper_lower, arch_helper_lower_count, name);
                if (!listed)
                    fail_msg("%s: '%s%s' is not in cnames.c's arch_helper lists", embedded_templates[t].name,
                             opens[k], name);
                found++;
            }
        }
    }
    assert_true(found > 20);
}

/* The value of constant `name` in a spec that must be clean. */
static int64_t const_value_of(const char *text, const char *name)
{
    struct compiled c;
    compile_with_arch(&c, text);
    assert_clean(&c);
    int64_t v = 0;
    bool found = false;
    for (size_t i = 0; i < c.spec->consts.len; i++) {
        const struct const_decl *k = c.spec->consts.items[i];
        if (strcmp(k->name.text, name) == 0) {
            assert_int_equal(k->state, CONST_DONE);
            v = (int64_t)k->value;
            found = true;
        }
    }
    assert_true(found);
    compiled_free(&c);
    return v;
}

/* Users write constants as C expressions and read them back as C values:
 * the arithmetic is C's on exact integers, never a 64-bit register's. */
static void test_const_arithmetic(void **state)
{
    (void)state;
    assert_int_equal(const_value_of("const A xen = -4 % 3;\n", "A"), -1);
    assert_int_equal(const_value_of("const A xen = 7 / -2;\n", "A"), -3);
    assert_int_equal(const_value_of("const A xen = -7 / 2;\n", "A"), -3);
    assert_int_equal(const_value_of("const A xen = -4 >> 1;\n", "A"), -2);
    assert_int_equal(const_value_of("const A xen = -1 >> 5;\n", "A"), -1);
    assert_int_equal(const_value_of("const A xen = ~0;\n", "A"), -1);
    assert_int_equal(const_value_of("const A : u32 xen = ~0 & 0xffffffff;\n", "A"), 0xffffffff);
    assert_int_equal(const_value_of("const A : s64 xen = -9223372036854775808;\n", "A"), INT64_MIN);
    assert_int_equal(const_value_of("const A : s64 xen = -9223372036854775807 - 1;\n", "A"), INT64_MIN);
    assert_int_equal(const_value_of("const A : u64 xen = (0 - 9223372036854775807 - 1) / -1;\n", "A"),
                     INT64_MIN); /* 2^63, as a u64 */
    assert_int_equal(const_value_of("const B xen = -5;\nconst A : s64 xen = B * B * -B;\n", "A"), 125);
    check("const A : s64 xen = -9223372036854775809;\n", "const-overflow", 1, 21);
    check("const A : u64 xen = 18446744073709551615 + 1;\n", "const-overflow", 1, 21);
    check("const A : u64 xen = 0 - 1;\n", "const-overflow", 1, 21);
    check("const A : s64 xen = 9223372036854775807 + 1;\n", "const-overflow", 1, 21);
    check("const A : u64 xen = 4294967296 * 4294967296;\n", "const-overflow", 1, 21);
    check("const A : u64 xen = 3 << 63;\n", "const-overflow", 1, 21);
    check("const A : u64 xen = 1 << (0 - 1);\n", "const-overflow", 1, 26);
    struct compiled c;
    compile_with_arch(&c, "const A : u64 xen = 18446744073709551615 + 1;\n");
    assert_non_null(strstr(diag_message(&c, "const-overflow"), "is 18446744073709551616, beyond 64 bits"));
    compiled_free(&c);
}

static void test_feature_checks(void **state)
{
    (void)state;
    check("register R : 8 xen { A 0 if FEAT_X; res0 rest; }\n", "feature-undeclared", 1, 29);
    check("feature A requires B;\n", "feature-undeclared", 1, 20);
    check("feature A requires B;\nfeature B requires C;\nfeature C requires A;\n", "feature-cycle", 3, 20);
    clean("feature A requires B;\nfeature B;\nregister R : 8 xen { X 0 if A; Y 1 if B else res1; res0 rest; }\n");
    struct compiled c;
    compile_with_arch(&c, "feature A requires B;\nfeature B requires C;\nfeature C requires A;\n");
    assert_string_equal(c.diags.items[0].notes[0].message, "through A -> B -> C -> A");
    compiled_free(&c);
}

/* Numbers given once: in any order, with gaps, up to 1023; every feature
 * or none; each once. The notes name the next free number. */
static void test_feature_numbers(void **state)
{
    (void)state;
    clean("feature A = 5;\nfeature B = 0 requires A;\nfeature C = 1023;\n");
    clean("feature A = 0x10;\nfeature B = 0;\n");
    check("feature A = 5;\nfeature B;\nfeature C;\n", "feature-number-mixed", 2, 9);
    check("feature A;\nfeature B = 3;\n", "feature-number-mixed", 1, 9);
    check("feature A = 1;\nfeature B = 1;\n", "feature-number-duplicate", 2, 13);
    check("feature A = 1024;\n", "feature-number-too-large", 1, 13);
    check("feature A = 18446744073709551615;\n", "feature-number-too-large", 1, 13);
    struct compiled c;
    compile_with_arch(&c, "feature A = 5;\nfeature B = 9;\nfeature C;\n");
    assert_int_equal(c.diags.len, 1);
    assert_string_equal(c.diags.items[0].notes[1].message, "give it the next free number: 'feature C = 10 ...;'");
    compiled_free(&c);
    compile_with_arch(&c, "feature A = 0;\nfeature B = 7;\nfeature C = 0;\n");
    assert_int_equal(c.diags.len, 1);
    assert_string_equal(c.diags.items[0].notes[0].message, "'A' is given 0 here");
    assert_string_equal(c.diags.items[0].notes[1].message,
                        "a number is given once and kept: give 'C' the next free number, 8");
    compiled_free(&c);
}

/* Chains as long as a generated spec makes them are walked without the C
 * stack: features and constants, declared first to last and last to
 * first, and a cycle through all of them (test_layout has the struct and
 * typedef chains; the corpus has cycles of each). */
static void test_long_chains(void **state)
{
    (void)state;
    struct compiled c;
    for (int reverse = 0; reverse < 2; reverse++) {
        char *t;
        CHAIN_TEXT(t, "feature F100000;\n", CHAIN, 0, reverse, "", "feature F%u requires F%u;\n", i, next);
        compile_with_arch(&c, t);
        assert_clean(&c);
        compiled_free(&c);
        free(t);
        CHAIN_TEXT(t, "const C100000 : u32 xen = 7;\n", CHAIN, 0, reverse, "", "const C%u : u32 xen = C%u + 1;\n",
                   i, next);
        compile_with_arch(&c, t);
        assert_clean(&c);
        struct const_decl *first = c.spec->consts.items[reverse ? CHAIN : 1];
        assert_string_equal(first->name.text, "C0");
        assert_int_equal(first->value, 7 + CHAIN);
        compiled_free(&c);
        free(t);
    }
    char *t;
    CHAIN_TEXT(t, "", CHAIN, CHAIN, false, "", "feature F%u requires F%u;\n", i, next);
    compile_with_arch(&c, t);
    assert_int_equal(c.diags.len, 1);
    assert_diag(&c, "feature-cycle", CHAIN, 25);
    /* a long cycle's note shows its ends */
    assert_non_null(strstr(c.diags.items[0].notes[0].message,
                           "F6 -> F7 -> ... (99984 more) -> F99992 -> F99993"));
    compiled_free(&c);
    free(t);
    CHAIN_TEXT(t, "", CHAIN, CHAIN, false, "", "const C%u xen = C%u;\n", i, next);
    compile_with_arch(&c, t);
    assert_int_equal(c.diags.len, 1);
    assert_diag(&c, "const-cycle", CHAIN, 20);
    compiled_free(&c);
    free(t);
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
    /* a reserved kind spelt as the Arm ARM or Linux does, or mistyped, is
     * not taken for a field: located at the name, with the keyword */
    check("register R : 8 xen { RES0 7:4; A 3:0; }\n", "field-name-reserved-kind", 1, 22);
    check("register R : 8 xen { A 3:0; Res1 7:4; }\n", "field-name-reserved-kind", 1, 29);
    check("register R : 8 xen { reso 7:4; A 3:0; }\n", "field-name-reserved-kind", 1, 22);
    check("register R : 8 xen { A 3:0; Unkn 7:4 if F; }\nfeature F;\n", "field-name-reserved-kind", 1, 29);
    assert_string_equal(field_name_reserved_kind("RES0"), "res0");
    assert_string_equal(field_name_reserved_kind("Res0"), "res0");
    assert_string_equal(field_name_reserved_kind("resO"), "res0");
    assert_string_equal(field_name_reserved_kind("RES_1"), "res1");
    assert_string_equal(field_name_reserved_kind("RAZ"), "raz");
    assert_string_equal(field_name_reserved_kind("UNKNOWN"), "unknown");
    assert_string_equal(field_name_reserved_kind("res7"), "res0' or 'res1");
    /* names that merely start like one are fields */
    assert_null(field_name_reserved_kind("RES"));
    assert_null(field_name_reserved_kind("RESET"));
    assert_null(field_name_reserved_kind("RES0_EXT"));
    assert_null(field_name_reserved_kind("RAZE"));
    assert_null(field_name_reserved_kind("RES10"));
    assert_null(field_name_reserved_kind("UNKNOWN_BUT_VERY_LONG_NAME"));
    clean("register R : 8 xen { RESV 7:4; RAZOR 3:0; }\n");
    {
        struct compiled m;
        compile_with_arch(&m, "register R : 8 xen { RES0 7:4; A 3:0; }\n");
        assert_string_equal(diag_message(&m, "field-name-reserved-kind"),
                            "field 'RES0' of 'R' is named like a reserved kind, so its bits would be a field, not "
                            "reserved");
        compiled_free(&m);
    }
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
    /* derive.c records the bits left over on the register, the check
     * reports them, and masks with a hole are not for the outputs */
    compile_with_arch(&c, "register R : 32 xen { A 3:0; B 7; }\n");
    struct reg *u = find_reg(c.spec, "R");
    assert_false(u->masks_ok);
    assert_true(u->uncovered.lo == 0xffffff70 && u->uncovered.hi == 0);
    compiled_free(&c);
    /* masks are derived before the checks, even where fields overlap, but
     * a register that field-overlap failed on claims no accessor names:
     * without the overlap, this is a macro-collision */
    compile_with_arch(&c, "feature REG_SIE;\nregister SIE : 8 xen { A 3:0; B 2; res0 rest; }\n");
    assert_int_equal(diag_count(&c, "field-overlap"), 1);
    assert_int_equal(diag_count(&c, "macro-collision"), 0);
    compiled_free(&c);
    compile_with_arch(&c, "feature REG_SIE;\nregister SIE : 8 xen { A 3:0; res0 rest; }\n");
    assert_int_equal(diag_count(&c, "macro-collision"), 1);
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
    /* it fails the member, not the struct: another member's alias is still checked */
    struct compiled c;
    compile_with_arch(&c, "struct s guest { u32 a[2] | u16 b; u32 c | u64 d; }\n");
    assert_diag(&c, "alias-invalid", 1, 33);
    assert_diag(&c, "alias-too-wide", 1, 48);
    assert_int_equal(c.diags.len, 2);
    compiled_free(&c);
    check("struct a guest { u32 x; }\ntypedef b_t a_t guest;\ntypedef a_t b_t guest;\nstruct s guest { a_t v; }\n",
          "recursive-type", 3, 9);
    check("struct a guest { b x; }\nstruct b guest { a y; }\n", "recursive-type", 2, 18);
    /* through a handle is fine: that is a pointer */
    clean("verbatim guest \"#define XEN_GUEST_HANDLE(n) h_ ## n\\n#define DEFINE_XEN_GUEST_HANDLE(n) int\";\n"
          "typedef struct a a_t guest handle;\nstruct a guest { handle(a_t) next; u32 v; }\n");
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
    /* through typedefs, however many */
    struct buf chain = {0};
    buf_puts(&chain, "typedef u32 t100 xen;\n");
    for (int i = 99; i >= 0; i--)
        buf_printf(&chain, "typedef t%d t%d xen;\n", i + 1, i);
    buf_printf(&chain, "%sstruct s xen { t0 slot : Q; }\n", reg);
    check(chain.data, "register-slot-narrow", 104, 19);
    buf_free(&chain);
    /* ulong is 32 bits on one ABI: the slot is judged by its narrowest */
    snprintf(buf, sizeof(buf), "%sstruct s guest { ulong slot : R; }\n", reg);
    check(buf, "register-slot-too-narrow", 3, 24);

    struct compiled c;
    compile_with_arch(&c, "register R : 64 xen { DSSBS 44; X 47:46; res0 rest; }\n"
                          "struct s guest { u32 sctlr : R; }\n");
    assert_string_equal(diag_message(&c, "register-slot-too-narrow"),
                        "32-bit member 'sctlr' cannot hold R.DSSBS at bit 44, R.X at bits 47:46");
    compiled_free(&c);
    /* many fields: the first three named and the rest counted, on one
     * short line; the note has every one */
    compile_with_arch(&c, "register R : 64 xen { A 63; B 62; C 61; D 60; E 59:40; res0 rest; }\n"
                          "struct s guest { u32 sctlr : R; }\n");
    assert_string_equal(diag_message(&c, "register-slot-too-narrow"),
                        "32-bit member 'sctlr' cannot hold R.A at bit 63, R.B at bit 62, R.C at bit 61 "
                        "and 2 more fields");
    assert_string_equal(c.diags.items[0].notes[2].message,
                        "the 5 fields beyond bit 31: R.A at bit 63, R.B at bit 62, R.C at bit 61, R.D at bit 60, "
                        "R.E at bits 59:40");
    compiled_free(&c);

    /* RES1 bits would be restored as zero: an error truncate cannot waive;
     * RAZ and UNKNOWN bits may be dropped like RES0 ones */
    const char *res1 = "register R : 64 xen { res1 40, 45:44; res0 rest; }\n";
    snprintf(buf, sizeof(buf), "%sstruct s guest { u32 a : R; }\n", res1);
    check(buf, "register-slot-too-narrow", 2, 22);
    snprintf(buf, sizeof(buf), "%sstruct s guest { u32 a : R truncate; }\n", res1);
    check(buf, "register-slot-too-narrow", 2, 22);
    compile_with_arch(&c, buf);
    assert_string_equal(diag_message(&c, "register-slot-too-narrow"),
                        "32-bit member 'a' cannot hold res1 bits 45:44, 40 of R");
    assert_non_null(strstr(c.diags.items[0].notes[2].message, "res1 bits must be written back as ones"));
    compiled_free(&c);
    clean("register Q : 64 xen { raz 40; unknown 50; res0 rest; }\nstruct s guest { u32 a : Q truncate; }\n");
    check("register Q : 64 xen { raz 40; unknown 50; res0 rest; }\nstruct s guest { u32 a : Q; }\n",
          "register-slot-narrow", 2, 22);

    /* the warning's note names the bits beyond the slot */
    compile_with_arch(&c, "register W : 128 xen { LO 7:0; res0 rest; }\nstruct s guest { u64 a : W; }\n");
    assert_diag(&c, "register-slot-narrow", 2, 22);
    assert_int_equal(c.diags.items[0].nnotes, 2);
    assert_string_equal(c.diags.items[0].notes[0].message,
                        "bits 127:64 of 'W' are reserved today; a future ISA extension that defines them "
                        "could not be stored in 'a'");
    assert_int_equal(c.diags.items[0].notes[0].loc.line, 1);
    assert_int_equal(c.diags.items[0].notes[0].loc.col, 10);
    assert_int_equal(c.diags.items[0].notes[1].loc.col, 26);
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
    /* derive.c keeps what stopped a constant on it, and const-cycle
     * reports it there: a constant that names the bad one stays quiet */
    compile_with_arch(&c, "const A xen = 4 / 0;\nconst B xen = A + 1;\n");
    struct const_decl *a = c.spec->consts.items[0], *b = c.spec->consts.items[1];
    assert_int_equal(a->problem.kind, CONST_DIVIDE_BY_ZERO);
    assert_int_equal(a->problem.loc.line, 1);
    assert_int_equal(a->problem.loc.col, 19);
    assert_int_equal(b->problem.kind, CONST_NAMES_BAD);
    assert_int_equal(c.diags.errors, 1);
    compiled_free(&c);
    /* two mistakes, two errors: a cycle is still a cycle when one of its
     * constants also names something unknown */
    compile_with_arch(&c, "const A xen = B + Q;\nconst B xen = A;\n");
    assert_int_equal(diag_count(&c, "unresolved-name"), 1);
    assert_int_equal(diag_count(&c, "const-cycle"), 1);
    compiled_free(&c);
}

static void test_verbatim(void **state)
{
    (void)state;
    check("verbatim xen \"\"\"struct foo {\n int a; };\"\"\";\n", "verbatim-layout", 1, 1);
    clean("verbatim xen \"#define set_xen_guest_handle(hnd, val) do { } while (0)\";\n");
    clean("verbatim xen \"#define H(n, t) typedef union { t *p; } h_ ## n\";\n");
    /* an error, whatever -W says: verbatim C never has a layout */
    struct compiled c;
    compile_with_arch(&c, "verbatim xen \"struct foo { int a; };\";\n");
    assert_int_equal(c.diags.errors, 1);
    assert_string_equal(diag_message(&c, "verbatim-layout"), "verbatim C declares struct 'foo' (line 1 of the text)");
    compiled_free(&c);
    /* bodies a "struct NAME {" search would miss */
    check("verbatim xen \"typedef struct { unsigned long long a; } sneaky_t;\";\n", "verbatim-layout", 1, 1);
    check("verbatim xen \"struct /* c */ bar { int x; };\";\n", "verbatim-layout", 1, 1);
    check("verbatim xen \"struct\\nbar\\n{ int x; };\";\n", "verbatim-layout", 1, 1);
    check("verbatim xen \"enum e { A };\";\n", "verbatim-layout", 1, 1);
    check("verbatim xen \"union __attribute__((packed)) u { int x; };\";\n", "verbatim-layout", 1, 1);
    /* an object-like macro is not a template: its body declares the type */
    check("verbatim xen \"#define H typedef union { int *p; } h\";\n", "verbatim-layout", 1, 1);
    /* a tag is a declaration even in a function-like macro */
    check("verbatim xen \"#define H(n) struct n { int *p; }\";\n", "verbatim-layout", 1, 1);
    /* the macro ends with its line; the next line is plain C */
    compile_with_arch(&c, "verbatim xen \"\"\"#define H(n, t) \\\n  typedef struct { t *p; } h_ ## n\n"
                          "struct { int x; } y;\n\"\"\";\n");
    assert_string_equal(diag_message(&c, "verbatim-layout"),
                        "verbatim C declares an anonymous struct (line 3 of the text)");
    compiled_free(&c);
    /* comments, strings and uses are not bodies */
    clean("verbatim xen \"\"\"/* struct a { */\n#define S \"struct c {\"\n"
          "struct d x; struct e *p; int f(struct g *);\n\"\"\";\n");
    /* a // comment hides a body from the layout rule too (C89 refuses it) */
    check("verbatim xen \"\"\"// union b {\n\"\"\";\n", "verbatim-preprocessor", 1, 17);
    /* Xen's x86_32 handle macro: a struct around an anonymous union */
    clean("verbatim xen \"\"\"#define ___DEFINE_XEN_GUEST_HANDLE(name, type) \\\n"
          "    typedef struct { __extension__ union { \\\n        type *p; uint64_aligned_t q; }; } "
          "__guest_handle_64_ ## name\n\"\"\";\n");
}

/* Verbatim C reaches no further than its block: regc puts its own #if and
 * #endif around it, and the header's next line after it. */
static void test_verbatim_preprocessor(void **state)
{
    (void)state;
    check("verbatim xen \"#define A 1 \\\\\";\n", "verbatim-preprocessor", 1, 27);
    /* blanks and line breaks after the '\' do not stop the splice */
    check("verbatim xen \"\"\"#define A 1 \\ \n\n\"\"\";\n", "verbatim-preprocessor", 1, 29);
    check("verbatim xen \"#endif\";\n", "verbatim-preprocessor", 1, 15);
    check("verbatim xen \"#else\";\n", "verbatim-preprocessor", 1, 15);
    check("verbatim xen \"\"\"\n#ifdef A\n#elif B\n#else\n#elif C\n#endif\n\"\"\";\n", "verbatim-preprocessor", 5, 1);
    check("verbatim xen \"\"\"\n#if A\n#if B\n#endif\n\"\"\";\n", "verbatim-preprocessor", 2, 1);
    /* the column counts the escapes of a "..." string as written */
    check("verbatim xen \"\\\"x\\\" /* c\";\n", "verbatim-preprocessor", 1, 21);
    check("verbatim xen \"#define S \\\"abc\";\n", "verbatim-preprocessor", 1, 25);
    check("verbatim xen \"#define S \\\"?\?=\\\"\";\n", "verbatim-preprocessor", 1, 27);
    /* a trigraph anywhere, even in a comment */
    check("verbatim xen \"/* ?\?) */\";\n", "verbatim-preprocessor", 1, 18);
    /* a directive in a comment, a literal or a macro body is none */
    clean("verbatim xen \"\"\"\n/* #if */\n#define S \"#endif\"\n#define M(x) \\\n#x\n#if A /* \n */\n#endif\n\"\"\";\n");
    /* conditionals in a skipped group still nest */
    clean("verbatim xen \"\"\"\n#if 0\n#ifdef X\n#else\n#endif\n#elif 1\n#else\n#endif\n\"\"\";\n");
    /* regc's include guard is not the block's to undo */
    struct compiled c;
    compile_text(&c, "arch t { header \"arch-t.h\"; abi a { endian little; predicate \"1\";\n"
                     "type u8 size 1; type u16 size 2; type u32 size 4; type u64 size 8;\n"
                     "type s8 size 1; type s16 size 2; type s32 size 4; type s64 size 8;\n"
                     "type char size 1; type ulong size 4; type pointer size 4;\n"
                     "type handle size 4; type handle64 size 8; } }\n"
                     "verbatim xen \"#undef __XEN_PUBLIC_ARCH_T_H__\";\n"
                     "verbatim xen \"#undef __XEN_PUBLIC_ARCH_T_H\";\n");
    assert_diag(&c, "verbatim-preprocessor", 6, 15);
    assert_int_equal(c.diags.len, 1);
    compiled_free(&c);
    /* one error for the block: the open comment, not the #if it hides */
    check("verbatim xen \"\"\"\n#if A\n/* open\n#endif\n\"\"\";\n", "verbatim-preprocessor", 3, 1);
}

static void predicate_check(const char *pred, const char *id, unsigned col, const char *file, int fline)
{
    struct buf b = {0};
    buf_printf(&b, "arch t { abi a { endian little; predicate \"%s\";\n%s", pred,
               "type u8 size 1; type u16 size 2; type u32 size 4; type u64 size 8;\n"
               "type s8 size 1; type s16 size 2; type s32 size 4; type s64 size 8;\n"
               "type char size 1; type ulong size 4; type pointer size 4;\n"
               "type handle size 4; type handle64 size 8; } }\n");
    struct compiled c;
    compile_text(&c, b.data);
    buf_free(&b);
    if (id) {
        assert_diag_at(&c, id, 1, col, file, fline);
        if (c.diags.len != 1) {
            dump_all(&c);
            _fail(file, fline);
        }
    } else if (c.diags.len) {
        print_message("# predicate '%s': expected no diagnostic; got:\n", pred);
        dump_all(&c);
        _fail(file, fline);
    }
    compiled_free(&c);
}
#define bad_predicate(pred, col) predicate_check((pred), "abi-invalid-predicate", (col), __FILE__, __LINE__)
#define good_predicate(pred) predicate_check((pred), NULL, 0, __FILE__, __LINE__)

/* A predicate is one line of #if: C's grammar, its tokens and nothing else.
 * The string starts at column 43, its value at 44. */
static void test_abi_predicate(void **state)
{
    (void)state;
    good_predicate("defined(__i386__)");
    good_predicate("defined __x86_64__ && !defined(__ILP32__)");
    good_predicate("(A ? B : C) || (0x10UL >> 2) >= 3 && -1 < ~0 % 7");
    good_predicate("__ARM_ARCH == 8 || (X + 1) * 2 != 0Lu");
    bad_predicate("1ULL", 44); /* C99's long long: -pedantic C89 refuses it */
    good_predicate("0xffffffffffffffff == 18446744073709551615u && 9223372036854775807 && 0777");
    bad_predicate("18446744073709551616u", 44); /* beyond 64 bits */
    bad_predicate("9223372036854775808", 44);   /* unsigned without saying so */
    bad_predicate("0x", 44);
    bad_predicate("08", 44);
    /* undefined names are 0 on the other ABIs' targets */
    good_predicate("A / 2 + B % 0x10");
    bad_predicate("1 / A", 48);
    bad_predicate("1 % 0x0", 48);
    bad_predicate("1 / (2)", 48);
    bad_predicate("defined(__i386__)\\n#error injected", 61);
    bad_predicate("defined(A) /* c */", 55);
    bad_predicate("defined(A) // c", 55);
    bad_predicate("defined(A) \\\\", 55);
    bad_predicate("(defined(A)", 55); /* the end, where ')' is missing */
    bad_predicate("defined(A))", 54);
    bad_predicate("defined(A) ?\?/", 55);
    bad_predicate("", 44);
    bad_predicate("A ? B : C", 46);
    bad_predicate("A(1)", 45);
    bad_predicate("1.5", 45);
    bad_predicate("09", 44);
    bad_predicate("a = b", 46);
    bad_predicate("\\\"s\\\"", 44);
    bad_predicate("a # b", 46);
    bad_predicate("defined(1)", 52);
    bad_predicate("a\\tb", 47); /* a tab is a blank; 'b' needs an operator before it */
}

/* The guest-handle macros come from verbatim blocks before their use,
 * shown wherever the use is. Line 1 makes e_t's handle. */
#define E_T "verbatim guest \"#define DEFINE_XEN_GUEST_HANDLE(n) int\"; typedef u32 e_t guest handle;\n"
static void test_handle_macros(void **state)
{
    (void)state;
    const char *all = "verbatim guest \"\"\"\n#define DEFINE_XEN_GUEST_HANDLE(n) typedef struct { n *p; } h_ ## n\n"
                      "#define XEN_GUEST_HANDLE(n) h_ ## n\n#define XEN_GUEST_HANDLE_64(n) h_ ## n\n\"\"\";\n";
    struct buf b = {0};
    buf_printf(&b, "%s%s", all, "typedef u32 e_t guest handle;\nstruct s guest { handle(e_t) h; handle64(e_t) g; }\n");
    clean(b.data);
    buf_free(&b);
    check("typedef u32 e_t guest handle;\n", "handle-macro-missing", 1, 13);
    check(E_T "struct s guest { handle(e_t) h; handle(e_t) i; }\n", "handle-macro-missing", 2, 18);
    check(E_T "struct s guest { u64 h | handle64(e_t) g; }\n", "handle-macro-missing", 2, 26);
    /* defined after the use is too late */
    check("typedef u32 e_t guest handle;\nverbatim guest \"#define DEFINE_XEN_GUEST_HANDLE(n) int\";\n",
          "handle-macro-missing", 1, 13);
    /* on one ABI, for tools, or from a version on: narrower than the use */
    check("verbatim guest only(w32) \"#define DEFINE_XEN_GUEST_HANDLE(n) int\";\ntypedef u32 e_t guest handle;\n",
          "handle-macro-missing", 2, 13);
    check("interface domctl version 1; verbatim tools(domctl) \"#define DEFINE_XEN_GUEST_HANDLE(n) int\";\n"
          "typedef u32 e_t guest handle;\n",
          "handle-macro-missing", 2, 13);
    check("verbatim guest since 0x100 \"#define DEFINE_XEN_GUEST_HANDLE(n) int\";\n"
          "typedef u32 e_t guest handle;\n", "handle-macro-missing", 2, 13);
    /* blocks add up, and a narrower use needs less */
    clean(E_T "verbatim guest only(w32) \"#define XEN_GUEST_HANDLE(n) int\";\n"
          "verbatim guest only(w64) \"#define XEN_GUEST_HANDLE(n) int\";\n"
          "struct s guest { handle(e_t) h; }\n");
    clean(E_T "verbatim guest until 0x100 \"#define XEN_GUEST_HANDLE(n) int\";\n"
          "verbatim guest since 0x100 \"#define XEN_GUEST_HANDLE(n) int\";\n"
          "struct s guest { handle(e_t) h; }\n");
    clean(E_T "interface domctl version 1; verbatim tools(domctl) only(w32) \"#define XEN_GUEST_HANDLE_64(n) int\";\n"
          "struct s tools(domctl) only(w32) { handle64(e_t) h; }\n");
    /* an alias only the tools see needs the macro only there */
    clean(E_T "interface domctl version 1; verbatim tools(domctl) \"#define XEN_GUEST_HANDLE_64(n) int\";\n"
          "struct s guest { u64 h | handle64(e_t) g only(tools); }\n");

    /* the handle's type: a typedef that says handle, or one a block makes */
    const char *h = "verbatim guest \"#define XEN_GUEST_HANDLE(n) h_ ## n\";\n";
    buf_printf(&b, "%s%s", h, "typedef u32 w_t guest;\nstruct s guest { handle(w_t) h; }\n");
    check(b.data, "handle-type-undeclared", 3, 18);
    buf_free(&b);
    buf_printf(&b, "%s%s", h, "struct t guest { u32 a; }\nstruct s guest { handle(t) h; handle(u8) b; }\n");
    struct compiled c;
    compile_with_arch(&c, b.data);
    assert_diag(&c, "handle-type-undeclared", 3, 18);
    assert_diag(&c, "handle-type-undeclared", 3, 31);
    assert_int_equal(c.diags.len, 2);
    compiled_free(&c);
    buf_free(&b);
    buf_printf(&b, "%s%s", h, "struct t guest { u32 a; }\nverbatim guest \"typedef struct t t; DEFINE_XEN_GUEST_HANDLE(t);\";\n"
                              "struct s guest { handle(t) h; }\n");
    clean(b.data);
    buf_free(&b);
}
#undef E_T

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

/* The underline's extent is what the user sees: the spans of a set of
 * diagnostics, start and end. */
static void test_spans(void **state)
{
    (void)state;
    check_span("struct s guest { uint32_t a; }\n", "unresolved-name", 1, 18, 1, 25);
    check_span("feature F;\nfeature FF;\nfeature FF;\n", "duplicate-name", 3, 9, 3, 10);
    check_span("register R : 8 xen { A 3:0; B 4:3; res0 rest; }\n", "field-overlap", 1, 31, 1, 33);
    check_span("register R : 8 xen { A 3:0; res0 6:5; }\n", "field-uncovered", 1, 10, 1, 10);
    check_span("register R : 64 xen { HI 40; res0 rest; }\nstruct s guest { u32 slot : R; }\n",
               "register-slot-too-narrow", 2, 22, 2, 25);
    check_span("struct s guest { u32 a | u64 wide; }\n", "alias-too-wide", 1, 30, 1, 33);
    check_span("struct s guest { u32 a; u64 bb; }\n", "implicit-hole", 1, 29, 1, 30);
    check_span("const A xen = 0x80000000;\n", "const-overflow", 1, 15, 1, 24);
    check_span("const A xen = (1 + 2) << 64;\n", "const-overflow", 1, 26, 1, 27);
    check_span("struct s guest { u32 a[0]; }\n", "invalid-array", 1, 24, 1, 24);
    check_span("struct s guest { aligned(16384) u32 a; }\n", "invalid-align", 1, 26, 1, 30);
    check_span("verbatim xen \"struct a { int x; };\";\n", "verbatim-layout", 1, 1, 1, 8);
    check_span("struct s guest { u32 a b; }\n", "syntax", 1, 24, 1, 24);
}

/* What the layout checks say: offsets from the struct the user declared,
 * members by their C path, figures per ABI. */
static void test_layout_messages(void **state)
{
    (void)state;
    struct compiled c;
    compile_with_arch(&c, "struct s guest { u64 a; u8 c; struct { u8 x; u32 y; }; struct { u8 p; u32 q; } named;"
                          " struct { u32 t; u8 u; } tail; u32 z; }\n");
    assert_message(&c, "implicit-hole",
                   "struct 's' has an implicit 3-byte hole at offset 9 before an anonymous struct on w32, w64");
    assert_message(&c, "implicit-hole", "struct 's' has an implicit 3-byte hole at offset 13 before 'y' on w32, w64");
    assert_message(&c, "implicit-hole",
                   "struct 's' has an implicit 3-byte hole at offset 21 before 'named.q' on w32, w64");
    assert_message(&c, "implicit-hole",
                   "struct 's' has 3 bytes of implicit padding at offset 33 at the end of 'tail' on w32, w64");
    assert_int_equal(c.diags.len, 4);
    /* the note's padding name is the offset in the struct, unique in its scope */
    assert_non_null(strstr(c.diags.items[1].notes[0].message, "'pad u8 _pad13[3];'"));
    compiled_free(&c);
    /* one hole per place and size, with the ABIs that have it */
    compile_with_arch(&c, "struct s guest { u32 a; struct { u8 x; u64 y; }; }\n");
    assert_message(&c, "implicit-hole",
                   "struct 's' has an implicit 4-byte hole at offset 4 before an anonymous struct on w64");
    assert_message(&c, "implicit-hole", "struct 's' has an implicit 3-byte hole at offset 5 before 'y' on w32");
    assert_message(&c, "implicit-hole", "struct 's' has an implicit 7-byte hole at offset 9 before 'y' on w64");
    assert_int_equal(c.diags.len, 3);
    compiled_free(&c);
    compile_with_arch(&c, "struct s guest { u64 a; u32 b; }\n");
    assert_message(&c, "implicit-hole", "struct 's' has 4 bytes of implicit trailing padding at offset 12 on w64");
    compiled_free(&c);
    /* beyond 64 holes in one struct: every one is reported */
    struct buf b = {0};
    buf_puts(&b, "struct s guest {");
    for (int i = 0; i < 70; i++)
        buf_printf(&b, " u8 a%d; u16 b%d;", i, i);
    buf_puts(&b, " }\n");
    compile_with_arch(&c, b.data);
    assert_int_equal(diag_count(&c, "implicit-hole"), 70);
    assert_message(&c, "implicit-hole", "struct 's' has an implicit 1-byte hole at offset 277 before 'b69' on w32, w64");
    compiled_free(&c);
    buf_free(&b);

    compile_with_arch(&c, "struct s guest { }\n");
    assert_message(&c, "empty-aggregate", "struct 's' is empty on w32");
    compiled_free(&c);
    compile_with_arch(&c, "struct s guest { u32 a; struct { } e; union { }; }\n");
    assert_message(&c, "empty-aggregate", "struct 's' has an empty struct 'e' at offset 4 on w32");
    assert_message(&c, "empty-aggregate", "struct 's' has an empty anonymous union at offset 4 on w32");
    assert_diag(&c, "empty-aggregate", 1, 25);
    assert_diag(&c, "empty-aggregate", 1, 39);
    assert_int_equal(c.diags.len, 2);
    compiled_free(&c);

    /* abi-layout-differs: an offset */
    differs("struct s guest { u32 a; ulong b; u32 c; }\n", false, 1, 31,
            "member 'b' is at offset 4 (size 4) on w32 but at offset 8 (size 8) on w64");
    /* a size alone, inside an anonymous union: the member is named, not the union */
    differs("struct s guest { union { u32 x; ulong y; }; }\n", false, 1, 39,
            "member 'y' at offset 0 is 4 bytes on w32 but 8 bytes on w64");
    /* a member on one ABI only, in a named nested struct */
    differs("struct s guest { u32 a; struct { only(w64) u32 z; u32 w; } in; }\n", false, 1, 48,
            "member 'in.z' exists on w64 but not on w32");
    /* every member alike, the whole struct not: its alignment */
    differs("struct s guest { u32 a; u32 b; u64 c; }\n", true, 1, 8,
            "size 16 (align 4) on w32 but size 16 (align 8) on w64");
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

static bool is_row(enum diag_id id)
{
    for (size_t i = 0; i < check_count(); i++)
        if (check_at(i)->id == id)
            return true;
    return false;
}

/* A prerequisite that is no row would be ignored: the table must not
 * have one. */
static void test_prerequisites_are_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < check_count(); i++)
        for (int k = 0; k < CHECK_MAX_PREREQS; k++) {
            enum diag_id p = check_at(i)->prereqs[k];
            if (p != DIAG_COUNT && !is_row(p)) {
                print_message("# check '%s' needs '%s', which is no check\n", diag_id_name(check_at(i)->id),
                              diag_id_name(p));
                fail();
            }
        }
}

/* Every id is a check's own, or one that the documented phases outside
 * the checks raise, and not both; a check may also report an outside id
 * on the way (nesting-too-deep, which the parser raises too, for structs
 * nested beyond what translation handles), where its row says so. */
static void test_every_id_has_a_source(void **state)
{
    (void)state;
    size_t n;
    const enum diag_id *outside = check_outside_ids(&n);
    for (int id = 0; id < DIAG_COUNT; id++) {
        bool own = false, on_the_way = false, from_outside = false;
        for (size_t i = 0; i < check_count(); i++) {
            own |= check_at(i)->id == (enum diag_id)id;
            on_the_way |= check_reports(check_at(i), (enum diag_id)id);
        }
        for (size_t i = 0; i < n; i++)
            from_outside |= (int)outside[i] == id;
        if ((own && from_outside) || (!on_the_way && !from_outside)) {
            print_message("# '%s' is %s\n", diag_id_name((enum diag_id)id),
                          own ? "both a check's and outside the checks" : "raised by nobody");
            fail();
        }
    }
    /* a check reports its own id, and wrong-kind only where it is listed */
    const struct check *unresolved = NULL, *dup = NULL;
    for (size_t i = 0; i < check_count(); i++) {
        if (check_at(i)->id == DIAG_UNRESOLVED_NAME)
            unresolved = check_at(i);
        if (check_at(i)->id == DIAG_DUPLICATE_NAME)
            dup = check_at(i);
    }
    assert_true(check_reports(unresolved, DIAG_UNRESOLVED_NAME));
    assert_true(check_reports(unresolved, DIAG_WRONG_KIND));
    assert_false(check_reports(dup, DIAG_WRONG_KIND));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arch_missing),
        cmocka_unit_test(test_arch_duplicate),
        cmocka_unit_test(test_abi_facts),
        cmocka_unit_test(test_duplicate_name),
        cmocka_unit_test(test_macro_reserved),
        cmocka_unit_test(test_const_arithmetic),
        cmocka_unit_test(test_arch_helper_names_match_templates),
        cmocka_unit_test(test_cwords_table),
        cmocka_unit_test(test_name_reserved_c),
        cmocka_unit_test(test_unresolved_name),
        cmocka_unit_test(test_feature_checks),
        cmocka_unit_test(test_feature_numbers),
        cmocka_unit_test(test_long_chains),
        cmocka_unit_test(test_visibility),
        cmocka_unit_test(test_conditions),
        cmocka_unit_test(test_register_bits),
        cmocka_unit_test(test_like),
        cmocka_unit_test(test_enums_and_resets),
        cmocka_unit_test(test_structure_shapes),
        cmocka_unit_test(test_register_slots),
        cmocka_unit_test(test_constants),
        cmocka_unit_test(test_verbatim),
        cmocka_unit_test(test_verbatim_preprocessor),
        cmocka_unit_test(test_abi_predicate),
        cmocka_unit_test(test_handle_macros),
        cmocka_unit_test(test_layout_checks),
        cmocka_unit_test(test_layout_messages),
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_warning_policy),
        cmocka_unit_test(test_table_names_are_ids),
        cmocka_unit_test(test_prerequisites_are_rows),
        cmocka_unit_test(test_every_id_has_a_source),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
