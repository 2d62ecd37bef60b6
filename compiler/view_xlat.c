/* SPDX-License-Identifier: MIT */
/*
 * The view of the translation header. Compat structs are spelt with types
 * whose size and alignment are the compat ABI's whatever the compiler
 * (regc_compat_u64_t is 4-aligned for x86_32), so that a 64-bit
 * hypervisor sees the 32-bit layout. Translation functions are the plans
 * of xlat.c, step by step; the range test of a narrowing is the one piece
 * of C spelt here, because it depends on both types.
 */
#include "view_xlat.h"

#include <inttypes.h>
#include <string.h>

#include "checks.h"
#include "cnames.h"
#include "layout.h"
#include "view.h"
#include "view_header.h"
#include "xlat.h"

struct xv {
    struct arena *a;
    struct spec *spec;
    bool compat;          /* spelling compat types */
    unsigned abi;         /* the ABI whose declarations are spelt */
    struct mu_value *handles; /* handle targets the compat structs use */
};


static void note_handle(struct xv *v, const char *name, bool is64)
{
    for (size_t i = 0; i < v->handles->n; i++) {
        struct mu_value *h = v->handles->items[i];
        const struct mu_value *n = mu_map_get(h, "name", 4);
        const struct mu_value *w = mu_map_get(h, "is64", 4);
        if (strcmp(n->str, name) == 0 && w->b == is64)
            return;
    }
    struct mu_value *h = mu_map(v->a);
    mu_map_str(v->a, h, "name", name);
    mu_map_bool(v->a, h, "is64", is64);
    mu_list_push(v->a, v->handles, h);
}

/* The C type of a member as the compat layout spells it. */
static const char *compat_type(struct xv *v, const struct type_ref *t)
{
    for (unsigned depth = 0; depth < 16; depth++) {
        switch (t->kind) {
        case TR_HANDLE:
        case TR_HANDLE64:
            note_handle(v, t->name.text, t->kind == TR_HANDLE64);
            return arena_printf(v->a, "%s(%s)", t->kind == TR_HANDLE64 ? "COMPAT_HANDLE_64" : "COMPAT_HANDLE",
                                t->name.text);
        case TR_INLINE:
            return t->inline_agg->kind == AGG_STRUCT ? "struct" : "union";
        case TR_NAME:
            break;
        }
        switch (t->cls) {
        case TC_BASE:
            switch (t->base) {
            case BT_U64: return "regc_compat_u64_t";
            case BT_S64: return "regc_compat_s64_t";
            case BT_ULONG: return "regc_compat_ulong_t";
            default: return c_base_type(t->base);
            }
        case TC_AGG:
            return arena_printf(v->a, "%s compat_%s", t->agg->kind == AGG_STRUCT ? "struct" : "union",
                                t->agg->name.text);
        case TC_TYPEDEF: {
            struct typedef_decl *td = typedef_variant_for_abi(t->td, v->abi);
            if (!td)
                return t->name.text;
            t = &td->type;
            break;
        }
        default:
            return t->name.text;
        }
    }
    return t->name.text;
}

static struct mu_value *members_view(struct xv *v, const struct aggregate *agg, unsigned depth);

static struct mu_value *member_view(struct xv *v, const struct member *m, unsigned depth)
{
    struct arena *a = v->a;
    struct mu_value *x = mu_map(a);
    bool nested = m->kind == MEMBER_AGG && m->type.inline_agg;
    mu_map_str(a, x, "indent", view_indent(a, depth));
    mu_map_str(a, x, "name", m->name.text ? m->name.text : "");
    mu_map_str(a, x, "dims", view_dims(a, m));
    mu_map_str(a, x, "ctype", v->compat ? compat_type(v, &m->type) : c_type_of(a, &m->type));
    mu_map_bool(a, x, "is_nested", nested);
    mu_map_bool(a, x, "anonymous", nested && !m->name.text);
    mu_map_set(a, x, "members", nested ? members_view(v, m->type.inline_agg, depth + 1) : mu_list(a));
    return x;
}

