/* SPDX-License-Identifier: MIT */
/*
 * Linking: symbol tables, and every reference in the model pointed at what
 * it names. resolve_spec() reports nothing; it leaves unresolved references
 * NULL, and the checks below (duplicate-name, unresolved-name,
 * feature-undeclared) turn what it found into diagnostics. Keeping the two
 * apart lets the linking be reused by any front end.
 */
#include "checks.h"

#include <stdlib.h>
#include <string.h>

/* ---- small helpers ------------------------------------------------------ */

uint64_t spec_all_abis(const struct spec *spec)
{
    size_t n = spec->arch ? spec->arch->nabis : 0;
    return n >= 64 ? ~0ull : ((1ull << n) - 1);
}

struct aggregate *agg_variant_for_abi(struct aggregate *agg, unsigned abi)
{
    for (struct aggregate *a = agg; a; a = a->next_variant)
        if (a->cond.abi_mask & (1ull << abi))
            return a;
    return NULL;
}

struct typedef_decl *typedef_variant_for_abi(struct typedef_decl *td, unsigned abi)
{
    for (struct typedef_decl *t = td; t; t = t->next_variant)
        if (t->cond.abi_mask & (1ull << abi))
            return t;
    return NULL;
}

static unsigned edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return 1000;
    unsigned prev[65], cur[65];
    for (size_t j = 0; j <= lb; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = (unsigned)i;
        for (size_t j = 1; j <= lb; j++) {
            unsigned cost = a[i - 1] == b[j - 1] ? 0 : 1;
            /* case slips count half as much as other typos */
            if (cost && (a[i - 1] | 0x20) == (b[j - 1] | 0x20))
                cost = 0;
            unsigned best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (prev[j - 1] + cost < best)
                best = prev[j - 1] + cost;
            cur[j] = best;
        }
        memcpy(prev, cur, (lb + 1) * sizeof(unsigned));
    }
    return prev[lb];
}

const char *symtab_nearest(const struct symtab *t, const char *name)
{
    const char *best = NULL;
    unsigned best_d = 0;
    size_t len = strlen(name);
    unsigned limit = len < 4 ? 1 : (unsigned)(len / 3);
    size_t pos = 0;
    const char *key;
    void *value;
    while (symtab_next(t, &pos, &key, &value)) {
        unsigned d = edit_distance(name, key);
        if (d <= limit && (!best || d < best_d || (d == best_d && strcmp(key, best) < 0))) {
            best = key;
            best_d = d;
        }
    }
    return best;
}

/* ---- tables ------------------------------------------------------------- */

static struct sym *sym_new(struct spec *spec, enum sym_kind kind, void *decl, const char *name,
                           struct loc loc, uint64_t abi_mask)
{
    struct sym *s = ARENA_NEW(&spec->arena, struct sym);
    s->kind = kind;
    s->decl = decl;
    s->name = name;
    s->loc = loc;
    s->abi_mask = abi_mask;
    return s;
}

/* Appends to the name's chain; the checks decide whether the chain is a
 * legitimate set of per-ABI variants or a duplicate. */
static void sym_add(struct symtab *t, struct sym *s)
{
    struct sym *head = symtab_get(t, s->name);
    if (!head) {
        symtab_put(t, s->name, s);
        return;
    }
    while (head->next)
        head = head->next;
    head->next = s;
}

static void resolve_condition(struct spec *spec, struct condition *c)
{
    if (!c->views)
        c->views = VIEW_ALL;
    if (!c->nabi_names) {
        c->abi_mask = spec_all_abis(spec);
        return;
    }
    c->abi_mask = 0;
    for (size_t i = 0; i < c->nabi_names; i++) {
        struct sym *s = symtab_get(spec->abi_names, c->abi_names[i].text);
        if (s)
            c->abi_mask |= 1ull << ((struct abi *)s->decl)->index;
    }
}

static bool type_names_match(const struct sym *s, const struct type_ref *t)
{
    if (t->tag == TAG_NONE)
        return true;
    if (s->kind != SYM_AGGREGATE)
        return false;
    const struct aggregate *a = s->decl;
    return (t->tag == TAG_STRUCT) == (a->kind == AGG_STRUCT);
}

static void resolve_aggregate_body(struct spec *spec, struct aggregate *agg);

static void resolve_type_ref(struct spec *spec, struct type_ref *t)
{
    if (t->kind == TR_INLINE) {
        if (t->inline_agg) {
            t->cls = TC_AGG;
            t->agg = t->inline_agg;
            resolve_aggregate_body(spec, t->inline_agg);
        }
        return;
    }
    t->cls = TC_UNRESOLVED;
    if (!t->name.text)
        return;
    if (t->tag == TAG_NONE) {
        enum base_type bt = base_type_lookup(t->name.text);
        /* handle and handle64 are ABI facts, not member types: a member
         * says which handle it is with handle(T). */
        if (bt != BT_COUNT && bt != BT_HANDLE && bt != BT_HANDLE64 && bt != BT_POINTER) {
            t->cls = TC_BASE;
            t->base = bt;
            return;
        }
    }
    struct sym *s = symtab_get(spec->types, t->name.text);
    if (!s || !type_names_match(s, t))
        return;
    if (s->kind == SYM_AGGREGATE) {
        t->cls = TC_AGG;
        t->agg = s->decl;
    } else {
        t->cls = TC_TYPEDEF;
        t->td = s->decl;
    }
}

