/* SPDX-License-Identifier: MIT */
/* The one printer every diagnostic goes through, and the warning policy. */
#define _POSIX_C_SOURCE 200809L
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* noinline: inlined, gcc 12 mistakes the memstream buffer for a dangling local */
__attribute__((noinline)) static char *render(const struct diags *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    diags_print(d, f);
    fclose(f);
    return text;
}

static void test_format_with_tab_and_note(void **state)
{
    (void)state;
    struct source *s = source_from_memory("x.reg", "a\n\tfoo bar;\r\n", 13);
    struct diags d;
    diags_init(&d);
    struct loc at = {s, 2, 6, 2, 8};
    struct loc prev = {s, 1, 1, 1, 1};
    struct diag *g = diag_report(&d, DIAG_DUPLICATE_NAME, at, "redefinition of '%s'", "bar");
    diag_note(g, prev, "previous definition is here");
    char *out = render(&d);
    assert_string_equal(out,
                        "x.reg:2:6: error: redefinition of 'bar' [duplicate-name]\n"
                        "    2 | \tfoo bar;\n"
                        "      | \t    ^~~\n"
                        "x.reg:1:1: note: previous definition is here\n"
                        "    1 | a\n"
                        "      | ^\n"
                        "1 error and 0 warnings generated.\n");
    free(out);
    diags_free(&d);
    source_free(s);
}

static void test_control_bytes_are_masked(void **state)
{
    (void)state;
    struct source *s = source_from_memory("x.reg", "a\x01\x1b[2Jb", 7);
    struct diags d;
    diags_init(&d);
    struct loc at = {s, 1, 2, 1, 2};
    diag_report(&d, DIAG_INVALID_CHAR, at, "bad");
    char *out = render(&d);
    assert_non_null(strstr(out, "a??[2Jb"));
    free(out);
    diags_free(&d);
    source_free(s);
}

/* A message or path that quotes input with a line break or an escape
 * sequence stays one line, and the terminal gets no escape sequence. */
static void test_control_bytes_in_messages_and_paths(void **state)
{
    (void)state;
    struct source *top = source_from_memory("t\nop.reg", "include \"a\";\n", 13);
    struct source *inc = source_from_memory("a\x1b[2J.reg", "x\n", 2);
    inc->included_from = top;
    inc->include_line = 1;
    struct diags d;
    diags_init(&d);
    struct loc at = {inc, 1, 1, 1, 1};
    struct diag *g = diag_report(&d, DIAG_INCLUDE_NOT_FOUND, at, "cannot find \"%s\"", "b.reg\n\tc\x7f");
    diag_note(g, at, "note\r\n");
    char *out = render(&d);
    assert_non_null(strstr(out, "In file included from t\\nop.reg:1:\n"));
    assert_non_null(strstr(out, "a\\x1b[2J.reg:1:1: error: cannot find \"b.reg\\n\\tc\\x7f\" [include-not-found]\n"));
    assert_non_null(strstr(out, "a\\x1b[2J.reg:1:1: note: note\\x0d\\n\n"));
    free(out);
    diags_free(&d);
    source_free(top);
    source_free(inc);
}

/* A 100 000-byte line is shown as a window around the span, with the
 * caret still under it. */
static void test_long_line_is_cut_around_the_span(void **state)
{
    (void)state;
    size_t n = 100000;
    char *text = malloc(n + 1);
    memset(text, 'x', n);
    memcpy(text + 50000, "BAD", 3);
    text[n] = '\0';
    struct source *s = source_from_memory("x.reg", text, n);
    struct diags d;
    diags_init(&d);
    struct loc at = {s, 1, 50001, 1, 50003};
    diag_report(&d, DIAG_INVALID_CHAR, at, "bad");
    char *out = render(&d);
    assert_true(strlen(out) < 600);
    const char *excerpt = strstr(out, "    1 | ...");
    const char *caret = strstr(out, "      |    ");
    assert_non_null(excerpt);
    assert_non_null(caret);
    /* the caret is under the B */
    const char *b = strstr(excerpt, "BAD");
    assert_non_null(b);
    assert_int_equal(strchr(caret, '^') - caret, b - excerpt);
    assert_non_null(strstr(caret, "^~~\n"));
    free(out);
    free(text);
    diags_free(&d);
    source_free(s);
}

/* Renders one error at line:col-end_line:end_col of text, named x.reg. */
static char *render_span(const char *text, size_t len, uint32_t line, uint32_t col, uint32_t end_line,
                         uint32_t end_col)
{
    struct source *s = source_from_memory("x.reg", text, len);
    struct diags d;
    diags_init(&d);
    struct loc at = {s, line, col, end_line, end_col};
    diag_report(&d, DIAG_SYNTAX, at, "here");
    char *out = render(&d);
    diags_free(&d);
    source_free(s);
    return out;
}

/* The caret is under the span whatever UTF-8 comes before it on the line,
 * the underline as long as the span in characters, and the column in
 * characters too. */
