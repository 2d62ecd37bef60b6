/* SPDX-License-Identifier: MIT */
/*
 * The view of the accessor headers: everything regc knows about fields,
 * reserved bits and the features that define them, as the functions a
 * hypervisor or a toolstack would otherwise write by hand.
 *
 * Masks are computed here, once; the templates only arrange them. A
 * feature set is a bitmap with one bit per feature number, and "add a
 * feature" adds everything it requires, walking `requires` at run time.
 */
#include "view_accessors.h"

#include "cnames.h"
#include "layout.h"

#include <ctype.h>
#include "view.h"

#include <inttypes.h>
#include <string.h>

/*
 * How many feature numbers a set holds: the highest plus one, not the
 * number of features, since numbers given in the spec may leave gaps
 * (a feature removed, or numbers kept apart per group).
 */
static unsigned feature_span(const struct spec *spec)
{
    unsigned n = 0;
    for (size_t i = 0; i < spec->features.len; i++) {
        const struct feature *f = spec->features.items[i];
        if (f->number + 1 > n)
            n = f->number + 1;
    }
    return n;
}

static unsigned feature_words(const struct spec *spec)
{
    unsigned n = feature_span(spec);
    return n ? (n + 63) / 64 : 1;
}

/* ---- reserved masks ------------------------------------------------------ */

/*
 * The feature set keeps each register's RES0 and RES1 masks: clearing it
 * sets them to what a CPU without any feature has, and adding a feature
 * clears from them the bits of the fields that the feature, and what it
 * requires, defines. Each field has at most one feature, so the order in
 * which features are added does not matter.
 */
struct reg_gate {
    unsigned feature;         /* its index in declaration order, not its number */
    uint64_t res0, res1;      /* the bits reserved without it */
};

struct acc_reg {
    const struct reg *r;
    const char *fn;
    const char *constant;     /* its index: ARM_REG_SCTLR_EL1 */
    uint64_t none0, none1;    /* reserved with no feature */
    struct reg_gate *gates;
    size_t ngates;
};

struct acc_regs {
    struct acc_reg *regs;     /* registers with accessors, in spec order */
    size_t n;
};

static bool has_accessors(const struct reg *r)
{
    return r->width <= 64 && r->masks_ok;
}

static struct acc_regs accessor_registers(struct arena *a, struct spec *spec, const char *prefix)
{
    struct acc_regs ar = {ARENA_ARRAY(a, struct acc_reg, spec->regs.len ? spec->regs.len : 1), 0};
    for (size_t i = 0; i < spec->regs.len; i++) {
        const struct reg *r = spec->regs.items[i];
        if (!has_accessors(r))
            continue;
        struct acc_reg *x = &ar.regs[ar.n++];
        const struct feature *feats[256];
        x->r = r;
        x->fn = view_lower(a, r->name.text);
        x->constant = arena_printf(a, "%s_REG_%s", prefix, view_upper(a, r->name.text));
        /* RAZ bits behave as RES0 for a value being checked or sanitized:
         * software writes them as zero. UNKNOWN bits carry no rule. */
        x->none0 = mask_or(r->kind_mask[BITS_RES0], r->kind_mask[BITS_RAZ]).lo;
        x->none1 = r->kind_mask[BITS_RES1].lo;
        x->ngates = reg_gating_features(r, feats, ARRAY_SIZE(feats));
        x->gates = ARENA_ARRAY(a, struct reg_gate, x->ngates ? x->ngates : 1);
        for (size_t k = 0; k < x->ngates; k++) {
            struct reg_gate *g = &x->gates[k];
            g->feature = feats[k]->index;
            g->res0 = reg_feature_mask(r, feats[k], BITS_RES0).lo;
            g->res1 = reg_feature_mask(r, feats[k], BITS_RES1).lo;
            x->none0 |= g->res0;
            x->none1 |= g->res1;
        }
    }
    return ar;
}

