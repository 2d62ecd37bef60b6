/* SPDX-License-Identifier: MIT */
/*
 * Structure shapes: arrays, aliases, `was reserved`, alignment, and types
 * that hold themselves or nest too deep.
 */
#include "check_rows.h"

#include "layout.h"

#include <inttypes.h>
#include <stdlib.h>

/* ---- structures ------------------------------------------------------- */

enum { REGC_MAX_ARRAY_ELEMENTS = 1 << 24 };

static void array_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)abis;
    uint64_t total = 1;
    for (size_t i = 0; i < m->ndims; i++) {
        /* `pad u8 _pad[0];` is how a spec says "deliberately empty": Xen's
         * empty struct, 0 bytes in GNU C and 1 in C++. */
        if (m->dims[i] == 0 && m->kind == MEMBER_PAD && m->ndims == 1)
            continue;
        if (m->dims[i] == 0) {
            struct diag *d = check_report(cc, &top->failed, m->dim_locs[i], "array '%s' has zero elements",
                                          m->name.text ? m->name.text : "?");
            diag_note(d, m->dim_locs[i], "only a padding member may be empty: 'pad u8 _pad[0];'");
            return;
        }
        if (m->dims[i] > REGC_MAX_ARRAY_ELEMENTS || total * m->dims[i] > REGC_MAX_ARRAY_ELEMENTS) {
            check_report(cc, &top->failed, m->dim_locs[i], "array '%s' has more than %d elements",
                         m->name.text ? m->name.text : "?", REGC_MAX_ARRAY_ELEMENTS);
            return;
        }
        total *= m->dims[i];
    }
}

void check_invalid_array(struct check_ctx *cc)
{
    visit_all_members(cc, array_member);
}

/* `was reserved` says what callers had to do with a slot at released
 * versions: only a member with a value of its own can have taken the
 * place of padding, and `until V` names a version callers can ask for. */
static void was_reserved_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)abis;
    if (!m->was_reserved)
        return;
    if (m->kind != MEMBER_DATA) {
        struct diag *d = check_report(cc, &m->failed, m->was_loc, "'was reserved' on %s, which is not a member with a value",
                                      m->kind == MEMBER_AGG ? "a nested struct or union" : "padding");
        diag_note(d, m->was_loc, "say it of the member that took the padding's place: 'was reserved u16 caps;'");
        return;
    }
    if (!m->has_reserved_until)
        return;
    /* the version check compares the member with 0: an integer's value */
    const struct type_ref *t = &m->type;
    for (unsigned depth = 0; t->kind == TR_NAME && t->cls == TC_TYPEDEF && t->td && depth < 16; depth++)
        t = &t->td->type;
    const struct interface *x = top->vis.kind == VIS_TOOLS ? top->vis.iface_decl : NULL;
    if (t->kind != TR_NAME || t->cls != TC_BASE) {
        struct diag *d = check_report(cc, &m->failed, m->reserved_until_loc,
                                      "'%s' is not an integer, which callers of older versions could be held to "
                                      "zero", m->name.text);
        diag_note(d, m->was_loc, "write 'was reserved' without a version, or reserve integers");
    } else if (top->vis.kind == VIS_XEN) {
        struct diag *d = check_report(cc, &m->failed, m->reserved_until_loc,
                                      "'until' names a version callers ask for, and %s is xen-only: it has none",
                                      top->name.text);
        diag_note(d, m->was_loc, "write 'was reserved' without a version");
    } else if (m->reserved_until == 0) {
        check_report(cc, &m->failed, m->reserved_until_loc,
                     "no caller asks for a version below 0: 'until 0' says nothing");
    } else if (x && m->reserved_until > x->version) {
        struct diag *d = check_report(cc, &m->failed, m->reserved_until_loc,
                                      "'%s' exists from 0x%" PRIx64 " on, after interface %s's version, 0x%" PRIx64,
                                      m->name.text, m->reserved_until, x->name.text, x->version);
        diag_note(d, x->version_loc, "bump the interface to 0x%" PRIx64 " with the member, or name a version up to 0x%" PRIx64,
                  m->reserved_until, x->version);
    }
}

void check_was_reserved_invalid(struct check_ctx *cc)
{
    visit_all_members(cc, was_reserved_member);
}

/* An alias is another view of one scalar slot: an array has no one slot.
 * Only the member fails, so its struct is still laid out and checked. */
static void alias_invalid_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)top;
    (void)abis;
    if (m->c11_union && !m->naliases) {
        struct diag *d = check_report(cc, &m->failed, m->c11_loc, "'c11' on member '%s', which has no aliases",
                                      m->name.text ? m->name.text : "?");
        diag_note(d, m->c11_loc, "'c11' spells a member's alias union for every compiler: "
                                 "'c11 u64 x | u32 w;'");
        return;
    }
    if (!m->ndims || !m->naliases)
        return;
    struct diag *d = check_report(cc, &m->failed, m->aliases[0]->loc, "array '%s' cannot have aliases",
                                  m->name.text);
    diag_note(d, m->name.loc, "alias one element's worth with a union: "
                              "'union { u32 %s[N]; u16 halves[2 * N]; };'", m->name.text);
}

