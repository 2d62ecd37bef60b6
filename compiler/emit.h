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
    bool io_failed; /* a template was missing or malformed: exit 2 */
};

struct emitter {
    const char *name;
    const char *summary;
    void (*run)(struct emit_ctx *ec);
};

size_t emitter_count(void);
const struct emitter *emitter_at(size_t i);
const struct emitter *emitter_lookup(const char *name);

/* Adds DIR/NAME with the rendered text, which it takes over. */
void emit_output(struct emit_ctx *ec, const char *name, char *data, size_t len);

/* The file name a spec's outputs are named after: "specs/arm.reg" -> "arm". */
const char *spec_stem(struct spec *spec);

#endif