static void resolve_expr(struct spec *spec, struct expr *e);

static void resolve_member(struct spec *spec, struct member *m)
{
    resolve_condition(spec, &m->cond);
    for (size_t i = 0; i < m->nwhen; i++)
        resolve_expr(spec, m->when[i]);
    resolve_type_ref(spec, &m->type);
    if (m->reg.text) {
        struct sym *s = symtab_get(spec->registers, m->reg.text);
        m->reg_decl = s ? s->decl : NULL;
    }
    for (size_t i = 0; m->select && i < m->select->nalts; i++) {
        struct reg_alt *alt = m->select->alts[i];
        struct sym *s = symtab_get(spec->registers, alt->reg.text);
        alt->reg_decl = s ? s->decl : NULL;
    }
    for (size_t i = 0; i < m->naliases; i++) {
        resolve_condition(spec, &m->aliases[i]->cond);
        resolve_type_ref(spec, &m->aliases[i]->type);
    }
}

static void resolve_aggregate_body(struct spec *spec, struct aggregate *agg)
{
    for (size_t i = 0; i < agg->nmembers; i++)
        resolve_member(spec, agg->members[i]);
}

static void resolve_visibility(struct spec *spec, struct visibility *v)
{
    if (v->kind == VIS_TOOLS && v->iface.text) {
        struct sym *s = symtab_get(spec->interface_names, v->iface.text);
        v->iface_decl = s ? s->decl : NULL;
    }
}

static void resolve_expr(struct spec *spec, struct expr *e)
{
    if (!e)
        return;
    resolve_expr(spec, e->lhs);
    resolve_expr(spec, e->rhs);
    if (e->op == EX_NAME) {
        struct sym *s = symtab_get(spec->macros, e->path[0].text);
        if (s && s->kind == SYM_CONST)
            e->cst = s->decl;
    } else if (e->op == EX_ENUM_REF) {
        struct sym *s = symtab_get(spec->registers, e->path[0].text);
        if (!s)
            return;
        struct reg *r = s->decl;
        for (size_t i = 0; i < r->nfields; i++) {
            struct field *f = r->fields[i];
            if (!f->name.text || strcmp(f->name.text, e->path[1].text) != 0)
                continue;
            for (size_t j = 0; j < f->nenums; j++)
                if (strcmp(f->enums[j]->name.text, e->path[2].text) == 0)
                    e->ev = f->enums[j];
        }
    }
}

static enum base_type resolve_const_type(const struct name *n)
{
    if (!n->text)
        return BT_S32;
    enum base_type bt = base_type_lookup(n->text);
    return bt != BT_COUNT && base_type_is_integer(bt) && bt != BT_CHAR ? bt : BT_COUNT;
}