/* "reserved_regs": each register's masks without any feature. */
static struct mu_value *reserved_regs_view(struct arena *a, const struct acc_regs *ar)
{
    struct mu_value *list = mu_list(a);
    for (size_t i = 0; i < ar->n; i++) {
        struct mu_value *v = mu_map(a);
        mu_map_str(a, v, "reg_fn", ar->regs[i].fn);
        mu_map_str(a, v, "constant", ar->regs[i].constant);
        mu_map_str(a, v, "sep", i + 1 < ar->n ? "," : "");
        mu_map_strf(a, v, "res0", "0x%016" PRIx64, ar->regs[i].none0);
        mu_map_strf(a, v, "res1", "0x%016" PRIx64, ar->regs[i].none1);
        mu_list_push(a, list, v);
    }
    return list;
}

/* ---- features ---------------------------------------------------------- */

/*
 * Adding a feature marks it, clears the bits of the fields it gates itself,
 * and queues what it requires directly: the generated code walks the rest
 * at run time, so that it is as long as the spec, whatever its chains of
 * requirements (a table of each feature's whole closure would grow with
 * their square).
 */
static struct mu_value *features_view(struct arena *a, struct spec *spec, const char *prefix,
                                      const struct acc_regs *ar)
{
    size_t n = spec->features.len;
    /* what each feature gates itself, per register, in register order */
    struct mu_value **implies = ARENA_ARRAY(a, struct mu_value *, n ? n : 1);
    for (size_t i = 0; i < n; i++)
        implies[i] = mu_list(a);
    for (size_t i = 0; i < ar->n; i++) {
        for (size_t k = 0; k < ar->regs[i].ngates; k++) {
            const struct reg_gate *g = &ar->regs[i].gates[k];
            struct mu_value *v = mu_map(a);
            mu_map_str(a, v, "constant", ar->regs[i].constant);
            mu_map_strf(a, v, "res0", "0x%016" PRIx64, g->res0);
            mu_map_strf(a, v, "res1", "0x%016" PRIx64, g->res1);
            mu_map_bool(a, v, "has_res0", g->res0 != 0);
            mu_map_bool(a, v, "has_res1", g->res1 != 0);
            mu_list_push(a, implies[g->feature], v);
        }
    }
    struct mu_value *list = mu_list(a);
    for (size_t i = 0; i < n; i++) {
        struct feature *f = spec->features.items[i];
        struct mu_value *v = mu_map(a);
        mu_map_str(a, v, "name", f->name.text);
        mu_map_strf(a, v, "constant", "%s_%s", prefix, f->name.text);
        mu_map_strf(a, v, "index", "%u", f->number);
        mu_map_strf(a, v, "word", "%u", f->number / 64);
        mu_map_strf(a, v, "bit", "%u", f->number % 64);
        mu_map_str(a, v, "doc", f->doc ? c_comment_text(a, f->doc) : "");
        struct mu_value *direct = mu_list(a);
        struct buf req = {0};
        for (size_t k = 0; k < f->nrequires; k++) {
            const struct feature *r = f->requires_decl[k];
            if (!r)
                continue;
            struct mu_value *d = mu_map(a);
            mu_map_strf(a, d, "constant", "%s_%s", prefix, r->name.text);
            mu_list_push(a, direct, d);
            buf_printf(&req, "%s%s", req.len ? ", " : "", r->name.text);
        }
        mu_map_str(a, v, "sep", i + 1 < n ? "," : "");
        mu_map_set(a, v, "direct", direct);
        mu_map_set(a, v, "implies", implies[f->index]);
        mu_map_bool(a, v, "has_effect", direct->n || implies[f->index]->n);
        mu_map_str(a, v, "requires", req.len ? arena_strdup(a, req.data) : "");
        buf_free(&req);
        mu_list_push(a, list, v);
    }
    return list;
}

/* ---- registers ---------------------------------------------------------- */

static const char *hex(struct arena *a, struct mask128 m)
{
    return arena_printf(a, "0x%016" PRIx64, m.lo);
}

