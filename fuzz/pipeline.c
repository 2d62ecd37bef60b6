/* SPDX-License-Identifier: MIT */
/*
 * Parse, check, lay out, build every view and render every output
 * (nothing is written), and render the ABI lock, read it back and judge
 * the spec against it, which must find nothing.
 */
#include "pipeline.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "abi_lock.h"
#include "compile.h"
#include "emit.h"
#include "output.h"
#include "templates.h"

void fuzz_pipeline(const char *name, const char *text, size_t len, struct diags *diags,
                   void (*judge)(const struct diags *diags, void *arg), void *arg)
{
    bool syntax_ok;
    struct compile_input in = {.path = name, .text = text, .len = len};
    struct spec *spec = compile_spec(&in, diags, &syntax_ok);
    if (spec && syntax_ok && diags->errors == 0) {
        struct templates *templates = templates_open(NULL, diags);
        struct outputs outputs = {0};
        struct emit_ctx ec = {spec, diags, templates, &outputs, ".", NULL};
        emit_selected(&ec, NULL, 0);
        outputs_free(&outputs);
        templates_close(templates);

        /* the lock of a spec holds against itself */
        size_t lock_len;
        char *lock = lock_render(spec, &lock_len);
        struct source *src = source_from_memory("fuzz.lock", lock, lock_len);
        struct arena a = {0};
        struct buf json = {0};
        unsigned errors = diags->errors;
        struct lock *lk = lock_parse(&a, src, diags);
        if (!lk)
            abort();
        lock_compare(&a, spec, lk, lk, diags, &json);
        if (diags->errors != errors)
            abort();
        buf_free(&json);
        arena_free(&a);
        source_free(src);
        free(lock);
    }
    if (judge)
        judge(diags, arg);
    spec_free(spec);
}
