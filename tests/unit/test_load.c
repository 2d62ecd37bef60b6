/* SPDX-License-Identifier: MIT */
/* Includes: where they are searched, cycles, misses, and that a file is
 * read once however often it is included. */
#define _POSIX_C_SOURCE 200809L
#include "support.h"

#include "load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void put(const char *rel, const char *text)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/regc-load-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    char sub[128];
    snprintf(sub, sizeof(sub), "%s/inc", dir);
    mkdir(sub, 0755);
    snprintf(sub, sizeof(sub), "%s/sub", dir);
    mkdir(sub, 0755);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static struct spec *load(const char *rel, struct diags *d, bool *ok, const char *const *incs, size_t n)
{
    char path[256];
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    struct load_opts o = {incs, n};
    diags_init(d);
    return spec_from_file(path, &o, d, ok);
}

static void test_search_order(void **state)
{
    (void)state;
    char incdir[128];
    snprintf(incdir, sizeof(incdir), "%s/inc", dir);
    const char *incs[] = {incdir};
    put("sub/top.reg", "include \"a.reg\";\ninclude \"b.reg\";\nfeature TOP;\n");
    put("sub/a.reg", "feature A_LOCAL;\n");
    put("inc/a.reg", "feature A_INC;\n");
    put("inc/b.reg", "feature B_INC;\n");
    struct diags d;
    bool ok;
    struct spec *s = load("sub/top.reg", &d, &ok, incs, 1);
    assert_true(ok);
    /* the including file's directory wins over -I; items keep source order */
    assert_int_equal(s->nitems, 3);
    assert_string_equal(s->items[0]->u.feature->name.text, "A_LOCAL");
    assert_string_equal(s->items[1]->u.feature->name.text, "B_INC");
    assert_string_equal(s->items[2]->u.feature->name.text, "TOP");
    assert_int_equal(s->nsources, 3);
    assert_ptr_equal(s->sources[1]->included_from, s->sources[0]);
    assert_int_equal(s->sources[2]->include_line, 2);
    spec_free(s);
    diags_free(&d);
}

static void test_included_once(void **state)
{
    (void)state;
    put("top2.reg", "include \"x.reg\";\ninclude \"y.reg\";\n");
    put("x.reg", "include \"common.reg\";\n");
    put("y.reg", "include \"common.reg\";\n");
    put("common.reg", "feature COMMON;\n");
    struct diags d;
    bool ok;
    struct spec *s = load("top2.reg", &d, &ok, NULL, 0);
    assert_true(ok);
    assert_int_equal(s->nitems, 1);
    assert_int_equal(s->nsources, 4);
    spec_free(s);
    diags_free(&d);
}

static void test_missing_and_cycle(void **state)
{
    (void)state;
    put("miss.reg", "feature A;\n  include \"nowhere.reg\";\n");
    struct diags d;
    bool ok;
    struct spec *s = load("miss.reg", &d, &ok, NULL, 0);
    assert_false(ok);
    assert_int_equal(d.items[0].id, DIAG_INCLUDE_NOT_FOUND);
    assert_int_equal(d.items[0].loc.line, 2);
    assert_int_equal(d.items[0].loc.col, 11);
    spec_free(s);
    diags_free(&d);

    put("c1.reg", "include \"c2.reg\";\n");
    put("c2.reg", "\ninclude \"c1.reg\";\n");
    s = load("c1.reg", &d, &ok, NULL, 0);
    assert_false(ok);
    assert_int_equal(d.len, 1);
    assert_int_equal(d.items[0].id, DIAG_INCLUDE_CYCLE);
    /* reported at the include that closes the cycle, in c2.reg */
    assert_int_equal(d.items[0].loc.line, 2);
    assert_non_null(strstr(d.items[0].loc.src->path, "c2.reg"));
    spec_free(s);
    diags_free(&d);

    put("self.reg", "include \"self.reg\";\n");
    s = load("self.reg", &d, &ok, NULL, 0);
    assert_int_equal(d.items[0].id, DIAG_INCLUDE_CYCLE);
    spec_free(s);
    diags_free(&d);
}

static void test_depth_limit(void **state)
{
    (void)state;
    char name[32], text[64];
    for (int i = 0; i <= REGC_MAX_INCLUDE_DEPTH + 1; i++) {
        snprintf(name, sizeof(name), "d%d.reg", i);
        snprintf(text, sizeof(text), "include \"d%d.reg\";\n", i + 1);
        put(name, text);
    }
    struct diags d;
    bool ok;
    struct spec *s = load("d0.reg", &d, &ok, NULL, 0);
    assert_false(ok);
    assert_int_equal(d.items[0].id, DIAG_INCLUDE_TOO_DEEP);
    spec_free(s);
    diags_free(&d);
}

static void test_unreadable_top(void **state)
{
    (void)state;
    struct diags d;
    bool ok;
    assert_null(load("does-not-exist.reg", &d, &ok, NULL, 0));
    assert_int_equal(d.items[0].id, DIAG_IO);
    assert_non_null(strstr(d.items[0].message, "No such file"));
    diags_free(&d);
    assert_null(load("inc", &d, &ok, NULL, 0));
    assert_non_null(strstr(d.items[0].message, "Is a directory"));
    diags_free(&d);
}

/* A directory is no include file: the search passes over it, and when
 * nothing else is found the include is an [io] error that says so, not a
 * file that cannot be found. */
static void test_include_directory(void **state)
{
    (void)state;
    char incdir[128];
    snprintf(incdir, sizeof(incdir), "%s/inc", dir);
    const char *incs[] = {incdir};
    put("dirinc.reg", "feature X;\ninclude \"sub\";\n");
    struct diags d;
    bool ok;
    struct spec *s = load("dirinc.reg", &d, &ok, NULL, 0);
    assert_false(ok);
    assert_int_equal(d.len, 1);
    assert_int_equal(d.items[0].id, DIAG_IO);
    assert_int_equal(d.items[0].loc.line, 2);
    assert_int_equal(d.items[0].loc.col, 9);
    assert_non_null(strstr(d.items[0].message, "/sub': Is a directory"));
    spec_free(s);
    diags_free(&d);
    /* a file of that name further along the search path is taken */
    put("inc/sub", "feature FROM_INC;\n");
    s = load("dirinc.reg", &d, &ok, incs, 1);
    assert_true(ok);
    assert_int_equal(s->nitems, 2);
    assert_string_equal(s->items[1]->u.feature->name.text, "FROM_INC");
    spec_free(s);
    diags_free(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_search_order),
        cmocka_unit_test(test_included_once),
        cmocka_unit_test(test_missing_and_cycle),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_unreadable_top),
        cmocka_unit_test(test_include_directory),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
