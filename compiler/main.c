/* SPDX-License-Identifier: MIT */
/*
 * regc: read specs, check them, lay them out, render every output in
 * memory, and only then, if nothing went wrong, write what changed.
 */
#define _POSIX_C_SOURCE 200809L /* open_memstream */
#include "abi_lock.h"
#include "cli.h"
#include "compile.h"
#include "diag.h"
#include "emit.h"
#include "load.h"
#include "output.h"
#include "paths.h"
#include "reserved.h"
#include "templates.h"

#include <stdlib.h>
#include <string.h>

/* [io] and [template] diagnostics are failures of the environment, not of
 * the input: they exit 2 like a failed write. */
static bool diags_have_io_failure(const struct diags *d)
{
    for (size_t i = 0; i < d->len; i++)
        if (d->items[i].id == DIAG_IO || d->items[i].id == DIAG_TEMPLATE)
            return true;
    return false;
}

/* Errors other than warnings promoted by -Werror, from index `from` on. */
static bool has_model_errors(const struct diags *d, size_t from)
{
    for (size_t i = from; i < d->len; i++)
        if (d->items[i].severity == SEV_ERROR && diag_id_default_severity(d->items[i].id) == SEV_ERROR)
            return true;
    return d->stopped;
}

/* Every source of the spec from index `from` on: its files, then what the
 * ABI step read (the lock). */
static void collect_deps(struct ptrvec *deps, const struct spec *spec, size_t from)
{
    for (size_t i = from; i < spec->nsources; i++)
        ptrvec_push(deps, xstrdup(spec->sources[i]->path));
}

/* Every file the run would write, against each other and against every
 * file it read: two specs with one name (a/arm.reg, b/arm.reg), or -M and
 * --abi-report naming an output, a spec or a template, would otherwise
 * replace it, and neither wins silently. A lock read and then rewritten
 * by --update-lock is the one exception (group: its spec's number). */
static bool writes_distinct(const struct options *o, const struct outputs *outputs, const struct outputs *report,
                            const struct path_set *locks, struct path_set *reads,
                            const struct templates *templates)
{
    struct path_set writes = {0};
    for (size_t i = 0; i < outputs->len; i++) {
        const char *p = outputs->items[i].path;
        int group = 0;
        for (size_t k = 0; k < locks->len; k++)
            if (locks->items[k].path == p)
                group = locks->items[k].group;
        path_set_add(&writes, p, group ? "the ABI lock (--update-lock)" : "an output", group);
    }
    if (o->depfile)
        path_set_add(&writes, o->depfile, "the depfile (-M)", 0);
    for (size_t i = 0; i < report->len; i++)
        path_set_add(&writes, report->items[i].path, "the ABI report (--abi-report)", 0);
    struct ptrvec tdeps = {0};
    templates_collect_deps(templates, &tdeps);
    for (size_t i = 0; i < tdeps.len; i++)
        path_set_add(reads, tdeps.items[i], "a template", 0);
    for (size_t i = 0; i < o->reserved_macros.len; i++)
        path_set_add(reads, o->reserved_macros.items[i], "a --reserved-macros list", 0);
    bool ok = paths_distinct(&writes, reads, stderr);
    for (size_t i = 0; i < tdeps.len; i++)
        free(tdeps.items[i]);
    ptrvec_free(&tdeps);
    path_set_free(&writes);
    return ok;
}

static bool add_depfile(const struct options *o, struct outputs *outputs, struct ptrvec *deps,
                        const struct templates *templates)
{
    templates_collect_deps(templates, deps);
    struct ptrvec targets = {0};
    if (o->depfile_target) {
        ptrvec_push(&targets, (void *)o->depfile_target);
    } else {
        for (size_t i = 0; i < outputs->len; i++)
            ptrvec_push(&targets, outputs->items[i].path);
    }
    if (targets.len == 0) {
        fprintf(stderr, "regc: error: -M needs -MT when there are no outputs (as with --check)\n");
        ptrvec_free(&targets);
        return false;
    }
    /* make and ninja read a depfile by lines: no escape spells a line
     * break, and a path with one would split into two wrong names */
    for (size_t k = 0; k < targets.len + deps->len; k++) {
        const char *p = k < targets.len ? targets.items[k] : deps->items[k - targets.len];
        if (strpbrk(p, "\n\r")) {
            fprintf(stderr, "regc: error: cannot write depfile '%s': the path '", o->depfile);
            diag_put_text(p, stderr);
            fputs("' has a line break, which make and ninja cannot read [io]\n", stderr);
            ptrvec_free(&targets);
            return false;
        }
    }
    size_t len;
    char *text = depfile_render((const char *const *)targets.items, targets.len,
                                (const char *const *)deps->items, deps->len, &len);
    ptrvec_free(&targets);
    outputs_add(outputs, xstrdup(o->depfile), text, len);
    return true;
}

/*
 * outputs_commit, with the errors it reports ([io], one a line) added to
 * *errors, so that the count line counts a failed write like an unreadable
 * input.
 */
static bool commit_counted(const struct outputs *o, unsigned *errors)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m) {
        bool ok = outputs_commit(o, stderr, NULL);
        *errors += !ok;
        return ok;
    }
    bool ok = outputs_commit(o, m, NULL);
    fclose(m);
    unsigned n = 0;
    for (const char *p = text; (p = strstr(p, "regc: error: ")) != NULL; p++)
        n += p == text || p[-1] == '\n';
    fwrite(text, 1, len, stderr);
    free(text);
    *errors += !ok && n == 0 ? 1 : n;
    return ok;
}

