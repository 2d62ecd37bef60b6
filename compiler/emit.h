/* SPDX-License-Identifier: MIT */
/*
 * The registry of emitters. Each emitter turns one checked, laid-out spec
 * into outputs rendered in memory; main.c decides whether they are written.
 */
#ifndef REGC_EMIT_H
#define REGC_EMIT_H

#include "ast.h"
#include "diag.h"
#include "output.h"
#include "view.h"

struct templates;

struct emit_ctx {
    struct spec *spec;
    struct diags *diags;
    struct templates *templates;
    struct outputs *outputs;
    const char *out_dir;
    FILE *err;                   /* usage errors; NULL: none reported */
};

/* One output: the template rendered over the views of the spec, into a
 * file of its own. Adding an output is adding a row (emit.c), a template,
 * and a view builder where no existing one has the facts. */
struct emitter {
    const char *name;          /* for --emit */
    const char *summary;       /* for --help */
    const char *template;
    /* The file is named STEM + view_stem_suffixes[stem], or by file_name
     * when stem is STEM_NONE. */
    enum view_stem_output stem;
    const char *(*file_name)(struct arena *a, const struct spec *spec);
    /* Run in order over one root, after view_common; NULL ends the list. */
    view_fn *views[3];
    /* NULL, or why a spec has no such output (e.g. its arch names no header) */
    const char *(*unavailable)(const struct spec *spec);
};

size_t emitter_count(void);
const struct emitter *emitter_at(size_t i);
const struct emitter *emitter_lookup(const char *name);

/* Runs the named emitters (all of them when n is 0, each where the spec has
 * that output). Returns false when a template was missing or broken (the
 * diagnostic is in ec->diags), or when a named output is one the spec
 * cannot produce (reported on ec->err, naming the spec and why). */
bool emit_selected(struct emit_ctx *ec, const char *const *names, size_t n);

#endif