static struct mu_value *members_view(struct xv *v, const struct aggregate *agg, unsigned depth)
{
    struct mu_value *list = mu_list(v->a);
    for (size_t i = 0; i < agg->nmembers; i++)
        if (member_layout_on(agg->members[i], v->abi))
            mu_list_push(v->a, list, member_view(v, agg->members[i], depth));
    return list;
}

/* ---- translation functions ---------------------------------------------- */

static const char *narrow_test(struct arena *a, const struct xlat_step *s)
{
    const char *t = "";
    if (s->check_negative)
        t = arena_printf(a, "%s < 0", s->src);
    if (s->check_min)
        t = arena_printf(a, "%s%s(int64_t)%s < -INT64_C(%" PRId64 ") - 1", t, *t ? " || " : "", s->src,
                         -(s->min + 1));
    if (s->check_max && s->check_min)
        t = arena_printf(a, "%s%s(int64_t)%s > INT64_C(0x%" PRIx64 ")", t, *t ? " || " : "", s->src, s->max);
    else if (s->check_max)
        t = arena_printf(a, "%s%s(uint64_t)%s > UINT64_C(0x%" PRIx64 ")", t, *t ? " || " : "", s->src,
                         s->max);
    return t;
}

/* The fast form of a function ORs every unsigned value that must stay
 * under one maximum into one accumulator, and every value that must be
 * zero into another, and tests each once at the end: a load, an OR and a
 * store per member, as an unchecked copy has a load and a store. Only
 * when a test fails does it run the report form, which checks member by
 * member to name the culprit. */
struct accs {
    uint64_t max[16];
    unsigned n;
    bool zero;
};

static int acc_for(struct accs *acc, uint64_t max)
{
    for (unsigned i = 0; i < acc->n; i++)
        if (acc->max[i] == max)
            return (int)i;
    if (acc->n == 16)
        return -1;
    acc->max[acc->n] = max;
    return (int)acc->n++;
}

static struct mu_value *steps_view(struct arena *a, const struct xlat_plan *p, struct accs *acc)
{
    struct mu_value *list = mu_list(a);
    enum xlat_step_kind open[64];
    unsigned nopen = 0;
    for (size_t i = 0; i < p->steps.len; i++) {
        const struct xlat_step *s = p->steps.items[i];
        struct mu_value *x = mu_map(a);
        mu_map_str(a, x, "indent", view_indent(a, s->depth));
        mu_map_str(a, x, "dst", s->dst ? s->dst : "");
        mu_map_str(a, x, "src", s->src ? s->src : "");
        mu_map_str(a, x, "member", s->member ? s->member : "");
        int k = -1;
        if (acc && s->kind == XS_NARROW && s->check_max && !s->check_min && !s->check_negative)
            k = acc_for(acc, s->max);
        bool zero_acc = acc && s->kind == XS_ZERO_CHECK && s->scalar;
        if (zero_acc)
            acc->zero = true;
        mu_map_bool(a, x, "is_copy", s->kind == XS_COPY);
        mu_map_bool(a, x, "is_narrow", s->kind == XS_NARROW && k < 0);
        mu_map_bool(a, x, "is_acc", k >= 0);
        mu_map_strf(a, x, "acc", "acc%d", k);
        mu_map_bool(a, x, "is_zero_acc", zero_acc);
        mu_map_str(a, x, "test", s->kind == XS_NARROW ? narrow_test(a, s) : "");
        mu_map_bool(a, x, "is_bytes", s->kind == XS_BYTES);
        mu_map_bool(a, x, "is_zero_check", s->kind == XS_ZERO_CHECK && !zero_acc);
        mu_map_bool(a, x, "is_tail", s->kind == XS_ZERO_CHECK && strcmp(s->zero_from, "0") != 0);
        mu_map_bool(a, x, "is_scalar", s->kind == XS_ZERO_CHECK && s->scalar);
        mu_map_bool(a, x, "is_zero_dst", s->kind == XS_ZERO_DST);
        mu_map_bool(a, x, "tools_only", s->tools_only);
        mu_map_str(a, x, "from", s->zero_from ? s->zero_from : "");
        mu_map_bool(a, x, "is_loop", s->kind == XS_LOOP);
        mu_map_str(a, x, "index", s->index ? s->index : "");
        mu_map_strf(a, x, "count", "%" PRIu64, s->count);
        mu_map_bool(a, x, "is_switch", s->kind == XS_SWITCH);
        mu_map_bool(a, x, "is_case", s->kind == XS_CASE);
        mu_map_strf(a, x, "value", "%" PRIu64, s->value);
        mu_map_bool(a, x, "is_handle", s->kind == XS_HANDLE);
        mu_map_str(a, x, "handle", s->handle ? s->handle : "");
        mu_map_bool(a, x, "handle64", s->handle64);
        bool end = s->kind == XS_END;
        enum xlat_step_kind closes = end && nopen ? open[--nopen] : XS_END;
        mu_map_bool(a, x, "is_end_loop", end && closes == XS_LOOP);
        mu_map_bool(a, x, "is_end_case", end && closes == XS_CASE);
        mu_map_bool(a, x, "is_end_switch", end && closes == XS_SWITCH);
        if ((s->kind == XS_LOOP || s->kind == XS_SWITCH || s->kind == XS_CASE) && nopen < 64)
            open[nopen++] = s->kind;
        mu_list_push(a, list, x);
    }
    return list;
}