void check_alias_invalid(struct check_ctx *cc)
{
    visit_all_members(cc, alias_invalid_member);
}

static void report_align_value(struct check_ctx *cc, uint64_t *failed, const struct type_ref *t)
{
    if (!t->aligned)
        return;
    if (t->aligned == UINT32_MAX || !is_pow2(t->aligned) || t->aligned > 4096)
        check_report(cc, failed, t->aligned_loc, "alignment must be a power of two up to 4096");
}

static void align_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)abis;
    report_align_value(cc, &top->failed, &m->type);
    for (size_t i = 0; i < m->naliases; i++)
        report_align_value(cc, &top->failed, &m->aliases[i]->type);
}

void check_invalid_align(struct check_ctx *cc)
{
    visit_all_members(cc, align_member);
    for (size_t i = 0; i < cc->spec->typedefs.len; i++) {
        struct typedef_decl *t = cc->spec->typedefs.items[i];
        report_align_value(cc, &t->failed, &t->type);
    }
}

/*
 * What GCC makes of an alignment, once laid out. On a typedef its aligned
 * attribute sets the alignment, lowering it too (typedef aligned(2) u64
 * is 2-aligned in GCC, 8-aligned in regc's model, which raises only), so
 * one below the type's own is refused; and an array of a type whose
 * alignment does not divide its size is no C ("alignment of array
 * elements is greater than element size").
 */
static void align_array_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    if (!m->ndims || m->type.kind != TR_NAME || m->type.cls != TC_TYPEDEF || !m->type.td)
        return;
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        if (!(abis >> abi & 1))
            continue;
        struct typedef_decl *td = typedef_variant_for_abi(m->type.td, abi);
        const struct agg_layout *l = td && td->layouts ? &td->layouts[abi] : NULL;
        if (!l || l->state != LAYOUT_DONE || !l->ok || l->align == 0 || l->size % l->align == 0)
            continue;
        struct diag *d = check_report_as(cc, DIAG_INVALID_ALIGN, &top->failed, m->name.loc,
                                      "array '%s' of '%s', %" PRIu64 " bytes aligned to %" PRIu32
                                      " on %s: C has no array of elements aligned beyond their size",
                                      m->name.text ? m->name.text : "?", td->name.text, l->size, l->align,
                                      cc->spec->arch->abis[abi]->name.text);
        diag_note(d, td->loc, "'%s' is declared here; align the member instead: 'aligned(N) T %s[...]'",
                  td->name.text, m->name.text ? m->name.text : "x");
        return;
    }
}

/* Run by the alias-too-wide row, the first after layout: an alignment
 * is only judged once laid out, and one id has one row. */
void report_align_layout(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->typedefs.len; i++) {
        struct typedef_decl *t = cc->spec->typedefs.items[i];
        if (check_skip(cc, t->failed) || !t->type.aligned || !t->layouts)
            continue;
        for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
            const struct agg_layout *l = &t->layouts[abi];
            if (!(t->cond.abi_mask >> abi & 1) || l->state != LAYOUT_DONE || !l->ok || l->align <= t->type.aligned)
                continue;
            struct diag *d = check_report_as(cc, DIAG_INVALID_ALIGN, &t->failed, t->type.aligned_loc,
                                          "aligned(%" PRIu32 ") on typedef '%s' is below its type's own "
                                          "alignment, %" PRIu32 " on %s",
                                          t->type.aligned, t->name.text, l->align,
                                          cc->spec->arch->abis[abi]->name.text);
            diag_note(d, t->type.aligned_loc, "on a typedef, GCC's aligned attribute lowers the alignment "
                                              "too, which regc's layout would not follow");
            break;
        }
    }
    visit_all_members(cc, align_array_member);
}

/*
 * Depth-first over by-value containment: aggregates (named, per-ABI
 * variants and inline) contain the types of their members and aliases, a
 * typedef contains its type; handles point, so they do not contain. The
 * walk keeps its path on a heap stack, because a legal spec can chain
 * 100,000 structs. mark: 0 unvisited, 1 on the path, 2 finished.
 */
struct rec_frame {
    struct aggregate *agg;        /* one of agg and td */
    struct typedef_decl *td;
    size_t member, alias;         /* the next type to follow: alias 0 is the member's own */
    struct aggregate *next_agg;   /* variants of the type being followed, still to visit */
    struct typedef_decl *next_td;
    struct member *via;           /* the member being followed */
};

struct rec_walk {
    struct check_ctx *cc;
    struct rec_frame *stack;
    size_t len, cap;
};

static unsigned *rec_mark(struct aggregate *agg, struct typedef_decl *td)
{
    return agg ? &agg->mark : &td->mark;
}

static void rec_push(struct rec_walk *w, struct aggregate *agg, struct typedef_decl *td)
{
    if (w->len == w->cap) {
        w->cap = w->cap ? w->cap * 2 : 64;
        w->stack = xrealloc(w->stack, w->cap * sizeof(*w->stack));
    }
    w->stack[w->len++] = (struct rec_frame){agg, td, 0, 0, NULL, NULL, NULL};
    *rec_mark(agg, td) = 1;
}

