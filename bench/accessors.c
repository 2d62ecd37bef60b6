/* SPDX-License-Identifier: MIT */
/*
 * The generated accessors against the shift-and-mask C a maintainer would
 * write by hand, one noinline function per operation so that callgrind
 * counts each on its own. This file has the hypervisor flavour, as a
 * release build of Xen compiles it (ASSERT() is a no-op), and the
 * hand-written forms; accessors-tools.c has the toolstack flavour, whose
 * setters check the value and return -ERANGE. bench/accessors builds both
 * into one program and runs it.
 */
#include <stdint.h>
#include <stdio.h>

#define xen_mk_uint(x)   x##U
#define xen_mk_ulong(x)  x##UL
#define xen_mk_ullong(x) x##ULL

#define ASSERT(p) ((void)0)
#include "arm-accessors-xen.h"
#include "arm-regs.h"

#include "accessors-bench.h"

/* TCR_EL1.TG0, bits 15:14 */
#define TG0 (UINT64_C(3) << 14)

NOINLINE uint64_t gen_get(uint64_t v) { return tcr_el1_get_tg0(v); }
NOINLINE uint64_t hand_get(uint64_t v) { return (v >> 14) & 3; }

NOINLINE uint64_t gen_set(uint64_t v, uint64_t x) { return tcr_el1_set_tg0(v, x); }
NOINLINE uint64_t hand_set(uint64_t v, uint64_t x) { return (v & ~TG0) | ((x << 14) & TG0); }
/* a value the caller has already limited to the field */
NOINLINE uint64_t hand_set_masked(uint64_t v, uint64_t x) { return (v & ~TG0) | (((x & 3) << 14) & TG0); }
/* a constant: TG0 = 0b10, the 16KB granule */
NOINLINE uint64_t hand_set_const(uint64_t v) { return (v & ~TG0) | (UINT64_C(2) << 14); }

/* Sanitizing with a domain's two masks, computed once by the caller. */
static uint64_t res0, res1;
static struct arm_reserved reserved;
NOINLINE uint64_t gen_sanitize(uint64_t v) { return arm_reserved_sanitize(v, reserved); }
NOINLINE uint64_t hand_sanitize(uint64_t v) { return (v & ~res0) | res1; }

/* Sanitizing from the feature set, as REG_sanitize(v, f) is called. */
static arm_features_t features;
NOINLINE uint64_t gen_sanitize_features(uint64_t v) { return sctlr_el1_sanitize(v, &features); }

int main(void)
{
    volatile uint64_t sink = 0;
    uint64_t v = 0x0123456789abcdefULL;

    arm_features_clear(&features);
    arm_features_add(&features, ARM_FEAT_SSBS);
    arm_features_add(&features, ARM_FEAT_PAN3);
    reserved = sctlr_el1_reserved(&features);
    res0 = reserved.res0;
    res1 = reserved.res1;
    tools_bench_init();

    for (unsigned i = 0; i < ROUNDS; i++) {
        v = v * 6364136223846793005ULL + 1442695040888963407ULL;
        sink += gen_get(v);
        sink += hand_get(v);
        sink += gen_set(v, i & 3);
        sink += hand_set(v, i & 3);
        sink += tools_set(v, i & 3);
        sink += tools_set_masked(v, i);
        sink += hand_set_masked(v, i);
        sink += tools_set_const(v);
        sink += hand_set_const(v);
        sink += gen_sanitize(v);
        sink += hand_sanitize(v);
        sink += gen_sanitize_features(v);
        sink += tools_sanitize_features(v);
    }
    /* each pair must agree, or the comparison means nothing */
    if (gen_get(v) != hand_get(v) || gen_set(v, 2) != hand_set(v, 2) || tools_set(v, 2) != hand_set(v, 2) ||
        tools_set(v, 4) != v || tools_set_masked(v, 6) != hand_set_masked(v, 6) ||
        tools_set_const(v) != hand_set_const(v) || gen_sanitize(v) != hand_sanitize(v) ||
        gen_sanitize_features(v) != hand_sanitize(v) || tools_sanitize_features(v) != hand_sanitize(v)) {
        fprintf(stderr, "generated and hand-written results differ\n");
        return 1;
    }
    return (int)(sink & 0);
}
