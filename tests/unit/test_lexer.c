/* SPDX-License-Identifier: MIT */
/* The scanner: token kinds, values and exact positions, and what it does
 * with input that is not a spec at all. */
#include "support.h"

#include "parse_ctx.h"
#include "parser.h"

#include <stdlib.h>
#include <string.h>

struct lexed {
    struct arena arena;
    struct diags diags;
    struct source *src;
    struct avec tokens;
};

static void lex(struct lexed *l, const char *text, size_t len)
{
    memset(l, 0, sizeof(*l));
    arena_init(&l->arena);
    diags_init(&l->diags);
    l->src = source_from_memory("lex.reg", text, len);
    struct parse_ctx ctx = {0};
    ctx.diags = &l->diags;
    ctx.arena = &l->arena;
    ctx.src = l->src;
    lex_source(&ctx, &l->tokens);
}

static void lexed_free(struct lexed *l)
{
    arena_free(&l->arena);
    diags_free(&l->diags);
    source_free(l->src);
}

static const struct lex_token *tok(const struct lexed *l, size_t i)
{
    assert_true(i < l->tokens.len);
    return l->tokens.items[i];
}

static void assert_tok(const struct lexed *l, size_t i, int kind, unsigned line, unsigned col,
                       unsigned end_col)
{
    const struct lex_token *t = tok(l, i);
    assert_int_equal(t->kind, kind);
    assert_int_equal(t->loc.line, line);
    assert_int_equal(t->loc.col, col);
    assert_int_equal(t->loc.end_col, end_col);
}

static void test_tokens_and_positions(void **state)
{
    (void)state;
    struct lexed l;
    const char *text = "register SPSR_EL2 : 64 {\n\tM 4:0; // mode\n}\n";
    lex(&l, text, strlen(text));
    assert_int_equal(l.diags.errors, 0);
    assert_tok(&l, 0, REGISTER, 1, 1, 8);
    assert_tok(&l, 1, IDENT, 1, 10, 17);
    assert_string_equal(tok(&l, 1)->text, "SPSR_EL2");
    assert_tok(&l, 2, ':', 1, 19, 19);
    assert_tok(&l, 3, NUMBER, 1, 21, 22);
    assert_int_equal(tok(&l, 3)->num, 64);
    assert_tok(&l, 4, '{', 1, 24, 24);
    /* a tab is one byte, so one column */
    assert_tok(&l, 5, IDENT, 2, 2, 2);
    assert_tok(&l, 6, NUMBER, 2, 4, 4);
    assert_tok(&l, 9, ';', 2, 7, 7);
    assert_tok(&l, 10, '}', 3, 1, 1);
    assert_int_equal(l.tokens.len, 11);
    lexed_free(&l);
}

static void test_numbers(void **state)
{
    (void)state;
    struct lexed l;
    const char *text = "0 42 0x1F 0b1010 1_000_000 0xffff_ffff_ffff_ffff 0B11 0X2a";
    lex(&l, text, strlen(text));
    assert_int_equal(l.diags.errors, 0);
    uint64_t want[] = {0, 42, 0x1f, 10, 1000000, UINT64_MAX, 3, 42};
    for (size_t i = 0; i < ARRAY_SIZE(want); i++) {
        assert_int_equal(tok(&l, i)->kind, NUMBER);
        assert_true(tok(&l, i)->num == want[i]);
    }
    lexed_free(&l);

    const char *bad[] = {"0x", "0b2", "1__0", "10_", "0x_1", "12ab", "010", "0xg"};
    for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
        lex(&l, bad[i], strlen(bad[i]));
        assert_int_equal(l.diags.errors, 1);
        assert_int_equal(l.diags.items[0].id, DIAG_INVALID_NUMBER);
        lexed_free(&l);
    }
    /* 2^64 is one too many */
    lex(&l, "18446744073709551616 0x10000000000000000", 40);
    assert_int_equal(l.diags.errors, 2);
    assert_int_equal(l.diags.items[0].id, DIAG_NUMBER_OVERFLOW);
    assert_int_equal(l.diags.items[1].loc.col, 22);
    lexed_free(&l);
}

static void test_strings(void **state)
{
    (void)state;
    struct lexed l;
    const char *text = "\"a\\\"b\\\\c\\n\" \"\"\"multi\n\"line\"\n\"\"\" \"caf\xc3\xa9\"";
    lex(&l, text, strlen(text));
    assert_int_equal(l.diags.errors, 0);
    assert_string_equal(tok(&l, 0)->text, "a\"b\\c\n");
    assert_string_equal(tok(&l, 1)->text, "multi\n\"line\"\n");
    assert_int_equal(tok(&l, 1)->loc.line, 1);
    assert_int_equal(tok(&l, 1)->loc.end_line, 3);
    assert_string_equal(tok(&l, 2)->text, "caf\xc3\xa9");
    lexed_free(&l);

    lex(&l, "\"bad \\q escape\"", 15);
    assert_int_equal(l.diags.items[0].id, DIAG_INVALID_ESCAPE);
    assert_int_equal(l.diags.items[0].loc.col, 6);
    lexed_free(&l);

    /* a newline ends an unterminated string, so the next line still lexes */
    lex(&l, "\"open\nfeature", 13);
    assert_int_equal(l.diags.items[0].id, DIAG_UNTERMINATED_STRING);
    assert_int_equal(tok(&l, 1)->kind, FEATURE);
    lexed_free(&l);

    lex(&l, "x \"\"\"never closed", 18);
    assert_int_equal(l.diags.items[0].id, DIAG_UNTERMINATED_STRING);
    assert_int_equal(l.diags.items[0].loc.col, 3);
    lexed_free(&l);
}