static struct mu_value *function_view(struct arena *a, const char *name, const char *dst_type,
                                      const char *src_type, const char *condition, const struct xlat_plan *p,
                                      const char *dir)
{
    struct mu_value *f = mu_map(a);
    mu_map_str(a, f, "name", name);
    mu_map_str(a, f, "dst_type", dst_type);
    mu_map_str(a, f, "src_type", src_type);
    mu_map_str(a, f, "condition", condition ? condition : "");
    mu_map_str(a, f, "dir", dir);
    struct mu_value *idx = mu_list(a);
    for (unsigned i = 0; i < p->loops; i++) {
        struct mu_value *x = mu_map(a);
        mu_map_strf(a, x, "index", "i%u", i);
        mu_map_bool(a, x, "last", i + 1 == p->loops);
        mu_list_push(a, idx, x);
    }
    mu_map_set(a, f, "indexes", idx);
    mu_map_bool(a, f, "has_indexes", p->loops > 0);
    mu_map_bool(a, f, "clear", p->clear);
    mu_map_set(a, f, "report_steps", steps_view(a, p, NULL));
    struct accs acc = {{0}, 0, false};
    mu_map_set(a, f, "steps", steps_view(a, p, &acc));
    struct mu_value *list = mu_list(a);
    for (unsigned i = 0; i < acc.n; i++) {
        struct mu_value *x = mu_map(a);
        mu_map_strf(a, x, "acc", "acc%u", i);
        mu_map_strf(a, x, "max", "0x%" PRIx64, acc.max[i]);
        mu_map_bool(a, x, "last", i + 1 == acc.n && !acc.zero);
        mu_list_push(a, list, x);
    }
    mu_map_set(a, f, "accs", list);
    mu_map_bool(a, f, "zero_acc", acc.zero);
    mu_map_bool(a, f, "has_accs", acc.n > 0 || acc.zero);
    return f;
}

/* ---- the compat part ---------------------------------------------------- */

