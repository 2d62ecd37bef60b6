/* SPDX-License-Identifier: MIT */
/* The checks that read the per-ABI layout (the layout stage). */
#include "check_rows.h"

#include "layout.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- layout stage ---------------------------------------------------- */

static void alias_width_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    if (!m->naliases || check_skip(cc, m->failed))
        return;
    for (size_t j = 0; j < m->naliases; j++) {
        struct alias *a = m->aliases[j];
        uint64_t bad_abis = 0;
        uint64_t slot = 0, size = 0;
        for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
            uint64_t in = abis & a->cond.abi_mask;
            if (!(in & (1ull << abi)))
                continue;
            const struct member_layout *ml = member_layout_on(m, abi);
            const struct member_layout *al = alias_layout_on(a, abi);
            if (!ml || !al)
                continue;
            if (a->offset > ml->size || al->size > ml->size - a->offset) {
                bad_abis |= 1ull << abi;
                slot = ml->size;
                size = al->size;
            }
        }
        if (!bad_abis)
            continue;
        struct diag *d = check_report(cc, &top->failed, a->name.loc,
                                      "%" PRIu64 "-byte alias '%s' at offset %" PRIu64
                                      " does not fit %" PRIu64 "-byte slot '%s' on %s",
                                      size, a->name.text, a->offset, slot, m->name.text,
                                      abi_list_text(cc, bad_abis));
        diag_note(d, m->name.loc, "the slot is declared here");
    }
}

void check_alias_too_wide(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    visit_all_members(cc, alias_width_member);
    report_align_layout(cc);
}

/*
 * The layout checks report about the top-level struct the user declared:
 * offsets are from its start, whatever inline struct or union a member is
 * nested in (as the layout report prints them), and members are named by
 * their C path from it ('fpu.x'; an anonymous level adds nothing, as in C).
 */

/* Where an inline aggregate starts inside its top-level struct, per ABI. */
struct nest {
    const char *prefix;      /* C path of the aggregate's members: "", "fpu." */
    uint64_t base[64];       /* offset of the aggregate on each ABI */
};

static void nest_enter(struct check_ctx *cc, const struct nest *outer, const struct member *m,
                       struct nest *inner)
{
    inner->prefix = m->name.text ? arena_printf(&cc->spec->arena, "%s%s.", outer->prefix, m->name.text)
                                 : outer->prefix;
    for (unsigned abi = 0; abi < cc->spec->arch->nabis && abi < 64; abi++) {
        const struct member_layout *ml = member_layout_on(m, abi);
        inner->base[abi] = outer->base[abi] + (ml ? ml->offset : 0);
    }
}

/* "'fpu.x'", or "an anonymous union" for a nested aggregate without a name. */
static const char *member_label(struct check_ctx *cc, const struct nest *n, const struct member *m)
{
    if (m->name.text)
        return arena_printf(&cc->spec->arena, "'%s%s'", n->prefix, m->name.text);
    if (m->kind == MEMBER_AGG && m->type.inline_agg)
        return arena_printf(&cc->spec->arena, "an anonymous %s", agg_kind_name(m->type.inline_agg));
    return "an unnamed member";
}

static bool is_inline_agg(const struct member *m)
{
    return m->kind == MEMBER_AGG && m->type.inline_agg;
}

struct hole {
    uint64_t offset, size;        /* offset from the top-level struct */
    const struct member *before;  /* NULL for padding at the end */
    unsigned abi;
    bool claimed;                 /* reported with an earlier hole */
};

/* The holes of one aggregate on one ABI, appended to `out`. */
static void agg_holes(const struct aggregate *agg, unsigned abi, uint64_t base, struct hole *out, size_t *n)
{
    struct layout_holes it = layout_holes(agg, abi);
    if (!it.layout || !it.layout->ok || agg->kind != AGG_STRUCT)
        return;
    struct layout_hole h;
    while (layout_hole_next(&it, &h))
        out[(*n)++] = (struct hole){base + h.offset, h.size, h.before, abi, false};
}

/* Reports each distinct hole once, listing the ABIs that have it, then
 * looks inside the nested aggregates. */