/* One item of the lazy "registers" list: fields and enums. */
static struct mu_value *register_item(void *ctx, size_t i, struct arena *a)
{
    const struct acc_regs *ar = ctx;
    const struct reg *r = ar->regs[i].r;
    struct mu_value *v = mu_map(a);
    mu_map_str(a, v, "name", r->name.text);
    mu_map_str(a, v, "reg_fn", ar->regs[i].fn);
    mu_map_str(a, v, "constant", ar->regs[i].constant);
    mu_map_strf(a, v, "width", "%u", r->width);
    /* 8, 16 and 32-bit registers are values of that width; accessors take
     * and return the narrowest unsigned type that holds them */
    mu_map_str(a, v, "ctype", c_base_type(reg_storage_type(r)));
    mu_map_str(a, v, "reg_doc", r->doc ? c_comment_text(a, r->doc) : "");

    struct mu_value *fields = mu_list(a);
    for (size_t k = 0; k < r->nfields; k++) {
        const struct field *f = r->fields[k];
        if (f->kind != BITS_FIELD)
            continue;
        struct mu_value *fv = mu_map(a);
        unsigned width = f->msb - f->lsb + 1;
        uint64_t max = width >= 64 ? UINT64_MAX : (1ull << width) - 1;
        mu_map_str(a, fv, "field", f->name.text);
        mu_map_str(a, fv, "field_fn", view_lower(a, f->name.text));
        mu_map_strf(a, fv, "shift", "%u", f->lsb);
        mu_map_strf(a, fv, "width", "%u", width);
        mu_map_strf(a, fv, "max", "0x%" PRIx64, max);
        /* A field as wide as the accessor's type takes any value, and a
         * range check would only draw -Wtype-limits. */
        unsigned storage = r->width <= 8 ? 8 : r->width <= 16 ? 16 : r->width <= 32 ? 32 : 64;
        mu_map_bool(a, fv, "limited", width < storage);
        mu_map_str(a, fv, "mask", hex(a, mask_range(f->msb, f->lsb)));
        mu_map_str(a, fv, "field_doc", f->doc ? c_comment_text(a, f->doc) : "");
        struct mu_value *enums = mu_list(a);
        for (size_t e = 0; e < f->nenums; e++) {
            struct mu_value *ev = mu_map(a);
            mu_map_str(a, ev, "enum_name", f->enums[e]->name.text);
            mu_map_str(a, ev, "enum_fn", view_lower(a, f->enums[e]->name.text));
            mu_map_strf(a, ev, "value", "0x%" PRIx64, f->enums[e]->value);
            mu_list_push(a, enums, ev);
        }
        mu_map_set(a, fv, "enums", enums);
        mu_list_push(a, fields, fv);
    }
    mu_map_set(a, v, "fields", fields);
    return v;
}

/* ---- structs -------------------------------------------------------- */

/* "user_regs.cpsr" -> "user_regs_cpsr", for function names */
static const char *ident_path(struct arena *a, const char *path)
{
    char *s = arena_strdup(a, path);
    for (char *p = s; *p; p++)
        if (*p == '.' || *p == '[' || *p == ']')
            *p = '_';
    return s;
}

struct check_walk {
    struct arena *a;
    struct spec *spec;
    struct mu_value *checks, *slots;
    struct mu_value *version_checks; /* members callers of older versions must zero */
    const struct aggregate *top;
    unsigned max_loops;       /* the deepest loop nest of any check */
};

/*
 * Where the walk is: the C expression of the member (s->trap_ctxt[ix[0]]),
 * the path a failure reports, with '#' for each index (trap_ctxt[#]), and
 * the loops over array elements that enclose it.
 */
struct walk_at {
    const char *expr;
    const char *path;
    struct mu_value *loops;   /* list of {index, count} */
    unsigned nloops;
};

static const char *abis_condition(struct arena *a, const struct spec *spec, uint64_t abis,
                                  uint64_t within)
{
    if ((abis & within) == within)
        return "";
    struct buf b = {0};
    for (size_t k = 0; k < spec->arch->nabis; k++)
        if (abis & (1ull << k))
            buf_printf(&b, "%s%s", b.len ? " || " : "", spec->arch->abis[k]->predicate);
    const char *c = arena_strdup(a, b.data ? b.data : "0");
    buf_free(&b);
    return c;
}

