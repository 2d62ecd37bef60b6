/* SPDX-License-Identifier: MIT */
/*
 * Reading a spec: the top-level file, parsed, with its includes parsed and
 * spliced in place. The result is the unresolved model.
 */
#ifndef REGC_LOAD_H
#define REGC_LOAD_H

#include "ast.h"
#include "diag.h"

enum {
    REGC_MAX_INCLUDE_DEPTH = 32,
};

struct load_opts {
    const char *const *include_dirs;
    size_t ninclude_dirs;
};

/*
 * Returns NULL only when the top-level file itself cannot be read; that is
 * reported as an [io] diagnostic and is an I/O failure, not bad input.
 * *syntax_ok is false when any file had lexical or syntax errors.
 */
struct spec *spec_from_file(const char *path, const struct load_opts *opts,
                            struct diags *diags, bool *syntax_ok);

/* The same, from text in memory (tests and the fuzzer). Includes are still
 * searched on disk, relative to `path`'s directory and the include dirs. */
struct spec *spec_from_memory(const char *path, const char *text, size_t len,
                              const struct load_opts *opts, struct diags *diags,
                              bool *syntax_ok);

#endif
