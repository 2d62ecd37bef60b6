/* SPDX-License-Identifier: MIT */
/*
 * Declarations and who sees them: features, visibility and conditions,
 * the order declarations come in, and a type shown to more readers than
 * the declarations it uses.
 */
#include "check_rows.h"

#include <inttypes.h>
#include <stdlib.h>

/* ---- features ---------------------------------------------------------- */

/* The "through A -> B -> A" note; a long cycle shows its ends. */
static void note_feature_cycle(struct diag *d, struct ptrvec *path, size_t start, struct feature *r)
{
    enum { SHOWN = 8 };
    struct buf chain = {0};
    size_t n = path->len - start;
    for (size_t k = start; k < path->len; k++) {
        if (n > 2 * SHOWN && k == start + SHOWN) {
            buf_printf(&chain, "... (%zu more) -> ", n - 2 * SHOWN);
            k = path->len - SHOWN;
        }
        buf_printf(&chain, "%s -> ", ((struct feature *)path->items[k])->name.text);
    }
    buf_puts(&chain, r->name.text);
    diag_note(d, r->name.loc, "through %s", chain.data);
    buf_free(&chain);
}

/*
 * Depth-first over `requires`, with the path on a heap stack rather than
 * the C stack: a chain of 100,000 features is legal. state: 0 unvisited,
 * 1 on the path, 2 finished; next[i] is the next requirement to follow
 * from the feature at path position i.
 */
static void feature_cycle_walk(struct check_ctx *cc, struct feature *root, unsigned char *state,
                               struct ptrvec *path, size_t *next)
{
    state[root->index] = 1;
    next[0] = 0;
    ptrvec_push(path, root);
    while (path->len) {
        struct feature *f = path->items[path->len - 1];
        size_t *i = &next[path->len - 1];
        if (*i == f->nrequires) {
            state[f->index] = 2;
            path->len--;
            continue;
        }
        struct feature *r = f->requires_decl[*i];
        size_t via = (*i)++;
        if (!r)
            continue;
        if (state[r->index] == 1) {
            struct diag *d = check_report(cc, &f->failed, f->requires[via]->loc,
                                          "feature '%s' requires itself", r->name.text);
            size_t start = 0;
            while (start < path->len && path->items[start] != r)
                start++;
            note_feature_cycle(d, path, start, r);
            for (size_t k = start; k < path->len; k++)
                ((struct feature *)path->items[k])->failed |= cc->bit;
        } else if (state[r->index] == 0) {
            state[r->index] = 1;
            next[path->len] = 0;
            ptrvec_push(path, r);
        }
    }
}

void check_feature_cycle(struct check_ctx *cc)
{
    struct ptrvec *fs = &cc->spec->features;
    unsigned char *state = xcalloc(fs->len ? fs->len : 1, 1);
    size_t *next = xcalloc(fs->len ? fs->len : 1, sizeof(*next));
    struct ptrvec path = {0};
    for (size_t i = 0; i < fs->len; i++) {
        struct feature *f = fs->items[i];
        if (state[f->index] == 0 && !check_skip(cc, f->failed))
            feature_cycle_walk(cc, f, state, &path, next);
    }
    ptrvec_free(&path);
    free(next);
    free(state);
}

/* The number after the highest one given, within the bound. */
static uint64_t next_feature_number(const struct ptrvec *fs)
{
    uint64_t next = 0;
    for (size_t i = 0; i < fs->len; i++) {
        const struct feature *f = fs->items[i];
        if (f->has_number && f->number_written <= FEATURE_NUMBER_MAX && f->number_written + 1 > next)
            next = f->number_written + 1;
    }
    return next;
}

/*
 * Feature numbers are ARCH_FEAT_* values that code outside Xen keeps, as
 * x86's cpufeatureset.h gives each feature its number once. Numbers from
 * declaration order shift whenever a feature is declared before others,
 * so a spec numbers every feature or none: a mix would leave the
 * unnumbered ones to shift.
 */