static struct mu_value *check_list(struct xv *v, const struct aggregate *n, const char *path,
                                   struct mu_value *list)
{
    for (size_t i = 0; i < n->nmembers; i++) {
        const struct member *m = n->members[i];
        if (!member_layout_on(m, v->abi))
            continue;
        if (m->kind == MEMBER_AGG && m->type.inline_agg) {
            check_list(v, m->type.inline_agg, m->name.text ? arena_printf(v->a, "%s%s.", path, m->name.text) : path,
                       list);
            continue;
        }
        if (m->kind == MEMBER_PAD && m->ndims == 1 && m->dims[0] == 0)
            continue;
        struct mu_value *x = mu_map(v->a);
        const char *p = arena_printf(v->a, "%s%s", path, m->name.text);
        char *id = arena_strdup(v->a, p);
        for (char *c = id; *c; c++)
            if (*c == '.')
                *c = '_';
        mu_map_str(v->a, x, "path", p);
        mu_map_str(v->a, x, "id", id);
        mu_list_push(v->a, list, x);
    }
    return list;
}

static void compat_view(struct xv *v, struct mu_value *root)
{
    struct arena *a = v->a;
    struct spec *spec = v->spec;
    const struct arch *arch = spec->arch;
    unsigned c = (unsigned)arch->compat, n = (unsigned)arch->native;
    struct mu_value *structs = mu_list(a), *fns = mu_list(a);
    const char *native_pred = arch->abis[n]->predicate;
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *agg = spec->aggs.items[i];
        if (!xlat_has_compat(spec, agg))
            continue;
        struct aggregate *cv = agg_variant_for_abi(agg, c), *nv = agg_variant_for_abi(agg, n);
        v->compat = true;
        v->abi = c;
        struct mu_value *s = mu_map(a);
        const char *kind = agg->kind == AGG_STRUCT ? "struct" : "union";
        mu_map_str(a, s, "kind", kind);
        mu_map_str(a, s, "name", agg->name.text);
        mu_map_str(a, s, "doc", agg->doc ? c_comment_text(a, agg->doc) : "");
        mu_map_set(a, s, "members", members_view(v, cv, 1));
        bool same = xlat_same_layout(spec, cv, c, nv, n);
        mu_map_bool(a, s, "identical", same);
        v->abi = n;
        mu_map_set(a, s, "checks", same ? check_list(v, nv, "", mu_list(a)) : mu_list(a));
        mu_list_push(a, structs, s);

        struct xlat_plan p;
        xlat_plan_init(&p, a, spec, c, n, true);
        xlat_plan_build(&p, cv, nv);
        const char *ct = arena_printf(a, "%s compat_%s", kind, agg->name.text);
        const char *nt = arena_printf(a, "%s %s", kind, agg->name.text);
        mu_list_push(a, fns, function_view(a, arena_printf(a, "xlat_%s_to_compat", agg->name.text), ct, nt,
                                           native_pred, &p, "to_compat"));
        struct xlat_plan q;
        xlat_plan_init(&q, a, spec, n, c, true);
        xlat_plan_build(&q, nv, cv);
        mu_list_push(a, fns, function_view(a, arena_printf(a, "xlat_%s_from_compat", agg->name.text), nt, ct,
                                           native_pred, &q, "from_compat"));
    }
    mu_map_set(a, root, "compat_structs", structs);
    mu_map_set(a, root, "compat_functions", fns);
    mu_map_str(a, root, "native_predicate", native_pred);
    mu_map_str(a, root, "compat_abi", arch->abis[c]->name.text);
    mu_map_str(a, root, "native_abi", arch->abis[n]->name.text);
    /* the compat ABI's facts, as typedefs whose alignment is pinned */
    struct type_ref u64 = {0}, ulong = {0};
    u64.cls = TC_BASE;
    u64.base = BT_U64;
    ulong.cls = TC_BASE;
    ulong.base = BT_ULONG;
    uint64_t size;
    uint32_t align = 8, ulong_align = 4;
    uint64_t ulong_size = 4;
    layout_type(spec, c, &u64, &size, &align);
    layout_type(spec, c, &ulong, &ulong_size, &ulong_align);
    mu_map_strf(a, root, "u64_align", "%" PRIu32, align);
    mu_map_str(a, root, "ulong_ctype", ulong_size == 8 ? "uint64_t" : ulong_size == 4 ? "uint32_t" : "uint16_t");
    mu_map_strf(a, root, "ulong_align", "%" PRIu32, ulong_align);
}

