/* SPDX-License-Identifier: MIT */
/*
 * A generator of random valid specs, shared by the generative test
 * (tests/gen/, a seeded PRNG) and the structured fuzz target
 * (fuzz/fuzz_specgen.c, the fuzzer's bytes). Every decision is drawn from
 * a choice source; with bytes, running out of them draws 0, the simplest
 * choice, so that every input, even an empty one, is a spec. See
 * tests/gen/README.md.
 */
#ifndef REGC_SPECGEN_H
#define REGC_SPECGEN_H

#include <stddef.h>
#include <stdint.h>

#include "../rng.h"

struct specgen_src {
    struct rng rng;       /* the choices, when data is NULL */
    const uint8_t *data;  /* else the choices, one to four bytes each */
    size_t size, pos;
};

void specgen_src_seed(struct specgen_src *src, uint64_t seed);
void specgen_src_bytes(struct specgen_src *src, const uint8_t *data, size_t size);

/*
 * The hazards: names that are legal spec words but that regc must refuse,
 * drawn on purpose now and then. A spec without hazards must be accepted;
 * one with them may be refused, with a located diagnostic of one of the
 * ids specgen_hazard_ids() gives.
 */
enum {
    SPECGEN_HZ_KEYWORD = 1u << 0,       /* a C or C++ keyword or reserved name */
    SPECGEN_HZ_CASE = 1u << 1,          /* two registers differing in case */
    SPECGEN_HZ_RESERVED_KIND = 1u << 2, /* a field named RES0, Res1, reso... */
};

struct specgen_result {
    char *text;           /* the spec, NUL-terminated, malloc'd */
    size_t len;
    unsigned hazards;     /* SPECGEN_HZ_* */
    unsigned abis;        /* bit k: ABI kind k of specgen_abi_kind() */
};

/*
 * Constructs to steer clear of: each is a bug of regc's, open when this
 * was written, that the generator would otherwise hit in most runs (see
 * tests/gen/README.md). The test and the fuzz target pass the ones still
 * open; dropping a bit reproduces its bug.
 */
enum {
    SPECGEN_AVOID_KEYWORDS = 1u << 0, /* C keywords as names: issue 15, item 3 */
    SPECGEN_AVOID_EMPTY = 1u << 1,    /* struct x {}: a warning, and no C89 header */
};

/* Writes one spec; stem is the file's stem (the spec is STEM.reg). */
void specgen_generate(struct specgen_src *src, const char *stem, unsigned avoid, struct specgen_result *out);

/* "x86_32", "x86_64", "arm32", "arm64" for k = 0..3, else NULL. */
const char *specgen_abi_kind(unsigned k);

/* The diagnostic ids a refusal may carry for the hazards given, as a
 * NULL-terminated list. */
const char *const *specgen_hazard_ids(unsigned hazards);

#endif
