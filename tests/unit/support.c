/* SPDX-License-Identifier: MIT */
#include "support.h"

#include "compile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BASE_TYPES(ulong, u64align) \
    "        type u8 size 1; type u16 size 2; type u32 size 4; type u64 size 8 align " u64align ";\n" \
    "        type s8 size 1; type s16 size 2; type s32 size 4; type s64 size 8 align " u64align ";\n" \
    "        type char size 1; type ulong size " ulong "; type pointer size " ulong ";\n" \
    "        type handle size " ulong "; type handle64 size 8 align 8;\n"

const char TEST_ARCH[] =
    "arch t {\n"
    "    abi w32 {\n"
    "        endian little; predicate \"defined(__i386__)\";\n"
    BASE_TYPES("4", "4")
    "    }\n"
    "    abi w64 {\n"
    "        endian little; predicate \"defined(__x86_64__)\";\n"
    BASE_TYPES("8", "8")
    "    }\n"
    "}\n";

const char TEST_ARCH_SAME[] =
    "arch t {\n"
    "    same_layout;\n"
    "    abi w32 {\n"
    "        endian little; predicate \"defined(__arm__)\";\n"
    BASE_TYPES("4", "8")
    "    }\n"
    "    abi w64 {\n"
    "        endian little; predicate \"defined(__aarch64__)\";\n"
    BASE_TYPES("8", "8")
    "    }\n"
    "}\n";

void compile_text(struct compiled *c, const char *text)
{
    memset(c, 0, sizeof(*c));
    diags_init(&c->diags);
    struct compile_input in = {.path = "test.reg", .text = text, .len = strlen(text)};
    c->spec = compile_spec(&in, &c->diags, &c->syntax_ok);
}

/* The arch goes after the text, so that the text's lines and columns are
 * the ones the test asserts on; declarations may come in any order. */
void compile_with_arch(struct compiled *c, const char *text)
{
    struct buf b = {0};
    buf_puts(&b, text);
    buf_puts(&b, "\n");
    buf_puts(&b, TEST_ARCH);
    compile_text(c, b.data);
    buf_free(&b);
}

void compiled_free(struct compiled *c)
{
    spec_free(c->spec);
    diags_free(&c->diags);
}

size_t diag_count(const struct compiled *c, const char *id)
{
    size_t n = 0;
    for (size_t i = 0; i < c->diags.len; i++)
        if (strcmp(diag_id_name(c->diags.items[i].id), id) == 0)
            n++;
    return n;
}

const char *diag_message(const struct compiled *c, const char *id)
{
    for (size_t i = 0; i < c->diags.len; i++)
        if (strcmp(diag_id_name(c->diags.items[i].id), id) == 0)
            return c->diags.items[i].message;
    return "";
}

static void dump(const struct compiled *c)
{
    for (size_t i = 0; i < c->diags.len; i++) {
        const struct diag *d = &c->diags.items[i];
        print_message("#   %u:%u %s [%s]\n", d->loc.line, d->loc.col, d->message, diag_id_name(d->id));
    }
}

void assert_diag_at(const struct compiled *c, const char *id, unsigned line, unsigned col,
                    const char *file, int fline)
{
    for (size_t i = 0; i < c->diags.len; i++) {
        const struct diag *d = &c->diags.items[i];
        if (strcmp(diag_id_name(d->id), id) == 0 && d->loc.line == line && d->loc.col == col)
            return;
    }
    print_message("# expected [%s] at %u:%u; got:\n", id, line, col);
    dump(c);
    _fail(file, fline);
}

void assert_clean_at(const struct compiled *c, const char *file, int fline)
{
    if (c->diags.errors == 0 && c->syntax_ok)
        return;
    print_message("# expected no errors; got:\n");
    dump(c);
    _fail(file, fline);
}

struct aggregate *find_agg(const struct spec *s, const char *name)
{
    for (size_t i = 0; i < s->aggs.len; i++) {
        struct aggregate *a = s->aggs.items[i];
        if (strcmp(a->name.text, name) == 0)
            return a;
    }
    return NULL;
}

struct reg *find_reg(const struct spec *s, const char *name)
{
    for (size_t i = 0; i < s->regs.len; i++) {
        struct reg *r = s->regs.items[i];
        if (strcmp(r->name.text, name) == 0)
            return r;
    }
    return NULL;
}
