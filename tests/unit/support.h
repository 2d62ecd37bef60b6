/* SPDX-License-Identifier: MIT */
/* What the unit tests share: run the pipeline on text, look at the result. */
#ifndef REGC_TEST_SUPPORT_H
#define REGC_TEST_SUPPORT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "ast.h"
#include "diag.h"
#include "util.h"

/* Two ABIs that differ where it matters for layout: the word size, and
 * the alignment of u64 inside structs (like arm32/arm64 would not, but
 * x86_32/x86_64 do). */
extern const char TEST_ARCH[];
/* The same with one layout required for every ABI. */
extern const char TEST_ARCH_SAME[];

struct compiled {
    struct diags diags;
    struct spec *spec;
    bool syntax_ok;
};

/* Parses, resolves, checks and lays out `text` (named "test.reg"). */
void compile_text(struct compiled *c, const char *text);
/* The same with TEST_ARCH appended, so lines and columns are the text's. */
void compile_with_arch(struct compiled *c, const char *text);
void compiled_free(struct compiled *c);

size_t diag_count(const struct compiled *c, const char *id);
/* Fails the test, printing every diagnostic, unless one with this id is at
 * line:col. */
void assert_diag_at(const struct compiled *c, const char *id, unsigned line, unsigned col,
                    const char *file, int fline);
#define assert_diag(c, id, line, col) assert_diag_at((c), (id), (line), (col), __FILE__, __LINE__)
/* Fails unless there are no errors. */
void assert_clean_at(const struct compiled *c, const char *file, int fline);
#define assert_clean(c) assert_clean_at((c), __FILE__, __LINE__)
/* The message of the first diagnostic with this id, or "". */
const char *diag_message(const struct compiled *c, const char *id);

/* Text of n declarations, one a line: fmt is formatted with the line's
 * index i and the next one in the chain (modulo mod when it is not 0);
 * `reverse` writes them last first. */
#define CHAIN_TEXT(out, head, n, mod, reverse, tail, fmt, ...) \
    do { \
        struct buf b_ = {0}; \
        buf_puts(&b_, (head)); \
        for (unsigned k_ = 0; k_ < (n); k_++) { \
            unsigned i = (reverse) ? (n) - 1 - k_ : k_; \
            unsigned next = (mod) ? (i + 1) % (mod) : i + 1; \
            (void)next; \
            buf_printf(&b_, fmt, __VA_ARGS__); \
        } \
        buf_puts(&b_, (tail)); \
        (out) = buf_steal(&b_, NULL); \
    } while (0)

/* How long a chain of declarations the tests build: as long as a
 * generated spec makes them, far beyond what the C stack would take. */
enum { CHAIN = 100000 };

struct aggregate *find_agg(const struct spec *s, const char *name);
struct reg *find_reg(const struct spec *s, const char *name);

#endif
