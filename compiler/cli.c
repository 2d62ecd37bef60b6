/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include "emit.h"
#include "version.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void usage_error(FILE *err, const char *fmt, ...) REGC_PRINTF(2, 3);

static void usage_error(FILE *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("regc: error: ", err);
    vfprintf(err, fmt, ap);
    fputs("\nTry 'regc --help' for more information.\n", err);
    va_end(ap);
}

static void print_help(FILE *out)
{
    fputs("Usage: regc [OPTIONS] SPEC...\n"
          "Compile register and ABI specs into C headers, and check them.\n"
          "\n"
          "Options:\n"
          "  -o DIR          write outputs into DIR (default: the current directory)\n"
          "  --emit LIST     comma-separated outputs to produce (default: all)\n"
          "  -I DIR          search DIR for included specs, after the including file's directory\n"
          "  -M FILE, -MF FILE  write a make/ninja depfile listing every file read\n"
          "  -MT TARGET      the target named in the depfile (default: the outputs)\n"
          "  --templates DIR use templates from DIR where it has them, the built-in ones elsewhere\n"
          "  --check         parse and check only; write nothing\n"
          "  --abi-lock FILE the ABI lock to judge the spec against\n"
          "                  (default: abi/STEM.lock next to the spec, when it exists)\n"
          "  --update-lock   rewrite the lock, when every difference is allowed\n"
          "  --abi-report FILE  write every difference from the lock and its verdict (JSON)\n"
          "  --reserved-macros FILE  macro names (one a line) that no generated macro may define\n"
          "  -fmax-errors=N  stop after N errors (default 100; 0: no limit)\n"
          "  -Werror         treat warnings as errors\n"
          "  -Werror=ID      treat warning ID as an error\n"
          "  -WID, -Wno-ID   enable or disable warning ID (register-slot-narrow is not\n"
          "                  switched off here but per member, by declaring it 'truncate')\n"
          "  --version       print the version and exit\n"
          "  --help          print this help and exit\n"
          "\n"
          "Exit status: 0 success (warnings allowed), 1 errors in the input,\n"
          "2 usage error or I/O failure.\n"
          "\nOutputs (--emit):\n", out);
    for (size_t i = 0; i < emitter_count(); i++)
        fprintf(out, "  %-16s%s\n", emitter_at(i)->name, emitter_at(i)->summary);
    fputs("\nWarnings (-W):\n", out);
    for (int i = 0; i < DIAG_COUNT; i++)
        if (diag_id_default_severity((enum diag_id)i) != SEV_ERROR)
            fprintf(out, "  %-24s%s\n", diag_id_name((enum diag_id)i), diag_id_summary((enum diag_id)i));
}

/* What a -W option does to one warning. As in GCC, -WID only enables: an
 * earlier -Werror=ID stays in force. */
enum warning_switch { W_ENABLE, W_DISABLE, W_ERROR };

/* -Wfoo / -Wno-foo / -Werror=foo name warnings; errors cannot be switched. */
static int set_warning(struct options *o, const char *name, enum warning_switch sw, FILE *err,
                       const char *arg)
{
    enum diag_id id = diag_id_lookup(name);
    if (id == DIAG_COUNT) {
        usage_error(err, "unknown diagnostic in '%s'", arg);
        return 2;
    }
    if (diag_id_default_severity(id) == SEV_ERROR) {
        usage_error(err, "'%s' names an error, which cannot be switched off or promoted", arg);
        return 2;
    }
    if (diag_id_default_severity(id) == SEV_NOTE && sw == W_ERROR) {
        usage_error(err, "'%s' names a report of an allowed change, which cannot be an error", arg);
        return 2;
    }
    /* A narrow register slot is accepted where the spec says so, member by
     * member, never for a whole run (issue 2: the spec records the choice). */
    if (id == DIAG_REGISTER_SLOT_NARROW && sw == W_DISABLE) {
        usage_error(err, "'%s' is not accepted: declare the member 'truncate' (e.g. 'u32 cpsr : SPSR_EL1 "
                    "truncate;') to accept its narrow slot", arg);
        return 2;
    }
    o->policy.enabled[id] = sw != W_DISABLE;
    if (sw == W_ERROR)
        o->policy.as_error[id] = true;
    return -1;
}