/* The next type the frame contains, or NULL when it has been followed. */
static const struct type_ref *rec_next_type(struct rec_frame *f)
{
    if (f->td) {
        if (f->member++ > 0)
            return NULL;
        return &f->td->type;
    }
    while (f->member < f->agg->nmembers) {
        struct member *m = f->agg->members[f->member];
        if (f->alias <= m->naliases) {
            f->via = m;
            return f->alias++ == 0 ? &m->type : &m->aliases[f->alias - 2]->type;
        }
        f->member++;
        f->alias = 0;
    }
    return NULL;
}

/* The frame at the top of the path reaches the node on the path at
 * `at`: every node from there up is on the cycle. */
static void rec_report(struct rec_walk *w, size_t at)
{
    struct check_ctx *cc = w->cc;
    struct rec_frame *target = &w->stack[at], *top = &w->stack[w->len - 1];
    if (target->agg) {
        struct member *via = top->via;
        for (size_t k = w->len; !via && k-- > at;)
            via = w->stack[k].via;
        struct diag *d = check_report(cc, &target->agg->failed, via->type.loc, "%s '%s' contains itself",
                                      agg_kind_name(target->agg), target->agg->name.text);
        diag_note(d, via->loc, "through member '%s'; a struct can refer to itself only "
                               "through a handle", via->name.text ? via->name.text : "(anonymous)");
    } else {
        struct typedef_decl *td = top->td ? top->td : target->td;
        struct diag *d = check_report(cc, &td->failed, td->type.loc, "typedef '%s' is defined in terms of itself",
                                      td->name.text);
        diag_note(d, target->td->name.loc, "'%s' is declared here", target->td->name.text);
    }
    /* every declaration on the cycle is unusable for layout */
    for (size_t k = at; k < w->len; k++) {
        if (w->stack[k].agg)
            w->stack[k].agg->failed |= cc->bit;
        else
            w->stack[k].td->failed |= cc->bit;
    }
}

/* Walks from one root; stops at the first cycle, as one is enough to
 * report for the declarations on it. */
static void rec_walk_from(struct rec_walk *w, struct aggregate *agg, struct typedef_decl *td)
{
    rec_push(w, agg, td);
    bool found = false;
    while (w->len && !found) {
        struct rec_frame *f = &w->stack[w->len - 1];
        struct aggregate *va = f->next_agg;
        struct typedef_decl *vt = f->next_td;
        if (va || vt) {
            if (va)
                f->next_agg = va->next_variant;
            else
                f->next_td = vt->next_variant;
            unsigned mark = *rec_mark(va, vt);
            if (mark == 1) {
                size_t at = w->len;
                while (at-- > 0 && (w->stack[at].agg != va || w->stack[at].td != vt))
                    ;
                rec_report(w, at);
                found = true;
            } else if (mark == 0) {
                rec_push(w, va, vt);
            }
            continue;
        }
        const struct type_ref *t = rec_next_type(f);
        if (!t) {
            *rec_mark(f->agg, f->td) = 2;
            w->len--;
        } else if (t->kind == TR_INLINE) {
            f->next_agg = t->inline_agg;
        } else if (t->kind == TR_NAME && t->cls == TC_AGG) {
            f->next_agg = t->agg;
        } else if (t->kind == TR_NAME && t->cls == TC_TYPEDEF) {
            f->next_td = t->td;
        }
    }
    while (w->len)
        *rec_mark(w->stack[w->len - 1].agg, w->stack[w->len - 1].td) = 2, w->len--;
}

void check_recursive_type(struct check_ctx *cc)
{
    unsigned errors_before = cc->diags->errors;
    struct rec_walk w = {cc, NULL, 0, 0};
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed) && !a->mark)
            rec_walk_from(&w, a, NULL);
    }
    for (size_t i = 0; i < cc->spec->typedefs.len; i++) {
        struct typedef_decl *t = cc->spec->typedefs.items[i];
        if (!check_skip(cc, t->failed) && !t->mark)
            rec_walk_from(&w, NULL, t);
    }
    free(w.stack);
    /* Translations and struct checks inline every struct held by value,
     * so how deep that goes is bounded (a chain of 100,000 would make
     * their code quadratic in the spec). Only the emitters need the
     * bound, so nothing is marked failed; after a cycle, the depths mean
     * nothing and are not judged. */
    if (cc->diags->errors != errors_before)
        return;
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (check_skip(cc, a->failed))
            continue;
        unsigned depth = a->nesting; /* derive.c */
        uint64_t ignored = 0;
        if (depth > REGC_MAX_VALUE_NESTING)
            check_report_as(cc, DIAG_NESTING_TOO_DEEP, &ignored, a->name.loc,
                            "'%s' holds structs by value %u deep; the limit is %u", a->name.text, depth,
                            (unsigned)REGC_MAX_VALUE_NESTING);
    }
}

