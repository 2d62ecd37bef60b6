/* SPDX-License-Identifier: MIT */
#include "layout.h"


#include <stdlib.h>

static void layout_alloc(struct spec *spec, struct aggregate *agg, size_t nabis)
{
    agg->layouts = ARENA_ARRAY(&spec->arena, struct agg_layout, nabis);
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        m->layouts = ARENA_ARRAY(&spec->arena, struct member_layout, nabis);
        for (size_t j = 0; j < m->naliases; j++)
            m->aliases[j]->layouts = ARENA_ARRAY(&spec->arena, struct member_layout, nabis);
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            layout_alloc(spec, m->type.inline_agg, nabis);
    }
}

/*
 * A node of the layout: an aggregate (named, a per-ABI variant or inline)
 * or a typedef on one ABI. Each is laid out once per ABI and remembered
 * in its `layouts`, so that every later question is a lookup.
 */
struct node {
    struct aggregate *agg; /* one of the two, or neither */
    struct typedef_decl *td;
};

/* The node whose layout a type needs on this ABI; {NULL, NULL} when it
 * needs none (base types, handles) or names nothing that can be laid out. */
static struct node type_node(unsigned abi, const struct type_ref *t)
{
    struct node n = {NULL, NULL};
    if (t->kind == TR_INLINE) {
        if (t->inline_agg && !t->inline_agg->bad)
            n.agg = t->inline_agg;
    } else if (t->kind == TR_NAME && t->cls == TC_AGG) {
        struct aggregate *v = agg_variant_for_abi(t->agg, abi);
        if (v && !(v->failed & ~LAYOUT_FAILED_BIT))
            n.agg = v;
    } else if (t->kind == TR_NAME && t->cls == TC_TYPEDEF) {
        struct typedef_decl *td = typedef_variant_for_abi(t->td, abi);
        if (td && !td->failed)
            n.td = td;
    }
    return n;
}

static struct agg_layout *node_layout(struct node n, unsigned abi)
{
    struct agg_layout *all = n.agg ? n.agg->layouts : n.td ? n.td->layouts : NULL;
    return all ? &all[abi] : NULL;
}

/* Size and alignment of a type whose node, if any, has been laid out. */
static bool type_shallow(struct spec *spec, unsigned abi, const struct type_ref *t, uint64_t *size,
                         uint32_t *align)
{
    uint64_t sz = 0;
    uint32_t al = 1;
    const struct abi_type_fact *f = NULL;
    if (t->kind == TR_HANDLE || t->kind == TR_HANDLE64) {
        f = &spec->arch->abis[abi]->types[t->kind == TR_HANDLE ? BT_HANDLE : BT_HANDLE64];
    } else if (t->kind == TR_NAME && t->cls == TC_BASE) {
        f = &spec->arch->abis[abi]->types[t->base];
    } else {
        const struct agg_layout *l = node_layout(type_node(abi, t), abi);
        if (!l || l->state != LAYOUT_DONE || !l->ok)
            return false;
        sz = l->size;
        al = l->align;
    }
    if (f) {
        if (!f->set)
            return false;
        sz = f->size;
        al = f->align;
    }
    /* aligned(N) raises the alignment, as GCC's attribute does on a member */
    if (t->aligned && t->aligned != UINT32_MAX && t->aligned > al)
        al = t->aligned;
    *size = sz;
    *align = al;
    return true;
}

static void layout_typedef(struct spec *spec, unsigned abi, struct typedef_decl *td)
{
    struct agg_layout *L = &td->layouts[abi];
    L->ok = type_shallow(spec, abi, &td->type, &L->size, &L->align);
    const struct agg_layout *D = node_layout(type_node(abi, &td->type), abi);
    L->holds_empty = L->ok && (L->size == 0 || (D && D->holds_empty));
    L->state = LAYOUT_DONE;
}

