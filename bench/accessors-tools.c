/* SPDX-License-Identifier: MIT */
/*
 * The toolstack flavour's setters, which refuse a value wider than the
 * field with -ERANGE and leave the register alone, for bench/accessors:
 * with the value in a variable, limited by the caller, and a constant.
 */
#include <stdint.h>

#define xen_mk_uint(x)   x##U
#define xen_mk_ulong(x)  x##UL
#define xen_mk_ullong(x) x##ULL

#include "arm-accessors-tools.h"

#include "accessors-bench.h"

NOINLINE uint64_t tools_set(uint64_t v, uint64_t x)
{
    (void)tcr_el1_set_tg0(&v, x);
    return v;
}

NOINLINE uint64_t tools_set_masked(uint64_t v, uint64_t x)
{
    (void)tcr_el1_set_tg0(&v, x & 3);
    return v;
}

NOINLINE uint64_t tools_set_const(uint64_t v)
{
    (void)tcr_el1_set_tg0(&v, 2); /* 16KB granule */
    return v;
}

static arm_features_t features;

void tools_bench_init(void)
{
    arm_features_clear(&features);
    arm_features_add(&features, ARM_FEAT_SSBS);
    arm_features_add(&features, ARM_FEAT_PAN3);
}

NOINLINE uint64_t tools_sanitize_features(uint64_t v)
{
    return sctlr_el1_sanitize(v, &features);
}
