/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: structured mutation. The input is not spec text but the
 * choices of the spec generator (tests/gen/specgen.c): every byte string
 * is a valid spec, and mutating the bytes mutates its structure, so the
 * fuzzer explores specs the parser accepts instead of bytes it rejects.
 * The spec runs through the whole pipeline in memory (pipeline.c), which
 * must accept it, or refuse it only where the generator drew a hazard on
 * purpose (a C keyword as a name, registers differing in case, a field
 * named like a reserved kind), with errors that each have a location and
 * one of the ids that hazard allows. Anything else aborts, printing the
 * spec: a refusal of a valid spec, or an unlocated error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "pipeline.h"
#include "specgen.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool allowed(const char *id, unsigned hazards)
{
    for (const char *const *a = specgen_hazard_ids(hazards); *a; a++)
        if (strcmp(*a, id) == 0)
            return true;
    return false;
}

/* The generator's contract, judged while the diagnostics' sources live. */
static void judge(const struct diags *diags, void *arg)
{
    const struct specgen_result *r = arg;
    for (size_t i = 0; i < diags->len; i++) {
        const struct diag *d = &diags->items[i];
        if (d->severity != SEV_ERROR)
            continue;
        bool located = d->loc.src && d->loc.line > 0 && d->loc.col > 0;
        if (!located || !allowed(diag_id_name(d->id), r->hazards)) {
            fprintf(stderr, "specgen: a valid spec %s [%s] (%s):\n%.*s\n",
                    located ? "refused with" : "refused without a location,", diag_id_name(d->id),
                    d->message, (int)r->len, r->text);
            diags_print(diags, stderr);
            abort();
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct specgen_src src;
    specgen_src_bytes(&src, data, size);
    struct specgen_result r;
    /* nothing avoided: refusals, the only contract here, are all hazards' */
    specgen_generate(&src, "fuzz", 0, &r);
    struct diags diags;
    diags_init(&diags);
    fuzz_pipeline("fuzz.reg", r.text, r.len, &diags, judge, &r);
    diags_free(&diags);
    free(r.text);
    return 0;
}