uint64_t layout_max_object(const struct spec *spec, unsigned abi)
{
    const struct abi_type_fact *f = &spec->arch->abis[abi]->types[BT_POINTER];
    unsigned bits = f->set && f->size && f->size < 8 ? f->size * 8 : 64;
    return (UINT64_C(1) << (bits - 1)) - 1;
}

/* Lays out an aggregate whose member and alias types are laid out. */
static void layout_agg(struct spec *spec, unsigned abi, struct aggregate *agg)
{
    struct agg_layout *L = &agg->layouts[abi];
    bool ok = true;
    uint64_t end = 0, size = 0, max = layout_max_object(spec, abi);
    uint32_t align = 1;
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        struct member_layout *ml = &m->layouts[abi];
        ml->present = (m->cond.abi_mask >> abi) & 1;
        if (!ml->present)
            continue;
        uint64_t esize;
        uint32_t ealign;
        if (!type_shallow(spec, abi, &m->type, &esize, &ealign)) {
            ok = false;
            continue;
        }
        /* Sizes stay below the ABI's largest object, which is below 2^63,
         * so that nothing after this wraps; beyond it the aggregate has no
         * layout, and type-too-large says why. */
        uint64_t count = 1, msize, off = agg->kind == AGG_STRUCT ? layout_align_up(end, ealign) : 0;
        bool over = false;
        for (size_t d = 0; d < m->ndims; d++)
            over |= __builtin_mul_overflow(count, m->dims[d], &count);
        over |= __builtin_mul_overflow(esize, count, &msize);
        if (over || msize > max || off > max - msize) {
            ml->too_large = true;
            ok = false;
            break;
        }
        if (!(m->kind == MEMBER_PAD && m->ndims == 1 && m->dims[0] == 0)) {
            const struct agg_layout *D = node_layout(type_node(abi, &m->type), abi);
            if (esize == 0 || (D && D->holds_empty))
                L->holds_empty = true;
        }
        ml->offset = off;
        ml->elem_size = esize;
        ml->size = msize;
        ml->align = ealign;
        if (agg->kind == AGG_STRUCT)
            end = off + ml->size;
        else if (ml->size > size)
            size = ml->size;
        if (ealign > align)
            align = ealign;
        for (size_t j = 0; j < m->naliases; j++) {
            struct alias *a = m->aliases[j];
            struct member_layout *al = &a->layouts[abi];
            al->present = (a->cond.abi_mask >> abi) & 1;
            uint64_t asize;
            uint32_t aalign;
            if (!al->present || !type_shallow(spec, abi, &a->type, &asize, &aalign)) {
                al->present = false;
                continue;
            }
            al->offset = off + a->offset;
            al->size = al->elem_size = asize;
            al->align = aalign;
        }
    }
    if (agg->kind == AGG_STRUCT)
        size = end;
    L->size = layout_align_up(size, align);
    if (L->size > max) { /* the tail padding crossed it */
        for (size_t i = agg->nmembers; i-- > 0;)
            if (agg->members[i]->layouts[abi].present) {
                agg->members[i]->layouts[abi].too_large = true;
                break;
            }
        ok = false;
    }
    L->align = align;
    L->ok = ok;
    L->state = LAYOUT_DONE;
}

/* A node on the walk, and the next of its types to look at: for an
 * aggregate, member `member`'s own type (alias 0) or its aliases. */
struct frame {
    struct node n;
    size_t member, alias;
};

static const struct type_ref *frame_next_type(struct frame *f, unsigned abi)
{
    if (f->n.td)
        return f->member++ == 0 ? &f->n.td->type : NULL;
    struct aggregate *agg = f->n.agg;
    while (f->member < agg->nmembers) {
        struct member *m = agg->members[f->member];
        if ((m->cond.abi_mask >> abi) & 1) {
            while (f->alias <= m->naliases) {
                size_t k = f->alias++;
                if (k == 0)
                    return &m->type;
                if ((m->aliases[k - 1]->cond.abi_mask >> abi) & 1)
                    return &m->aliases[k - 1]->type;
            }
        }
        f->member++;
        f->alias = 0;
    }
    return NULL;
}