void check_feature_number_mixed(struct check_ctx *cc)
{
    struct ptrvec *fs = &cc->spec->features;
    const struct feature *numbered = NULL;
    for (size_t i = 0; i < fs->len && !numbered; i++)
        if (((struct feature *)fs->items[i])->has_number)
            numbered = fs->items[i];
    if (!numbered)
        return;
    for (size_t i = 0; i < fs->len; i++) {
        struct feature *f = fs->items[i];
        if (f->has_number || check_skip(cc, f->failed))
            continue;
        struct diag *d = check_report(cc, &f->failed, f->name.loc, "feature '%s' has no number", f->name.text);
        diag_note(d, numbered->number_loc, "'%s' has one: once one feature is numbered, each must, since a number "
                  "taken from declaration order would change when a feature is declared before it",
                  numbered->name.text);
        diag_note(d, f->name.loc, "give it the next free number: 'feature %s = %" PRIu64 " ...;'", f->name.text,
                  next_feature_number(fs));
        return; /* the first says it for all */
    }
}

void check_feature_number_too_large(struct check_ctx *cc)
{
    struct ptrvec *fs = &cc->spec->features;
    for (size_t i = 0; i < fs->len; i++) {
        struct feature *f = fs->items[i];
        if (!f->has_number || f->number_written <= FEATURE_NUMBER_MAX || check_skip(cc, f->failed))
            continue;
        struct diag *d = check_report(cc, &f->failed, f->number_loc,
                                      "feature number %" PRIu64 " of '%s' is above the limit of %u",
                                      f->number_written, f->name.text, FEATURE_NUMBER_MAX);
        diag_note(d, f->number_loc, "a feature set has one bit per number up to the highest: "
                  "number features from 0, without large gaps");
    }
}

/* Quadratic, like the other pairwise checks: specs declare tens of features. */
void check_feature_number_duplicate(struct check_ctx *cc)
{
    struct ptrvec *fs = &cc->spec->features;
    for (size_t i = 0; i < fs->len; i++) {
        struct feature *f = fs->items[i];
        if (!f->has_number || check_skip(cc, f->failed))
            continue;
        for (size_t k = 0; k < i; k++) {
            const struct feature *g = fs->items[k];
            if (!g->has_number || g->number_written != f->number_written || check_skip(cc, g->failed))
                continue;
            struct diag *d = check_report(cc, &f->failed, f->number_loc, "feature '%s' has number %" PRIu64
                                          ", which '%s' has already", f->name.text, f->number_written,
                                          g->name.text);
            diag_note(d, g->number_loc, "'%s' is given %" PRIu64 " here", g->name.text, g->number_written);
            diag_note(d, f->number_loc, "a number is given once and kept: give '%s' the next free number, %" PRIu64,
                      f->name.text, next_feature_number(fs));
            break;
        }
    }
}

/* ---- visibility and conditions --------------------------------------- */

struct vis_item {
    const char *what;
    const char *name;
    struct visibility *vis;
    uint64_t *failed;
    struct loc loc;
};

static size_t collect_vis_items(struct spec *spec, struct vis_item **out)
{
    size_t n = spec->regs.len + spec->aggs.len + spec->typedefs.len + spec->consts.len +
               spec->flagsets.len + spec->verbatims.len;
    struct vis_item *v = xcalloc(n ? n : 1, sizeof(*v));
    size_t k = 0;
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        v[k++] = (struct vis_item){"register", r->name.text, &r->vis, &r->failed, r->name.loc};
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        v[k++] = (struct vis_item){agg_kind_name(a), a->name.text, &a->vis, &a->failed, a->name.loc};
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *t = spec->typedefs.items[i];
        v[k++] = (struct vis_item){"typedef", t->name.text, &t->vis, &t->failed, t->name.loc};
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        v[k++] = (struct vis_item){"constant", c->name.text, &c->vis, &c->failed, c->name.loc};
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *f = spec->flagsets.items[i];
        v[k++] = (struct vis_item){"flags", f->name.text, &f->vis, &f->failed, f->name.loc};
    }
    for (size_t i = 0; i < spec->verbatims.len; i++) {
        struct verbatim *x = spec->verbatims.items[i];
        v[k++] = (struct vis_item){"verbatim", "text", &x->vis, &x->failed, x->loc};
    }
    *out = v;
    return k;
}

void check_missing_visibility(struct check_ctx *cc)
{
    struct vis_item *v;
    size_t n = collect_vis_items(cc->spec, &v);
    for (size_t i = 0; i < n; i++) {
        if (v[i].vis->kind != VIS_UNSET)
            continue;
        struct diag *d = check_report(cc, v[i].failed, v[i].loc, "%s '%s' does not say who may see it",
                                      v[i].what, v[i].name);
        diag_note(d, v[i].loc, "add 'guest', 'tools(INTERFACE)' or 'xen' after its name, "
                               "or declare it inside such a block");
    }
    free(v);
}

