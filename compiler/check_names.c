/* SPDX-License-Identifier: MIT */
/*
 * Names: the checks that report on linking (resolve_spec() leaves what it
 * could not link NULL and says nothing; duplicate-name, unresolved-name
 * and feature-undeclared turn that into diagnostics), and the names C
 * reserves (name-reserved-c).
 */
#include "check_rows.h"

#include "cwords.h"

#include <stdlib.h>
#include <string.h>

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

static void report_member_names(struct check_ctx *cc, struct aggregate *agg)
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
        report_member_names(cc, spec->aggs.items[i]);

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

static void report_type_ref(struct check_ctx *cc, uint64_t *failed, const struct type_ref *t)
{
    if (t->kind == TR_INLINE || t->cls != TC_UNRESOLVED)
        return;
    report_unresolved_type(cc, failed, t);
}

static void report_condition_names(struct check_ctx *cc, uint64_t *failed, const struct condition *c)
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

static void report_visibility_names(struct check_ctx *cc, uint64_t *failed, const struct visibility *v)
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

static void report_expr_names(struct check_ctx *cc, uint64_t *failed, const struct expr *e);

static void report_register_name(struct check_ctx *cc, uint64_t *failed, const struct name *reg)
{
    struct diag *d = check_report(cc, failed, reg->loc, "unknown register '%s'", reg->text);
    const char *near = symtab_nearest(cc->spec->registers, reg->text);
    if (near)
        diag_note(d, reg->loc, "did you mean '%s'?", near);
}

static void report_aggregate_names(struct check_ctx *cc, uint64_t *failed, struct aggregate *agg)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        report_condition_names(cc, failed, &m->cond);
        for (size_t j = 0; j < m->nwhen; j++)
            report_expr_names(cc, failed, m->when[j]);
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            report_aggregate_names(cc, failed, m->type.inline_agg);
        else
            report_type_ref(cc, failed, &m->type);
        if (m->reg.text && !m->reg_decl)
            report_register_name(cc, failed, &m->reg);
        for (size_t j = 0; m->select && j < m->select->nalts; j++)
            if (!m->select->alts[j]->reg_decl)
                report_register_name(cc, failed, &m->select->alts[j]->reg);
        for (size_t j = 0; j < m->naliases; j++) {
            report_condition_names(cc, failed, &m->aliases[j]->cond);
            report_type_ref(cc, failed, &m->aliases[j]->type);
        }
    }
}

static void report_expr_names(struct check_ctx *cc, uint64_t *failed, const struct expr *e)
{
    if (!e)
        return;
    report_expr_names(cc, failed, e->lhs);
    report_expr_names(cc, failed, e->rhs);
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

static void report_const_type_name(struct check_ctx *cc, uint64_t *failed, const struct name *n,
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

static void report_type_abis(struct check_ctx *cc, uint64_t *failed, const struct type_ref *t, uint64_t abis)
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

static void report_aggregate_abis(struct check_ctx *cc, uint64_t *failed, const struct aggregate *agg,
                                  uint64_t abis)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        uint64_t mabis = abis & m->cond.abi_mask;
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            report_aggregate_abis(cc, failed, m->type.inline_agg, mabis);
        else
            report_type_abis(cc, failed, &m->type, mabis);
        for (size_t j = 0; j < m->naliases; j++)
            report_type_abis(cc, failed, &m->aliases[j]->type, mabis & m->aliases[j]->cond.abi_mask);
    }
}

