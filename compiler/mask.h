/* SPDX-License-Identifier: MIT */
/*
 * Bit masks up to 128 bits wide, because registers can be (FEAT_D128).
 * Plain C11 has no 128-bit integer, so a pair of words it is.
 */
#ifndef REGC_MASK_H
#define REGC_MASK_H

#include <stdbool.h>
#include <stdint.h>

struct mask128 {
    uint64_t lo, hi;
};

static inline struct mask128 mask_none(void)
{
    struct mask128 m = {0, 0};
    return m;
}

/* Bits msb..lsb inclusive; msb < 128. */
static inline struct mask128 mask_range(unsigned msb, unsigned lsb)
{
    struct mask128 m = {0, 0};
    for (unsigned w = 0; w < 2; w++) {
        unsigned base = w * 64;
        if (msb < base || lsb > base + 63)
            continue;
        unsigned lo = lsb > base ? lsb - base : 0;
        unsigned hi = msb < base + 63 ? msb - base : 63;
        uint64_t bits = (hi - lo == 63) ? ~0ull : (((1ull << (hi - lo + 1)) - 1) << lo);
        if (w == 0)
            m.lo = bits;
        else
            m.hi = bits;
    }
    return m;
}

static inline struct mask128 mask_or(struct mask128 a, struct mask128 b)
{
    struct mask128 m = {a.lo | b.lo, a.hi | b.hi};
    return m;
}

static inline struct mask128 mask_and(struct mask128 a, struct mask128 b)
{
    struct mask128 m = {a.lo & b.lo, a.hi & b.hi};
    return m;
}

static inline struct mask128 mask_andnot(struct mask128 a, struct mask128 b)
{
    struct mask128 m = {a.lo & ~b.lo, a.hi & ~b.hi};
    return m;
}

static inline bool mask_empty(struct mask128 a)
{
    return a.lo == 0 && a.hi == 0;
}

static inline bool mask_test(struct mask128 a, unsigned bit)
{
    return bit < 64 ? (a.lo >> bit) & 1 : (a.hi >> (bit - 64)) & 1;
}

static inline bool mask_eq(struct mask128 a, struct mask128 b)
{
    return a.lo == b.lo && a.hi == b.hi;
}

/* Highest set bit, or -1 when empty. */
static inline int mask_msb(struct mask128 a)
{
    for (int i = 127; i >= 0; i--)
        if (mask_test(a, (unsigned)i))
            return i;
    return -1;
}

#endif
