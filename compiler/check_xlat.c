/* SPDX-License-Identifier: MIT */
/* Translations: old layouts and compat layouts, as xlat.c plans them. */
#include "check_rows.h"

#include "xlat.h"

#include <inttypes.h>

/* ---- translation: old layouts, compat layouts -------------------------- */

/* old(NAME, VERSION) keeps the layout a tools struct had at an older
 * version of its interface; translation needs both to be of the same
 * interface, and the version to be older than the current one. */
void check_old_layout_invalid(struct check_ctx *cc)
{
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!a->old_of.text || !a->old_target || check_skip(cc, a->failed))
            continue;
        const struct aggregate *t = a->old_target;
        const struct interface *x = t->vis.kind == VIS_TOOLS ? t->vis.iface_decl : NULL;
        struct diag *d = NULL;
        if (t->old_of.text) {
            d = check_report(cc, &a->failed, a->old_of.loc, "'%s' is itself an old layout; name the current struct",
                             t->name.text);
        } else if (!x) {
            d = check_report(cc, &a->failed, a->old_of.loc,
                             "'%s' is not a tools struct, so it has no interface versions", t->name.text);
            diag_note(d, t->loc, "a guest struct is frozen: it has one layout for ever");
        } else if (a->vis.kind != VIS_TOOLS || a->vis.iface_decl != x) {
            d = check_report(cc, &a->failed, a->loc, "an old layout of '%s' must be tools(%s), as '%s' is",
                             t->name.text, x->name.text, t->name.text);
        } else if (a->old_version >= x->version) {
            d = check_report(cc, &a->failed, a->old_loc,
                             "version 0x%" PRIx64 " is not older than interface %s, 0x%" PRIx64,
                             a->old_version, x->name.text, x->version);
            diag_note(d, x->loc, "interface '%s' is declared here", x->name.text);
        } else if (t->kind != a->kind) {
            d = check_report(cc, &a->failed, a->loc, "'%s' and its old layout must both be structs or both unions",
                             t->name.text);
        }
    }
}

static void report_plan(struct check_ctx *cc, uint64_t *failed, const struct xlat_plan *p)
{
    if (p->problem == DIAG_COUNT)
        return;
    struct diag *d = check_report_as(cc, p->problem, failed, p->problem_loc, "%s", p->problem_message);
    if (p->problem_note)
        diag_note(d, p->problem_loc, "%s", p->problem_note);
}

/* Plans every translation the xlat output will have, both ways, and
 * reports the first thing in each that cannot be translated. */
static void report_translations(struct check_ctx *cc, enum diag_id only)
{
    struct spec *spec = cc->spec;
    struct arena scratch = {0};
    struct arena_mark start = arena_mark(&scratch);
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *a = spec->aggs.items[i];
        if (check_skip(cc, a->failed))
            continue;
        struct xlat_plan p;
        xlat_plan_init(&p, &scratch, spec, 0, 0, false);
        if (xlat_has_compat(spec, a)) {
            unsigned n = (unsigned)spec->arch->native, c = (unsigned)spec->arch->compat;
            struct aggregate *nv = agg_variant_for_abi(a, n), *cv = agg_variant_for_abi(a, c);
            p.compat = true;
            for (unsigned dir = 0; dir < 2 && p.problem == DIAG_COUNT; dir++) {
                p.dst_abi = dir ? n : c;
                p.src_abi = dir ? c : n;
                xlat_plan_build(&p, dir ? nv : cv, dir ? cv : nv);
            }
        } else if (a->old_target && !a->old_target->failed && !a->old_target->old_of.text) {
            for (unsigned abi = 0; abi < spec->arch->nabis && p.problem == DIAG_COUNT; abi++) {
                struct aggregate *cur = agg_variant_for_abi(a->old_target, abi);
                if (!cur || !(a->cond.abi_mask & (1ull << abi)))
                    continue;
                p.dst_abi = p.src_abi = abi;
                xlat_plan_build(&p, cur, a);
                if (p.problem == DIAG_COUNT)
                    xlat_plan_build(&p, a, cur);
            }
        }
        if (p.problem == only)
            report_plan(cc, &a->failed, &p);
        arena_reset(&scratch, start);
    }
    arena_free(&scratch);
}