void check_invalid_visibility(struct check_ctx *cc)
{
    struct vis_item *v;
    size_t n = collect_vis_items(cc->spec, &v);
    for (size_t i = 0; i < n; i++) {
        struct visibility *vis = v[i].vis;
        if (vis->has_since && vis->since > 0xffffffffu)
            check_report(cc, v[i].failed, vis->since_loc,
                         "interface version 0x%" PRIx64 " does not fit __XEN_INTERFACE_VERSION__ (32 bits)",
                         vis->since);
        if (vis->has_until && vis->until > 0xffffffffu)
            check_report(cc, v[i].failed, vis->until_loc,
                         "interface version 0x%" PRIx64 " does not fit __XEN_INTERFACE_VERSION__ (32 bits)",
                         vis->until);
        if (vis->has_since && vis->has_until && vis->since >= vis->until) {
            struct diag *d = check_report(cc, v[i].failed, vis->until_loc,
                                          "%s '%s' is visible to no guest: until 0x%" PRIx64
                                          " is not after since 0x%" PRIx64,
                                          v[i].what, v[i].name, vis->until, vis->since);
            diag_note(d, vis->since_loc, "'since' is here");
        }
        if (vis->has_until && vis->until == 0)
            check_report(cc, v[i].failed, vis->until_loc, "'until 0' makes %s '%s' visible to no guest",
                         v[i].what, v[i].name);
    }
    free(v);
}

static void report_member_conditions(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                                     uint64_t abis)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        if (m->cond.present && m->cond.views != VIEW_ALL && !member_is_view_padding(m)) {
            struct diag *d = check_report(cc, &top->failed, m->cond.loc,
                                          "member '%s' cannot depend on the view",
                                          m->name.text ? m->name.text : "(anonymous)");
            diag_note(d, m->cond.loc, "guests and tools would lay the struct out differently; only "
                                      "an alias ('| TYPE name only(tools)') or padding "
                                      "('only(tools) pad TYPE name') may differ by view");
        }
        uint64_t mabis = abis & m->cond.abi_mask;
        if (m->cond.present && m->cond.nabi_names && !mabis) {
            check_report(cc, &top->failed, m->cond.loc,
                         "member '%s' is present on no ABI its %s exists on",
                         m->name.text ? m->name.text : "(anonymous)", agg_kind_name(top));
        }
        for (size_t j = 0; j < m->naliases; j++) {
            struct alias *a = m->aliases[j];
            if (a->cond.present && a->cond.nabi_names && !(mabis & a->cond.abi_mask))
                check_report(cc, &top->failed, a->cond.loc,
                             "alias '%s' is present on no ABI its member exists on", a->name.text);
        }
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            report_member_conditions(cc, top, m->type.inline_agg, mabis);
    }
}

static void report_item_condition(struct check_ctx *cc, uint64_t *failed, const struct condition *c,
                                  const char *what, const char *name)
{
    if (!c->present || c->views == VIEW_ALL)
        return;
    struct diag *d = check_report(cc, failed, c->loc, "%s '%s' restricts the view with only(...)",
                                  what, name);
    diag_note(d, c->loc, "declarations choose their audience with guest, tools(...) or xen");
}

void check_invalid_condition(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        if (check_skip(cc, a->failed))
            continue;
        report_item_condition(cc, &a->failed, &a->cond, agg_kind_name(a), a->name.text);
        report_member_conditions(cc, a, a, a->cond.abi_mask);
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *t = spec->typedefs.items[i];
        report_item_condition(cc, &t->failed, &t->cond, "typedef", t->name.text);
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        report_item_condition(cc, &c->failed, &c->cond, "constant", c->name.text);
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *f = spec->flagsets.items[i];
        report_item_condition(cc, &f->failed, &f->cond, "flags", f->name.text);
    }
    for (size_t i = 0; i < spec->verbatims.len; i++) {
        struct verbatim *v = spec->verbatims.items[i];
        report_item_condition(cc, &v->failed, &v->cond, "verbatim", "text");
    }
}

/* Who can see a declaration: a range of guest interface versions, the
 * toolstack, the hypervisor. */
struct audience {
    bool guest;
    uint64_t lo, hi; /* guest versions [lo, hi) */
    bool tools, xen;
};

