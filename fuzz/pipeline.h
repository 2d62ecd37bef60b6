/* SPDX-License-Identifier: MIT */
/*
 * The spec fuzz targets' common part: the whole pipeline on spec text, in
 * memory (see fuzz_spec.c).
 */
#ifndef REGC_FUZZ_PIPELINE_H
#define REGC_FUZZ_PIPELINE_H

#include <stddef.h>

#include "diag.h"

/* Runs it, leaving every diagnostic in diags (which the caller owns);
 * aborts when the spec's ABI lock does not hold against the spec. judge,
 * if not NULL, sees the diagnostics while their sources are still there
 * (they go with the spec). */
void fuzz_pipeline(const char *name, const char *text, size_t len, struct diags *diags,
                   void (*judge)(const struct diags *diags, void *arg), void *arg);

#endif
