/* SPDX-License-Identifier: MIT */
/*
 * The Mustache engine against the official specification's test suite
 * (../shared/reference/mustache-spec), plus what regc relies on beyond it:
 * no escaping for C, exact error positions, and limits.
 */
#define _POSIX_C_SOURCE 200809L
#include "support.h"

#include "json.h"
#include "mustache.h"
#include "../rng.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* argv[1], if given, names the suite's directory */
static const char *spec_dir_arg;

/* The suite's directory: argv[1], else $MUSTACHE_SPEC_DIR, else under
 * $REGC_SHARED (what meson sets), else ../shared from the source root. */
static const char *spec_dir(void)
{
    static char path[4096];
    const char *dir = spec_dir_arg ? spec_dir_arg : getenv("MUSTACHE_SPEC_DIR");
    if (dir && dir[0])
        return dir;
    const char *shared = getenv("REGC_SHARED");
    snprintf(path, sizeof(path), "%s/reference/mustache-spec", shared ? shared : "../shared");
    return path;
}

static const char *lookup_partial(void *ctx, const char *name, size_t *len)
{
    const struct mu_value *v = mu_map_get(ctx, name, strlen(name));
    if (!v || v->kind != MU_STRING)
        return NULL;
    *len = v->len;
    return v->str;
}

/* Runs one file of the suite; returns the number of failures. */
static size_t run_spec_file(const char *file, size_t *total)
{
    char path[4200];
    snprintf(path, sizeof(path), "%s/%s", spec_dir(), file);
    size_t len;
    char *text = json_read_file(path, &len);
    if (!text)
        return SIZE_MAX;
    struct arena a;
    arena_init(&a);
    char err[128];
    struct mu_value *root = json_parse(&a, text, len, err);
    assert_non_null(root);
    const struct mu_value *tests = mu_map_get(root, "tests", 5);
    assert_non_null(tests);
    size_t failed = 0;
    for (size_t i = 0; i < tests->n; i++) {
        const struct mu_value *t = tests->items[i];
        const struct mu_value *name = mu_map_get(t, "name", 4);
        const struct mu_value *tmpl = mu_map_get(t, "template", 8);
        const struct mu_value *expected = mu_map_get(t, "expected", 8);
        const struct mu_value *partials = mu_map_get(t, "partials", 8);
        struct mu_error e;
        struct mu_template *c = mu_compile(&a, name->str, tmpl->str, tmpl->len, &e);
        struct buf out = {0};
        bool ok = c != NULL;
        if (ok) {
            struct mu_render_opts o = {MU_ESCAPE_HTML, lookup_partial, (void *)partials, false, {0, 0, 0}};
            ok = mu_render(c, mu_map_get(t, "data", 4), &o, &out, &e);
        }
        if (!ok || out.len != expected->len || memcmp(out.data ? out.data : "", expected->str, out.len)) {
            failed++;
            print_message("#   %s: FAIL %s%s\n", file, name->str, ok ? "" : " (error)");
            if (!ok)
                print_message("#     %u:%u %s\n", e.line, e.col, e.message);
        }
        buf_free(&out);
    }
    *total = tests->n;
    print_message("# mustache spec: %s %zu/%zu passed\n", file, tests->n - failed, tests->n);
    arena_free(&a);
    free(text);
    return failed;
}

static void test_specification(void **state)
{
    (void)state;
    static const char *const files[] = {
        "comments.json", "delimiters.json", "interpolation.json", "inverted.json",
        "partials.json", "sections.json", "~inheritance.json", "~dynamic-names.json",
    };
    size_t all = 0, all_failed = 0;
    for (size_t i = 0; i < ARRAY_SIZE(files); i++) {
        size_t total = 0;
        size_t failed = run_spec_file(files[i], &total);
        if (failed == SIZE_MAX) {
            print_message("# mustache spec not found in %s\n", spec_dir());
            skip();
        }
        all += total;
        all_failed += failed;
    }
    print_message("# mustache spec: %zu/%zu passed in total\n", all - all_failed, all);
    assert_int_equal(all_failed, 0);
}

