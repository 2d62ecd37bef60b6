/* SPDX-License-Identifier: MIT */
/*
 * Fuzz target: the whole pipeline on spec text, in memory (pipeline.c).
 * Built with libFuzzer by fuzz/build, and without it, by the test suite,
 * to replay the corpora (replay.c).
 */
#include <stdint.h>

#include "diag.h"
#include "pipeline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct diags diags;
    diags_init(&diags);
    fuzz_pipeline("fuzz.reg", (const char *)data, size, &diags, NULL, NULL);
    diags_free(&diags);
    return 0;
}