static struct audience audience_of(const struct visibility *v)
{
    struct audience a = {false, 0, UINT64_MAX, false, false};
    switch (v->kind) {
    case VIS_GUEST:
        a.guest = true;
        a.lo = v->has_since ? v->since : 0;
        a.hi = v->has_until ? v->until : UINT64_MAX;
        /* Xen and the toolstack build against the latest interface. */
        a.tools = a.xen = !v->has_until;
        break;
    case VIS_TOOLS:
        a.guest = v->guest_window;
        a.lo = 0;
        a.hi = v->has_until ? v->until : 0;
        a.tools = a.xen = true;
        break;
    case VIS_XEN:
        a.xen = true;
        break;
    case VIS_UNSET:
        a.guest = a.tools = a.xen = true;
        break;
    }
    return a;
}

static bool audience_within(struct audience user, struct audience used)
{
    if (user.guest && user.lo < user.hi) {
        if (!used.guest || user.lo < used.lo || user.hi > used.hi)
            return false;
    }
    return (!user.tools || used.tools) && (!user.xen || used.xen);
}

static const char *visibility_text(struct arena *ar, const struct visibility *v)
{
    switch (v->kind) {
    case VIS_GUEST:
        if (v->has_since && v->has_until)
            return arena_printf(ar, "guest-visible from 0x%" PRIx64 " until 0x%" PRIx64, v->since, v->until);
        if (v->has_since)
            return arena_printf(ar, "guest-visible since 0x%" PRIx64, v->since);
        if (v->has_until)
            return arena_printf(ar, "guest-visible until 0x%" PRIx64, v->until);
        return "guest-visible";
    case VIS_TOOLS:
        return arena_printf(ar, "tools-only (%s)", v->iface.text);
    case VIS_XEN:
        return "xen-only";
    case VIS_UNSET:
        break;
    }
    return "unspecified";
}

static void leak_check_type(struct check_ctx *cc, uint64_t *failed, const char *what, const char *name,
                            const struct visibility *user_vis, const struct type_ref *t)
{
    if (t->kind == TR_INLINE) {
        struct aggregate *in = t->inline_agg;
        for (size_t i = 0; in && i < in->nmembers; i++) {
            leak_check_type(cc, failed, what, name, user_vis, &in->members[i]->type);
            for (size_t j = 0; j < in->members[i]->naliases; j++)
                leak_check_type(cc, failed, what, name, user_vis, &in->members[i]->aliases[j]->type);
        }
        return;
    }
    const struct visibility *used_vis = NULL;
    struct loc used_loc;
    const char *used_name = t->name.text;
    if (t->cls == TC_AGG) {
        used_vis = &t->agg->vis;
        used_loc = t->agg->name.loc;
    } else if (t->cls == TC_TYPEDEF) {
        used_vis = &t->td->vis;
        used_loc = t->td->name.loc;
    }
    if (!used_vis || used_vis->kind == VIS_UNSET)
        return;
    if (audience_within(audience_of(user_vis), audience_of(used_vis)))
        return;
    struct arena *ar = &cc->spec->arena;
    struct diag *d = check_report(cc, failed, t->loc, "%s %s '%s' uses %s type '%s'",
                                  visibility_text(ar, user_vis), what, name,
                                  visibility_text(ar, used_vis), used_name);
    diag_note(d, used_vis->loc.src ? used_vis->loc : used_loc, "'%s' is declared %s here", used_name,
              visibility_text(ar, used_vis));
}

/* ---- declaration-order ------------------------------------------------- */

/* Headers declare in the spec's order, and C needs a struct complete
 * before a member holds it by value, a typedef before its name is used,
 * and a handle type's DEFINE_XEN_GUEST_HANDLE() before XEN_GUEST_HANDLE().
 * Positions are item indexes + 1, so that 0 is "not found". */
struct order_ctx {
    struct check_ctx *cc;
    struct symtab *declared;  /* type name: where its first variant is */
    struct symtab *complete;  /* typedef name: where the struct it names by value is */
};

static size_t order_at(const struct symtab *t, const char *name)
{
    return (size_t)(uintptr_t)symtab_get(t, name);
}

/* The layout and every other check stay meaningful in any order: only
 * the C spelling is wrong, so nothing is marked failed. */
static void order_report(struct order_ctx *oc, struct loc use, const char *what, const char *name,
                         const char *user, size_t at)
{
    uint64_t ignored = 0;
    struct diag *d = check_report(oc->cc, &ignored, use, "'%s' uses %s '%s' before it is declared, "
                                  "which C does not allow", user, what, name);
    const struct item *it = oc->cc->spec->items[at - 1];
    struct loc decl = it->kind == ITEM_AGGREGATE ? it->u.agg->name.loc : it->u.td->name.loc;
    diag_note(d, decl, "'%s' is declared here: move it above '%s'", name, user);
}