void resolve_spec(struct spec *spec)
{
    spec->types = symtab_new();
    spec->registers = symtab_new();
    spec->feature_names = symtab_new();
    spec->interface_names = symtab_new();
    spec->macros = symtab_new();
    spec->abi_names = symtab_new();

    for (size_t i = 0; i < spec->nitems; i++) {
        struct item *it = spec->items[i];
        switch (it->kind) {
        case ITEM_ARCH:
            if (!spec->arch)
                spec->arch = it->u.arch;
            break;
        case ITEM_FEATURE: ptrvec_push(&spec->features, it->u.feature); break;
        case ITEM_INTERFACE: ptrvec_push(&spec->interfaces, it->u.iface); break;
        case ITEM_REGISTER: ptrvec_push(&spec->regs, it->u.reg); break;
        case ITEM_AGGREGATE: ptrvec_push(&spec->aggs, it->u.agg); break;
        case ITEM_TYPEDEF: ptrvec_push(&spec->typedefs, it->u.td); break;
        case ITEM_CONST: ptrvec_push(&spec->consts, it->u.cst); break;
        case ITEM_FLAGS: ptrvec_push(&spec->flagsets, it->u.flags); break;
        case ITEM_VERBATIM: ptrvec_push(&spec->verbatims, it->u.verbatim); break;
        case ITEM_INCLUDE: break;
        }
    }

    if (spec->arch) {
        struct arch *arch = spec->arch;
        for (size_t i = 0; i < arch->nabis; i++) {
            struct abi *abi = arch->abis[i];
            abi->index = (unsigned)i;
            sym_add(spec->abi_names, sym_new(spec, SYM_ABI, abi, abi->name.text, abi->name.loc, 0));
            if (arch->compat_abi.text && strcmp(abi->name.text, arch->compat_abi.text) == 0)
                arch->compat = (int)i;
            if (arch->native_abi.text && strcmp(abi->name.text, arch->native_abi.text) == 0)
                arch->native = (int)i;
        }
    }

    /* Declarations first, so references can point forwards. */
    for (size_t i = 0; i < spec->features.len; i++) {
        struct feature *f = spec->features.items[i];
        f->index = (unsigned)i;
        /* beyond the bound, feature-number-too-large fails the spec and
         * the index keeps the views' arrays in bounds until then */
        f->number = f->has_number && f->number_written <= FEATURE_NUMBER_MAX ? (unsigned)f->number_written
                                                                             : (unsigned)i;
        sym_add(spec->feature_names, sym_new(spec, SYM_FEATURE, f, f->name.text, f->name.loc, 0));
    }
    for (size_t i = 0; i < spec->interfaces.len; i++) {
        struct interface *x = spec->interfaces.items[i];
        sym_add(spec->interface_names, sym_new(spec, SYM_INTERFACE, x, x->name.text, x->name.loc, 0));
    }
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        sym_add(spec->registers, sym_new(spec, SYM_REGISTER, r, r->name.text, r->name.loc, 0));
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        resolve_condition(spec, &a->cond);
        sym_add(spec->types, sym_new(spec, SYM_AGGREGATE, a, a->name.text, a->name.loc, a->cond.abi_mask));
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *t = spec->typedefs.items[i];
        resolve_condition(spec, &t->cond);
        sym_add(spec->types, sym_new(spec, SYM_TYPEDEF, t, t->name.text, t->name.loc, t->cond.abi_mask));
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        resolve_condition(spec, &c->cond);
        sym_add(spec->macros, sym_new(spec, SYM_CONST, c, c->name.text, c->name.loc, c->cond.abi_mask));
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        resolve_condition(spec, &fs->cond);
        for (size_t j = 0; j < fs->nflags; j++) {
            struct flag *f = fs->flags[j];
            const char *bit = arena_printf(&spec->arena, "_%s_%s", fs->name.text, f->name.text);
            const char *mask = arena_printf(&spec->arena, "%s_%s", fs->name.text, f->name.text);
            sym_add(spec->macros, sym_new(spec, SYM_FLAG_BIT, f, bit, f->name.loc, fs->cond.abi_mask));
            sym_add(spec->macros, sym_new(spec, SYM_FLAG_MASK, f, mask, f->name.loc, fs->cond.abi_mask));
        }
    }
    for (size_t i = 0; i < spec->verbatims.len; i++)
        resolve_condition(spec, &((struct verbatim *)spec->verbatims.items[i])->cond);

    /* Chain per-ABI variants: a later declaration of a name joins the
     * chain when its ABIs are disjoint from all earlier ones. */
    size_t pos = 0;
    const char *key;
    void *value;
    while (symtab_next(spec->types, &pos, &key, &value)) {
        struct sym *head = value;
        uint64_t seen = head->abi_mask;
        struct sym *last = head;
        for (struct sym *s = head->next; s; s = s->next) {
            if (s->kind != head->kind || (s->abi_mask & seen))
                continue;
            seen |= s->abi_mask;
            if (head->kind == SYM_AGGREGATE)
                ((struct aggregate *)last->decl)->next_variant = s->decl;
            else
                ((struct typedef_decl *)last->decl)->next_variant = s->decl;
            last = s;
        }
    }
    pos = 0;
    while (symtab_next(spec->macros, &pos, &key, &value)) {
        struct sym *head = value;
        if (head->kind != SYM_CONST)
            continue;
        uint64_t seen = head->abi_mask;
        struct sym *last = head;
        for (struct sym *s = head->next; s; s = s->next) {
            if (s->kind != SYM_CONST || (s->abi_mask & seen))
                continue;
            seen |= s->abi_mask;
            ((struct const_decl *)last->decl)->next_variant = s->decl;
            last = s;
        }
    }

    /* References. */
    for (size_t i = 0; i < spec->features.len; i++) {
        struct feature *f = spec->features.items[i];
        f->requires_decl = ARENA_ARRAY(&spec->arena, struct feature *, f->nrequires);
        for (size_t j = 0; j < f->nrequires; j++) {
            struct sym *s = symtab_get(spec->feature_names, f->requires[j]->text);
            f->requires_decl[j] = s ? s->decl : NULL;
        }
    }
    /* `like` registers take their fields from a register that has its own. */
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        if (!r->like.text)
            continue;
        struct sym *s = symtab_get(spec->registers, r->like.text);
        struct reg *src = s ? s->decl : NULL;
        if (src && !src->like.text) {
            r->like_decl = src;
            r->fields = src->fields;
            r->nfields = src->nfields;
            r->has_rest = src->has_rest;
            r->rest_kind = src->rest_kind;
            r->rest_loc = src->rest_loc;
        }
    }
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        resolve_visibility(spec, &r->vis);
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            if (f->feature.text) {
                struct sym *s = symtab_get(spec->feature_names, f->feature.text);
                f->feature_decl = s ? s->decl : NULL;
            }
        }
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        resolve_visibility(spec, &a->vis);
        resolve_aggregate_body(spec, a);
        if (a->old_of.text) {
            struct sym *s = symtab_get(spec->types, a->old_of.text);
            a->old_target = s && s->kind == SYM_AGGREGATE ? s->decl : NULL;
        }
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *t = spec->typedefs.items[i];
        resolve_visibility(spec, &t->vis);
        resolve_type_ref(spec, &t->type);
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        resolve_visibility(spec, &c->vis);
        c->type = resolve_const_type(&c->type_name);
        resolve_expr(spec, c->expr);
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        resolve_visibility(spec, &fs->vis);
        fs->type = resolve_const_type(&fs->type_name);
    }
    for (size_t i = 0; i < spec->verbatims.len; i++)
        resolve_visibility(spec, &((struct verbatim *)spec->verbatims.items[i])->vis);
}

