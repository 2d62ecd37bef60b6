/* SPDX-License-Identifier: MIT */
#include "layout.h"

#include "checks.h"

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

static bool layout_agg(struct spec *spec, unsigned abi, struct aggregate *agg);

bool layout_type(struct spec *spec, unsigned abi, const struct type_ref *t, uint64_t *size,
                 uint32_t *align)
{
    const struct abi *a = spec->arch->abis[abi];
    uint64_t sz = 0;
    uint32_t al = 1;
    switch (t->kind) {
    case TR_INLINE:
        if (!t->inline_agg || t->inline_agg->bad || !layout_agg(spec, abi, t->inline_agg))
            return false;
        sz = t->inline_agg->layouts[abi].size;
        al = t->inline_agg->layouts[abi].align;
        break;
    case TR_HANDLE:
    case TR_HANDLE64: {
        const struct abi_type_fact *f = &a->types[t->kind == TR_HANDLE ? BT_HANDLE : BT_HANDLE64];
        if (!f->set)
            return false;
        sz = f->size;
        al = f->align;
        break;
    }
    case TR_NAME:
        if (t->cls == TC_BASE) {
            const struct abi_type_fact *f = &a->types[t->base];
            if (!f->set)
                return false;
            sz = f->size;
            al = f->align;
        } else if (t->cls == TC_TYPEDEF) {
            struct typedef_decl *td = typedef_variant_for_abi(t->td, abi);
            if (!td || td->failed || !layout_type(spec, abi, &td->type, &sz, &al))
                return false;
        } else if (t->cls == TC_AGG) {
            struct aggregate *v = agg_variant_for_abi(t->agg, abi);
            if (!v || (v->failed & ~LAYOUT_FAILED_BIT) || !layout_agg(spec, abi, v))
                return false;
            sz = v->layouts[abi].size;
            al = v->layouts[abi].align;
        } else {
            return false;
        }
        break;
    }
    /* aligned(N) raises the alignment, as GCC's attribute does on a member */
    if (t->aligned && t->aligned != UINT32_MAX && t->aligned > al)
        al = t->aligned;
    *size = sz;
    *align = al;
    return true;
}

static bool layout_agg(struct spec *spec, unsigned abi, struct aggregate *agg)
{
    struct agg_layout *L = &agg->layouts[abi];
    if (L->state == LAYOUT_DONE)
        return L->ok;
    if (L->state == LAYOUT_BUSY)
        return false; /* a cycle; recursive-type reports it */
    L->state = LAYOUT_BUSY;
    bool ok = true;
    uint64_t end = 0, size = 0;
    uint32_t align = 1;
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        struct member_layout *ml = &m->layouts[abi];
        ml->present = (m->cond.abi_mask >> abi) & 1;
        if (!ml->present)
            continue;
        uint64_t esize;
        uint32_t ealign;
        if (!layout_type(spec, abi, &m->type, &esize, &ealign)) {
            ok = false;
            continue;
        }
        uint64_t count = 1;
        for (size_t d = 0; d < m->ndims; d++)
            count *= m->dims[d];
        uint64_t off = agg->kind == AGG_STRUCT ? layout_align_up(end, ealign) : 0;
        ml->offset = off;
        ml->elem_size = esize;
        ml->size = esize * count;
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
            if (!al->present || !layout_type(spec, abi, &a->type, &asize, &aalign)) {
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
    L->align = align;
    L->ok = ok;
    L->state = LAYOUT_DONE;
    return ok;
}

void layout_spec(struct spec *spec)
{
    if (!spec->arch || spec->failed)
        return;
    size_t nabis = spec->arch->nabis;
    for (size_t i = 0; i < spec->aggs.len; i++)
        layout_alloc(spec, spec->aggs.items[i], nabis);
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        for (unsigned abi = 0; abi < nabis; abi++) {
            if (!((a->cond.abi_mask >> abi) & 1))
                continue;
            if ((a->failed & ~LAYOUT_FAILED_BIT) || !layout_agg(spec, abi, a))
                a->failed |= LAYOUT_FAILED_BIT;
        }
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
