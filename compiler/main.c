/* SPDX-License-Identifier: MIT */
/*
 * regc: read specs, check them, lay them out, render every output in
 * memory, and only then, if nothing went wrong, write what changed.
 */
#include "abi_lock.h"
#include "checks.h"
#include "cli.h"
#include "diag.h"
#include "emit.h"
#include "layout.h"
#include "load.h"
#include "output.h"
#include "reserved.h"
#include "symtab.h"
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

/* Every source of the spec from index `from` on: its files, then what the
 * ABI step read (the lock). */
static void collect_deps(struct ptrvec *deps, const struct spec *spec, size_t from)
{
    for (size_t i = from; i < spec->nsources; i++)
        ptrvec_push(deps, xstrdup(spec->sources[i]->path));
}

/* Two specs with one name (a/arm.reg, b/arm.reg) would write the same
 * files; neither wins silently. */
static bool outputs_clash(const struct outputs *o)
{
    for (size_t i = 0; i < o->len; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(o->items[i].path, o->items[j].path) == 0) {
                fprintf(stderr, "regc: error: two specs would both write '%s'\n", o->items[i].path);
                return true;
            }
    return false;
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
    size_t len;
    char *text = depfile_render((const char *const *)targets.items, targets.len,
                                (const char *const *)deps->items, deps->len, &len);
    ptrvec_free(&targets);
    outputs_add(outputs, xstrdup(o->depfile), text, len);
    return true;
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

    for (size_t i = 0; i < opts.specs.len; i++) {
        size_t first_diag = diags.len;
        bool syntax_ok;
        struct spec *spec = spec_from_file(opts.specs.items[i], &load, &diags, &syntax_ok);
        if (!spec) {
            abi_report_unjudged(opts.abi_report, opts.specs.items[i], "the spec cannot be read", &diags,
                                first_diag, &report);
            diags_print_from(&diags, first_diag, stderr);
            continue;
        }
        collect_deps(&deps, spec, 0);
        if (syntax_ok) {
            if (opts.reserved_macros.len)
                spec->reserved_macros = reserved.names;
            resolve_spec(spec);
            check_spec(spec, &diags, STAGE_MODEL);
            layout_spec(spec);
            check_spec(spec, &diags, STAGE_LAYOUT);
        }
        /* the ABI is judged only on a spec that is right in itself */
        if (syntax_ok && diags.errors == 0) {
            size_t before = spec->nsources;
            usage_failure |= !abi_lock_step(spec, opts.abi_lock, opts.update_lock, opts.abi_report,
                                            &diags, &outputs, &report);
            collect_deps(&deps, spec, before);
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
    }
    diags_print_summary(&diags, stderr);
    usage_failure = usage_failure || outputs_clash(&outputs);
    if (usage_failure || diags_have_io_failure(&diags))
        rc = 2;
    else if (diags.errors)
        rc = 1;
    else if (opts.depfile && !add_depfile(&opts, &outputs, &deps, templates))
        rc = 2;
    else
        /* one commit: either all of them are written, or none */
        rc = outputs_commit(&outputs, stderr, NULL) ? 0 : 2;
    /* --abi-report is the diagnostics' machine-readable form: it is
     * written on every run, errors or not, and after a failed commit too,
     * so that no older report outlives it */
    if (!outputs_commit(&report, stderr, NULL))
        rc = 2;

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