static void test_utf8_before_and_in_the_span(void **state)
{
    (void)state;
    const char *text = "feature F \"d\xc3\xa9j\xc3\xa0 vu\" requires G;\n\t\"\xc3\xa9t\xc3\xa9\" x;\n";
    /* 'requires' is at byte 22, character 20 */
    char *out = render_span(text, strlen(text), 1, 22, 1, 29);
    assert_string_equal(out,
                        "x.reg:1:20: error: here [syntax]\n"
                        "    1 | feature F \"d\xc3\xa9j\xc3\xa0 vu\" requires G;\n"
                        "      |                    ^~~~~~~~\n"
                        "1 error and 0 warnings generated.\n");
    free(out);
    /* the string on line 2 is 8 bytes, 6 characters */
    out = render_span(text, strlen(text), 2, 2, 2, 9);
    assert_non_null(strstr(out, "x.reg:2:2: error: here [syntax]\n"
                                "    2 | \t\"\xc3\xa9t\xc3\xa9\" x;\n"
                                "      | \t^~~~~~\n"));
    free(out);
    struct source *s = source_from_memory("x.reg", text, strlen(text));
    struct loc at = {s, 1, 22, 1, 29};
    assert_int_equal(diag_display_col(&at), 20);
    source_free(s);
}

/* Bytes that are not UTF-8 are one '?' and one column each. */
static void test_invalid_utf8_in_the_excerpt(void **state)
{
    (void)state;
    char *out = render_span("a\xff\xc3 b\n", 6, 1, 5, 1, 5);
    assert_non_null(strstr(out, "x.reg:1:5: error: here [syntax]\n"
                                "    1 | a?? b\n"
                                "      |     ^\n"));
    free(out);
}

/* Line numbers wider than the gutter widen it, so the bars stay aligned. */
static void test_wide_line_numbers(void **state)
{
    (void)state;
    struct buf b = {0};
    for (int i = 0; i < 123456; i++)
        buf_putc(&b, '\n');
    buf_puts(&b, "oops\n");
    char *out = render_span(b.data, b.len, 123457, 1, 123457, 4);
    assert_non_null(strstr(out, "\n123457 | oops\n       | ^~~~\n"));
    free(out);
    buf_free(&b);
}

static void test_include_chain(void **state)
{
    (void)state;
    struct source *top = source_from_memory("top.reg", "include \"a.reg\";\n", 17);
    struct source *inc = source_from_memory("a.reg", "oops\n", 5);
    inc->included_from = top;
    inc->include_line = 1;
    struct diags d;
    diags_init(&d);
    struct loc at = {inc, 1, 1, 1, 4};
    diag_report(&d, DIAG_SYNTAX, at, "unexpected identifier 'oops'");
    char *out = render(&d);
    assert_true(strncmp(out, "In file included from top.reg:1:\na.reg:1:1: error:", 50) == 0);
    free(out);
    diags_free(&d);
    source_free(top);
    source_free(inc);
}

static void test_policy(void **state)
{
    (void)state;
    struct loc none = {0};
    struct diags d;
    diags_init(&d);
    d.policy.enabled[DIAG_IMPLICIT_HOLE] = false;
    assert_null(diag_report(&d, DIAG_IMPLICIT_HOLE, none, "hole"));
    assert_int_equal(d.len, 0);
    d.policy.enabled[DIAG_IMPLICIT_HOLE] = true;
    d.policy.as_error[DIAG_IMPLICIT_HOLE] = true;
    assert_int_equal(diag_report(&d, DIAG_IMPLICIT_HOLE, none, "hole")->severity, SEV_ERROR);
    d.policy.as_error[DIAG_IMPLICIT_HOLE] = false;
    d.policy.all_warnings_as_errors = true;
    assert_int_equal(diag_report(&d, DIAG_TRUNCATE_UNNEEDED, none, "wide")->severity, SEV_ERROR);
    /* errors are never dropped, whatever the policy says */
    d.policy.enabled[DIAG_SYNTAX] = false;
    assert_non_null(diag_report(&d, DIAG_SYNTAX, none, "x"));
    assert_int_equal(d.errors, 3);
    diags_free(&d);
}

static void test_source_order(void **state)
{
    (void)state;
    struct compiled c;
    /* field-overlap is found by a later check than missing-visibility but
     * is earlier in the file, so it is printed first */
    compile_with_arch(&c, "register R : 8 xen { A 1:0; B 1; res0 rest; }\nconst K = 1;\n");
    char *out = render(&c.diags);
    char *overlap = strstr(out, "[field-overlap]"), *vis = strstr(out, "[missing-visibility]");
    assert_non_null(overlap);
    assert_non_null(vis);
    assert_true(overlap < vis);
    free(out);
    compiled_free(&c);
}

static void test_ids_are_unique_and_summarised(void **state)
{
    (void)state;
    for (int i = 0; i < DIAG_COUNT; i++) {
        assert_int_equal(diag_id_lookup(diag_id_name((enum diag_id)i)), i);
        assert_true(strlen(diag_id_summary((enum diag_id)i)) > 10);
    }
    assert_int_equal(diag_id_lookup("no-such-id"), DIAG_COUNT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_format_with_tab_and_note),
        cmocka_unit_test(test_control_bytes_are_masked),
        cmocka_unit_test(test_control_bytes_in_messages_and_paths),
        cmocka_unit_test(test_long_line_is_cut_around_the_span),
        cmocka_unit_test(test_utf8_before_and_in_the_span),
        cmocka_unit_test(test_invalid_utf8_in_the_excerpt),
        cmocka_unit_test(test_wide_line_numbers),
        cmocka_unit_test(test_include_chain),
        cmocka_unit_test(test_policy),
        cmocka_unit_test(test_source_order),
        cmocka_unit_test(test_ids_are_unique_and_summarised),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