/*
 * Lays out a node after everything it contains, depth first, with the
 * path on a heap stack: a legal spec can nest a chain of 100,000 structs
 * or typedefs, which would overflow the C stack. A node met again while
 * it is on the path is a cycle; it stays unfinished for the node that
 * contains it, whose layout fails (recursive-type reports the cycle).
 */
static void layout_node(struct spec *spec, unsigned abi, struct node root)
{
    struct agg_layout *L = node_layout(root, abi);
    if (!L || L->state != LAYOUT_TODO)
        return;
    size_t len = 0, cap = 16;
    struct frame *stack = xmalloc(cap * sizeof(*stack));
    stack[len++] = (struct frame){root, 0, 0};
    L->state = LAYOUT_BUSY;
    while (len) {
        struct frame *f = &stack[len - 1];
        const struct type_ref *t = frame_next_type(f, abi);
        if (!t) {
            if (f->n.agg)
                layout_agg(spec, abi, f->n.agg);
            else
                layout_typedef(spec, abi, f->n.td);
            len--;
            continue;
        }
        struct node dep = type_node(abi, t);
        struct agg_layout *D = node_layout(dep, abi);
        if (!D || D->state != LAYOUT_TODO)
            continue;
        D->state = LAYOUT_BUSY;
        if (len == cap) {
            cap *= 2;
            stack = xrealloc(stack, cap * sizeof(*stack));
        }
        stack[len++] = (struct frame){dep, 0, 0};
    }
    free(stack);
}

bool layout_type(struct spec *spec, unsigned abi, const struct type_ref *t, uint64_t *size,
                 uint32_t *align)
{
    layout_node(spec, abi, type_node(abi, t));
    return type_shallow(spec, abi, t, size, align);
}

void layout_spec(struct spec *spec)
{
    if (!spec->arch || spec->failed)
        return;
    size_t nabis = spec->arch->nabis;
    for (size_t i = 0; i < spec->aggs.len; i++)
        layout_alloc(spec, spec->aggs.items[i], nabis);
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *td = spec->typedefs.items[i];
        td->layouts = ARENA_ARRAY(&spec->arena, struct agg_layout, nabis);
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        for (unsigned abi = 0; abi < nabis; abi++) {
            if (!((a->cond.abi_mask >> abi) & 1))
                continue;
            if (!(a->failed & ~LAYOUT_FAILED_BIT))
                layout_node(spec, abi, (struct node){a, NULL});
            const struct agg_layout *l = &a->layouts[abi];
            if ((a->failed & ~LAYOUT_FAILED_BIT) || l->state != LAYOUT_DONE || !l->ok)
                a->failed |= LAYOUT_FAILED_BIT;
        }
    }
    /* typedefs no struct uses too: the checks judge their alignment */
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *td = spec->typedefs.items[i];
        for (unsigned abi = 0; abi < nabis; abi++)
            if (((td->cond.abi_mask >> abi) & 1) && !td->failed && td->layouts[abi].state == LAYOUT_TODO)
                layout_node(spec, abi, (struct node){NULL, td});
    }
}

const struct agg_layout *agg_layout_on(const struct aggregate *agg, unsigned abi)
{
    if (!agg->layouts || !((agg->enclosing || (agg->cond.abi_mask >> abi) & 1)))
        return NULL;
    const struct agg_layout *l = &agg->layouts[abi];
    return l->state == LAYOUT_DONE ? l : NULL;
}

const struct member_layout *member_layout_on(const struct member *m, unsigned abi)
{
    if (!m->layouts || !m->layouts[abi].present)
        return NULL;
    return &m->layouts[abi];
}

const struct member_layout *alias_layout_on(const struct alias *a, unsigned abi)
{
    if (!a->layouts || !a->layouts[abi].present)
        return NULL;
    return &a->layouts[abi];
}