/* The member m at `at`, with a loop over each dimension of an array. */
static struct walk_at walk_into(struct arena *a, const struct walk_at *at, const struct member *m)
{
    struct walk_at in = {arena_printf(a, "%s%s", at->expr, m->name.text),
                         arena_printf(a, "%s%s", at->path, m->name.text), at->loops, at->nloops};
    if (!m->ndims)
        return in;
    in.loops = mu_list(a);
    for (size_t k = 0; k < at->loops->n; k++)
        mu_list_push(a, in.loops, at->loops->items[k]);
    for (size_t d = 0; d < m->ndims; d++) {
        struct mu_value *l = mu_map(a);
        mu_map_strf(a, l, "index", "%u", in.nloops);
        mu_map_strf(a, l, "count", "%" PRIu64, m->dims[d]);
        mu_list_push(a, in.loops, l);
        in.expr = arena_printf(a, "%s[ix[%u]]", in.expr, in.nloops);
        in.path = arena_printf(a, "%s[#]", in.path);
        in.nloops++;
    }
    return in;
}

/* One check of the struct's check function: what to test, and where. */
static struct mu_value *check_item_in(struct check_walk *w, struct mu_value *list, const struct walk_at *at,
                                      const char *cond)
{
    struct arena *a = w->a;
    struct mu_value *x = mu_map(a);
    mu_map_str(a, x, "path", at->path);
    mu_map_str(a, x, "expr", at->expr);
    mu_map_str(a, x, "condition", cond);
    mu_map_bool(a, x, "has_loops", at->nloops > 0);
    mu_map_set(a, x, "loops", at->loops);
    mu_map_bool(a, x, "is_register", false);
    mu_map_bool(a, x, "is_select", false);
    mu_map_bool(a, x, "is_zero", false);
    mu_map_str(a, x, "reserved_until", "");
    if (at->nloops > w->max_loops)
        w->max_loops = at->nloops;
    mu_list_push(a, list, x);
    return x;
}

static struct mu_value *check_item(struct check_walk *w, const struct walk_at *at, const char *cond)
{
    return check_item_in(w, w->checks, at, cond);
}

static bool reg_accessible(const struct reg *r)
{
    return r && has_accessors(r);
}

/* A member whose register is chosen by its value is checked against the
 * register its selector bits name; a selector value that names none is
 * itself wrong, and the selector bits are reported. */
static bool select_check(struct check_walk *w, const struct walk_at *at, const char *cond,
                         const struct reg_select *sel)
{
    struct arena *a = w->a;
    for (size_t i = 0; i < sel->nalts; i++)
        if (!reg_accessible(sel->alts[i]->reg_decl))
            return false;
    unsigned width = sel->msb - sel->lsb + 1;
    struct mu_value *alts = mu_list(a);
    for (size_t i = 0; i < sel->nalts; i++) {
        struct mu_value *v = mu_map(a);
        mu_map_strf(a, v, "value", "0x%" PRIx64, sel->alts[i]->value);
        mu_map_str(a, v, "reg", sel->alts[i]->reg_decl->name.text);
        mu_map_str(a, v, "reg_fn", view_lower(a, sel->alts[i]->reg_decl->name.text));
        mu_list_push(a, alts, v);
    }
    struct mu_value *x = check_item(w, at, cond);
    mu_map_bool(a, x, "is_select", true);
    mu_map_strf(a, x, "shift", "%u", sel->lsb);
    mu_map_strf(a, x, "max", "0x%" PRIx64, width >= 64 ? UINT64_MAX : (uint64_t)((1ull << width) - 1));
    mu_map_str(a, x, "mask", hex(a, mask_range(sel->msb, sel->lsb)));
    mu_map_set(a, x, "alternatives", alts);
    return true;
}

/* A member narrower than its register gets a getter and a setter that
 * convert between the slot and the whole register value. */