static void order_check_type(struct order_ctx *oc, const struct type_ref *t, const char *user, size_t pos)
{
    if (t->kind == TR_INLINE) {
        for (size_t i = 0; t->inline_agg && i < t->inline_agg->nmembers; i++) {
            const struct member *m = t->inline_agg->members[i];
            order_check_type(oc, &m->type, user, pos);
            for (size_t j = 0; j < m->naliases; j++)
                order_check_type(oc, &m->aliases[j]->type, user, pos);
        }
        return;
    }
    size_t at;
    if (t->kind == TR_HANDLE || t->kind == TR_HANDLE64) {
        /* the handle type is made where the typedef says `handle` */
        if (t->cls == TC_TYPEDEF && (at = order_at(oc->declared, t->td->name.text)) > pos)
            order_report(oc, t->loc, "handle type", t->td->name.text, user, at);
        return;
    }
    if (t->cls == TC_AGG && (at = order_at(oc->declared, t->agg->name.text)) > pos)
        order_report(oc, t->loc, t->agg->kind == AGG_STRUCT ? "struct" : "union",
                     t->agg->name.text, user, at);
    if (t->cls == TC_TYPEDEF) {
        if ((at = order_at(oc->declared, t->td->name.text)) > pos)
            order_report(oc, t->loc, "typedef", t->td->name.text, user, at);
        else if ((at = order_at(oc->complete, t->td->name.text)) > pos)
            order_report(oc, t->loc, "the struct behind typedef", t->td->name.text, user, at);
    }
}

void check_declaration_order(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    struct order_ctx oc = {cc, symtab_new(), symtab_new()};
    for (size_t i = 0; i < spec->nitems; i++) {
        const struct item *it = spec->items[i];
        const char *name = it->kind == ITEM_AGGREGATE ? it->u.agg->name.text
                         : it->kind == ITEM_TYPEDEF ? it->u.td->name.text : NULL;
        if (name)
            symtab_put(oc.declared, name, (void *)(uintptr_t)(i + 1));
    }
    for (size_t i = 0; i < spec->nitems; i++) {
        const struct item *it = spec->items[i];
        if (it->kind == ITEM_AGGREGATE) {
            struct aggregate *a = it->u.agg;
            if (check_skip(cc, a->failed))
                continue;
            for (size_t k = 0; k < a->nmembers; k++) {
                const struct member *m = a->members[k];
                order_check_type(&oc, &m->type, a->name.text, i + 1);
                for (size_t j = 0; j < m->naliases; j++)
                    order_check_type(&oc, &m->aliases[j]->type, a->name.text, i + 1);
            }
        } else if (it->kind == ITEM_TYPEDEF) {
            struct typedef_decl *td = it->u.td;
            if (check_skip(cc, td->failed))
                continue;
            /* a typedef of a struct may come first (the struct is then
             * incomplete); what holds the typedef by value needs the struct */
            size_t need = 0;
            if (td->type.kind == TR_NAME && td->type.cls == TC_AGG)
                need = order_at(oc.declared, td->type.agg->name.text);
            else if (td->type.kind == TR_NAME && td->type.cls == TC_TYPEDEF) {
                order_check_type(&oc, &td->type, td->name.text, i + 1);
                need = order_at(oc.complete, td->type.td->name.text);
            }
            if (need)
                symtab_put(oc.complete, td->name.text, (void *)(uintptr_t)need); /* the first variant's */
        }
    }
    symtab_free(oc.declared);
    symtab_free(oc.complete);
}

static void visibility_leak_aggregate(struct check_ctx *cc, struct aggregate *a)
{
    for (size_t j = 0; j < a->nmembers; j++) {
        leak_check_type(cc, &a->failed, agg_kind_name(a), a->name.text, &a->vis, &a->members[j]->type);
        for (size_t k = 0; k < a->members[j]->naliases; k++)
            leak_check_type(cc, &a->failed, agg_kind_name(a), a->name.text, &a->vis,
                            &a->members[j]->aliases[k]->type);
    }
}

void check_visibility_leak(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    visit_aggregates(cc, visibility_leak_aggregate);
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *t = spec->typedefs.items[i];
        if (!check_skip(cc, t->failed))
            leak_check_type(cc, &t->failed, "typedef", t->name.text, &t->vis, &t->type);
    }
}