static void hole_check_agg(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                           const struct nest *nest)
{
    unsigned nabis = (unsigned)cc->spec->arch->nabis;
    struct hole *holes = xmalloc((agg->nmembers + 1) * nabis * sizeof(*holes));
    size_t n = 0;
    for (unsigned abi = 0; abi < nabis; abi++)
        agg_holes(agg, abi, nest->base[abi], holes, &n);
    for (size_t h = 0; h < n; h++) {
        struct hole *x = &holes[h];
        if (x->claimed)
            continue;
        uint64_t mask = 1ull << x->abi;
        for (size_t k = h + 1; k < n; k++) {
            struct hole *y = &holes[k];
            if (!y->claimed && y->offset == x->offset && y->size == x->size && y->before == x->before) {
                mask |= 1ull << y->abi;
                y->claimed = true;
            }
        }
        struct loc at = x->before ? x->before->loc : agg->loc;
        struct diag *d;
        if (x->before)
            d = check_report(cc, &top->failed, at,
                             "%s '%s' has an implicit %" PRIu64 "-byte hole at offset %" PRIu64 " before %s on %s",
                             agg_kind_name(top), top->name.text, x->size, x->offset,
                             member_label(cc, nest, x->before), abi_list_text(cc, mask));
        else if (agg == top)
            d = check_report(cc, &top->failed, at,
                             "%s '%s' has %" PRIu64 " bytes of implicit trailing padding at offset %" PRIu64 " on %s",
                             agg_kind_name(top), top->name.text, x->size, x->offset, abi_list_text(cc, mask));
        else
            d = check_report(cc, &top->failed, at,
                             "%s '%s' has %" PRIu64 " bytes of implicit padding at offset %" PRIu64
                             " at the end of %s on %s", agg_kind_name(top), top->name.text, x->size, x->offset,
                             nest->prefix[0] ? arena_printf(&cc->spec->arena, "'%.*s'",
                                                            (int)strlen(nest->prefix) - 1, nest->prefix)
                                             : arena_printf(&cc->spec->arena, "an anonymous %s",
                                                            agg_kind_name(agg)),
                             abi_list_text(cc, mask));
        diag_note(d, at, "declare the padding, e.g. 'pad u8 _pad%" PRIu64 "[%" PRIu64 "];', so "
                         "that every byte is accounted for", x->offset, x->size);
    }
    free(holes);
    for (size_t i = 0; i < agg->nmembers; i++) {
        if (!is_inline_agg(agg->members[i]))
            continue;
        struct nest inner;
        nest_enter(cc, nest, agg->members[i], &inner);
        hole_check_agg(cc, top, agg->members[i]->type.inline_agg, &inner);
    }
}

static const struct nest top_nest = {"", {0}};

void check_implicit_hole(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed))
            hole_check_agg(cc, a, a, &top_nest);
    }
}

static struct diag *report_differs(struct check_ctx *cc, struct aggregate *top, struct loc at,
                                   const char *fmt, ...) REGC_PRINTF(4, 5);

static struct diag *report_differs(struct check_ctx *cc, struct aggregate *top, struct loc at,
                                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *what = arena_vprintf(&cc->spec->arena, fmt, ap);
    va_end(ap);
    struct diag *d = check_report(cc, &top->failed, at, "layout of '%s' differs between ABIs: %s",
                                  top->name.text, what);
    diag_note(d, cc->spec->arch->same_layout_loc, "arch '%s' requires one layout for all ABIs",
              cc->spec->arch->name.text);
    return d;
}

/*
 * Reports the first member, in declaration order and from the inside of
 * nested aggregates out, whose presence, offset or size differs between
 * the two ABIs: a nested union differs because one of its members does,
 * and that member is the one to name.
 */
static bool layout_differs(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                           unsigned a0, unsigned a1, const struct nest *nest)
{
    const struct agg_layout *x = agg_layout_on(agg, a0), *y = agg_layout_on(agg, a1);
    if (!x || !y || !x->ok || !y->ok)
        return false;
    const char *n0 = cc->spec->arch->abis[a0]->name.text, *n1 = cc->spec->arch->abis[a1]->name.text;
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        const struct member_layout *p = member_layout_on(m, a0), *q = member_layout_on(m, a1);
        if (!p != !q) {
            report_differs(cc, top, m->loc, "member %s exists on %s but not on %s",
                           member_label(cc, nest, m), p ? n0 : n1, p ? n1 : n0);
            return true;
        }
        if (!p)
            continue;
        if (is_inline_agg(m)) {
            struct nest inner;
            nest_enter(cc, nest, m, &inner);
            if (layout_differs(cc, top, m->type.inline_agg, a0, a1, &inner))
                return true;
        }
        uint64_t o0 = nest->base[a0] + p->offset, o1 = nest->base[a1] + q->offset;
        if (o0 != o1) {
            report_differs(cc, top, m->loc, "member %s is at offset %" PRIu64 " (size %" PRIu64 ") on %s "
                           "but at offset %" PRIu64 " (size %" PRIu64 ") on %s", member_label(cc, nest, m),
                           o0, p->size, n0, o1, q->size, n1);
            return true;
        }
        if (p->size != q->size) {
            report_differs(cc, top, m->loc, "member %s at offset %" PRIu64 " is %" PRIu64 " bytes on %s "
                           "but %" PRIu64 " bytes on %s", member_label(cc, nest, m), o0, p->size, n0,
                           q->size, n1);
            return true;
        }
    }
    if (agg == top && (x->size != y->size || x->align != y->align)) {
        report_differs(cc, top, agg->loc, "size %" PRIu64 " (align %" PRIu32 ") on %s but size %" PRIu64
                       " (align %" PRIu32 ") on %s", x->size, x->align, n0, y->size, y->align, n1);
        return true;
    }
    return false;
}