/* ---- duplicate-name ---------------------------------------------------- */

static const char *sym_kind_name(enum sym_kind k)
{
    switch (k) {
    case SYM_AGGREGATE: return "type";
    case SYM_TYPEDEF: return "typedef";
    case SYM_REGISTER: return "register";
    case SYM_FEATURE: return "feature";
    case SYM_INTERFACE: return "interface";
    case SYM_CONST: return "constant";
    case SYM_FLAGSET: return "flags";
    case SYM_FLAG_BIT: return "flag bit macro";
    case SYM_FLAG_MASK: return "flag macro";
    case SYM_ABI: return "ABI";
    }
    return "name";
}

static uint64_t *sym_failed(struct sym *s)
{
    switch (s->kind) {
    case SYM_AGGREGATE: return &((struct aggregate *)s->decl)->failed;
    case SYM_TYPEDEF: return &((struct typedef_decl *)s->decl)->failed;
    case SYM_REGISTER: return &((struct reg *)s->decl)->failed;
    case SYM_FEATURE: return &((struct feature *)s->decl)->failed;
    case SYM_INTERFACE: return &((struct interface *)s->decl)->failed;
    case SYM_CONST: return &((struct const_decl *)s->decl)->failed;
    case SYM_ABI: return &((struct abi *)s->decl)->failed;
    case SYM_FLAGSET:
    case SYM_FLAG_BIT:
    case SYM_FLAG_MASK: return NULL;
    }
    return NULL;
}

static int sym_compare_loc(const void *a, const void *b)
{
    const struct sym *x = *(const struct sym *const *)a, *y = *(const struct sym *const *)b;
    return loc_compare(&x->loc, &y->loc);
}

/* Every declaration after the first that shares an ABI with an earlier one
 * is a duplicate; the earlier one gets the note. Variants chained by
 * resolve_spec (disjoint ABIs) are not. */
static void report_duplicates_in(struct check_ctx *cc, struct symtab *t)
{
    /* Walk in source order: tables iterate in hash order, which would make
     * the order of diagnostics depend on the hash function. */
    struct ptrvec heads = {0};
    size_t pos = 0;
    const char *key;
    void *value;
    while (symtab_next(t, &pos, &key, &value))
        if (((struct sym *)value)->next)
            ptrvec_push(&heads, value);
    if (heads.len)
        qsort(heads.items, heads.len, sizeof(*heads.items), sym_compare_loc);
    for (size_t h = 0; h < heads.len; h++) {
        struct sym *head = heads.items[h];
        for (struct sym *s = head->next; s; s = s->next) {
            /* Flag macros are judged by macro-collision, with every other
             * macro the headers define. */
            if (s->kind == SYM_FLAG_BIT || s->kind == SYM_FLAG_MASK)
                continue;
            for (struct sym *p = head; p != s; p = p->next) {
                if (p->kind == SYM_FLAG_BIT || p->kind == SYM_FLAG_MASK)
                    continue;
                bool clash = (s->abi_mask & p->abi_mask) || s->kind != p->kind ||
                             (!s->abi_mask && !p->abi_mask);
                if (!clash)
                    continue;
                uint64_t dummy = 0;
                uint64_t *failed = sym_failed(s);
                struct diag *d = check_report(cc, failed ? failed : &dummy, s->loc,
                                              "redefinition of %s '%s'", sym_kind_name(s->kind), s->name);
                if (s->kind != p->kind)
                    diag_note(d, p->loc, "'%s' is already a %s", p->name, sym_kind_name(p->kind));
                else
                    diag_note(d, p->loc, "previous definition is here");
                if (s->abi_mask && s->abi_mask != spec_all_abis(cc->spec) && s->kind == p->kind)
                    diag_note(d, s->loc, "declarations of one name must be for disjoint ABIs");
                break;
            }
        }
    }
    ptrvec_free(&heads);
}

struct member_name_entry {
    const char *name;
    unsigned views;
    uint64_t abis;
    struct loc loc;
};

/* C puts the members of an anonymous struct or union into the enclosing
 * scope, so the names are collected through them. */
