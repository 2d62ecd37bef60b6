/* SPDX-License-Identifier: MIT */
/* Writing outputs: only what changed, atomically, and nothing on failure. */
#define _POSIX_C_SOURCE 200809L
#include "support.h"

#include "output.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[64];

static int setup(void **state)
{
    (void)state;
    strcpy(dir, "/tmp/regc-out-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "chmod -R u+w '%s'; rm -rf '%s'", dir, dir);
    return system(cmd) == 0 ? 0 : -1;
}

static char *path_of(const char *name)
{
    struct buf b = {0};
    buf_printf(&b, "%s/%s", dir, name);
    return buf_steal(&b, NULL);
}

static void add(struct outputs *o, const char *name, const char *text)
{
    outputs_add(o, path_of(name), xstrdup(text), strlen(text));
}

static char *slurp(const char *name)
{
    char *p = path_of(name);
    FILE *f = fopen(p, "rb");
    free(p);
    if (!f)
        return NULL;
    struct buf b = {0};
    char chunk[256];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_put(&b, chunk, n);
    fclose(f);
    return buf_steal(&b, NULL);
}

static void age(const char *name)
{
    char *p = path_of(name);
    char cmd[256];
    snprintf(cmd, sizeof(cmd), "touch -d '2001-01-01 00:00:00' '%s'", p);
    assert_int_equal(system(cmd), 0);
    free(p);
}

static time_t mtime(const char *name)
{
    char *p = path_of(name);
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    free(p);
    return st.st_mtime;
}

static size_t count_entries(void)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] != '.')
            n++;
    closedir(d);
    return n;
}

static bool no_temporaries(void)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    bool none = true;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".regc-"))
            none = false;
    closedir(d);
    return none;
}

static void test_write_and_no_op(void **state)
{
    (void)state;
    struct outputs o = {0};
    add(&o, "a.h", "alpha\n");
    add(&o, "b.h", "beta\n");
    struct write_stats st = {0, 0};
    assert_true(outputs_commit(&o, stderr, &st));
    assert_int_equal(st.written, 2);
    char *a = slurp("a.h");
    assert_string_equal(a, "alpha\n");
    free(a);
    age("a.h");
    age("b.h");
    time_t before = mtime("a.h");
    /* same content again: nothing is touched */
    struct write_stats st2 = {0, 0};
    assert_true(outputs_commit(&o, stderr, &st2));
    assert_int_equal(st2.written, 0);
    assert_int_equal(st2.unchanged, 2);
    assert_true(mtime("a.h") == before);
    outputs_free(&o);
    /* one changed: only that one is rewritten */
    add(&o, "a.h", "alpha\n");
    add(&o, "b.h", "beta 2\n");
    assert_true(outputs_commit(&o, stderr, &st2));
    assert_true(mtime("a.h") == before);
    assert_true(mtime("b.h") != before);
    /* a longer or shorter old file is not "the same" */
    outputs_free(&o);
    add(&o, "b.h", "beta");
    assert_true(outputs_commit(&o, stderr, NULL));
    char *b = slurp("b.h");
    assert_string_equal(b, "beta");
    free(b);
    outputs_free(&o);
    assert_int_equal(count_entries(), 2); /* no temporary files left */
}

/* A write that fails half way through a batch leaves every file as it
 * was: temporaries are made first, renames only when all were written.
 * (A path under a regular file fails for root too, unlike a read-only
 * directory.) */
static void test_failed_write_changes_nothing(void **state)
{
    (void)state;
    struct outputs o = {0};
    add(&o, "c.h", "old\n");
    add(&o, "plain", "a file, not a directory\n");
    assert_true(outputs_commit(&o, stderr, NULL));
    outputs_free(&o);
    add(&o, "c.h", "new\n");
    add(&o, "plain/d.h", "cannot be\n");
    char *msg = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&msg, &len);
    assert_false(outputs_commit(&o, err, NULL));
    fclose(err);
    assert_non_null(strstr(msg, "plain/d.h': Not a directory"));
    char *c = slurp("c.h");
    assert_string_equal(c, "old\n");
    free(c);
    free(msg);
    outputs_free(&o);
    assert_true(no_temporaries());
}

static void test_directory_in_the_way(void **state)
{
    (void)state;
    char *p = path_of("d.h");
    mkdir(p, 0755);
    struct outputs o = {0};
    add(&o, "e.h", "fine\n");
    add(&o, "d.h", "blocked\n");
    char *msg = NULL;
    size_t len = 0;
    FILE *err = open_memstream(&msg, &len);
    assert_false(outputs_commit(&o, err, NULL));
    fclose(err);
    assert_non_null(strstr(msg, "d.h': Is a directory"));
    /* the other output was not written either */
    assert_null(slurp("e.h"));
    free(msg);
    free(p);
    outputs_free(&o);
}

static void test_depfile(void **state)
{
    (void)state;
    const char *targets[] = {"out/c.h", "out/a b.h"};
    const char *deps[] = {"specs/arm.reg", "specs/$x.reg", "specs/arm.reg"};
    size_t len;
    /* sorted, each once: spec order and shared includes change nothing */
    char *text = depfile_render(targets, 2, deps, 3, &len);
    assert_string_equal(text, "out/a\\ b.h out/c.h: \\\n  specs/$$x.reg \\\n  specs/arm.reg\n");
    assert_int_equal(len, strlen(text));
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_write_and_no_op),
        cmocka_unit_test(test_failed_write_changes_nothing),
        cmocka_unit_test(test_directory_in_the_way),
        cmocka_unit_test(test_depfile),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