static void slot_item(struct check_walk *w, const struct member *m, uint64_t mabis, const char *full,
                      const char *cond)
{
    struct arena *a = w->a;
    struct mu_value *s = mu_map(a);
    mu_map_str(a, s, "struct_fn", w->top->name.text);
    mu_map_str(a, s, "member_fn", ident_path(a, full));
    mu_map_str(a, s, "path", full);
    mu_map_str(a, s, "condition", cond);
    mu_map_str(a, s, "slot_ctype", c_type_of(a, &m->type));
    uint64_t bytes = 8;
    for (unsigned k = 0; k < w->spec->arch->nabis; k++) {
        uint64_t sz;
        uint32_t al;
        if ((mabis >> k) & 1 && layout_type(w->spec, k, &m->type, &sz, &al) && sz < bytes)
            bytes = sz;
    }
    mu_map_strf(a, s, "slot_bits", "%" PRIu64, bytes * 8);
    mu_map_strf(a, s, "slot_max", "0x%" PRIx64, bytes >= 8 ? UINT64_MAX : (uint64_t)((1ull << (bytes * 8)) - 1));
    mu_map_str(a, s, "reg", view_member_registers(a, m));
    mu_list_push(a, w->slots, s);
}

/*
 * Registers held in members, padding, and narrow slots, found through
 * nested structs held by value (user_regs.cpsr) and through arrays of them
 * (trap_ctxt[#]._pad0), in member order. A nested type with a layout per
 * ABI is walked once per ABI, under that ABI's condition.
 */
static void walk_members(struct check_walk *w, const struct aggregate *agg, const struct walk_at *at,
                         uint64_t abis, unsigned depth)
{
    struct arena *a = w->a;
    uint64_t top = w->top->cond.abi_mask & spec_all_abis(w->spec);
    /* recursive-type bounds structs held by value, the scanner inline ones */
    if (depth > REGC_MAX_VALUE_NESTING + REGC_MAX_NESTING)
        return;
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        uint64_t mabis = abis & m->cond.abi_mask;
        if (!mabis)
            continue;
        if (m->kind == MEMBER_AGG && m->type.inline_agg) {
            struct walk_at in = *at;
            if (m->name.text) {
                in = walk_into(a, at, m);
                in.expr = arena_printf(a, "%s.", in.expr);
                in.path = arena_printf(a, "%s.", in.path);
            }
            walk_members(w, m->type.inline_agg, &in, mabis, depth + 1);
            continue;
        }
        if (!m->name.text)
            continue;
        const char *cond = abis_condition(a, w->spec, mabis, top);
        /* Xen's rule for input is that padding must be 0; a zero-length
         * pad has no bytes to check. */
        bool pad = m->kind == MEMBER_RESERVED || m->kind == MEMBER_PAD;
        if (pad && m->ndims && m->dims[0] == 0)
            continue;
        struct walk_at in = walk_into(a, at, m);
        if (m->type.kind == TR_NAME && m->type.cls == TC_AGG && !pad) {
            in.expr = arena_printf(a, "%s.", in.expr);
            in.path = arena_printf(a, "%s.", in.path);
            for (const struct aggregate *v = m->type.agg; v; v = v->next_variant) {
                uint64_t vabis = mabis & v->cond.abi_mask;
                if (vabis)
                    walk_members(w, v, &in, vabis, depth + 1);
            }
            continue;
        }
        /* `was reserved until V`: callers that ask for a version below V
         * had to zero it, and still must */
        if (m->was_reserved && m->has_reserved_until && !pad) {
            struct mu_value *x = check_item_in(w, w->version_checks, &in, cond);
            mu_map_bool(a, x, "is_zero", true);
            mu_map_strf(a, x, "reserved_until", "0x%" PRIx64, m->reserved_until);
        }
        if (pad) {
            /* padding guests do not name exists for the tools only */
            if (member_is_view_padding(m))
                cond = c_and_conditions(a, cond, c_view_condition(VIEW_TOOLS));
            mu_map_bool(a, check_item(w, &in, cond), "is_zero", true);
            continue;
        }
        if (m->select) {
            if (!select_check(w, &in, cond, m->select))
                continue;
        } else if (reg_accessible(m->reg_decl)) {
            struct mu_value *x = check_item(w, &in, cond);
            mu_map_bool(a, x, "is_register", true);
            mu_map_str(a, x, "reg_fn", view_lower(a, m->reg_decl->name.text));
        } else {
            continue;
        }
        /* a slot inside an array has no getter of its own */
        if (m->truncate && !in.nloops)
            slot_item(w, m, mabis, in.path, cond);
    }
}

