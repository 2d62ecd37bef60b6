/* SPDX-License-Identifier: MIT */
/*
 * The layout engine: size, alignment and offset of every aggregate and
 * member on every ABI, following C's rules with the base-type facts the
 * spec's ABI declarations give. Nothing here knows any particular
 * architecture.
 */
#ifndef REGC_LAYOUT_H
#define REGC_LAYOUT_H

#include "ast.h"

/* Marks aggregates whose layout could not be computed (because something
 * they use is broken), so layout-stage checks skip them silently. */
#define LAYOUT_FAILED_BIT (1ull << 63)

struct member_layout {
    bool present;          /* the member exists on this ABI */
    uint64_t offset;       /* from the start of the enclosing aggregate */
    uint64_t size;         /* of the whole member, arrays included */
    uint64_t elem_size;    /* of one element */
    uint32_t align;
    /* The member ends beyond the largest object of the ABI (see
     * layout_max_object): its aggregate has no layout there. */
    bool too_large;
};

struct agg_layout {
    enum { LAYOUT_TODO, LAYOUT_BUSY, LAYOUT_DONE } state;
    bool ok;
    uint64_t size;
    uint32_t align;
    /* holds, at any depth, a member of no bytes (an empty struct, the
     * empty padding itself aside), which is 1 byte in C++: C++ lays this
     * out otherwise */
    bool holds_empty;
};

/* v rounded up to a multiple of a (a power of two, or 0 or 1 for none) */
static inline uint64_t layout_align_up(uint64_t v, uint64_t a)
{
    return a > 1 ? (v + a - 1) / a * a : v;
}

/* The largest object an ABI allows: PTRDIFF_MAX for its pointer size, as
 * C compilers refuse any type larger than that (2^31 - 1 bytes for
 * 4-byte pointers). */
uint64_t layout_max_object(const struct spec *spec, unsigned abi);

/* Computes every layout of the spec. Aggregates that cannot be laid out
 * get LAYOUT_FAILED_BIT; the errors that explain why were reported by the
 * model checks. */
void layout_spec(struct spec *spec);

const struct agg_layout *agg_layout_on(const struct aggregate *agg, unsigned abi);
const struct member_layout *member_layout_on(const struct member *m, unsigned abi);
const struct member_layout *alias_layout_on(const struct alias *a, unsigned abi);
/* A run of bytes of an aggregate that no member holds on one ABI: C's
 * alignment hole before a member, or the padding after the last. */
struct layout_hole {
    uint64_t offset, size;        /* from the start of the aggregate */
    const struct member *before;  /* the member after it; NULL for the tail */
};

/* The holes of agg on abi, in offset order, found in one place so that
 * the check that reports them, the layout report that shows them and the
 * translation that must clear them agree. Returns how many there are and
 * writes the first `max` of them to out (agg->nmembers + 1 is always room
 * enough; max 0 just counts). A union's one possible hole is its tail
 * beyond its largest member. None when agg has no layout on abi; what
 * the members hold inside is theirs. */
size_t layout_holes(const struct aggregate *agg, unsigned abi, struct layout_hole *out, size_t max);

/* Size and alignment of a type on one ABI; false when it has none. */
bool layout_type(struct spec *spec, unsigned abi, const struct type_ref *t, uint64_t *size,
                 uint32_t *align);

#endif
