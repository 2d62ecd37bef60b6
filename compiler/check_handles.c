/* SPDX-License-Identifier: MIT */
/* Guest handles: the macros that declare them, and their target types. */
#include "check_rows.h"

#include "ctext.h"

#include <stdlib.h>
#include <string.h>

/* ---- guest handles ---------------------------------------------------- */

/*
 * regc does not define Xen's guest-handle machinery: the specs copy it in
 * verbatim, spelt as Xen spells it, so that the headers stay drop-in. A
 * declaration that uses a handle needs its macro defined by verbatim
 * blocks before it, wherever the header shows it: in each view, on each
 * ABI, for each __XEN_INTERFACE_VERSION__ it is shown for.
 */
enum { HM_DEFINE, HM_HANDLE, HM_HANDLE64, HM_COUNT };

static const struct {
    const char *name, *example;
} handle_macros[HM_COUNT] = {
    {"DEFINE_XEN_GUEST_HANDLE", "#define DEFINE_XEN_GUEST_HANDLE(name) typedef struct { name *p; } __guest_handle_ ## name"},
    {"XEN_GUEST_HANDLE", "#define XEN_GUEST_HANDLE(name) __guest_handle_ ## name"},
    {"XEN_GUEST_HANDLE_64", "#define XEN_GUEST_HANDLE_64(name) __guest_handle_64_ ## name"},
};

enum { NVIEWS = 3 }; /* guest, toolstack, hypervisor: VIEW_* bit k */

/* Where a declaration is shown: per view, its ABIs and the interface
 * versions [lo, hi) (hi UINT64_MAX: no bound). */
struct shown {
    uint64_t abis[NVIEWS];
    uint64_t lo[NVIEWS], hi[NVIEWS];
};

static struct shown shown_where(const struct visibility *vis, uint64_t abis, unsigned views)
{
    struct shown s = {{0}, {0}, {0}};
    for (unsigned k = 0; k < NVIEWS; k++) {
        unsigned view = 1u << k;
        uint64_t lo = 0, hi = UINT64_MAX;
        bool in = false;
        if (vis->kind == VIS_GUEST) {
            in = true;
            lo = vis->has_since ? vis->since : 0;
            hi = vis->has_until ? vis->until : UINT64_MAX;
        } else if (vis->kind == VIS_TOOLS) {
            in = view != VIEW_GUEST || vis->guest_window;
            hi = view == VIEW_GUEST ? vis->until : UINT64_MAX;
        } else if (vis->kind == VIS_XEN) {
            in = view == VIEW_XEN;
        }
        if (in && (views & view) && lo < hi) {
            s.abis[k] = abis;
            s.lo[k] = lo;
            s.hi[k] = hi;
        }
    }
    return s;
}

/* Disjoint, non-adjacent intervals of interface versions, sorted: a
 * block is almost always for every version, one interval, and the
 * searches keep thousands of windowed blocks cheap. */
struct versions {
    struct { uint64_t lo, hi; } *v;
    size_t n, cap;
};

/* The first interval that ends at or after x (n when none). */
static size_t versions_from(const struct versions *s, uint64_t x)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->v[mid].hi < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool versions_cover(const struct versions *s, uint64_t lo, uint64_t hi)
{
    size_t i = versions_from(s, hi);
    return i < s->n && s->v[i].lo <= lo;
}

static void versions_add(struct versions *s, uint64_t lo, uint64_t hi)
{
    if (versions_cover(s, lo, hi))
        return;
    /* [first, last) are the intervals it overlaps or touches */
    size_t first = versions_from(s, lo), last = first;
    for (; last < s->n && s->v[last].lo <= hi; last++) {
        lo = s->v[last].lo < lo ? s->v[last].lo : lo;
        hi = s->v[last].hi > hi ? s->v[last].hi : hi;
    }
    if (first == last) {
        if (s->n == s->cap) {
            s->cap = s->cap ? s->cap * 2 : 4;
            s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
        }
        memmove(&s->v[first + 1], &s->v[first], (s->n - first) * sizeof(*s->v));
        s->n++;
    } else {
        memmove(&s->v[first + 1], &s->v[last], (s->n - last) * sizeof(*s->v));
        s->n -= last - first - 1;
    }
    s->v[first].lo = lo;
    s->v[first].hi = hi;
}

struct handle_walk {
    struct check_ctx *cc;
    unsigned nabis;
    struct versions *defined; /* [macro][view][abi] */
    const struct verbatim *last_def[HM_COUNT]; /* the latest block that defines it, for notes */
};

static struct versions *defined_at(struct handle_walk *hw, unsigned macro, unsigned view, unsigned abi)
{
    return &hw->defined[(macro * NVIEWS + view) * hw->nabis + abi];
}

static const char *const view_words[NVIEWS] = {"guests", "the toolstack", "the hypervisor"};

/* The first place the declaration is shown and the macro is not defined
 * before it; false when there is none. */