static struct mu_value *structs_view(struct arena *a, struct spec *spec, bool *any_version_checks)
{
    struct mu_value *list = mu_list(a);
    for (size_t i = 0; i < spec->aggs.len; i++) {
        const struct aggregate *agg = spec->aggs.items[i];
        if (agg->failed || agg->old_of.text)
            continue;
        struct check_walk w = {a, spec, mu_list(a), mu_list(a), mu_list(a), agg, 0};
        struct walk_at at = {"s->", "", mu_list(a), 0};
        walk_members(&w, agg, &at, agg->cond.abi_mask, 0);
        if (!w.checks->n && !w.slots->n && !w.version_checks->n)
            continue;
        struct mu_value *v = mu_map(a);
        const char *kind = agg->kind == AGG_STRUCT ? "struct" : "union";
        mu_map_str(a, v, "struct_name", agg->name.text);
        mu_map_strf(a, v, "struct_ctype", "%s %s", kind, agg->name.text);
        const char *vcond = c_visibility_condition(a, &agg->vis);
        mu_map_str(a, v, "condition", vcond ? vcond : "");
        mu_map_str(a, v, "abi_condition",
                   abis_condition(a, spec, agg->cond.abi_mask, spec_all_abis(spec)));
        mu_map_set(a, v, "checks", w.checks);
        mu_map_set(a, v, "version_checks", w.version_checks);
        mu_map_bool(a, v, "has_version_checks", w.version_checks->n > 0);
        *any_version_checks |= w.version_checks->n > 0;
        mu_map_bool(a, v, "has_loops", w.max_loops > 0);
        mu_map_strf(a, v, "loop_depth", "%u", w.max_loops);
        mu_map_set(a, v, "slots", w.slots);
        mu_list_push(a, list, v);
    }
    return list;
}

/* ---- the whole view ------------------------------------------------------ */

void view_accessors(struct arena *a, struct mu_value *root, struct spec *spec)
{
    const char *prefix = view_upper(a, spec->arch->name.text);
    mu_map_str(a, root, "prefix", prefix);
    mu_map_str(a, root, "fprefix", view_lower(a, spec->arch->name.text));
    mu_map_strf(a, root, "feature_words", "%u", feature_words(spec));
    mu_map_strf(a, root, "feature_count", "%u", feature_span(spec));
    struct acc_regs *ar = ARENA_NEW(a, struct acc_regs);
    *ar = accessor_registers(a, spec, prefix);
    mu_map_set(a, root, "features", features_view(a, spec, prefix, ar));
    mu_map_bool(a, root, "has_features", spec->features.len > 0);
    mu_map_set(a, root, "reserved_regs", reserved_regs_view(a, ar));
    mu_map_bool(a, root, "has_registers", ar->n > 0);
    mu_map_strf(a, root, "register_count", "%zu", ar->n);
    mu_map_set(a, root, "registers", mu_lazy_list(a, ar->n, register_item, ar));
    /* Accessors work on 64-bit values: registers wider than that are left
     * out, and said so in the header. */
    struct mu_value *wide = mu_list(a);
    for (size_t i = 0; i < spec->regs.len; i++) {
        const struct reg *r = spec->regs.items[i];
        if (r->width > 64) {
            struct mu_value *w = mu_map(a);
            mu_map_str(a, w, "name", r->name.text);
            mu_list_push(a, wide, w);
        }
    }
    mu_map_bool(a, root, "has_wide", wide->n > 0);
    mu_map_set(a, root, "wide", wide);
    bool any_version_checks = false;
    mu_map_set(a, root, "structs", spec->arch->header ? structs_view(a, spec, &any_version_checks) : mu_list(a));
    mu_map_bool(a, root, "any_version_checks", any_version_checks);
    mu_map_bool(a, root, "has_header", spec->arch->header != NULL);
    mu_map_str(a, root, "header", spec->arch->header ? spec->arch->header : "");
}
