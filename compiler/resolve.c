/* SPDX-License-Identifier: MIT */
/*
 * Linking: symbol tables, and every reference in the model pointed at what
 * it names. resolve_spec() reports nothing; it leaves unresolved references
 * NULL, and the checks in check_names.c (duplicate-name, unresolved-name,
 * feature-undeclared) turn what it found into diagnostics. Keeping the two
 * apart lets the linking be reused by any front end.
 */
#include "resolve.h"

#include <string.h>

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
