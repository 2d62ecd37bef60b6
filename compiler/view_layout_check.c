/* SPDX-License-Identifier: MIT */
/*
 * The view of the layout check (HEADER-layout.h): per ABI, the size and
 * alignment of every struct and union of the public header and the offset
 * and size of each member and alias, under the preprocessor condition in
 * which the header declares it, each with a name that says which struct,
 * member and property it checks.
 */
#include "view_layout_check.h"

#include "cnames.h"
#include "layout.h"
#include "symtab.h"

#include <inttypes.h>
#include <string.h>

struct assert_ctx {
    struct arena *a;
    struct spec *spec;
    unsigned abi;
    const char *type;      /* "struct vcpu_guest_context" */
    const char *prefix;    /* identifier prefix of this struct's checks */
    struct mu_value *checks;
    struct symtab *used;   /* the check names of this ABI so far */
};

/* "fpu.x" is fpu_x, and "regs[0][0].x" regs_x: the subscripts that
 * reach into an array of structs name nothing. */
static const char *ident_of_path(struct arena *a, const char *path)
{
    char *s = arena_strdup(a, path), *out = s;
    for (const char *p = s; *p; p++) {
        if (*p == '[') {
            while (*p && *p != ']')
                p++;
            if (!*p)
                break;
            continue;
        }
        *out++ = *p == '.' ? '_' : *p;
    }
    *out = '\0';
    return s;
}

/*
 * A check's name says which struct, member and property it is, but
 * spelling paths with '_' is not one-to-one (member `a_b` and member `b`
 * of member `a`; struct `x` and struct `x__y`), and two typedefs of one
 * name are an error before C11. A name already taken on this ABI gets
 * the first free suffix _2, _3, ... in declaration order.
 */
static const char *unique_check_name(struct arena *a, struct symtab *used, const char *name)
{
    const char *n = name;
    for (unsigned k = 2; symtab_get(used, n); k++)
        n = arena_printf(a, "%s_%u", name, k);
    symtab_put(used, n, (void *)n);
    return n;
}

static void add_check(struct assert_ctx *ac, const char *what, const char *path, const char *expr,
                      uint64_t value, const char *condition)
{
    struct arena *a = ac->a;
    struct mu_value *c = mu_map(a);
    mu_map_str(a, c, "name",
               unique_check_name(a, ac->used, arena_printf(a, "%s__%s_%s", ac->prefix, ident_of_path(a, path), what)));
    mu_map_str(a, c, "expr", expr);
    mu_map_strf(a, c, "value", "%" PRIu64, value);
    mu_map_str(a, c, "condition", condition);
    mu_list_push(a, ac->checks, c);
}

/* base: where agg starts in the outer struct, since offsetof() measures
 * a nested member from there. */
static void assert_members(struct assert_ctx *ac, const struct aggregate *agg, const char *prefix,
                           uint64_t base, const char *condition)
{
    struct arena *a = ac->a;
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        const struct member_layout *ml = member_layout_on(m, ac->abi);
        if (!ml)
            continue;
        bool empty_pad = m->kind == MEMBER_PAD && m->ndims == 1 && m->dims[0] == 0;
        const char *cond = empty_pad ? c_and_conditions(a, condition, C_TEST_GNU_C_NOT_CXX)
                                     : condition;
        if (member_is_view_padding(m))
            cond = c_and_conditions(a, cond, c_view_condition(VIEW_TOOLS));
        if (m->name.text) {
            const char *path = arena_printf(a, "%s%s", prefix, m->name.text);
            add_check(ac, "offset", path, c_offsetof(a, ac->type, path),
                      base + ml->offset, cond);
            add_check(ac, "size", path, c_member_sizeof(a, ac->type, path),
                      ml->size, cond);
        }
        for (size_t j = 0; j < m->naliases; j++) {
            const struct alias *x = m->aliases[j];
            const struct member_layout *xl = alias_layout_on(x, ac->abi);
            if (!xl)
                continue;
            /* a name of the hypervisor's or the toolstack's own is there
             * in any dialect, as the header spells it; a name every view
             * has needs GNU C, unless its union is `c11` */
            const char *view = c_view_condition(x->cond.views);
            const char *gnu = m->c11_union ? "" : C_TEST_GNU_C;
            const char *alias_cond = *view && !(x->cond.views & VIEW_GUEST) ? view : gnu;
            if (*view && (x->cond.views & VIEW_GUEST) && !*gnu)
                alias_cond = view;
            else if (*view && (x->cond.views & VIEW_GUEST))
                alias_cond = arena_printf(a, strstr(view, "||") ? "%s && (%s)" : "%s && %s", alias_cond, view);
            const char *path = arena_printf(a, "%s%s", prefix, x->name.text);
            const char *vc = c_and_conditions(a, condition, alias_cond);
            const char *tag = *c_view_tag(x->cond.views) ? arena_printf(a, "%s_", c_view_tag(x->cond.views)) : "";
            add_check(ac, arena_printf(a, "%soffset", tag), path,
                      c_offsetof(a, ac->type, path), base + xl->offset, vc);
            add_check(ac, arena_printf(a, "%ssize", tag), path,
                      c_member_sizeof(a, ac->type, path), xl->size, vc);
        }
        if (m->kind == MEMBER_AGG && m->type.inline_agg) {
            /* anonymous members are reached directly, named ones by path,
             * through the first element of an array (offsetof() takes no
             * member of an array itself); offsets inside are from the
             * start of the outer struct */
            const char *inner = prefix;
            if (m->name.text) {
                struct buf sub = {0};
                for (size_t d = 0; d < m->ndims; d++)
                    buf_puts(&sub, "[0]");
                inner = arena_printf(a, "%s%s%s.", prefix, m->name.text, sub.data ? sub.data : "");
                buf_free(&sub);
            }
            assert_members(ac, m->type.inline_agg, inner, base + ml->offset, condition);
        }
    }
}