static void layout_differs_aggregate(struct check_ctx *cc, struct aggregate *a)
{
    unsigned first = UINT32_MAX;
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        if (!(a->cond.abi_mask & (1ull << abi)))
            continue;
        if (first == UINT32_MAX) {
            first = abi;
            continue;
        }
        if (layout_differs(cc, a, a, first, abi, &top_nest))
            break;
    }
}

void check_abi_layout_differs(struct check_ctx *cc)
{
    if (cc->spec->arch->same_layout)
        visit_aggregates(cc, layout_differs_aggregate);
}

/* The first ABI on which the aggregate is laid out without a member, or -1. */
static int empty_on(struct check_ctx *cc, const struct aggregate *agg)
{
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        const struct agg_layout *l = agg_layout_on(agg, abi);
        if (!l || !l->ok)
            continue;
        bool any = false;
        for (size_t i = 0; i < agg->nmembers && !any; i++)
            any = member_layout_on(agg->members[i], abi) != NULL;
        if (!any)
            return (int)abi;
    }
    return -1;
}

static void note_empty(struct diag *d, const struct aggregate *agg)
{
    diag_note(d, agg->loc, "an empty struct has size 0 in GNU C but 1 in C++, so anything that "
                           "contains it has two layouts; if that is meant, as in Xen's empty structs, "
                           "say so with 'pad u8 _pad[0];'");
}

static void empty_check_nested(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                               const struct nest *nest)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        if (!is_inline_agg(m))
            continue;
        struct aggregate *in = m->type.inline_agg;
        int abi = empty_on(cc, in);
        if (abi >= 0) {
            const char *what = m->name.text ? arena_printf(&cc->spec->arena, "an empty %s %s", agg_kind_name(in),
                                                           member_label(cc, nest, m))
                                            : arena_printf(&cc->spec->arena, "an empty anonymous %s",
                                                           agg_kind_name(in));
            struct diag *d = check_report(cc, &top->failed, in->loc, "%s '%s' has %s at offset %" PRIu64 " on %s",
                                          agg_kind_name(top), top->name.text, what,
                                          nest->base[abi] + member_layout_on(m, (unsigned)abi)->offset,
                                          cc->spec->arch->abis[abi]->name.text);
            note_empty(d, in);
        }
        struct nest inner;
        nest_enter(cc, nest, m, &inner);
        empty_check_nested(cc, top, in, &inner);
    }
}

static void empty_aggregate(struct check_ctx *cc, struct aggregate *a)
{
    int abi = empty_on(cc, a);
    if (abi >= 0) {
        struct diag *d = check_report(cc, &a->failed, a->loc, "%s '%s' is empty on %s", agg_kind_name(a),
                                      a->name.text, cc->spec->arch->abis[abi]->name.text);
        note_empty(d, a);
    }
    empty_check_nested(cc, a, a, &top_nest);
}

void check_empty_aggregate(struct check_ctx *cc)
{
    visit_aggregates(cc, empty_aggregate);
}

/* ---- type-too-large ---------------------------------------------------- */

/* C compilers refuse a type beyond PTRDIFF_MAX, and every size regc
 * writes (sizeof assertions, offsets, copies) must be one they accept:
 * 2^24 arrays of 2^24 arrays would otherwise wrap to a small size. The
 * layout engine marks the member that crosses the limit; its aggregate,
 * and whatever contains it, has no layout on that ABI. */