/* Accepts "-o DIR", "-oDIR" and "--opt=VALUE" forms. */
static const char *option_value(int argc, char **argv, int *i, const char *opt, size_t optlen,
                                FILE *err)
{
    const char *a = argv[*i];
    if (a[optlen] == '=' && opt[1] == '-')
        return a + optlen + 1;
    if (a[optlen] != '\0' && opt[1] != '-')
        return a + optlen;
    if (*i + 1 >= argc) {
        usage_error(err, "option '%s' needs a value", opt);
        return NULL;
    }
    return argv[++*i];
}

/* Appends the comma-separated names of list; false when one is empty
 * ("", ",", "a,,b", "a,"), which would otherwise mean every output. */
static bool split_list(struct ptrvec *v, const char *list)
{
    const char *p = list;
    for (;;) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        if (n == 0)
            return false;
        ptrvec_push(v, xstrndup(p, n));
        if (!comma)
            return true;
        p = comma + 1;
    }
}

/* GCC's other -M options, which regc does not have: without this, -MD
 * would read as -M D and write a depfile named D. */
static bool is_gcc_only_m_option(const char *a)
{
    static const char *const gcc[] = {"-MD", "-MMD", "-MM", "-MP", "-MG", "-MQ"};
    for (size_t i = 0; i < ARRAY_SIZE(gcc); i++)
        if (strcmp(a, gcc[i]) == 0)
            return true;
    return false;
}