static void collect_member_names(struct check_ctx *cc, struct aggregate *agg, unsigned views,
                                 uint64_t abis, struct ptrvec *out, uint64_t *failed)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        unsigned mv = views & m->cond.views;
        uint64_t ma = abis & m->cond.abi_mask;
        if (m->kind == MEMBER_AGG && m->type.inline_agg) {
            if (!m->name.text) {
                collect_member_names(cc, m->type.inline_agg, mv, ma, out, failed);
            } else {
                struct ptrvec inner = {0};
                collect_member_names(cc, m->type.inline_agg, VIEW_ALL, spec_all_abis(cc->spec),
                                     &inner, failed);
                for (size_t k = 0; k < inner.len; k++)
                    free(inner.items[k]);
                ptrvec_free(&inner);
            }
        }
        if (m->name.text) {
            struct member_name_entry *e = xmalloc(sizeof(*e));
            *e = (struct member_name_entry){m->name.text, mv, ma, m->name.loc};
            ptrvec_push(out, e);
        }
        for (size_t j = 0; j < m->naliases; j++) {
            struct alias *a = m->aliases[j];
            struct member_name_entry *e = xmalloc(sizeof(*e));
            *e = (struct member_name_entry){a->name.text, mv & a->cond.views, ma & a->cond.abi_mask,
                                            a->name.loc};
            ptrvec_push(out, e);
        }
    }
    (void)failed;
}

static void check_member_names(struct check_ctx *cc, struct aggregate *agg)
{
    struct ptrvec names = {0};
    collect_member_names(cc, agg, VIEW_ALL, agg->cond.abi_mask ? agg->cond.abi_mask : spec_all_abis(cc->spec),
                         &names, &agg->failed);
    struct symtab *seen = symtab_new();
    for (size_t i = 0; i < names.len; i++) {
        struct member_name_entry *e = names.items[i];
        struct member_name_entry *prev = symtab_get(seen, e->name);
        if (!prev) {
            symtab_put(seen, e->name, e);
            continue;
        }
        /* Several entries can share a name if they never meet: eax is a
         * different alias in the guest and the tools view. Compare with
         * every earlier entry of that name. */
        for (size_t j = 0; j < i; j++) {
            struct member_name_entry *p = names.items[j];
            if (strcmp(p->name, e->name) != 0)
                continue;
            if ((p->views & e->views) && (p->abis & e->abis)) {
                struct diag *d = check_report(cc, &agg->failed, e->loc,
                                              "duplicate member '%s' in %s '%s'", e->name,
                                              agg->kind == AGG_STRUCT ? "struct" : "union",
                                              agg->name.text);
                diag_note(d, p->loc, "previous declaration is here");
                break;
            }
        }
    }
    symtab_free(seen);
    for (size_t i = 0; i < names.len; i++)
        free(names.items[i]);
    ptrvec_free(&names);
}

void check_duplicate_name(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    report_duplicates_in(cc, spec->abi_names);
    report_duplicates_in(cc, spec->feature_names);
    report_duplicates_in(cc, spec->interface_names);
    report_duplicates_in(cc, spec->registers);
    report_duplicates_in(cc, spec->types);
    report_duplicates_in(cc, spec->macros);

    /* A type may not take a base type's name: member types would be
     * ambiguous. */
    for (size_t i = 0; i < spec->aggs.len + spec->typedefs.len; i++) {
        bool is_agg = i < spec->aggs.len;
        struct name *n = is_agg ? &((struct aggregate *)spec->aggs.items[i])->name
                                : &((struct typedef_decl *)spec->typedefs.items[i - spec->aggs.len])->name;
        uint64_t *failed = is_agg ? &((struct aggregate *)spec->aggs.items[i])->failed
                                  : &((struct typedef_decl *)spec->typedefs.items[i - spec->aggs.len])->failed;
        if (base_type_lookup(n->text) != BT_COUNT)
            check_report(cc, failed, n->loc, "'%s' is a base type and cannot be redefined", n->text);
    }

    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            if (!f->name.text)
                continue;
            for (size_t k = 0; k < j; k++) {
                struct field *g = r->fields[k];
                if (g->name.text && strcmp(g->name.text, f->name.text) == 0) {
                    struct diag *d = check_report(cc, &r->failed, f->name.loc,
                                                  "duplicate field '%s' in register '%s'",
                                                  f->name.text, r->name.text);
                    diag_note(d, g->name.loc, "previous declaration is here");
                    break;
                }
            }
            for (size_t a = 0; a < f->nenums; a++) {
                for (size_t b = 0; b < a; b++) {
                    if (strcmp(f->enums[a]->name.text, f->enums[b]->name.text) == 0) {
                        struct diag *d = check_report(cc, &r->failed, f->enums[a]->name.loc,
                                                      "duplicate enum name '%s' in %s.%s",
                                                      f->enums[a]->name.text, r->name.text,
                                                      f->name.text);
                        diag_note(d, f->enums[b]->name.loc, "previous declaration is here");
                        break;
                    }
                }
            }
        }
    }

    for (size_t i = 0; i < spec->aggs.len; i++)
        check_member_names(cc, spec->aggs.items[i]);

    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        for (size_t j = 0; j < fs->nflags; j++)
            for (size_t k = 0; k < j; k++)
                if (strcmp(fs->flags[j]->name.text, fs->flags[k]->name.text) == 0) {
                    struct diag *d = check_report(cc, &fs->failed, fs->flags[j]->name.loc,
                                                  "duplicate flag '%s' in flags '%s'",
                                                  fs->flags[j]->name.text, fs->name.text);
                    diag_note(d, fs->flags[k]->name.loc, "previous declaration is here");
                    break;
                }
    }
}