static void test_comments_and_line_ends(void **state)
{
    (void)state;
    struct lexed l;
    /* CRLF, a comment spanning lines, and no final newline */
    const char *text = "a /* one\r\ntwo */ b\r\n// c\r\nd";
    lex(&l, text, strlen(text));
    assert_int_equal(l.diags.errors, 0);
    assert_int_equal(l.tokens.len, 3);
    assert_tok(&l, 1, IDENT, 2, 8, 8);
    assert_tok(&l, 2, IDENT, 4, 1, 1);
    lexed_free(&l);

    lex(&l, "a\n  /* open", 11);
    assert_int_equal(l.diags.items[0].id, DIAG_UNTERMINATED_COMMENT);
    assert_int_equal(l.diags.items[0].loc.line, 2);
    assert_int_equal(l.diags.items[0].loc.col, 3);
    lexed_free(&l);
}

static void test_hostile_bytes(void **state)
{
    (void)state;
    struct lexed l;
    const char text[] = "a\0\0b \x01 \xff\xfe c $ d";
    lex(&l, text, sizeof(text) - 1);
    assert_int_equal(l.diags.errors, 4);
    assert_int_equal(l.diags.items[0].id, DIAG_NUL_BYTE);
    assert_int_equal(l.diags.items[0].loc.col, 2);
    assert_int_equal(l.diags.items[1].id, DIAG_INVALID_CHAR);
    assert_int_equal(l.diags.items[2].id, DIAG_INVALID_CHAR);
    assert_int_equal(l.diags.items[2].loc.col, 8);
    assert_int_equal(l.diags.items[3].loc.col, 13);
    /* each bad run is one error token for the parser, and scanning goes on */
    assert_int_equal(l.tokens.len, 8);
    size_t idents = 0, errors = 0;
    for (size_t i = 0; i < l.tokens.len; i++) {
        idents += tok(&l, i)->kind == IDENT;
        errors += tok(&l, i)->kind == REGC_YYerror;
    }
    assert_int_equal(idents, 4);
    assert_int_equal(errors, 4);
    lexed_free(&l);

    /* not UTF-8 in a comment and in a string; a NUL in a comment */
    const char bad[] = "// caf\xe9\n\"\xc0\xaf\"\n/* \0 */";
    lex(&l, bad, sizeof(bad) - 1);
    assert_int_equal(l.diags.errors, 3);
    assert_int_equal(l.diags.items[0].id, DIAG_INVALID_UTF8);
    assert_int_equal(l.diags.items[0].loc.col, 7);
    assert_int_equal(l.diags.items[1].id, DIAG_INVALID_UTF8);
    assert_int_equal(l.diags.items[2].id, DIAG_NUL_BYTE);
    lexed_free(&l);
}

static void test_limits(void **state)
{
    (void)state;
    struct lexed l;
    char name[REGC_MAX_NAME + 2];
    memset(name, 'a', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    lex(&l, name, strlen(name));
    assert_int_equal(l.diags.items[0].id, DIAG_NAME_TOO_LONG);
    lexed_free(&l);

    /* nesting stops the scan at the first bracket past the limit */
    size_t n = 100000;
    char *deep = malloc(n + 1);
    memset(deep, '{', n);
    deep[n] = '\0';
    lex(&l, deep, n);
    assert_int_equal(l.diags.errors, 1);
    assert_int_equal(l.diags.items[0].id, DIAG_NESTING_TOO_DEEP);
    assert_int_equal(l.diags.items[0].loc.col, REGC_MAX_NESTING + 1);
    free(deep);
    lexed_free(&l);

    /* a 1 MB line is just a long line */
    n = 1 << 20;
    char *line = malloc(n + 1);
    for (size_t i = 0; i < n; i++)
        line[i] = i % 2 ? ' ' : 'x';
    line[n] = '\0';
    lex(&l, line, n);
    assert_int_equal(l.diags.errors, 0);
    assert_int_equal(l.tokens.len, n / 2);
    assert_int_equal(tok(&l, n / 2 - 1)->loc.col, n - 1);
    free(line);
    lexed_free(&l);
}

static void test_keywords_are_not_prefixes(void **state)
{
    (void)state;
    struct lexed l;
    const char *text = "structure res0x reserved_1 guests if_";
    lex(&l, text, strlen(text));
    for (size_t i = 0; i < l.tokens.len; i++)
        assert_int_equal(tok(&l, i)->kind, IDENT);
    assert_int_equal(l.tokens.len, 5);
    lexed_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tokens_and_positions),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_comments_and_line_ends),
        cmocka_unit_test(test_hostile_bytes),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_keywords_are_not_prefixes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