int main(int argc, char **argv)
{
    /* A spec with 100,000 errors is printed in seconds, not minutes: one
     * write per buffer, not one per piece of each diagnostic. */
    setvbuf(stderr, NULL, _IOFBF, 1 << 16);
    struct options opts;
    int rc = cli_parse(argc, argv, &opts, stdout, stderr);
    if (rc >= 0) {
        cli_free(&opts);
        return rc;
    }

    struct reserved_macros reserved;
    if (!reserved_load(&reserved, (const char *const *)opts.reserved_macros.items, opts.reserved_macros.len,
                       stderr)) {
        fflush(stderr);
        reserved_free(&reserved);
        cli_free(&opts);
        return 2;
    }

    struct diags diags;
    diags_init(&diags);
    diags.policy = opts.policy;
    struct load_opts load = {(const char *const *)opts.include_dirs.items, opts.include_dirs.len};
    struct templates *templates = templates_open(opts.templates_dir, &diags);
    diags_print_from(&diags, 0, stderr); /* an unusable templates directory */
    struct outputs outputs = {0};
    struct outputs report = {0};  /* --abi-report: written on every run */
    struct ptrvec deps = {0};
    bool usage_failure = false;
    struct path_set reads = {0}; /* each file read: deps' strings */
    struct path_set locks = {0}; /* the locks --update-lock writes: outputs' strings */

    for (size_t i = 0; i < opts.specs.len; i++) {
        size_t first_diag = diags.len;
        bool syntax_ok;
        struct compile_input in = {
            .path = opts.specs.items[i],
            .load = &load,
            .reserved_macros = opts.reserved_macros.len ? reserved.names : NULL,
        };
        struct spec *spec = compile_spec(&in, &diags, &syntax_ok);
        if (!spec) {
            abi_report_unjudged(opts.abi_report, opts.specs.items[i], "the spec cannot be read", &diags,
                                first_diag, &report);
            diags_print_from(&diags, first_diag, stderr);
            continue;
        }
        size_t first_dep = deps.len;
        collect_deps(&deps, spec, 0);
        for (size_t k = first_dep; k < deps.len; k++)
            path_set_add(&reads, deps.items[k], "a spec or include", 0);
        /* the ABI is judged only on a spec that is right in itself; a
         * warning made an error (-Werror) leaves the model sound, and the
         * breaks of the ABI are reported in the same run, not one layer
         * per edit */
        if (syntax_ok && !has_model_errors(&diags, 0)) {
            size_t before = spec->nsources, before_out = outputs.len, before_dep = deps.len;
            int group = (int)i + 1;
            usage_failure |= !abi_lock_step(spec, opts.abi_lock, opts.update_lock, opts.abi_report,
                                            &load, &diags, &outputs, &report);
            collect_deps(&deps, spec, before);
            for (size_t k = before_dep; k < deps.len; k++)
                path_set_add(&reads, deps.items[k], "the ABI lock", group);
            for (size_t k = before_out; k < outputs.len; k++)
                path_set_add(&locks, outputs.items[k].path, "the ABI lock", group);
        } else {
            abi_report_unjudged(opts.abi_report, spec->path, "the spec has errors, so its ABI was not judged",
                                &diags, first_diag, &report);
        }
        if (!opts.check_only && diags.errors == 0) {
            struct emit_ctx ec = {spec, &diags, templates, &outputs, opts.out_dir, stderr};
            usage_failure |= !emit_selected(&ec, (const char *const *)opts.emit.items, opts.emit.len);
        }
        /* diagnostics quote the spec's sources, so they go out before it */
        diags_print_from(&diags, first_diag, stderr);
        spec_free(spec);
        if (diags.stopped)
            break;
    }
    unsigned write_failures = 0;
    /* checked before anything is written, the report included */
    bool clash = !writes_distinct(&opts, &outputs, &report, &locks, &reads, templates);
    /* --abi-report is the diagnostics' machine-readable form: it is
     * written on every run, errors or not, so that no older report
     * outlives it. It goes first: a report that cannot be written fails
     * the run before any output is replaced, rather than after all of
     * them were. */
    bool report_ok = clash || commit_counted(&report, &write_failures);
    if (clash || !report_ok)
        rc = 2;
    else if (usage_failure || diags_have_io_failure(&diags))
        rc = 2;
    else if (diags.errors)
        rc = 1;
    else if (opts.depfile && !add_depfile(&opts, &outputs, &deps, templates))
        rc = 2, write_failures++;
    else
        /* one commit: either all of them are written, or none */
        rc = commit_counted(&outputs, &write_failures) ? 0 : 2;
    diags.errors += write_failures;
    diags_print_summary(&diags, stderr);
    path_set_free(&reads);
    path_set_free(&locks);

    for (size_t i = 0; i < deps.len; i++)
        free(deps.items[i]);
    ptrvec_free(&deps);
    outputs_free(&outputs);
    outputs_free(&report);
    templates_close(templates);
    reserved_free(&reserved);
    diags_free(&diags);
    cli_free(&opts);
    return rc;
}