static bool handle_gap(struct handle_walk *hw, unsigned macro, const struct shown *s, unsigned *view, unsigned *abi)
{
    for (unsigned k = 0; k < NVIEWS; k++)
        for (unsigned a = 0; a < hw->nabis; a++)
            if ((s->abis[k] >> a & 1) && !versions_cover(defined_at(hw, macro, k, a), s->lo[k], s->hi[k])) {
                *view = k;
                *abi = a;
                return true;
            }
    return false;
}

static void handle_need(struct handle_walk *hw, uint64_t *failed, bool *said, unsigned macro, struct loc at,
                        const char *what, const struct shown *s)
{
    unsigned view, abi;
    if (said[macro] || !handle_gap(hw, macro, s, &view, &abi))
        return;
    said[macro] = true;
    const char *name = handle_macros[macro].name;
    struct diag *d = check_report(hw->cc, failed, at, "%s, but no verbatim block before it defines %s for %s on %s",
                                  what, name, view_words[view], hw->cc->spec->arch->abis[abi]->name.text);
    const struct verbatim *last = hw->last_def[macro];
    if (last)
        diag_note(d, last->loc, "this block defines %s, but is not shown everywhere the declaration is", name);
    diag_note(d, at, "regc does not define Xen's guest-handle macros; define %s in a verbatim block before this "
                     "declaration, e.g. verbatim guest \"%s\";", name, handle_macros[macro].example);
}

static bool is_handle(const struct type_ref *t)
{
    return t->kind == TR_HANDLE || t->kind == TR_HANDLE64;
}

static void handle_type(struct handle_walk *hw, uint64_t *failed, bool *said, const struct type_ref *t,
                        const char *what, const struct shown *s)
{
    if (t->kind == TR_HANDLE)
        handle_need(hw, failed, said, HM_HANDLE, t->loc, what, s);
    else if (t->kind == TR_HANDLE64)
        handle_need(hw, failed, said, HM_HANDLE64, t->loc, what, s);
}

static void handle_members(struct handle_walk *hw, struct aggregate *top, bool *said,
                           const struct aggregate *agg, uint64_t abis)
{
    struct arena *a = &hw->cc->spec->arena;
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        uint64_t mabis = abis & m->cond.abi_mask;
        const char *mname = m->name.text ? m->name.text : "(anonymous)";
        if (is_handle(&m->type)) {
            struct shown s = shown_where(&top->vis, mabis, m->cond.views);
            handle_type(hw, &top->failed, said, &m->type,
                        arena_printf(a, "member '%s' of %s '%s' is a guest handle", mname, agg_kind_name(top),
                                     top->name.text), &s);
        }
        for (size_t j = 0; j < m->naliases; j++) {
            const struct alias *x = m->aliases[j];
            if (!is_handle(&x->type))
                continue;
            struct shown xs = shown_where(&top->vis, mabis & x->cond.abi_mask, m->cond.views & x->cond.views);
            handle_type(hw, &top->failed, said, &x->type,
                        arena_printf(a, "alias '%s' of %s '%s' is a guest handle", x->name.text,
                                     agg_kind_name(top), top->name.text), &xs);
        }
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            handle_members(hw, top, said, m->type.inline_agg, mabis);
    }
}

static void handle_defines(struct handle_walk *hw, const struct verbatim *v)
{
    struct shown s = shown_where(&v->vis, v->cond.abi_mask, VIEW_ALL);
    struct ctext c;
    ctext_init(&c, v->text);
    for (struct ctok t; ctext_next(&c, &t), t.kind != CTOK_END;) {
        if (t.kind != CTOK_DIRECTIVE || !t.macro_len || !ctext_word_is(&t, "define"))
            continue;
        for (unsigned m = 0; m < HM_COUNT; m++) {
            if (strlen(handle_macros[m].name) != t.macro_len || strncmp(t.macro, handle_macros[m].name, t.macro_len))
                continue;
            hw->last_def[m] = v;
            for (unsigned k = 0; k < NVIEWS; k++)
                for (unsigned a = 0; a < hw->nabis; a++)
                    if (s.abis[k] >> a & 1)
                        versions_add(defined_at(hw, m, k, a), s.lo[k], s.hi[k]);
        }
    }
}

