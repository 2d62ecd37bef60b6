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

/*
 * The holes of agg on abi, in offset order, found in one place so that
 * the check that reports them, the layout report that shows them and the
 * translation that must clear them agree:
 *     struct layout_hole h;
 *     for (struct layout_holes it = layout_holes(agg, abi); layout_hole_next(&it, &h);)
 * A union's one possible hole is its tail beyond its largest member. None
 * when agg has no layout on abi; what the members hold inside is theirs.
 * An iterator, not a list, because the layout report and the translation
 * ask for every struct on every run and need no more than the next one.
 */
struct layout_holes {
    const struct aggregate *agg;
    const struct agg_layout *layout;
    unsigned abi;
    size_t next;     /* member */
    uint64_t end;    /* of the members so far */
};

/* Size and alignment of a type on one ABI; false when it has none. */
bool layout_type(struct spec *spec, unsigned abi, const struct type_ref *t, uint64_t *size,
                 uint32_t *align);

/* layout_holes(), inline: the implicit-hole check walks every struct on
 * every ABI, and a call per hole made it a third slower. */
static inline struct layout_holes layout_holes(const struct aggregate *agg, unsigned abi)
{
    struct layout_holes it = {agg, agg_layout_on(agg, abi), abi, 0, 0};
    return it;
}

static inline bool layout_hole_next(struct layout_holes *it, struct layout_hole *hole)
{
    if (!it->layout)
        return false;
    const struct aggregate *agg = it->agg;
    while (it->next < agg->nmembers) {
        const struct member *m = agg->members[it->next++];
        const struct member_layout *ml = member_layout_on(m, it->abi);
        if (!ml)
            continue;
        uint64_t end = it->end;
        if (ml->offset + ml->size > it->end)
            it->end = ml->offset + ml->size;
        if (agg->kind == AGG_STRUCT && ml->offset > end) {
            *hole = (struct layout_hole){end, ml->offset - end, m};
            return true;
        }
    }
    if (it->layout->size > it->end) {
        *hole = (struct layout_hole){it->end, it->layout->size - it->end, NULL};
        it->end = it->layout->size;
        return true;
    }
    return false;
}

#endif
