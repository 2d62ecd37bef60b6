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

struct templates;

struct emit_ctx {
    struct spec *spec;
    struct diags *diags;
    struct templates *templates;
    struct outputs *outputs;
    const char *out_dir;
};

struct emitter {
    const char *name;
    const char *summary;
    bool (*run)(struct emit_ctx *ec);
};

size_t emitter_count(void);
const struct emitter *emitter_at(size_t i);
const struct emitter *emitter_lookup(const char *name);

/* Runs the named emitters (all of them when n is 0). Returns false when a
 * template was missing or broken; the diagnostic is in ec->diags. */
bool emit_selected(struct emit_ctx *ec, const char *const *names, size_t n);

#endif
