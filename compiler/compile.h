/* SPDX-License-Identifier: MIT */
/*
 * The phases from spec text to a checked, laid-out model, in their order,
 * written once: regc, the unit tests and the fuzz targets all run these.
 */
#ifndef REGC_COMPILE_H
#define REGC_COMPILE_H

#include "ast.h"
#include "diag.h"
#include "load.h"

struct compile_input {
    const char *path;       /* read from it, unless text is set */
    const char *text;       /* the spec itself, named path in diagnostics */
    size_t len;
    const struct load_opts *load;         /* NULL: no -I */
    const struct symtab *reserved_macros; /* NULL: none (see struct spec) */
};

/*
 * Loads the spec (reads, scans, parses, expands includes), links it,
 * derives the facts the checks judge (derive.h), runs the model checks,
 * lays it out and runs the layout checks; every problem goes to diags. NULL when the spec cannot be read. *syntax_ok false: it
 * did not parse, and nothing after loading ran.
 */
struct spec *compile_spec(const struct compile_input *in, struct diags *diags, bool *syntax_ok);

#endif