/* ---- old layouts ---------------------------------------------------------- */

static void old_view(struct xv *v, struct mu_value *root)
{
    struct arena *a = v->a;
    struct spec *spec = v->spec;
    struct mu_value *structs = mu_list(a), *fns = mu_list(a);
    for (size_t i = 0; i < spec->aggs.len; i++) {
        struct aggregate *old = spec->aggs.items[i];
        if (!old->old_target || old->failed || old->old_target->failed)
            continue;
        /* One layout is enough to spell the struct; Arm's is the same on
         * both ABIs. Arches whose old layouts differ per ABI get the
         * first ABI's members, which xlat plans per ABI anyway. */
        unsigned abi0 = 0;
        while (abi0 < spec->arch->nabis && !(old->cond.abi_mask & (1ull << abi0)))
            abi0++;
        if (abi0 == spec->arch->nabis)
            continue;
        v->compat = false;
        v->abi = abi0;
        const char *kind = old->kind == AGG_STRUCT ? "struct" : "union";
        struct mu_value *s = mu_map(a);
        mu_map_str(a, s, "kind", kind);
        mu_map_str(a, s, "name", old->name.text);
        mu_map_str(a, s, "of", old->old_target->name.text);
        mu_map_strf(a, s, "version", "0x%" PRIx64, old->old_version);
        mu_map_str(a, s, "interface", old->vis.iface.text ? old->vis.iface.text : "");
        mu_map_str(a, s, "doc", old->doc ? c_comment_text(a, old->doc) : "");
        const char *cond = c_visibility_condition(a, &old->vis);
        mu_map_str(a, s, "condition", cond ? cond : "");
        mu_map_set(a, s, "item", view_struct_item(a, spec, old));
        mu_list_push(a, structs, s);

        const char *tag = xlat_version_tag(a, old->old_version);
        const char *cur_t = arena_printf(a, "%s %s", kind, old->old_target->name.text);
        const char *old_t = arena_printf(a, "%s %s", kind, old->name.text);
        struct aggregate *cur = agg_variant_for_abi(old->old_target, abi0);
        struct xlat_plan p;
        xlat_plan_init(&p, a, spec, abi0, abi0, false);
        xlat_plan_build(&p, cur, old);
        mu_list_push(a, fns, function_view(a, arena_printf(a, "xlat_%s_from_%s", old->old_target->name.text, tag),
                                           cur_t, old_t, cond, &p, "from_old"));
        struct xlat_plan q;
        xlat_plan_init(&q, a, spec, abi0, abi0, false);
        xlat_plan_build(&q, old, cur);
        mu_list_push(a, fns, function_view(a, arena_printf(a, "xlat_%s_to_%s", old->old_target->name.text, tag),
                                           old_t, cur_t, cond, &q, "to_old"));
    }
    mu_map_set(a, root, "old_structs", structs);
    mu_map_set(a, root, "old_functions", fns);
    mu_map_bool(a, root, "has_old", structs->n > 0);
}

void view_xlat(struct arena *a, struct mu_value *root, struct spec *spec)
{
    struct xv v = {a, spec, false, 0, mu_list(a)};
    mu_map_str(a, root, "prefix", view_lower(a, spec->arch->name.text));
    mu_map_str(a, root, "PREFIX", view_upper(a, spec->arch->name.text));
    bool compat = spec->arch->compat >= 0 && spec->arch->native >= 0;
    mu_map_bool(a, root, "has_compat", compat);
    if (compat)
        compat_view(&v, root);
    else {
        mu_map_set(a, root, "compat_structs", mu_list(a));
        mu_map_set(a, root, "compat_functions", mu_list(a));
    }
    mu_map_set(a, root, "handles", v.handles);
    old_view(&v, root);
    mu_map_bool(a, root, "has_header", spec->arch->header != NULL);
    mu_map_str(a, root, "header", spec->arch->header ? spec->arch->header : "");
}