static char *render_text(const char *tmpl, struct mu_value *data, enum mu_escape esc, struct mu_error *e)
{
    struct arena a;
    arena_init(&a);
    struct buf out = {0};
    struct mu_template *t = mu_compile(&a, "t", tmpl, strlen(tmpl), e);
    char *result = NULL;
    if (t) {
        struct mu_render_opts o = {esc, NULL, NULL, false, {0, 0, 0}};
        if (mu_render(t, data, &o, &out, e))
            result = buf_steal(&out, NULL);
    }
    buf_free(&out);
    arena_free(&a);
    return result;
}

static void test_no_escaping_for_c(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct mu_value *m = mu_map(&a);
    mu_map_str(&a, m, "x", "(1U << 5) & \"y\"");
    struct mu_error e;
    char *s = render_text("#define X {{x}}", m, MU_ESCAPE_NONE, &e);
    assert_string_equal(s, "#define X (1U << 5) & \"y\"");
    free(s);
    s = render_text("{{x}}", m, MU_ESCAPE_HTML, &e);
    assert_string_equal(s, "(1U &lt;&lt; 5) &amp; &quot;y&quot;");
    free(s);
    arena_free(&a);
}

static void test_truthiness(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct mu_value *m = mu_map(&a);
    mu_map_str(&a, m, "empty", "");
    mu_map_str(&a, m, "doc", "text");
    mu_map_set(&a, m, "none", mu_list(&a));
    struct mu_error e;
    /* an empty string is false, so templates can test optional text */
    char *s = render_text("{{#empty}}E{{/empty}}{{#doc}}/* {{doc}} */{{/doc}}{{^none}}N{{/none}}", m,
                          MU_ESCAPE_NONE, &e);
    assert_string_equal(s, "/* text */N");
    free(s);
    arena_free(&a);
}

static void test_strict_names(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct mu_value *m = mu_map(&a);
    mu_map_str(&a, m, "mask", "0x1");
    mu_map_bool(&a, m, "flag", false);
    struct mu_template *t = mu_compile(&a, "t", "{{mask}}\n{{#flag}}{{/flag}}{{maks}}", 35, &(struct mu_error){0});
    struct mu_error e;
    struct buf out = {0};
    struct mu_render_opts strict = {MU_ESCAPE_NONE, NULL, NULL, true, {0, 0, 0}};
    assert_false(mu_render(t, m, &strict, &out, &e));
    assert_int_equal(e.line, 2);
    assert_int_equal(e.col, 19);
    assert_string_equal(e.message, "'maks' is not defined here");
    buf_free(&out);
    /* without strict, the specification's empty string */
    struct mu_render_opts lax = {MU_ESCAPE_NONE, NULL, NULL, false, {0, 0, 0}};
    assert_true(mu_render(t, m, &lax, &out, &e));
    assert_string_equal(out.data, "0x1\n");
    buf_free(&out);
    arena_free(&a);
}

static const char *lookup_base(void *ctx, const char *name, size_t *len);

/* The specification renders a missing partial or parent as nothing; in
 * strict mode it is an error at the tag that names it, so that a header
 * cannot silently lose what a misspelt partial was to give. */