void check_handle_macro_missing(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    if (!spec->arch || !spec->arch->nabis || check_skip(cc, 0))
        return;
    struct handle_walk hw = {cc, spec->arch->nabis, NULL, {NULL}};
    size_t nlists = (size_t)HM_COUNT * NVIEWS * hw.nabis;
    hw.defined = xmalloc(nlists * sizeof(*hw.defined));
    memset(hw.defined, 0, nlists * sizeof(*hw.defined));
    /* in the header's order, which is the spec's: a macro is defined for
     * what comes after it */
    for (size_t i = 0; i < spec->nitems; i++) {
        struct item *it = spec->items[i];
        bool said[HM_COUNT] = {false};
        if (it->kind == ITEM_VERBATIM) {
            handle_defines(&hw, it->u.verbatim);
        } else if (it->kind == ITEM_TYPEDEF && !check_skip(cc, it->u.td->failed)) {
            struct typedef_decl *t = it->u.td;
            struct shown s = shown_where(&t->vis, t->cond.abi_mask, VIEW_ALL);
            const char *what = arena_printf(&spec->arena, "typedef '%s' declares a guest handle", t->name.text);
            if (t->guest_handle)
                handle_need(&hw, &t->failed, said, HM_DEFINE, t->loc, what, &s);
            if (is_handle(&t->type))
                handle_type(&hw, &t->failed, said, &t->type,
                            arena_printf(&spec->arena, "typedef '%s' is a guest handle", t->name.text), &s);
        } else if (it->kind == ITEM_AGGREGATE && !it->u.agg->old_of.text && !check_skip(cc, it->u.agg->failed)) {
            /* older layouts are the translation header's, which has handles of its own */
            struct aggregate *agg = it->u.agg;
            handle_members(&hw, agg, said, agg, agg->cond.abi_mask);
        }
    }
    for (size_t i = 0; i < nlists; i++)
        free(hw.defined[i].v);
    free(hw.defined);
}

/*
 * handle(T) is XEN_GUEST_HANDLE(T), a type that DEFINE_XEN_GUEST_HANDLE(T)
 * declares: regc writes that for a typedef that says `handle`, and a
 * verbatim block may write it itself. Anything else (a typedef without
 * `handle`, a struct, a base type) names a type nothing declares.
 */
static void handle_invocations(struct arena *a, struct symtab *made, const char *text)
{
    struct ctext c;
    ctext_init(&c, text);
    struct ctok t, open, name;
    for (ctext_next(&c, &t); t.kind != CTOK_END;) {
        if (t.kind != CTOK_WORD || !(ctext_word_is(&t, "DEFINE_XEN_GUEST_HANDLE") ||
                                     ctext_word_is(&t, "__DEFINE_XEN_GUEST_HANDLE"))) {
            ctext_next(&c, &t);
            continue;
        }
        ctext_next(&c, &open);
        if (open.kind != CTOK_PUNCT || *open.s != '(') {
            t = open;
            continue;
        }
        ctext_next(&c, &name);
        if (name.kind == CTOK_WORD)
            symtab_set(made, arena_strndup(a, name.s, name.len), (void *)1);
        t = name;
    }
}

static bool handle_target_made(const struct type_ref *t, const struct symtab *made)
{
    for (const struct typedef_decl *td = t->cls == TC_TYPEDEF ? t->td : NULL; td; td = td->next_variant)
        if (td->guest_handle)
            return true;
    return symtab_get(made, t->name.text) != NULL;
}

static void handle_target_check(struct check_ctx *cc, uint64_t *failed, const struct type_ref *t,
                                const struct symtab *made)
{
    if (!is_handle(t) || !t->name.text || t->cls == TC_UNRESOLVED || handle_target_made(t, made))
        return;
    const char *what = t->cls == TC_TYPEDEF ? "typedef" : t->cls == TC_AGG ? agg_kind_name(t->agg) : "base type";
    struct diag *d = check_report(cc, failed, t->loc, "%s(%s) names %s '%s', which has no guest handle",
                                  t->kind == TR_HANDLE64 ? "handle64" : "handle", t->name.text, what, t->name.text);
    if (t->cls == TC_TYPEDEF)
        diag_note(d, t->td->name.loc, "say 'handle' at the end of the typedef, and the header declares its "
                                      "handle with DEFINE_XEN_GUEST_HANDLE(%s)", t->name.text);
    else
        diag_note(d, t->loc, "a handle is of a typedef that says 'handle', e.g. 'typedef struct foo foo_t guest "
                             "handle;', or of a name a verbatim block before it passes to "
                             "DEFINE_XEN_GUEST_HANDLE()");
}

static void handle_target_members(struct check_ctx *cc, struct aggregate *top, const struct aggregate *agg,
                                  const struct symtab *made)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        handle_target_check(cc, &top->failed, &m->type, made);
        for (size_t j = 0; j < m->naliases; j++)
            handle_target_check(cc, &top->failed, &m->aliases[j]->type, made);
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            handle_target_members(cc, top, m->type.inline_agg, made);
    }
}

void check_handle_type_undeclared(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    if (check_skip(cc, 0))
        return;
    struct symtab *made = symtab_new();
    for (size_t i = 0; i < spec->nitems; i++) {
        struct item *it = spec->items[i];
        if (it->kind == ITEM_VERBATIM)
            handle_invocations(&spec->arena, made, it->u.verbatim->text);
        else if (it->kind == ITEM_TYPEDEF && !check_skip(cc, it->u.td->failed))
            handle_target_check(cc, &it->u.td->failed, &it->u.td->type, made);
        else if (it->kind == ITEM_AGGREGATE && !it->u.agg->old_of.text && !check_skip(cc, it->u.agg->failed))
            handle_target_members(cc, it->u.agg, it->u.agg, made);
    }
    symtab_free(made);
}