void check_xlat_union_selector(struct check_ctx *cc)
{
    if (!check_skip(cc, 0))
        report_translations(cc, DIAG_XLAT_UNION_SELECTOR);
}

/* Where value v is listed in union u before the k-th value of its i-th
 * member, and by which alternative. */
static const struct expr *listed_before(const struct aggregate *u, size_t i, size_t k, uint64_t v,
                                        const struct member **alt)
{
    for (size_t j = 0; j <= i; j++) {
        const struct member *o = u->members[j];
        for (size_t l = 0; l < (j == i ? k : o->nwhen); l++) {
            uint64_t w;
            if (xlat_alt_value(o->when[l], &w) && w == v) {
                *alt = o;
                return o->when[l];
            }
        }
    }
    return NULL;
}

/* The selector values of a union's alternatives: only in a union with
 * select(), on every alternative or none, each value once, one else. */
static void report_alternatives(struct check_ctx *cc, uint64_t *failed, const struct aggregate *agg,
                                const char *name)
{
    bool selects = agg->kind == AGG_UNION && agg->select.text;
    const struct member *with = NULL, *without = NULL, *other_else = NULL;
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            report_alternatives(cc, failed, m->type.inline_agg, m->name.text ? m->name.text : "(anonymous)");
        bool clause = m->nwhen || m->when_else;
        if (clause && !selects) {
            struct diag *d = check_report(cc, failed, m->when_loc,
                                          "'%s' is not an alternative of a union with select(...)",
                                          m->name.text ? m->name.text : "(anonymous)");
            diag_note(d, m->when_loc, "'if (...)' and 'else' say which selector values pick an alternative");
            continue;
        }
        if (!selects || m->kind == MEMBER_PAD)
            continue;
        if (!clause)
            without = without ? without : m;
        else
            with = with ? with : m;
        if (m->when_else && other_else) {
            struct diag *d = check_report(cc, failed, m->when_loc, "union '%s' has a second 'else' alternative",
                                          name);
            diag_note(d, other_else->when_loc, "the first is here");
        } else if (m->when_else) {
            other_else = m;
        }
        /* each value picks one alternative */
        for (size_t k = 0; k < m->nwhen; k++) {
            uint64_t v;
            const struct member *o;
            const struct expr *first = xlat_alt_value(m->when[k], &v) ? listed_before(agg, i, k, v, &o) : NULL;
            if (!first)
                continue;
            struct diag *d = check_report(cc, failed, m->when[k]->loc,
                                          "selector value %" PRIu64 " of union '%s' picks '%s' and '%s'", v, name,
                                          o->name.text ? o->name.text : "(anonymous)",
                                          m->name.text ? m->name.text : "(anonymous)");
            diag_note(d, first->loc, "it is listed here first");
        }
    }
    if (with && without) {
        struct diag *d = check_report(cc, failed, without->loc,
                                      "alternative '%s' of union '%s' says no selector value",
                                      without->name.text ? without->name.text : "(anonymous)", name);
        diag_note(d, with->when_loc, "once one alternative lists its values, each must, with "
                                     "'if (...)' or 'else'");
    }
}

void check_xlat_selector_invalid(struct check_ctx *cc)
{
    if (check_skip(cc, 0))
        return;
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed))
            report_alternatives(cc, &a->failed, a, a->name.text);
    }
    report_translations(cc, DIAG_XLAT_SELECTOR_INVALID);
}

void check_xlat_type_mismatch(struct check_ctx *cc)
{
    if (!check_skip(cc, 0))
        report_translations(cc, DIAG_XLAT_TYPE_MISMATCH);
}