/* ---- unresolved-name --------------------------------------------------- */

/* C spellings that people will type out of habit. */
static const char *c_type_hint(const char *name)
{
    static const struct { const char *c, *regc; } hints[] = {
        {"uint8_t", "u8"}, {"uint16_t", "u16"}, {"uint32_t", "u32"}, {"uint64_t", "u64"},
        {"int8_t", "s8"}, {"int16_t", "s16"}, {"int32_t", "s32"}, {"int64_t", "s64"},
        {"unsigned", "u32"}, {"int", "s32"}, {"long", "ulong"}, {"xen_ulong", "xen_ulong_t"},
        {"uint64_aligned_t", "aligned(8) u64"},
    };
    for (size_t i = 0; i < ARRAY_SIZE(hints); i++)
        if (strcmp(hints[i].c, name) == 0)
            return hints[i].regc;
    return NULL;
}

static void report_unresolved_type(struct check_ctx *cc, uint64_t *failed, const struct type_ref *t)
{
    struct spec *spec = cc->spec;
    struct sym *s = symtab_get(spec->types, t->name.text);
    if (s && !type_names_match(s, t)) {
        struct diag *d = check_report_as(cc, DIAG_WRONG_KIND, failed, t->loc, "'%s' is not a %s",
                                         t->name.text, t->tag == TAG_STRUCT ? "struct" : "union");
        diag_note(d, s->loc, "'%s' is declared here", t->name.text);
        return;
    }
    enum base_type bt = base_type_lookup(t->name.text);
    if (bt == BT_HANDLE || bt == BT_HANDLE64 || bt == BT_POINTER) {
        struct diag *d = check_report_as(cc, DIAG_WRONG_KIND, failed, t->name.loc,
                                         "'%s' is not a member type", t->name.text);
        diag_note(d, t->name.loc, "a guest handle member is written %s(TYPE) name",
                  bt == BT_HANDLE64 ? "handle64" : "handle");
        return;
    }
    struct diag *d = check_report(cc, failed, t->name.loc, "unknown type '%s'", t->name.text);
    const char *hint = c_type_hint(t->name.text);
    const char *near = symtab_nearest(spec->types, t->name.text);
    if (hint)
        diag_note(d, t->name.loc, "regc spells this type '%s'", hint);
    else if (symtab_get(spec->registers, t->name.text))
        diag_note(d, t->name.loc, "'%s' is a register; a member holding it is written "
                                  "'u64 name : %s'", t->name.text, t->name.text);
    else if (near)
        diag_note(d, t->name.loc, "did you mean '%s'?", near);
}

static void check_type_ref(struct check_ctx *cc, uint64_t *failed, const struct type_ref *t)
{
    if (t->kind == TR_INLINE || t->cls != TC_UNRESOLVED)
        return;
    report_unresolved_type(cc, failed, t);
}

static void check_condition_names(struct check_ctx *cc, uint64_t *failed, const struct condition *c)
{
    for (size_t i = 0; i < c->nabi_names; i++) {
        if (symtab_get(cc->spec->abi_names, c->abi_names[i].text))
            continue;
        struct diag *d = check_report(cc, failed, c->abi_names[i].loc,
                                      "'%s' is neither a view (guest, tools, xen) nor an ABI of arch '%s'",
                                      c->abi_names[i].text,
                                      cc->spec->arch ? cc->spec->arch->name.text : "?");
        const char *near = symtab_nearest(cc->spec->abi_names, c->abi_names[i].text);
        if (near)
            diag_note(d, c->abi_names[i].loc, "did you mean '%s'?", near);
    }
}

static void check_visibility_names(struct check_ctx *cc, uint64_t *failed, const struct visibility *v)
{
    if (v->kind != VIS_TOOLS || v->iface_decl || !v->iface.text)
        return;
    struct diag *d = check_report(cc, failed, v->iface.loc, "unknown interface '%s'", v->iface.text);
    const char *near = symtab_nearest(cc->spec->interface_names, v->iface.text);
    if (near)
        diag_note(d, v->iface.loc, "did you mean '%s'?", near);
    else
        diag_note(d, v->iface.loc, "declare it: 'interface %s version N;'", v->iface.text);
}

static void check_expr_names(struct check_ctx *cc, uint64_t *failed, const struct expr *e);

