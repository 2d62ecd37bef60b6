/* SPDX-License-Identifier: MIT */
/* What bench/accessors.c calls in accessors-tools.c (the two flavours
 * cannot share a translation unit: their functions have the same names). */
#ifndef REGC_BENCH_ACCESSORS_H
#define REGC_BENCH_ACCESSORS_H

#include <stdint.h>

#define ROUNDS 100000
#define NOINLINE __attribute__((noinline))

void tools_bench_init(void);
uint64_t tools_set(uint64_t v, uint64_t x);
uint64_t tools_set_masked(uint64_t v, uint64_t x);
uint64_t tools_set_const(uint64_t v);
uint64_t tools_sanitize_features(uint64_t v);

#endif
