/* SPDX-License-Identifier: MIT */
/* Option parsing: every form, and a usage error for everything else. */
#define _POSIX_C_SOURCE 200809L
#include "support.h"

#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int parse(struct options *o, char **out, char **err, int argc, ...)
{
    char *argv[32];
    va_list ap;
    va_start(ap, argc);
    argv[0] = "regc";
    for (int i = 1; i < argc; i++)
        argv[i] = va_arg(ap, char *);
    va_end(ap);
    size_t olen, elen;
    FILE *fo = open_memstream(out, &olen), *fe = open_memstream(err, &elen);
    int rc = cli_parse(argc, argv, o, fo, fe);
    fclose(fo);
    fclose(fe);
    return rc;
}

static void test_forms(void **state)
{
    (void)state;
    struct options o;
    char *out, *err;
    int rc = parse(&o, &out, &err, 14, "-o", "outdir", "-Iinc1", "-I", "inc2", "--emit=regs-header",
                   "-M", "deps.d", "-MTtarget", "--templates", "tdir", "a.reg", "b.reg");
    assert_int_equal(rc, -1);
    assert_string_equal(o.out_dir, "outdir");
    assert_int_equal(o.include_dirs.len, 2);
    assert_string_equal(o.include_dirs.items[1], "inc2");
    assert_int_equal(o.emit.len, 1);
    assert_string_equal(o.depfile, "deps.d");
    assert_string_equal(o.depfile_target, "target");
    assert_string_equal(o.templates_dir, "tdir");
    assert_int_equal(o.specs.len, 2);
    assert_string_equal(err, "");
    free(out);
    free(err);
    cli_free(&o);

    rc = parse(&o, &out, &err, 4, "--check", "--", "-odd-name.reg");
    assert_int_equal(rc, -1);
    assert_true(o.check_only);
    assert_string_equal(o.specs.items[0], "-odd-name.reg");
    assert_string_equal(o.out_dir, ".");
    free(out);
    free(err);
    cli_free(&o);
}

static void test_warning_switches(void **state)
{
    (void)state;
    struct options o;
    char *out, *err;
    int rc = parse(&o, &out, &err, 5, "-Wno-implicit-hole", "-Werror=truncate-unneeded", "-Werror", "x.reg");
    assert_int_equal(rc, -1);
    assert_false(o.policy.enabled[DIAG_IMPLICIT_HOLE]);
    assert_true(o.policy.as_error[DIAG_TRUNCATE_UNNEEDED]);
    assert_true(o.policy.all_warnings_as_errors);
    free(out);
    free(err);
    cli_free(&o);

    /* as in GCC, -WID only enables: it does not undo -Werror=ID */
    rc = parse(&o, &out, &err, 4, "-Werror=implicit-hole", "-Wimplicit-hole", "x.reg");
    assert_int_equal(rc, -1);
    assert_true(o.policy.enabled[DIAG_IMPLICIT_HOLE]);
    assert_true(o.policy.as_error[DIAG_IMPLICIT_HOLE]);
    free(out);
    free(err);
    cli_free(&o);

    /* register-slot-narrow can be promoted, just not switched off */
    rc = parse(&o, &out, &err, 3, "-Werror=register-slot-narrow", "x.reg");
    assert_int_equal(rc, -1);
    assert_true(o.policy.as_error[DIAG_REGISTER_SLOT_NARROW]);
    free(out);
    free(err);
    cli_free(&o);

    /* GCC's -MF is -M */
    rc = parse(&o, &out, &err, 4, "-MF", "deps.d", "x.reg");
    assert_int_equal(rc, -1);
    assert_string_equal(o.depfile, "deps.d");
    free(out);
    free(err);
    cli_free(&o);
    rc = parse(&o, &out, &err, 3, "-MFjoined.d", "x.reg");
    assert_int_equal(rc, -1);
    assert_string_equal(o.depfile, "joined.d");
    free(out);
    free(err);
    cli_free(&o);
}

static void expect_usage_error(const char *needle, int argc, ...)
{
    char *argv[8];
    va_list ap;
    va_start(ap, argc);
    argv[0] = "regc";
    for (int i = 1; i < argc; i++)
        argv[i] = va_arg(ap, char *);
    va_end(ap);
    struct options o;
    char *out, *err;
    size_t olen, elen;
    FILE *fo = open_memstream(&out, &olen), *fe = open_memstream(&err, &elen);
    int rc = cli_parse(argc, argv, &o, fo, fe);
    fclose(fo);
    fclose(fe);
    assert_int_equal(rc, 2);
    if (!strstr(err, needle)) {
        print_message("# expected '%s', stderr: %s\n", needle, err);
        fail();
    }
    assert_string_equal(out, ""); /* nothing but outputs go to stdout */
    free(out);
    free(err);
    cli_free(&o);
}

static void test_usage_errors(void **state)
{
    (void)state;
    expect_usage_error("no spec given", 1);
    expect_usage_error("unknown option '-x'", 3, "-x", "a.reg");
    expect_usage_error("option '-o' needs a value", 3, "a.reg", "-o");
    expect_usage_error("unknown output 'nope'", 4, "--emit", "nope", "a.reg");
    expect_usage_error("unknown diagnostic in '-Wno-such'", 3, "-Wno-such", "a.reg");
    expect_usage_error("names an error", 3, "-Wno-field-overlap", "a.reg");
    expect_usage_error("makes no sense", 4, "--check", "--emit=regs-header", "a.reg");
    /* an empty list would otherwise mean every output */
    expect_usage_error("--emit '' names an empty output", 4, "--emit", "", "a.reg");
    expect_usage_error("--emit ',' names an empty output", 3, "--emit=,", "a.reg");
    expect_usage_error("names an empty output", 4, "--emit", "regs-header,,xlat", "a.reg");
    expect_usage_error("names an empty output", 4, "--emit", "regs-header,", "a.reg");
    /* switched off per member in the spec, never for a whole run */
    expect_usage_error("declare the member 'truncate'", 3, "-Wno-register-slot-narrow", "a.reg");
    /* GCC's other -M options are refused, not read as -M FILE */
    expect_usage_error("'-MD' is a GCC option regc does not have", 3, "-MD", "a.reg");
    expect_usage_error("'-MMD' is a GCC option", 3, "-MMD", "a.reg");
    expect_usage_error("option '-MF' needs a value", 3, "a.reg", "-MF");
}

static void test_help_and_version(void **state)
{
    (void)state;
    struct options o;
    char *out, *err;
    assert_int_equal(parse(&o, &out, &err, 2, "--help"), 0);
    assert_non_null(strstr(out, "Usage: regc [OPTIONS] SPEC..."));
    assert_non_null(strstr(out, "implicit-hole"));
    assert_non_null(strstr(out, "regs-header"));
    free(out);
    free(err);
    cli_free(&o);
    assert_int_equal(parse(&o, &out, &err, 2, "--version"), 0);
    assert_true(strncmp(out, "regc ", 5) == 0);
    free(out);
    free(err);
    cli_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_warning_switches),
        cmocka_unit_test(test_usage_errors),
        cmocka_unit_test(test_help_and_version),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
