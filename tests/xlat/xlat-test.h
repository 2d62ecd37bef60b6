/* SPDX-License-Identifier: MIT */
/* What the translation tests share: looking at and poking into structs. */
#ifndef REGC_XLAT_TEST_H
#define REGC_XLAT_TEST_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

/* Stores v over the size bytes at offset of a struct, as the
 * little-endian host stores an integer of that size (the low bytes of v;
 * a member wider than v gets v in its first 8 bytes). */
static inline void put_le(void *base, size_t offset, size_t size, uint64_t v)
{
    memcpy((unsigned char *)base + offset, &v, size < sizeof(v) ? size : sizeof(v));
}

#endif