static void check_register_name(struct check_ctx *cc, uint64_t *failed, const struct name *reg)
{
    struct diag *d = check_report(cc, failed, reg->loc, "unknown register '%s'", reg->text);
    const char *near = symtab_nearest(cc->spec->registers, reg->text);
    if (near)
        diag_note(d, reg->loc, "did you mean '%s'?", near);
}

static void check_aggregate_names(struct check_ctx *cc, uint64_t *failed, struct aggregate *agg)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        check_condition_names(cc, failed, &m->cond);
        for (size_t j = 0; j < m->nwhen; j++)
            check_expr_names(cc, failed, m->when[j]);
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            check_aggregate_names(cc, failed, m->type.inline_agg);
        else
            check_type_ref(cc, failed, &m->type);
        if (m->reg.text && !m->reg_decl)
            check_register_name(cc, failed, &m->reg);
        for (size_t j = 0; m->select && j < m->select->nalts; j++)
            if (!m->select->alts[j]->reg_decl)
                check_register_name(cc, failed, &m->select->alts[j]->reg);
        for (size_t j = 0; j < m->naliases; j++) {
            check_condition_names(cc, failed, &m->aliases[j]->cond);
            check_type_ref(cc, failed, &m->aliases[j]->type);
        }
    }
}

static void check_expr_names(struct check_ctx *cc, uint64_t *failed, const struct expr *e)
{
    if (!e)
        return;
    check_expr_names(cc, failed, e->lhs);
    check_expr_names(cc, failed, e->rhs);
    if (e->op == EX_NAME && !e->cst) {
        struct sym *s = symtab_get(cc->spec->macros, e->path[0].text);
        if (s) {
            check_report_as(cc, DIAG_WRONG_KIND, failed, e->loc,
                            "'%s' is a %s; a constant expression can use constants and "
                            "REGISTER.FIELD.VALUE enum values", e->path[0].text, sym_kind_name(s->kind));
            return;
        }
        struct diag *d = check_report(cc, failed, e->loc, "unknown constant '%s'", e->path[0].text);
        const char *near = symtab_nearest(cc->spec->macros, e->path[0].text);
        if (near)
            diag_note(d, e->loc, "did you mean '%s'?", near);
    } else if (e->op == EX_ENUM_REF && !e->ev) {
        struct sym *s = symtab_get(cc->spec->registers, e->path[0].text);
        if (!s) {
            check_report(cc, failed, e->path[0].loc, "unknown register '%s'", e->path[0].text);
            return;
        }
        struct reg *r = s->decl;
        struct field *f = NULL;
        for (size_t i = 0; i < r->nfields; i++)
            if (r->fields[i]->name.text && strcmp(r->fields[i]->name.text, e->path[1].text) == 0)
                f = r->fields[i];
        if (!f)
            check_report(cc, failed, e->path[1].loc, "register '%s' has no field '%s'",
                         r->name.text, e->path[1].text);
        else
            check_report(cc, failed, e->path[2].loc, "field %s.%s has no enum value '%s'",
                         r->name.text, f->name.text, e->path[2].text);
    }
}

static void check_const_type_name(struct check_ctx *cc, uint64_t *failed, const struct name *n,
                                  enum base_type resolved)
{
    if (!n->text || resolved != BT_COUNT)
        return;
    if (base_type_lookup(n->text) != BT_COUNT || symtab_get(cc->spec->types, n->text)) {
        check_report_as(cc, DIAG_WRONG_KIND, failed, n->loc,
                        "'%s' is not an integer type a constant can have", n->text);
    } else {
        struct diag *d = check_report(cc, failed, n->loc, "unknown type '%s'", n->text);
        const char *hint = c_type_hint(n->text);
        if (hint)
            diag_note(d, n->loc, "regc spells this type '%s'", hint);
    }
}

/*
 * A type declared for some ABIs only (only(w32)) is no name on the others:
 * a member, alias or typedef that uses it there would be a header that
 * names an undeclared type on those ABIs.
 */
static bool type_declared_on(const struct type_ref *t, unsigned abi)
{
    if (t->kind == TR_INLINE)
        return true;
    if (t->cls == TC_TYPEDEF)
        return !t->td || typedef_variant_for_abi(t->td, abi);
    if (t->cls == TC_AGG)
        return !t->agg || agg_variant_for_abi(t->agg, abi);
    return true;
}

static void check_type_abis(struct check_ctx *cc, uint64_t *failed, const struct type_ref *t, uint64_t abis)
{
    const struct arch *arch = cc->spec->arch;
    for (unsigned abi = 0; arch && abi < arch->nabis; abi++) {
        if (!((abis >> abi) & 1) || type_declared_on(t, abi))
            continue;
        struct diag *d = check_report(cc, failed, t->name.loc, "'%s' is not declared on %s, where it is used",
                                      t->name.text, arch->abis[abi]->name.text);
        diag_note(d, t->name.loc, "restrict the use with only(...) to the ABIs '%s' is declared on, "
                                  "or declare it on %s too", t->name.text, arch->abis[abi]->name.text);
        return;
    }
}