static void too_large_member(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    (void)top;
    uint64_t on = 0;
    unsigned first = 0;
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++)
        if (((abis >> abi) & 1) && m->layouts && m->layouts[abi].too_large) {
            if (!on)
                first = abi;
            on |= 1ull << abi;
        }
    if (!on)
        return;
    struct diag *d = check_report(cc, &top->failed, m->type.loc,
                                  "%s '%s' ends beyond %" PRIu64 " bytes, the largest object on %s",
                                  m->ndims ? "array" : "member", m->name.text ? m->name.text : "(anonymous)",
                                  layout_max_object(cc->spec, first), abi_list_text(cc, on));
    diag_note(d, m->type.loc, "C compilers refuse a type larger than PTRDIFF_MAX of the ABI's pointer size");
}

void check_type_too_large(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    /* the aggregates it finds carry LAYOUT_FAILED_BIT, which is its point */
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed & ~LAYOUT_FAILED_BIT))
            visit_members(cc, a, a, a->cond.abi_mask, too_large_member);
    }
}

/* ---- view-padding ------------------------------------------------------ */

/* `only(tools) pad` names bytes for the tools and the hypervisor that
 * guests see as the compiler's own padding (Xen's x86_64 trap_info has a
 * silent hole that guests fill with positional initialisers). That is
 * only the same layout if, without the padding, the compiler would leave
 * exactly those bytes: the next member starts where it did, or the
 * struct's tail padding covers them. */
static void view_padding_check_agg(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg)
{
    for (unsigned abi = 0; abi < cc->spec->arch->nabis; abi++) {
        const struct agg_layout *L = agg_layout_on(agg, abi);
        if (!L || !L->ok)
            continue;
        uint32_t align = 1;
        uint64_t end = 0, size = 0;
        const struct member *run = NULL;
        for (size_t i = 0; i <= agg->nmembers; i++) {
            const struct member *m = i < agg->nmembers ? agg->members[i] : NULL;
            const struct member_layout *ml = m ? member_layout_on(m, abi) : NULL;
            if (m && !ml)
                continue;
            if (m && member_is_view_padding(m)) {
                if (!run)
                    run = m;
                continue;
            }
            if (run && agg->kind == AGG_STRUCT) {
                /* where the member after the padding (or the end) falls
                 * without it */
                uint64_t at = m ? layout_align_up(end, ml->align) : 0;
                bool same = m ? at == ml->offset : true;
                /* at the end, align holds every other member's already */
                if (!m)
                    same = align == L->align && layout_align_up(end, align) == L->size;
                if (!same) {
                    struct diag *d = check_report(cc, &top->failed, run->name.loc,
                                                  "padding '%s' of '%s' is only(tools), but guests would not "
                                                  "get these bytes without it on %s", run->name.text,
                                                  top->name.text, cc->spec->arch->abis[abi]->name.text);
                    if (m)
                        diag_note(d, m->name.loc.src ? m->name.loc : m->loc,
                                  "without it, '%s' would be at offset %" PRIu64 " instead of %" PRIu64,
                                  m->name.text ? m->name.text : "(anonymous)", at, ml->offset);
                    else
                        diag_note(d, agg->loc, "without it, '%s' would be %" PRIu64 " bytes (align %" PRIu32
                                  ") instead of %" PRIu64 " (align %" PRIu32 ")", top->name.text,
                                  layout_align_up(end, align), align, L->size, L->align);
                    return;
                }
            }
            run = NULL;
            if (!m)
                break;
            if (ml->align > align)
                align = ml->align;
            end = agg->kind == AGG_STRUCT ? ml->offset + ml->size : end;
            if (ml->size > size)
                size = ml->size;
        }
        if (agg->kind == AGG_UNION) {
            for (size_t i = 0; i < agg->nmembers; i++) {
                const struct member *m = agg->members[i];
                if (member_is_view_padding(m) && member_layout_on(m, abi) &&
                    layout_align_up(size, align) != L->size) {
                    check_report(cc, &top->failed, m->name.loc,
                                 "padding '%s' of '%s' is only(tools), but it makes the union larger on %s",
                                 m->name.text, top->name.text, cc->spec->arch->abis[abi]->name.text);
                    return;
                }
            }
        }
    }
    for (size_t i = 0; i < agg->nmembers; i++)
        if (agg->members[i]->kind == MEMBER_AGG && agg->members[i]->type.inline_agg)
            view_padding_check_agg(cc, top, agg->members[i]->type.inline_agg);
}

static void view_padding_aggregate(struct check_ctx *cc, struct aggregate *a)
{
    view_padding_check_agg(cc, a, a);
}

void check_view_padding(struct check_ctx *cc)
{
    visit_aggregates(cc, view_padding_aggregate);
}

