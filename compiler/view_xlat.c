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


static const char *compat_type(struct xv *v, const struct type_ref *t);

/* A handle type the compat structs use, once. Its target, as the compat
 * layout spells it, is what Xen's own compat handles point to. */
static void note_handle(struct xv *v, const struct type_ref *t)
{
    const char *name = t->name.text;
    bool is64 = t->kind == TR_HANDLE64;
    for (size_t i = 0; i < v->handles->n; i++) {
        struct mu_value *h = v->handles->items[i];
        const struct mu_value *n = mu_map_get(h, "name", 4);
        const struct mu_value *w = mu_map_get(h, "is64", 4);
        if (strcmp(n->str, name) == 0 && w->b == is64)
            return;
    }
    struct type_ref target = *t;
    target.kind = TR_NAME;
    struct mu_value *h = mu_map(v->a);
    mu_map_str(v->a, h, "name", name);
    mu_map_bool(v->a, h, "is64", is64);
    mu_map_str(v->a, h, "target", compat_type(v, &target));
    mu_list_push(v->a, v->handles, h);
}

/* The C type of a member as the compat layout spells it, with the
 * compat ABI's variant of each typedef. */
static const char *compat_type(struct xv *v, const struct type_ref *t)
{
    /* typedefs to their end, which recursive-type guarantees there is */
    for (size_t n = 0; n <= v->spec->typedefs.len && t->kind == TR_NAME && t->cls == TC_TYPEDEF; n++) {
        struct typedef_decl *td = typedef_variant_for_abi(t->td, v->abi);
        if (!td)
            break;
        t = &td->type;
    }
    if (t->kind == TR_HANDLE || t->kind == TR_HANDLE64)
        note_handle(v, t);
    return c_compat_type_of(v->a, t);
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
    mu_map_bool(a, x, "extension", nested && (!m->name.text || !agg_names_a_member(m->type.inline_agg, m->cond.abi_mask)));
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

/* Constants are spelt through the header's PREFIX_XLAT_U64() and
 * PREFIX_XLAT_S64(): UINT64_C() and INT64_C() outside Xen, Xen's _AC()
 * inside it, where there is no <stdint.h>. */
static const char *narrow_test(struct arena *a, const struct xlat_step *s, const char *prefix)
{
    const char *t = "";
    if (s->check_negative)
        t = arena_printf(a, "%s < 0", s->src);
    if (s->check_min)
        t = arena_printf(a, "%s%s(int64_t)%s < -%s_XLAT_S64(%" PRId64 ") - 1", t, *t ? " || " : "", s->src,
                         prefix, -(s->min + 1));
    if (s->check_max && s->check_min)
        t = arena_printf(a, "%s%s(int64_t)%s > %s_XLAT_S64(0x%" PRIx64 ")", t, *t ? " || " : "", s->src, prefix,
                         s->max);
    else if (s->check_max)
        t = arena_printf(a, "%s%s(uint64_t)%s > %s_XLAT_U64(0x%" PRIx64 ")", t, *t ? " || " : "", s->src,
                         prefix, s->max);
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

static struct mu_value *case_values(struct arena *a, const struct xlat_step *s)
{
    struct mu_value *list = mu_list(a);
    for (size_t i = 0; s->kind == XS_CASE && i < s->nvalues; i++) {
        struct mu_value *v = mu_map(a);
        mu_map_strf(a, v, "value", s->values[i] < 10 ? "%" PRIu64 : "0x%" PRIx64, s->values[i]);
        mu_map_str(a, v, "name", s->value_names[i] ? s->value_names[i] : "");
        mu_list_push(a, list, v);
    }
    return list;
}

/* Whether a step checks something: what the report form keeps. */
static bool step_checks(const struct xlat_step *s)
{
    return s->kind == XS_NARROW || s->kind == XS_ZERO_CHECK || s->kind == XS_SWITCH;
}

/* Whether the loop that step i opens has a check in it. */
static bool loop_checks(const struct xlat_plan *p, size_t i)
{
    unsigned depth = 0;
    for (size_t j = i + 1; j < p->steps.len; j++) {
        const struct xlat_step *s = p->steps.items[j];
        if (step_checks(s))
            return true;
        if (s->kind == XS_LOOP || s->kind == XS_CASE)
            depth++;
        else if (s->kind == XS_END && depth-- == 0)
            return false;
    }
    return false;
}

/* The steps of the fast form (acc given) or of the report form (acc
 * NULL). The report form only runs once the fast form has found a value
 * that does not fit, and ends by clearing dst: it checks and names, and
 * neither copies nor calls the handle hooks, which the fast form ran. */
static struct mu_value *steps_view(struct arena *a, const struct xlat_plan *p, struct accs *acc,
                                   struct mu_value *indexes)
{
    struct mu_value *list = mu_list(a);
    /* no more can be open than there are steps */
    size_t cap = p->steps.len + 1;
    enum xlat_step_kind *open = ARENA_ARRAY(a, enum xlat_step_kind, cap);
    bool *kept = ARENA_ARRAY(a, bool, cap);
    size_t nopen = 0;
    bool report = acc == NULL;
    for (size_t i = 0; i < p->steps.len; i++) {
        const struct xlat_step *s = p->steps.items[i];
        bool end = s->kind == XS_END;
        bool keep = !report || step_checks(s) || s->kind == XS_CASE || (s->kind == XS_LOOP && loop_checks(p, i));
        enum xlat_step_kind closes = XS_END;
        if (end && nopen) {
            closes = open[--nopen];
            keep = kept[nopen];
        }
        if (s->kind == XS_LOOP || s->kind == XS_SWITCH || s->kind == XS_CASE) {
            kept[nopen] = keep;
            open[nopen++] = s->kind;
        }
        if (!keep)
            continue;
        if (s->kind == XS_LOOP) {
            struct mu_value *x = mu_map(a);
            mu_map_str(a, x, "index", s->index);
            mu_list_push(a, indexes, x);
        }
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
        mu_map_bool(a, x, "assign", !report);
        mu_map_bool(a, x, "is_acc", k >= 0);
        mu_map_strf(a, x, "acc", "acc%d", k);
        mu_map_bool(a, x, "is_zero_acc", zero_acc);
        mu_map_str(a, x, "test", s->kind == XS_NARROW ? narrow_test(a, s, view_upper(a, p->spec->arch->name.text)) : "");
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
        mu_map_set(a, x, "values", case_values(a, s));
        mu_map_bool(a, x, "is_default", s->kind == XS_CASE && s->is_default);
        mu_map_bool(a, x, "is_handle", s->kind == XS_HANDLE);
        mu_map_str(a, x, "handle", s->handle ? s->handle : "");
        mu_map_bool(a, x, "handle64", s->handle64);
        mu_map_bool(a, x, "is_end_loop", end && closes == XS_LOOP);
        mu_map_bool(a, x, "is_end_case", end && closes == XS_CASE);
        mu_map_bool(a, x, "is_end_switch", end && closes == XS_SWITCH);
        mu_map_bool(a, x, "has_default", end && s->has_default);
        mu_list_push(a, list, x);
    }
    return list;
}

/* Where a check reads its value, as a designator in *src: the step's
 * lvalue without "src->", with each loop index at its last element. */
static const char *check_designator(struct arena *a, const struct xlat_step *s, const char *const *index,
                                    const uint64_t *last, size_t nloops)
{
    const char *d = strncmp(s->src, "src->", 5) == 0 ? s->src + 5 : s->src;
    for (size_t i = 0; i < nloops; i++) {
        const char *from = arena_printf(a, "[%s]", index[i]);
        const char *at;
        while ((at = strstr(d, from)) != NULL)
            d = arena_printf(a, "%.*s[%" PRIu64 "]%s", (int)(at - d), d, last[i], at + strlen(from));
    }
    if (s->kind == XS_ZERO_CHECK && strcmp(s->zero_from, "0") != 0)
        d = arena_printf(a, "%s[%s]", d, s->zero_from);
    return d;
}

/* Every member a function checks, outside unions (whose checks depend on
 * the selector): X(MEMBER, DESIGNATOR, VALUE) with the name an error
 * gives, where the value is read in *src, and a value refused there. */
static struct mu_value *checks_view(struct arena *a, const struct xlat_plan *p)
{
    struct mu_value *list = mu_list(a);
    /* no more can be open than there are steps */
    size_t cap = p->steps.len + 1;
    const char **index = ARENA_ARRAY(a, const char *, cap);
    uint64_t *last = ARENA_ARRAY(a, uint64_t, cap);
    enum xlat_step_kind *open = ARENA_ARRAY(a, enum xlat_step_kind, cap);
    size_t nopen = 0, nloops = 0, switches = 0;
    for (size_t i = 0; i < p->steps.len; i++) {
        const struct xlat_step *s = p->steps.items[i];
        if (s->kind == XS_END && nopen) {
            enum xlat_step_kind k = open[--nopen];
            nloops -= k == XS_LOOP;
            switches -= k == XS_SWITCH;
            continue;
        }
        if (s->kind == XS_LOOP) {
            index[nloops] = s->index;
            last[nloops++] = s->count - 1;
        }
        switches += s->kind == XS_SWITCH;
        if (s->kind == XS_LOOP || s->kind == XS_SWITCH || s->kind == XS_CASE)
            open[nopen++] = s->kind;
        if (switches || (s->kind != XS_NARROW && s->kind != XS_ZERO_CHECK))
            continue;
        struct mu_value *x = mu_map(a);
        mu_map_str(a, x, "member", s->member);
        mu_map_str(a, x, "designator", check_designator(a, s, index, last, nloops));
        if (s->kind == XS_ZERO_CHECK)
            mu_map_str(a, x, "value", "1");
        else if (s->check_max)
            mu_map_strf(a, x, "value", "%s_XLAT_U64(0x%" PRIx64 ")", view_upper(a, p->spec->arch->name.text),
                        s->max + 1);
        else
            mu_map_str(a, x, "value", "UINT64_MAX");
        mu_list_push(a, list, x);
    }
    return list;
}

/* The index declarations: "i0, i1" in a list, or none. */
static struct mu_value *index_list(struct arena *a, struct mu_value *indexes)
{
    struct mu_value *v = mu_list(a);
    if (indexes->n) {
        struct buf b = {0};
        for (size_t i = 0; i < indexes->n; i++)
            buf_printf(&b, "%s%s", i ? ", " : "", mu_map_get(indexes->items[i], "index", 5)->str);
        struct mu_value *x = mu_map(a);
        mu_map_str(a, x, "names", arena_strdup(a, b.data));
        mu_list_push(a, v, x);
        buf_free(&b);
    }
    return v;
}

static struct mu_value *function_view(struct arena *a, const char *name, const char *dst_type,
                                      const char *src_type, const char *condition, const struct xlat_plan *p,
                                      const char *dir)
{
    struct mu_value *f = mu_map(a);
    mu_map_str(a, f, "name", name);
    mu_map_str(a, f, "dst_type", dst_type);
    mu_map_str(a, f, "src_type", src_type);
    /* a translation that names aliases exists where they do: in GNU C,
     * and in their view (the hypervisor's union in x86_64's
     * vcpu_guest_context) */
    const char *views = c_view_condition(p->views);
    if (p->uses_aliases)
        views = *views ? arena_printf(a, C_TEST_GNU_C " && %s", views) : C_TEST_GNU_C;
    if (*views)
        condition = c_and_conditions(a, condition, views);
    mu_map_str(a, f, "condition", condition ? condition : "");
    mu_map_str(a, f, "dir", dir);
    /* selector parameters, between src and member */
    struct mu_value *params = mu_list(a);
    for (size_t i = 0; i < p->params.len; i++) {
        const struct xlat_param *q = p->params.items[i];
        struct mu_value *x = mu_map(a);
        mu_map_str(a, x, "ctype", c_base_type(q->type));
        mu_map_str(a, x, "param", q->name);
        mu_list_push(a, params, x);
    }
    mu_map_set(a, f, "params", params);
    mu_map_bool(a, f, "clear", p->clear);
    /* each form declares the loop indexes it uses */
    struct mu_value *indexes = mu_list(a), *report_indexes = mu_list(a);
    mu_map_set(a, f, "report_steps", steps_view(a, p, NULL, report_indexes));
    struct accs acc = {{0}, 0, false};
    mu_map_set(a, f, "steps", steps_view(a, p, &acc, indexes));
    mu_map_set(a, f, "indexes", index_list(a, indexes));
    mu_map_set(a, f, "report_indexes", index_list(a, report_indexes));
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
    mu_map_set(a, f, "checks", checks_view(a, p));
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
                                           NULL, &p, "to_compat"));
        struct xlat_plan q;
        xlat_plan_init(&q, a, spec, n, c, true);
        xlat_plan_build(&q, nv, cv);
        mu_list_push(a, fns, function_view(a, arena_printf(a, "xlat_%s_from_compat", agg->name.text), nt, ct,
                                           NULL, &q, "from_compat"));
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
    mu_map_str(a, root, "ulong_ctype", c_base_type(ulong_size == 8 ? BT_U64 : ulong_size == 4 ? BT_U32 : BT_U16));
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
    mu_map_bool(a, root, "has_handles", v.handles->n > 0);
    old_view(&v, root);
    mu_map_bool(a, root, "has_header", spec->arch->header != NULL);
    mu_map_str(a, root, "header", spec->arch->header ? spec->arch->header : "");
}