static void check_aggregate_abis(struct check_ctx *cc, uint64_t *failed, const struct aggregate *agg,
                                 uint64_t abis)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        uint64_t mabis = abis & m->cond.abi_mask;
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            check_aggregate_abis(cc, failed, m->type.inline_agg, mabis);
        else
            check_type_abis(cc, failed, &m->type, mabis);
        for (size_t j = 0; j < m->naliases; j++)
            check_type_abis(cc, failed, &m->aliases[j]->type, mabis & m->aliases[j]->cond.abi_mask);
    }
}

void check_unresolved_name(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        check_visibility_names(cc, &r->failed, &r->vis);
        if (!r->like.text || r->like_decl)
            continue;
        struct sym *s = symtab_get(spec->registers, r->like.text);
        if (s) {
            struct diag *d = check_report_as(cc, DIAG_WRONG_KIND, &r->failed, r->like.loc,
                                             "register '%s' borrows its fields itself; name the "
                                             "register that declares them", r->like.text);
            diag_note(d, s->loc, "'%s' is declared here", r->like.text);
        } else {
            struct diag *d = check_report(cc, &r->failed, r->like.loc, "unknown register '%s'",
                                          r->like.text);
            const char *near = symtab_nearest(spec->registers, r->like.text);
            if (near)
                diag_note(d, r->like.loc, "did you mean '%s'?", near);
        }
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        check_visibility_names(cc, &a->failed, &a->vis);
        check_condition_names(cc, &a->failed, &a->cond);
        check_aggregate_names(cc, &a->failed, a);
        if (a->old_of.text && !a->old_target) {
            struct diag *d = check_report(cc, &a->failed, a->old_of.loc, "unknown struct '%s'",
                                          a->old_of.text);
            const char *near = symtab_nearest(spec->types, a->old_of.text);
            if (near)
                diag_note(d, a->old_of.loc, "did you mean '%s'?", near);
        }
    }
    struct arch *arch = spec->arch;
    const struct name *abis[2] = {arch ? &arch->compat_abi : NULL, arch ? &arch->native_abi : NULL};
    for (unsigned k = 0; arch && k < 2; k++) {
        if (!abis[k]->text || symtab_get(spec->abi_names, abis[k]->text))
            continue;
        uint64_t arch_failed = 0;
        struct diag *d = check_report(cc, &arch_failed, abis[k]->loc, "'%s' is not an ABI of arch '%s'",
                                      abis[k]->text, arch->name.text);
        const char *near = symtab_nearest(spec->abi_names, abis[k]->text);
        if (near)
            diag_note(d, abis[k]->loc, "did you mean '%s'?", near);
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *t = spec->typedefs.items[i];
        check_visibility_names(cc, &t->failed, &t->vis);
        check_condition_names(cc, &t->failed, &t->cond);
        check_type_ref(cc, &t->failed, &t->type);
        check_type_abis(cc, &t->failed, &t->type, t->cond.abi_mask);
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        check_aggregate_abis(cc, &a->failed, a, a->cond.abi_mask);
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        check_visibility_names(cc, &c->failed, &c->vis);
        check_condition_names(cc, &c->failed, &c->cond);
        check_const_type_name(cc, &c->failed, &c->type_name, c->type);
        check_expr_names(cc, &c->failed, c->expr);
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        check_visibility_names(cc, &fs->failed, &fs->vis);
        check_condition_names(cc, &fs->failed, &fs->cond);
        check_const_type_name(cc, &fs->failed, &fs->type_name, fs->type);
    }
    for (size_t i = 0; i < spec->verbatims.len; i++) {
        struct verbatim *v = spec->verbatims.items[i];
        check_visibility_names(cc, &v->failed, &v->vis);
        check_condition_names(cc, &v->failed, &v->cond);
    }
}

/* ---- feature-undeclared ---------------------------------------------- */

static void report_undeclared_feature(struct check_ctx *cc, uint64_t *failed, const struct name *n)
{
    struct diag *d = check_report(cc, failed, n->loc, "feature '%s' is used but not declared", n->text);
    const char *near = symtab_nearest(cc->spec->feature_names, n->text);
    if (near)
        diag_note(d, n->loc, "did you mean '%s'?", near);
    else
        diag_note(d, n->loc, "declare it: 'feature %s \"what it is\";'", n->text);
}

void check_feature_undeclared(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    for (size_t i = 0; i < spec->features.len; i++) {
        struct feature *f = spec->features.items[i];
        for (size_t j = 0; j < f->nrequires; j++)
            if (!f->requires_decl[j])
                report_undeclared_feature(cc, &f->failed, f->requires[j]);
    }
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        for (size_t j = 0; j < r->nfields; j++) {
            struct field *f = r->fields[j];
            if (f->feature.text && !f->feature_decl)
                report_undeclared_feature(cc, &r->failed, &f->feature);
        }
    }
}