int cli_parse(int argc, char **argv, struct options *o, FILE *out, FILE *err)
{
    memset(o, 0, sizeof(*o));
    for (int i = 0; i < DIAG_COUNT; i++)
        o->policy.enabled[i] = true;
    o->policy.max_errors = 100;
    bool options_done = false;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v;
        if (options_done || a[0] != '-' || a[1] == '\0') {
            ptrvec_push(&o->specs, (void *)a);
        } else if (strcmp(a, "--") == 0) {
            options_done = true;
        } else if (strcmp(a, "--help") == 0) {
            print_help(out);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            fprintf(out, "regc %s\n", REGC_VERSION);
            return 0;
        } else if (strcmp(a, "--check") == 0) {
            o->check_only = true;
        } else if (strcmp(a, "--update-lock") == 0) {
            o->update_lock = true;
        } else if (strncmp(a, "--abi-lock", 10) == 0 && (a[10] == '\0' || a[10] == '=')) {
            if (!(v = option_value(argc, argv, &i, "--abi-lock", 10, err)))
                return 2;
            o->abi_lock = v;
        } else if (strncmp(a, "--abi-report", 12) == 0 && (a[12] == '\0' || a[12] == '=')) {
            if (!(v = option_value(argc, argv, &i, "--abi-report", 12, err)))
                return 2;
            o->abi_report = v;
        } else if (strncmp(a, "--reserved-macros", 17) == 0 && (a[17] == '\0' || a[17] == '=')) {
            if (!(v = option_value(argc, argv, &i, "--reserved-macros", 17, err)))
                return 2;
            ptrvec_push(&o->reserved_macros, (void *)v);
        } else if (strncmp(a, "--emit", 6) == 0 && (a[6] == '\0' || a[6] == '=')) {
            if (!(v = option_value(argc, argv, &i, "--emit", 6, err)))
                return 2;
            if (!split_list(&o->emit, v)) {
                usage_error(err, "--emit '%s' names an empty output; give a comma-separated list of "
                            "outputs, or no --emit for all of them", v);
                return 2;
            }
        } else if (strncmp(a, "--templates", 11) == 0 && (a[11] == '\0' || a[11] == '=')) {
            if (!(v = option_value(argc, argv, &i, "--templates", 11, err)))
                return 2;
            o->templates_dir = v;
        } else if (strncmp(a, "-MT", 3) == 0) {
            if (!(v = option_value(argc, argv, &i, "-MT", 3, err)))
                return 2;
            o->depfile_target = v;
        } else if (is_gcc_only_m_option(a)) {
            usage_error(err, "'%s' is a GCC option regc does not have; regc takes -M FILE (or -MF FILE) "
                        "and -MT TARGET", a);
            return 2;
        } else if (strncmp(a, "-MF", 3) == 0) {
            /* GCC's spelling, as build systems written for GCC pass it */
            if (!(v = option_value(argc, argv, &i, "-MF", 3, err)))
                return 2;
            o->depfile = v;
        } else if (strncmp(a, "-M", 2) == 0) {
            if (!(v = option_value(argc, argv, &i, "-M", 2, err)))
                return 2;
            o->depfile = v;
        } else if (strncmp(a, "-o", 2) == 0) {
            if (!(v = option_value(argc, argv, &i, "-o", 2, err)))
                return 2;
            o->out_dir = v;
        } else if (strncmp(a, "-I", 2) == 0) {
            if (!(v = option_value(argc, argv, &i, "-I", 2, err)))
                return 2;
            ptrvec_push(&o->include_dirs, (void *)v);
        } else if (strncmp(a, "-fmax-errors=", 13) == 0) {
            char *end;
            errno = 0;
            unsigned long n = strtoul(a + 13, &end, 10);
            if (!isdigit((unsigned char)a[13]) || *end || errno || n > UINT_MAX) {
                usage_error(err, "'%s' needs a number of errors (0: no limit)", a);
                return 2;
            }
            o->policy.max_errors = (unsigned)n;
        } else if (strcmp(a, "-Werror") == 0) {
            o->policy.all_warnings_as_errors = true;
        } else if (strncmp(a, "-Werror=", 8) == 0) {
            if (set_warning(o, a + 8, W_ERROR, err, a) != -1)
                return 2;
        } else if (strncmp(a, "-Wno-", 5) == 0) {
            if (set_warning(o, a + 5, W_DISABLE, err, a) != -1)
                return 2;
        } else if (strncmp(a, "-W", 2) == 0 && a[2]) {
            if (set_warning(o, a + 2, W_ENABLE, err, a) != -1)
                return 2;
        } else {
            usage_error(err, "unknown option '%s'", a);
            return 2;
        }
    }
    if (o->specs.len == 0) {
        usage_error(err, "%s", "no spec given");
        return 2;
    }
    for (size_t i = 0; i < o->emit.len; i++) {
        if (!emitter_lookup(o->emit.items[i])) {
            fprintf(err, "regc: error: unknown output '%s' in --emit; the outputs are:",
                    (const char *)o->emit.items[i]);
            for (size_t k = 0; k < emitter_count(); k++)
                fprintf(err, " %s", emitter_at(k)->name);
            fputs("\n", err);
            return 2;
        }
    }
    if (o->check_only && o->emit.len) {
        usage_error(err, "%s", "--check writes nothing, so --emit makes no sense with it");
        return 2;
    }
    if ((o->abi_lock || o->abi_report) && o->specs.len > 1) {
        usage_error(err, "%s", "--abi-lock and --abi-report name one file: give one spec");
        return 2;
    }
    if (!o->out_dir)
        o->out_dir = ".";
    return -1;
}

void cli_free(struct options *o)
{
    ptrvec_free(&o->include_dirs);
    ptrvec_free(&o->specs);
    ptrvec_free(&o->reserved_macros);
    for (size_t i = 0; i < o->emit.len; i++)
        free(o->emit.items[i]);
    ptrvec_free(&o->emit);
}