static void test_strict_missing_partials(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct mu_value *m = mu_map(&a);
    mu_map_str(&a, m, "which", "nosuch");
    const char *cases[][4] = {
        {"a\n  {{>nosuch}}\n", "2", "3", "partial 'nosuch' does not exist"},
        {"{{<nobase}}{{/nobase}}", "1", "1", "parent 'nobase' does not exist"},
        {"x{{>*which}}", "1", "2", "partial 'nosuch' does not exist"},
        {"x{{>*what}}", "1", "2", "the name of partial '*what' is not a string in the context"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct mu_error e;
        struct mu_template *c = mu_compile(&a, "t", cases[i][0], strlen(cases[i][0]), &e);
        assert_non_null(c);
        struct buf out = {0};
        struct mu_render_opts strict = {MU_ESCAPE_NONE, lookup_base, NULL, true, {0, 0, 0}};
        assert_false(mu_render(c, m, &strict, &out, &e));
        assert_int_equal(e.line, atoi(cases[i][1]));
        assert_int_equal(e.col, atoi(cases[i][2]));
        assert_string_equal(e.message, cases[i][3]);
        buf_free(&out);
        struct mu_render_opts lax = {MU_ESCAPE_NONE, lookup_base, NULL, false, {0, 0, 0}};
        assert_true(mu_render(c, m, &lax, &out, &e));
        buf_free(&out);
    }
    arena_free(&a);
}

struct lazy_ctx {
    size_t made;
    size_t max_arena;
    struct arena *seen;
};

static struct mu_value *make_item(void *ctx, size_t i, struct arena *scratch)
{
    struct lazy_ctx *lc = ctx;
    lc->made++;
    if (scratch->total > lc->max_arena)
        lc->max_arena = scratch->total;
    struct mu_value *m = mu_map(scratch);
    mu_map_strf(scratch, m, "i", "%zu", i);
    /* something big per item, to show it does not pile up */
    mu_map_set(scratch, m, "pad", mu_strn(scratch, (const char[4096]){0}, 4096));
    return m;
}

static void test_lazy_lists(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct lazy_ctx lc = {0, 0, NULL};
    struct mu_value *root = mu_map(&a);
    mu_map_set(&a, root, "items", mu_lazy_list(&a, 10000, make_item, &lc));
    struct mu_error e;
    struct mu_template *t = mu_compile(&a, "t", "{{#items}}{{i}},{{/items}}", 26, &e);
    struct buf out = {0};
    struct mu_render_opts o = {MU_ESCAPE_NONE, NULL, NULL, true, {0, 0, 0}};
    assert_true(mu_render(t, root, &o, &out, &e));
    assert_int_equal(lc.made, 10000);
    assert_true(strncmp(out.data, "0,1,2,", 6) == 0);
    assert_true(strcmp(out.data + out.len - 5, "9999,") == 0);
    /* each item was dropped before the next was made */
    assert_true(lc.max_arena < 16 * 1024);
    buf_free(&out);
    arena_free(&a);
}

static void assert_compile_error(const char *tmpl, unsigned line, unsigned col, const char *words)
{
    struct arena a;
    arena_init(&a);
    struct mu_error e;
    assert_null(mu_compile(&a, "bad.mustache", tmpl, strlen(tmpl), &e));
    assert_string_equal(e.name, "bad.mustache");
    if (e.line != line || e.col != col || !strstr(e.message, words)) {
        print_message("# got %u:%u %s\n", e.line, e.col, e.message);
        fail();
    }
    arena_free(&a);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    assert_compile_error("a\n  {{#open}}\nb", 2, 3, "not closed");
    assert_compile_error("x {{/stray}}", 1, 3, "closes nothing");
    assert_compile_error("{{#a}}\n{{#b}}{{/a}}", 2, 7, "does not match 'b', opened at line 2");
    assert_compile_error("text {{unclosed", 1, 6, "not closed");
    assert_compile_error("{{{raw}}", 1, 1, "not closed");
    assert_compile_error("{{=<% =}}", 1, 1, "two delimiters");
    assert_compile_error("{{}}", 1, 1, "empty tag");
    assert_compile_error("{{a b}}", 1, 1, "whitespace");
    assert_compile_error("{{<p}}{{$b}}{{/p}}", 1, 13, "does not match");
}

/* Renders TEXT against a list of ten items with budget B; returns whether
 * it rendered, and leaves the error in E. */
static bool render_with_budget(struct arena *a, const char *text, struct mu_budget b, struct mu_error *e)
{
    struct mu_value *partials = mu_map(a);
    mu_map_str(a, partials, "p", "y");
    struct mu_value *root = mu_map(a), *list = mu_list(a);
    for (int i = 0; i < 10; i++)
        mu_list_push(a, list, mu_str(a, "0123456789"));
    mu_map_set(a, root, "l", list);
    struct mu_template *t = mu_compile(a, "budget", text, strlen(text), e);
    assert_non_null(t);
    struct mu_render_opts o = {MU_ESCAPE_NONE, lookup_partial, partials, true, b};
    struct buf out = {0};
    bool ok = mu_render(t, root, &o, &out, e);
    buf_free(&out);
    return ok;
}

/* A caller with a large model raises the budgets, and each is honoured to
 * the item: regc's 100k-register specs need more than the defaults. */
static void test_caller_budgets(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct mu_error e;
    const char *items = "{{#l}}{{.}}{{/l}}";  /* 10 items, 100 bytes */
    assert_true(render_with_budget(&a, items, (struct mu_budget){0, 10, 0}, &e));
    assert_false(render_with_budget(&a, items, (struct mu_budget){0, 9, 0}, &e));
    assert_non_null(strstr(e.message, "more than 9 list items"));
    const char *partials = "{{#l}}{{>p}}{{/l}}";  /* 10 expansions */
    assert_true(render_with_budget(&a, partials, (struct mu_budget){10, 0, 0}, &e));
    assert_false(render_with_budget(&a, partials, (struct mu_budget){9, 0, 0}, &e));
    assert_non_null(strstr(e.message, "more than 9 partials"));
    /* output is counted to the byte, the partial's included: 101 bytes */
    assert_true(render_with_budget(&a, "{{#l}}{{.}}{{/l}}{{>p}}", (struct mu_budget){0, 0, 101}, &e));
    assert_false(render_with_budget(&a, "{{#l}}{{.}}{{/l}}{{>p}}", (struct mu_budget){0, 0, 100}, &e));
    assert_non_null(strstr(e.message, "output passed 100 bytes"));
    /* zero is the default, which is what the fuzz target relies on */
    struct buf many = {0};
    for (int i = 0; i < 7; i++)
        buf_puts(&many, "{{#l}}");
    for (int i = 0; i < 7; i++)
        buf_puts(&many, "{{/l}}");
    /* 11 million items in all: over the default */
    assert_false(render_with_budget(&a, many.data, (struct mu_budget){0, 0, 0}, &e));
    assert_non_null(strstr(e.message, "list items"));
    buf_free(&many);
    arena_free(&a);
}

/* A variable alone, with no section or partial after it, is held to the
 * output budget, and rendering stops there rather than writing the rest:
 * a loop repeating a large value once wrote gigabytes past the budget. */
static void test_output_budget_counts_variables(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct mu_error e;
    struct mu_value *root = mu_map(&a);
    mu_map_str(&a, root, "big", "0123456789012345678901234567890123456789"); /* 40 bytes */
    mu_map_str(&a, root, "amp", "&&&&&&&&&&"); /* 10 bytes, 50 escaped */
    struct mu_template *t = mu_compile(&a, "vars", "{{{big}}}", 9, &e);
    assert_non_null(t);
    struct buf out = {0};
    struct mu_render_opts o = {MU_ESCAPE_NONE, NULL, NULL, true, {0, 0, 40}};
    assert_true(mu_render(t, root, &o, &out, &e));
    assert_int_equal(out.len, 40);
    out.len = 0;
    o.budget.output = 39;
    assert_false(mu_render(t, root, &o, &out, &e));
    assert_non_null(strstr(e.message, "output passed 39 bytes"));
    assert_int_equal(e.line, 1);
    assert_int_equal(e.col, 1);
    assert_true(out.len <= 39);
    /* literal text and repeated variables, in a section entered once */
    const char *loop = "{{#big}}x{{{big}}}{{{big}}}{{{big}}}{{/big}}";
    t = mu_compile(&a, "loop", loop, strlen(loop), &e);
    assert_non_null(t);
    out.len = 0;
    o.budget.output = 120;
    assert_false(mu_render(t, root, &o, &out, &e));
    assert_non_null(strstr(e.message, "output passed 120 bytes"));
    assert_true(out.len <= 120);
    o.budget.output = 121;
    out.len = 0;
    assert_true(mu_render(t, root, &o, &out, &e));
    assert_int_equal(out.len, 121);
    /* escaped text is counted as it is written, entities included */
    t = mu_compile(&a, "esc", "{{amp}}", 7, &e);
    assert_non_null(t);
    o.escape = MU_ESCAPE_HTML;
    o.budget.output = 50;
    out.len = 0;
    assert_true(mu_render(t, root, &o, &out, &e));
    assert_int_equal(out.len, 50);
    o.budget.output = 49;
    out.len = 0;
    assert_false(mu_render(t, root, &o, &out, &e));
    assert_true(out.len <= 49);
    buf_free(&out);
    arena_free(&a);
}

static void test_limits(void **state)
{
    (void)state;
    /* nesting is refused at compile time, so rendering cannot recurse deep */
    struct buf t = {0};
    for (int i = 0; i < 10000; i++)
        buf_puts(&t, "{{#a}}");
    struct arena a;
    arena_init(&a);
    struct mu_error e;
    assert_null(mu_compile(&a, "deep", t.data, t.len, &e));
    assert_non_null(strstr(e.message, "nested more than"));
    assert_int_equal(e.col, MU_MAX_NESTING * 6 + 1);
    buf_free(&t);

    /* a partial that includes itself forever stops at the depth limit */
    struct mu_value *partials = mu_map(&a);
    mu_map_str(&a, partials, "self", "x{{>self}}");
    struct mu_template *c = mu_compile(&a, "main", "{{>self}}", 9, &e);
    assert_non_null(c);
    struct buf out = {0};
    struct mu_render_opts o = {MU_ESCAPE_NONE, lookup_partial, partials, false, {0, 0, 0}};
    assert_false(mu_render(c, mu_map(&a), &o, &out, &e));
    assert_non_null(strstr(e.message, "nested more than"));
    buf_free(&out);

    /* a partial that includes itself twice is stopped by the expansion
     * budget long before its 2^128 expansions */
    mu_map_str(&a, partials, "twice", "{{>twice}}{{>twice}}");
    c = mu_compile(&a, "main", "{{>twice}}", 10, &e);
    assert_false(mu_render(c, mu_map(&a), &o, &out, &e));
    buf_free(&out);

    /* sections nested over lists multiply: 3^20 items are refused */
    struct mu_value *root = mu_map(&a), *list = mu_list(&a);
    for (int i = 0; i < 3; i++)
        mu_list_push(&a, list, root);
    mu_map_set(&a, root, "l", list);
    struct buf nested = {0};
    for (int i = 0; i < 20; i++)
        buf_puts(&nested, "{{#l}}");
    buf_puts(&nested, "x");
    for (int i = 0; i < 20; i++)
        buf_puts(&nested, "{{/l}}");
    c = mu_compile(&a, "lists", nested.data, nested.len, &e);
    assert_non_null(c);
    assert_false(mu_render(c, root, &o, &out, &e));
    assert_non_null(strstr(e.message, "list items"));
    buf_free(&out);
    buf_free(&nested);

    /* \v is not indentation: this once recompiled itself exponentially */
    mu_map_str(&a, partials, "vt", "{{$b}}\n\v{{>vt}}{{/b}}");
    c = mu_compile(&a, "main", "{{>vt}}", 7, &e);
    mu_render(c, mu_map(&a), &o, &out, &e);
    buf_free(&out);

    /* a 1 MB template renders */
    char *big = malloc(1 << 20);
    for (size_t i = 0; i < (1 << 20); i++)
        big[i] = (char)('a' + i % 26);
    c = mu_compile(&a, "big", big, 1 << 20, &e);
    assert_non_null(c);
    assert_true(mu_render(c, NULL, &o, &out, &e));
    assert_int_equal(out.len, 1 << 20);
    buf_free(&out);
    free(big);

    /* arbitrary bytes, NULs included, never crash the compiler */
    char junk[4096];
    struct rng prng = {1};
    for (int round = 0; round < 200; round++) {
        for (size_t i = 0; i < sizeof(junk); i++) {
            const char alphabet[] = "{{}}#^/!<>$&=*. \nab\0";
            junk[i] = alphabet[rng_next(&prng) % (sizeof(alphabet) - 1)];
        }
        c = mu_compile(&a, "junk", junk, sizeof(junk), &e);
        if (c) {
            mu_render(c, mu_map(&a), &o, &out, &e);
            buf_free(&out);
        }
    }
    arena_free(&a);
}

static void test_large_templates_are_linear(void **state)
{
    (void)state;
    /* 1 MB dense with tags: positions were once counted from the start of
     * the text for every tag, which took over a minute. Speed is for
     * bench/ to measure; this proves the result on a large input. */
    struct buf t = {0};
    while (t.len < (1u << 20))
        buf_puts(&t, "x {{a}} {{#s}}{{b}}{{/s}}\n");
    struct arena a;
    arena_init(&a);
    struct mu_value *m = mu_map(&a);
    mu_map_str(&a, m, "a", "A");
    mu_map_set(&a, m, "s", mu_map(&a));
    mu_map_str(&a, m, "b", "B");
    struct mu_error e;
    struct mu_template *c = mu_compile(&a, "dense", t.data, t.len, &e);
    assert_non_null(c);
    struct buf out = {0};
    struct mu_render_opts o = {MU_ESCAPE_NONE, NULL, NULL, true, {0, 0, 0}};
    assert_true(mu_render(c, m, &o, &out, &e));
    assert_true(strncmp(out.data, "x A B\nx A B\n", 12) == 0);
    buf_free(&out);
    buf_free(&t);
    arena_free(&a);
}

static void test_big_maps(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct mu_value *m = mu_map(&a);
    enum { N = 100000 };
    for (int i = 0; i < N; i++)
        mu_map_str(&a, m, arena_printf(&a, "k%d", i), arena_printf(&a, "%d", i));
    /* setting a key again replaces its value and keeps its place */
    mu_map_str(&a, m, "k7", "seven");
    assert_int_equal(m->n, N);
    assert_string_equal(m->pairs[7].key, "k7");
    assert_string_equal(m->pairs[7].value->str, "seven");
    assert_string_equal(m->pairs[N - 1].key, "k99999");
    for (int i = 0; i < N; i += 997) {
        char key[16];
        snprintf(key, sizeof(key), "k%d", i);
        const struct mu_value *v = mu_map_get(m, key, strlen(key));
        assert_non_null(v);
        if (i != 7)
            assert_int_equal(atoi(v->str), i);
    }
    assert_null(mu_map_get(m, "k100000", 7));
    assert_null(mu_map_get(m, "k", 1));
    struct mu_error e;
    char *s = render_text("{{k42}} {{k99999}} {{k7}}", m, MU_ESCAPE_NONE, &e);
    assert_string_equal(s, "42 99999 seven");
    free(s);
    arena_free(&a);
}

static const char *lookup_base(void *ctx, const char *name, size_t *len)
{
    (void)ctx;
    if (strcmp(name, "base") != 0)
        return NULL;
    *len = 21;
    return "[{{$b}}default{{/b}}]";
}

static void test_dynamic_parents(void **state)
{
    (void)state;
    struct arena a;
    arena_init(&a);
    struct mu_value *m = mu_map(&a);
    mu_map_str(&a, m, "which", "base");
    static const char *const cases[][2] = {
        {"{{<*which}}{{/*which}}", "[default]"},
        {"{{<*which}}{{$b}}over{{/b}}{{/*which}}", "[over]"},
        {"{{< * which }}{{$b}}x{{/b}}{{/ * which }}", "[x]"},
        {"{{<*missing}}{{$b}}x{{/b}}{{/*missing}}", ""},
        {"{{#*which}}a key spelt with a star{{/*which}}", ""},
    };
    struct mu_render_opts o = {MU_ESCAPE_NONE, lookup_base, NULL, false, {0, 0, 0}};
    for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
        struct mu_error e;
        struct mu_template *c = mu_compile(&a, "t", cases[i][0], strlen(cases[i][0]), &e);
        if (!c)
            print_message("# %s: %u:%u %s\n", cases[i][0], e.line, e.col, e.message);
        assert_non_null(c);
        struct buf out = {0};
        assert_true(mu_render(c, m, &o, &out, &e));
        /* empty output is still a C string */
        assert_non_null(out.data);
        assert_string_equal(out.data, cases[i][1]);
        buf_free(&out);
    }
    arena_free(&a);
    assert_compile_error("{{<*p}}{{/p}}", 1, 8, "does not match '*p'");
    assert_compile_error("{{#p}}{{/*p}}", 1, 7, "'*p' does not match 'p'");
    assert_compile_error("{{<*p}}", 1, 1, "'*p' is not closed");
}

int main(int argc, char **argv)
{
    if (argc > 1)
        spec_dir_arg = argv[1];
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_specification),
        cmocka_unit_test(test_no_escaping_for_c),
        cmocka_unit_test(test_truthiness),
        cmocka_unit_test(test_strict_names),
        cmocka_unit_test(test_strict_missing_partials),
        cmocka_unit_test(test_lazy_lists),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_caller_budgets),
        cmocka_unit_test(test_output_budget_counts_variables),
        cmocka_unit_test(test_large_templates_are_linear),
        cmocka_unit_test(test_big_maps),
        cmocka_unit_test(test_dynamic_parents),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