void check_unresolved_name(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        report_visibility_names(cc, &r->failed, &r->vis);
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
        report_visibility_names(cc, &a->failed, &a->vis);
        report_condition_names(cc, &a->failed, &a->cond);
        report_aggregate_names(cc, &a->failed, a);
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
        report_visibility_names(cc, &t->failed, &t->vis);
        report_condition_names(cc, &t->failed, &t->cond);
        report_type_ref(cc, &t->failed, &t->type);
        report_type_abis(cc, &t->failed, &t->type, t->cond.abi_mask);
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        report_aggregate_abis(cc, &a->failed, a, a->cond.abi_mask);
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        report_visibility_names(cc, &c->failed, &c->vis);
        report_condition_names(cc, &c->failed, &c->cond);
        report_const_type_name(cc, &c->failed, &c->type_name, c->type);
        report_expr_names(cc, &c->failed, c->expr);
    }
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        report_visibility_names(cc, &fs->failed, &fs->vis);
        report_condition_names(cc, &fs->failed, &fs->cond);
        report_const_type_name(cc, &fs->failed, &fs->type_name, fs->type);
    }
    for (size_t i = 0; i < spec->verbatims.len; i++) {
        struct verbatim *v = spec->verbatims.items[i];
        report_visibility_names(cc, &v->failed, &v->vis);
        report_condition_names(cc, &v->failed, &v->cond);
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

/* ---- name-reserved-c ------------------------------------------------- */

/*
 * A spec's names become C names, whole (a struct's tag, a member, a
 * constant's macro) or as the leading part of one (a register's macros and
 * accessors). C and C++ keep some names for themselves (cwords.h): as a
 * whole name a keyword does not compile, a predefined macro is rewritten,
 * and a reserved identifier may be either tomorrow. Names that only ever
 * follow a prefix (fields, enum values, features) cannot be one.
 */
/* KIND 'NAME' [of OWNER]: the description is formatted only for a name
 * refused, as a spec may have a million names and refuse none. */
static void name_reserved(struct check_ctx *cc, uint64_t *failed, const char *name, struct loc loc,
                          enum c_scope scope, const char *kind, const char *owner)
{
    if (!name)
        return;
    struct arena *a = &cc->spec->arena;
    const char *suggest;
    const char *why = c_name_problem(a, name, scope, &suggest);
    if (!why)
        return;
    struct diag *d = check_report(cc, failed, loc, "%s '%s'%s%s %s", kind, name, owner ? " of " : "",
                                  owner ? owner : "", why);
    const char *rename = suggest ? arena_printf(a, "rename it, e.g. '%s'", suggest) : "choose a name of your own";
    if (scope == C_SCOPE_PREFIX)
        diag_note(d, loc, "the C names generated for it begin with '%s'; %s", name, rename);
    else
        diag_note(d, loc, "%s", rename);
}

static void name_reserved_members(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                                  const char *owner)
{
    struct arena *a = &cc->spec->arena;
    if (agg->select_type.text)
        name_reserved(cc, &top->failed, agg->select.text, agg->select.loc, C_SCOPE_BLOCK, "selector parameter",
                      owner);
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        name_reserved(cc, &top->failed, m->name.text, m->name.loc, C_SCOPE_MEMBER, "member", owner);
        bool nested = m->kind == MEMBER_AGG && m->type.inline_agg;
        if (!m->naliases && !nested)
            continue;
        const char *what = arena_printf(a, "member '%s' of %s", m->name.text ? m->name.text : "(anonymous)", owner);
        for (size_t k = 0; k < m->naliases; k++)
            name_reserved(cc, &top->failed, m->aliases[k]->name.text, m->aliases[k]->name.loc, C_SCOPE_MEMBER,
                          "alias", what);
        if (nested)
            name_reserved_members(cc, top, m->type.inline_agg, what);
    }
}

void check_name_reserved_c(struct check_ctx *cc)
{
    struct spec *spec = cc->spec;
    struct arena *a = &spec->arena;
    if (spec->arch)
        name_reserved(cc, &spec->failed, spec->arch->name.text, spec->arch->name.loc, C_SCOPE_PREFIX, "arch", NULL);
    for (size_t i = 0; i < spec->regs.len; i++) {
        struct reg *r = spec->regs.items[i];
        name_reserved(cc, &r->failed, r->name.text, r->name.loc, C_SCOPE_PREFIX, "register", NULL);
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *agg = spec->aggs.items[i];
        name_reserved(cc, &agg->failed, agg->name.text, agg->name.loc, C_SCOPE_FILE, agg_kind_name(agg), NULL);
        name_reserved_members(cc, agg, agg, arena_printf(a, "%s '%s'", agg_kind_name(agg), agg->name.text));
    }
    for (size_t i = 0; i < spec->typedefs.len; i++) {
        struct typedef_decl *td = spec->typedefs.items[i];
        name_reserved(cc, &td->failed, td->name.text, td->name.loc, C_SCOPE_FILE, "typedef", NULL);
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        struct const_decl *c = spec->consts.items[i];
        name_reserved(cc, &c->failed, c->name.text, c->name.loc, C_SCOPE_FILE, "constant", NULL);
    }
    struct buf macro = {0};
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        struct flagset *fs = spec->flagsets.items[i];
        uint64_t before = fs->failed;
        name_reserved(cc, &fs->failed, fs->name.text, fs->name.loc, C_SCOPE_PREFIX, "flags", NULL);
        if (fs->failed != before)
            continue;
        /* FS_flag is a whole macro (static + assert is static_assert); its
         * _FS_flag twin is Xen's own convention, reserved as it is */
        for (size_t j = 0; j < fs->nflags; j++) {
            macro.len = 0;
            buf_printf(&macro, "%s_%s", fs->name.text, fs->flags[j]->name.text);
            const char *suggest;
            const char *why = c_name_problem(a, macro.data, C_SCOPE_FILE, &suggest);
            if (!why)
                continue;
            struct diag *d = check_report(cc, &fs->failed, fs->flags[j]->name.loc,
                                          "flag '%s' of '%s' would define macro '%s', which %s",
                                          fs->flags[j]->name.text, fs->name.text, macro.data, why);
            diag_note(d, fs->flags[j]->name.loc, "rename the flag or the flags");
        }
    }
    buf_free(&macro);
}