static struct mu_value *struct_asserts(struct arena *a, struct spec *spec, unsigned abi,
                                       const struct aggregate *agg, struct symtab *used)
{
    const struct agg_layout *al = agg_layout_on(agg, abi);
    if (!al || !al->ok)
        return NULL;
    struct mu_value *v = mu_map(a);
    const char *kind = agg->kind == AGG_STRUCT ? "struct" : "union";
    const char *type = arena_printf(a, "%s %s", kind, agg->name.text);
    /* the struct's own checks are PREFIX__size and PREFIX__align */
    const char *prefix = arena_printf(a, "regc_layout_%s", agg->name.text);
    for (unsigned k = 2; symtab_get(used, arena_printf(a, "%s__size", prefix)) ||
                         symtab_get(used, arena_printf(a, "%s__align", prefix));
         k++)
        prefix = arena_printf(a, "regc_layout_%s_%u", agg->name.text, k);
    unique_check_name(a, used, arena_printf(a, "%s__size", prefix));
    unique_check_name(a, used, arena_printf(a, "%s__align", prefix));
    const char *vcond = c_visibility_condition(a, &agg->vis);
    /* C's layout only: C++ has another */
    if (al->holds_empty)
        vcond = c_and_conditions(a, vcond ? vcond : "", C_TEST_NOT_CXX);
    mu_map_str(a, v, "condition", vcond ? vcond : "");
    mu_map_str(a, v, "type", type);
    mu_map_str(a, v, "prefix", prefix);
    mu_map_strf(a, v, "size", "%" PRIu64, al->size);
    /* an empty struct (`pad u8 _pad[0];` alone) is 1 byte in C++, as Xen's */
    mu_map_str(a, v, "cxx_size", al->size == 0 ? "1" : "");
    mu_map_strf(a, v, "align", "%" PRIu32, al->align);
    struct assert_ctx ac = {a, spec, abi, type, prefix, mu_list(a), used};
    assert_members(&ac, agg, "", 0, "");
    mu_map_set(a, v, "checks", ac.checks);
    return v;
}

void view_layout_check(struct arena *a, struct mu_value *root, struct spec *spec)
{
    struct mu_value *abis = mu_list(a);
    for (unsigned abi = 0; abi < spec->arch->nabis; abi++) {
        struct mu_value *v = mu_map(a);
        mu_map_str(a, v, "name", spec->arch->abis[abi]->name.text);
        mu_map_str(a, v, "predicate", spec->arch->abis[abi]->predicate);
        struct mu_value *structs = mu_list(a);
        struct symtab *used = symtab_new();
        for (size_t i = 0; i < spec->aggs.len; i++) {
            const struct aggregate *agg = spec->aggs.items[i];
            struct mu_value *s = agg->old_of.text ? NULL : struct_asserts(a, spec, abi, agg, used);
            if (s)
                mu_list_push(a, structs, s);
        }
        symtab_free(used);
        mu_map_set(a, v, "structs", structs);
        mu_list_push(a, abis, v);
    }
    mu_map_set(a, root, "abis", abis);
}
