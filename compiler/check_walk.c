/* SPDX-License-Identifier: MIT */
/*
 * What the checks share: the walks over members and registers (each
 * skips what a prerequisite failed on, once, for every row that uses it),
 * and the words messages use.
 */
#include "check_rows.h"

#include <inttypes.h>

/* ---- shared helpers ---------------------------------------------------- */

const char *agg_kind_name(const struct aggregate *a)
{
    return a->kind == AGG_STRUCT ? "struct" : "union";
}

/* Messages quote bit numbers as written, not as clamped for the checks. */
const char *field_bits_text(struct arena *a, const struct field *f)
{
    if (f->msb_written == f->lsb_written)
        return arena_printf(a, "bit %" PRIu64, f->lsb_written);
    return arena_printf(a, "bits %" PRIu64 ":%" PRIu64, f->msb_written, f->lsb_written);
}

const char *field_label(struct arena *a, const struct field *f)
{
    return f->name.text ? arena_printf(a, "field '%s'", f->name.text)
                        : arena_printf(a, "%s range", bit_kind_name(f->kind));
}

uint64_t field_max_value(const struct field *f)
{
    unsigned w = f->msb - f->lsb + 1;
    return w >= 64 ? UINT64_MAX : (1ull << w) - 1;
}

/* The size of a base type or of a typedef's target on one ABI, in bytes;
 * 0 when it is not a scalar there. A chain of typedefs is followed to its
 * end, however long: a chain with more links than there are typedefs is
 * a cycle, which recursive-type reports. */
uint64_t scalar_size(const struct spec *spec, const struct type_ref *t, unsigned abi,
                            enum base_type *base)
{
    for (size_t links = 0; links <= spec->typedefs.len && t; links++) {
        if (t->kind != TR_NAME)
            return 0;
        if (t->cls == TC_BASE) {
            if (base)
                *base = t->base;
            const struct abi_type_fact *f = &spec->arch->abis[abi]->types[t->base];
            return f->set ? f->size : 0;
        }
        if (t->cls != TC_TYPEDEF)
            return 0;
        struct typedef_decl *td = typedef_variant_for_abi(t->td, abi);
        t = td ? &td->type : NULL;
    }
    return 0;
}

void visit_members(struct check_ctx *cc, struct aggregate *top, struct aggregate *agg,
                          uint64_t abis, member_visit_fn fn)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        struct member *m = agg->members[i];
        uint64_t mabis = abis & m->cond.abi_mask;
        fn(cc, top, m, mabis);
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            visit_members(cc, top, m->type.inline_agg, mabis, fn);
    }
}

void visit_all_members(struct check_ctx *cc, member_visit_fn fn)
{
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed))
            visit_members(cc, a, a, a->cond.abi_mask, fn);
    }
}
/* A member whose register is chosen by its value (`select`) is checked as
 * if it held each of its registers alone. */
static void each_register(struct check_ctx *cc, struct aggregate *top, struct member *m, uint64_t abis)
{
    if (!m->select) {
        cc->per_register(cc, top, m, abis);
        return;
    }
    for (size_t i = 0; i < m->select->nalts; i++) {
        struct member alt = *m;
        alt.reg = m->select->alts[i]->reg;
        alt.reg_decl = m->select->alts[i]->reg_decl;
        cc->per_register(cc, top, &alt, abis);
    }
}

void visit_register_members(struct check_ctx *cc, member_visit_fn fn)
{
    cc->per_register = fn;
    visit_all_members(cc, each_register);
}
const char *abi_list_text(struct check_ctx *cc, uint64_t mask)
{
    struct buf b = {0};
    for (unsigned i = 0; i < cc->spec->arch->nabis; i++)
        if (mask & (1ull << i))
            buf_printf(&b, "%s%s", b.len ? ", " : "", cc->spec->arch->abis[i]->name.text);
    const char *s = arena_strdup(&cc->spec->arena, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

bool is_pow2(uint64_t v)
{
    return v && !(v & (v - 1));
}

/* A `like` register has its source's fields, which are checked where they
 * are declared: the register rows visit only registers with their own. */
void visit_own_registers(struct check_ctx *cc, register_visit_fn fn)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (!r->like_decl && !check_skip(cc, r->failed))
            fn(cc, r);
    }
}

/* The guard is the register's: one that a prerequisite failed on is
 * passed over whole, as its fields' problems were reported with it. */
void visit_own_fields(struct check_ctx *cc, field_visit_fn fn)
{
    for (size_t i = 0; i < cc->spec->regs.len; i++) {
        struct reg *r = cc->spec->regs.items[i];
        if (r->like_decl || check_skip(cc, r->failed))
            continue;
        for (size_t j = 0; j < r->nfields; j++)
            fn(cc, r, r->fields[j]);
    }
}

/* Every top-level aggregate no prerequisite failed on, for itself or for
 * the spec as a whole (check_skip() reads both). */
void visit_aggregates(struct check_ctx *cc, aggregate_visit_fn fn)
{
    for (size_t i = 0; i < cc->spec->aggs.len; i++) {
        struct aggregate *a = cc->spec->aggs.items[i];
        if (!check_skip(cc, a->failed))
            fn(cc, a);
    }
}
