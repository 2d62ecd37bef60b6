/* SPDX-License-Identifier: MIT */
/*
 * The tests' one pseudo-random generator, SplitMix64: from a fixed seed,
 * so that a failure reproduces; any 64-bit seed, 0 included, gives a
 * full-period sequence. The generative test draws its specs from it
 * (tests/gen/specgen.c): changing it changes the spec every seed and
 * index gives, which a rerun of a reported failure relies on.
 *
 * Each test keeps its own struct rng, seeded where it starts, so that it
 * draws the same values whether it runs alone or after the others.
 */
#ifndef REGC_TESTS_RNG_H
#define REGC_TESTS_RNG_H

#include <stddef.h>
#include <stdint.h>

struct rng {
    uint64_t state;
};

static inline uint64_t rng_next(struct rng *r)
{
    uint64_t z = (r->state += UINT64_C(0x9e3779b97f4a7c15));
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* n random bytes at p */
static inline void rng_fill(struct rng *r, void *p, size_t n)
{
    unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        b[i] = (unsigned char)rng_next(r);
}

#endif
