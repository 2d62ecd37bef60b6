/* SPDX-License-Identifier: MIT */
/*
 * The view of a public header: the spec's declarations in source order,
 * grouped into runs that share a preprocessor condition, with every C
 * spelling worked out.
 *
 * Aliases (one slot, several names) become a helper macro per distinct
 * shape, as Xen's __DECL_REG: an anonymous union where GNU C allows one,
 * the slot's own name elsewhere, and a different union per view where the
 * guest and the tools see different names.
 */
#include "view_header.h"
#include "view.h"

#include "cnames.h"
#include "layout.h"
#include "symtab.h"

#include <inttypes.h>
#include <string.h>

/* ---- C spellings ---------------------------------------------------- */

const char *c_type_of(struct arena *a, const struct type_ref *t)
{
    switch (t->kind) {
    case TR_HANDLE:
        return arena_printf(a, "XEN_GUEST_HANDLE(%s)", t->name.text);
    case TR_HANDLE64:
        return arena_printf(a, "XEN_GUEST_HANDLE_64(%s)", t->name.text);
    case TR_INLINE:
        return t->inline_agg->kind == AGG_STRUCT ? "struct" : "union";
    case TR_NAME:
        break;
    }
    switch (t->cls) {
    case TC_BASE:
        return c_base_type(t->base);
    case TC_AGG:
        return arena_printf(a, "%s %s", t->agg->kind == AGG_STRUCT ? "struct" : "union", t->name.text);
    default:
        return t->name.text;
    }
}

/* aligned(N) is GCC's attribute on the declaration, the way Xen spells
 * uint64_aligned_t; the layout engine raises the alignment the same way. */
static const char *c_type_attribute(struct arena *a, const struct type_ref *t)
{
    if (!t->aligned || t->aligned == UINT32_MAX)
        return "";
    return arena_printf(a, " __attribute__((__aligned__(%" PRIu32 ")))", t->aligned);
}

/* "uint64_t name", with the attribute aligned(N) needs */
static const char *c_decl(struct arena *a, const struct type_ref *t, const char *name)
{
    return arena_printf(a, "%s %s%s", c_type_of(a, t), name, c_type_attribute(a, t));
}

/* "defined(__i386__) || defined(__x86_64__)" for the ABIs in mask, or ""
 * when the mask covers every ABI. */
static const char *abi_condition(struct arena *a, const struct spec *spec, uint64_t mask)
{
    if ((mask & spec_all_abis(spec)) == spec_all_abis(spec))
        return "";
    struct buf b = {0};
    for (size_t i = 0; i < spec->arch->nabis; i++) {
        if (!(mask & (1ull << i)))
            continue;
        const char *pred = spec->arch->abis[i]->predicate;
        buf_printf(&b, "%s%s", b.len ? " || " : "", pred);
    }
    const char *s = arena_strdup(a, b.data ? b.data : "0");
    buf_free(&b);
    return s;
}

static const char *and_conditions(struct arena *a, const char *x, const char *y)
{
    if (!x || !x[0])
        return y ? y : "";
    if (!y || !y[0])
        return x;
    return arena_printf(a, "(%s) && (%s)", x, y);
}

/* ---- alias shapes ----------------------------------------------------- */

struct shape {
    const char *key;       /* what makes two members share a macro */
    const char *macro;
    struct mu_value *view; /* macro, params, expansions */
};

struct header_ctx {
    struct arena *a;
    struct spec *spec;
    struct ptrvec shapes;  /* of the struct being built */
};

static uint64_t type_size_any(struct spec *spec, const struct type_ref *t)
{
    for (unsigned abi = 0; abi < spec->arch->nabis; abi++) {
        uint64_t size;
        uint32_t align;
        if (layout_type(spec, abi, t, &size, &align))
            return size;
    }
    return 0;
}

/* The union body one view sees: the slot, then its aliases. An alias at a
 * byte offset shares an anonymous struct with the alias that fills the
 * bytes before it (al and ah), or with explicit filler bytes. */
static const char *shape_union(struct header_ctx *hc, const struct member *m, unsigned view,
                               const char *const *params, bool in_macro)
{
    struct arena *a = hc->a;
    bool any = false;
    for (size_t i = 0; i < m->naliases; i++)
        any = any || (m->aliases[i]->cond.views & view);
    if (!any)
        return c_decl(a, &m->type, params[0]);
    struct buf b = {0};
    buf_printf(&b, "__extension__ union { %s;", c_decl(a, &m->type, params[0]));
    bool *used = ARENA_ARRAY(a, bool, m->naliases);
    for (size_t i = 0; i < m->naliases; i++) {
        const struct alias *x = m->aliases[i];
        if (!(x->cond.views & view) || used[i])
            continue;
        if (x->offset == 0) {
            /* a later alias may need this one as its filler */
            bool filler = false;
            for (size_t j = i + 1; j < m->naliases && !filler; j++) {
                const struct alias *y = m->aliases[j];
                filler = (y->cond.views & view) && y->offset && y->offset == type_size_any(hc->spec, &x->type);
            }
            if (!filler) {
                buf_printf(&b, " %s;", c_decl(a, &x->type, params[i + 1]));
                used[i] = true;
            }
            continue;
        }
        size_t filler = SIZE_MAX;
        for (size_t j = 0; j < m->naliases; j++) {
            const struct alias *y = m->aliases[j];
            if (j != i && !used[j] && (y->cond.views & view) && y->offset == 0 &&
                type_size_any(hc->spec, &y->type) == x->offset)
                filler = j;
        }
        if (filler != SIZE_MAX) {
            buf_printf(&b, " __extension__ struct { %s; %s; };",
                       c_decl(a, &m->aliases[filler]->type, params[filler + 1]),
                       c_decl(a, &x->type, params[i + 1]));
            used[filler] = true;
        } else {
            /* in a macro the filler's name is pasted from the parameter */
            buf_printf(&b, " __extension__ struct { uint8_t __pad_%s%s[%" PRIu64 "]; %s; };",
                       in_macro ? "##" : "",
                       params[i + 1], x->offset, c_decl(a, &x->type, params[i + 1]));
        }
        used[i] = true;
    }
    /* fillers that nobody claimed after all */
    for (size_t i = 0; i < m->naliases; i++) {
        const struct alias *x = m->aliases[i];
        if ((x->cond.views & view) && !used[i] && x->offset == 0)
            buf_printf(&b, " %s;", c_decl(a, &x->type, params[i + 1]));
    }
    buf_puts(&b, " }");
    const char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

/* Gives a member with aliases its helper macro, creating the macro the
 * first time a struct uses that shape. Parameters are positional (n0 is
 * the slot); an alias name that appears in two views with different
 * types is one parameter. Returns the macro's invocation. */
static const char *shape_use(struct header_ctx *hc, const struct member *m)
{
    struct arena *a = hc->a;
    /* distinct names, first the slot's */
    const char **names = ARENA_ARRAY(a, const char *, m->naliases + 1);
    size_t *slot_of = ARENA_ARRAY(a, size_t, m->naliases + 1);
    size_t nnames = 0;
    names[nnames++] = m->name.text;
    for (size_t i = 0; i < m->naliases; i++) {
        size_t k = 0;
        while (k < nnames && strcmp(names[k], m->aliases[i]->name.text) != 0)
            k++;
        if (k == nnames)
            names[nnames++] = m->aliases[i]->name.text;
        slot_of[i] = k;
    }
    /* positional parameter per alias, for the expansion */
    const char **params = ARENA_ARRAY(a, const char *, m->naliases + 1);
    params[0] = "n0";
    for (size_t i = 0; i < m->naliases; i++)
        params[i + 1] = arena_printf(a, "n%zu", slot_of[i]);

    /* one body per view, the hypervisor's first: the order of the #if */
    static const unsigned views[] = {VIEW_XEN, VIEW_TOOLSTACK, VIEW_GUEST};
    const char *body[3];
    for (size_t v = 0; v < 3; v++)
        body[v] = shape_union(hc, m, views[v], params, true);
    const char *guest = body[2];
    const char *plain = c_decl(a, &m->type, "n0");
    const char *key = arena_printf(a, "%d|%zu|%s|%s|%s", m->c11_union, nnames, body[0], body[1], body[2]);

    struct shape *sh = NULL;
    for (size_t i = 0; i < hc->shapes.len; i++) {
        struct shape *x = hc->shapes.items[i];
        if (strcmp(x->key, key) == 0)
            sh = x;
    }
    if (!sh) {
        sh = ARENA_NEW(a, struct shape);
        sh->key = key;
        sh->macro = hc->shapes.len == 0 ? "__DECL_REG" : arena_printf(a, "__DECL_REG_%zu", hc->shapes.len + 1);
        struct buf p = {0};
        for (size_t i = 0; i < nnames; i++)
            buf_printf(&p, "%sn%zu", i ? ", " : "", i);
        sh->view = mu_map(a);
        mu_map_str(a, sh->view, "macro", sh->macro);
        mu_map_str(a, sh->view, "params", arena_strdup(a, p.data));
        mu_map_str(a, sh->view, "guest", guest);
        /* Views whose bodies are alike share a branch. A view with names
         * of its own (Xen's and the toolstack's, always built with GNU C)
         * gets its union whatever the dialect, as Xen's x86 headers give
         * it; the guest's union needs GNU C, and the slot alone is the
         * last resort (#else), except for a `c11` union, which is there
         * for every compiler, as Xen writes Arm's spsr_el1/spsr_svc. */
        struct mu_value *branches = mu_list(a);
        bool done[3] = {false, false, false};
        unsigned guest_mask = 0;
        for (size_t w = 0; w < 3; w++)
            if (strcmp(body[w], guest) == 0) {
                guest_mask |= views[w];
                done[w] = true;
            }
        for (size_t v = 0; v < 3; v++) {
            if (done[v])
                continue;
            unsigned mask = 0;
            for (size_t w = v; w < 3; w++)
                if (!done[w] && strcmp(body[w], body[v]) == 0) {
                    mask |= views[w];
                    done[w] = true;
                }
            struct mu_value *b = mu_map(a);
            mu_map_str(a, b, "keyword", branches->n ? "elif" : "if");
            mu_map_str(a, b, "test", c_view_condition(mask));
            mu_map_str(a, b, "body", body[v]);
            mu_list_push(a, branches, b);
        }
        if (!m->c11_union && strcmp(guest, plain) != 0) {
            struct mu_value *b = mu_map(a);
            mu_map_str(a, b, "keyword", branches->n ? "elif" : "if");
            mu_map_str(a, b, "test", "defined(__GNUC__) && !defined(__STRICT_ANSI__)");
            mu_map_str(a, b, "body", guest);
            mu_list_push(a, branches, b);
        }
        struct mu_value *last = mu_map(a);
        mu_map_str(a, last, "keyword", "else");
        mu_map_str(a, last, "test", "");
        mu_map_str(a, last, "body", m->c11_union ? guest : plain);
        mu_list_push(a, branches, last);
        mu_map_set(a, sh->view, "branches", branches);
        mu_map_bool(a, sh->view, "same_in_views",
                    !m->c11_union && guest_mask == (VIEW_XEN | VIEW_TOOLSTACK | VIEW_GUEST));
        mu_map_str(a, sh->view, "plain", plain);
        buf_free(&p);
        ptrvec_push(&hc->shapes, sh);
    }
    struct buf args = {0};
    for (size_t i = 0; i < nnames; i++)
        buf_printf(&args, "%s%s", i ? ", " : "", names[i]);
    const char *call = arena_printf(a, "%s(%s)", sh->macro, args.data);
    buf_free(&args);
    return call;
}

/* ---- members ---------------------------------------------------------- */

static struct mu_value *members_view(struct header_ctx *hc, const struct aggregate *agg,
                                     unsigned depth, uint64_t abis);

/* Members start one level in. */
static const char *indent_of(struct arena *a, unsigned depth)
{
    return view_indent(a, depth + 1);
}

static struct mu_value *member_view(struct header_ctx *hc, const struct member *m, unsigned depth,
                                    uint64_t abis)
{
    struct arena *a = hc->a;
    struct mu_value *v = mu_map(a);
    uint64_t mabis = abis & m->cond.abi_mask;
    mu_map_str(a, v, "indent", indent_of(a, depth));
    mu_map_str(a, v, "condition", mabis == abis ? "" : abi_condition(a, hc->spec, mabis));
    mu_map_bool(a, v, "tools_only", member_is_view_padding(m));
    mu_map_str(a, v, "name", m->name.text ? m->name.text : "");
    mu_map_str(a, v, "dims", view_dims(a, m));
    /* A register-typed member names its register, so that a reader of the
     * header knows which fields and reserved bits the value has. */
    const char *doc = m->doc ? c_comment_text(a, m->doc) : "";
    const char *regs = view_member_registers(a, m);
    if (regs)
        doc = arena_printf(a, "%s%s%s%s", regs, m->truncate ? ", low bits" : "", *doc ? ": " : "", doc);
    mu_map_str(a, v, "doc", doc);
    bool nested = m->kind == MEMBER_AGG && m->type.inline_agg;
    bool empty_pad = m->kind == MEMBER_PAD && m->ndims == 1 && m->dims[0] == 0;
    mu_map_bool(a, v, "is_nested", nested);
    mu_map_bool(a, v, "is_empty_pad", empty_pad);
    /* A `c11` union that every view sees alike is written in place, as
     * Xen writes spsr_el1/spsr_svc: tools that read the header as text
     * (Xen's xen-foreign/mkheader.py drops every #define) see it whole. */
    const char *inline_union = "";
    if (m->c11_union && m->naliases) {
        const char **names = ARENA_ARRAY(a, const char *, m->naliases + 1);
        names[0] = m->name.text;
        for (size_t i = 0; i < m->naliases; i++)
            names[i + 1] = m->aliases[i]->name.text;
        const char *x = shape_union(hc, m, VIEW_XEN, names, false);
        if (strcmp(x, shape_union(hc, m, VIEW_TOOLSTACK, names, false)) == 0 &&
            strcmp(x, shape_union(hc, m, VIEW_GUEST, names, false)) == 0)
            inline_union = x;
    }
    mu_map_bool(a, v, "is_shape", m->naliases > 0 && !*inline_union);
    mu_map_str(a, v, "inline_union", inline_union);
    mu_map_bool(a, v, "is_plain", !nested && !empty_pad && m->naliases == 0);
    mu_map_str(a, v, "ctype", c_type_of(a, &m->type));
    mu_map_str(a, v, "attr", c_type_attribute(a, &m->type));
    mu_map_str(a, v, "shape_call", m->naliases && !*inline_union ? shape_use(hc, m) : "");
    if (nested) {
        mu_map_bool(a, v, "anonymous", !m->name.text);
        mu_map_bool(a, v, "extension", !m->name.text || !agg_names_a_member(m->type.inline_agg, mabis));
        mu_map_set(a, v, "members", members_view(hc, m->type.inline_agg, depth + 1, mabis));
        mu_map_str(a, v, "close_indent", indent_of(a, depth));
    } else {
        mu_map_bool(a, v, "anonymous", false);
        mu_map_bool(a, v, "extension", false);
        mu_map_set(a, v, "members", mu_list(a));
        mu_map_str(a, v, "close_indent", "");
    }
    return v;
}

static struct mu_value *members_view(struct header_ctx *hc, const struct aggregate *agg,
                                     unsigned depth, uint64_t abis)
{
    struct mu_value *list = mu_list(hc->a);
    for (size_t i = 0; i < agg->nmembers; i++)
        mu_list_push(hc->a, list, member_view(hc, agg->members[i], depth, abis));
    return list;
}

/* ---- items -------------------------------------------------------------- */

/* A signed constant has its value, and a signed type, in C89, C99 and
 * C++: a literal is never negative, so the most negative values are spelt
 * as differences (`-2147483648` negates 2147483648, which is long in C99
 * and unsigned long in C89 on ILP32). A value beyond int takes LL, which
 * also keeps an s64 in [2^31, 2^32) from being hex's unsigned int; values
 * within int stay plain ints, as Xen spells them. */
static const char *const_value(struct arena *a, enum base_type type, uint64_t v)
{
    if (!base_type_is_signed(type))
        return arena_printf(a, "0x%" PRIx64 "%s", v, c_const_suffix(type));
    int64_t s = (int64_t)v;
    const char *ll = s < INT32_MIN || s > INT32_MAX ? "LL" : "";
    if (s == INT64_MIN)
        return "(-9223372036854775807LL - 1)";
    if (s == INT32_MIN)
        return "(-2147483647 - 1)";
    if (s < 0)
        return arena_printf(a, "(%" PRId64 "%s)", s, ll);
    return s < 10 ? arena_printf(a, "%" PRId64, s) : arena_printf(a, "0x%" PRIx64 "%s", v, ll);
}

static struct mu_value *item_base(struct arena *a)
{
    struct mu_value *v = mu_map(a);
    static const char *const kinds[] = {"is_const", "is_flags", "is_typedef", "is_struct", "is_verbatim"};
    for (size_t i = 0; i < ARRAY_SIZE(kinds); i++)
        mu_map_bool(a, v, kinds[i], false);
    return v;
}

static struct mu_value *const_item(struct arena *a, const struct const_decl *c)
{
    struct mu_value *v = item_base(a);
    mu_map_bool(a, v, "is_const", true);
    mu_map_str(a, v, "name", c->name.text);
    mu_map_str(a, v, "pad", view_pad_to(a, c->name.text, 32));
    mu_map_str(a, v, "value", const_value(a, c->type, c->value));
    mu_map_set(a, v, "doc", view_doc_lines(a, c->doc));
    mu_map_str(a, v, "doc_inline", c->doc && !strchr(c->doc, '\n') ? c_comment_text(a, c->doc) : "");
    return v;
}

static struct mu_value *flags_item(struct arena *a, const struct flagset *fs)
{
    struct mu_value *v = item_base(a);
    mu_map_bool(a, v, "is_flags", true);
    mu_map_str(a, v, "name", fs->name.text);
    mu_map_set(a, v, "doc", view_doc_lines(a, fs->doc));
    struct mu_value *list = mu_list(a);
    const char *one = base_type_is_signed(fs->type) ? "1" : arena_printf(a, "1%s", c_const_suffix(fs->type));
    for (size_t i = 0; i < fs->nflags; i++) {
        const struct flag *f = fs->flags[i];
        struct mu_value *e = mu_map(a);
        const char *bit = arena_printf(a, "_%s_%s", fs->name.text, f->name.text);
        const char *mask = arena_printf(a, "%s_%s", fs->name.text, f->name.text);
        mu_map_str(a, e, "bit_macro", bit);
        mu_map_str(a, e, "bit_pad", view_pad_to(a, bit, 32));
        mu_map_strf(a, e, "bit", "%" PRIu64, f->bit);
        mu_map_str(a, e, "mask_macro", mask);
        mu_map_str(a, e, "mask_pad", view_pad_to(a, mask, 32));
        mu_map_strf(a, e, "mask", "(%s << %s)", one, bit);
        mu_map_str(a, e, "doc", f->doc ? c_comment_text(a, f->doc) : "");
        mu_list_push(a, list, e);
    }
    mu_map_set(a, v, "flags", list);
    return v;
}

static struct mu_value *typedef_item(struct arena *a, const struct typedef_decl *t)
{
    struct mu_value *v = item_base(a);
    mu_map_bool(a, v, "is_typedef", true);
    mu_map_str(a, v, "name", t->name.text);
    mu_map_str(a, v, "ctype", c_type_of(a, &t->type));
    mu_map_str(a, v, "attr", c_type_attribute(a, &t->type));
    mu_map_bool(a, v, "handle", t->guest_handle);
    mu_map_set(a, v, "doc", view_doc_lines(a, t->doc));
    return v;
}

static struct mu_value *struct_item(struct header_ctx *hc, const struct aggregate *agg)
{
    struct arena *a = hc->a;
    struct mu_value *v = item_base(a);
    mu_map_bool(a, v, "is_struct", true);
    mu_map_str(a, v, "kind", agg->kind == AGG_STRUCT ? "struct" : "union");
    mu_map_str(a, v, "name", agg->name.text);
    mu_map_set(a, v, "doc", view_doc_lines(a, agg->doc));
    hc->shapes.len = 0;
    mu_map_set(a, v, "members", members_view(hc, agg, 0, agg->cond.abi_mask));
    struct mu_value *shapes = mu_list(a);
    for (size_t i = 0; i < hc->shapes.len; i++)
        mu_list_push(a, shapes, ((struct shape *)hc->shapes.items[i])->view);
    mu_map_set(a, v, "shapes", shapes);
    /* A struct of alias slots alone has, in a view whose unions are there
     * in any dialect, no named member, and so has one of anonymous unions
     * or with no member at all: ISO C90 wants one, GNU C's __extension__
     * lets it be. */
    mu_map_bool(a, v, "only_slots", !agg_names_a_member(agg, agg->cond.abi_mask));
    return v;
}

struct mu_value *view_struct_item(struct arena *a, struct spec *spec, const struct aggregate *agg)
{
    struct header_ctx hc = {a, spec, {0}};
    struct mu_value *v = struct_item(&hc, agg);
    ptrvec_free(&hc.shapes);
    return v;
}

static struct mu_value *verbatim_item(struct arena *a, const struct verbatim *vb)
{
    struct mu_value *v = item_base(a);
    mu_map_bool(a, v, "is_verbatim", true);
    /* """ strings start on the line of their opening quotes; the template
     * adds the line end and the blank lines between blocks */
    const char *text = vb->text;
    while (*text == '\n')
        text++;
    size_t n = strlen(text);
    while (n && text[n - 1] == '\n')
        n--;
    mu_map_set(a, v, "text", mu_strn(a, text, n));
    return v;
}

/* ---- blocks --------------------------------------------------------- */

/* Blocks of declarations that share a visibility, each opened with Xen's
 * exact guard (`#if defined(__XEN__) || defined(__XEN_TOOLS__)`), and
 * inside them groups that share an ABI condition and C-ness. */
struct mu_value *view_public_header(struct arena *a, struct spec *spec)
{
    struct header_ctx hc = {a, spec, {0}};
    struct mu_value *blocks = mu_list(a);
    struct mu_value *groups = NULL, *cur_items = NULL;
    const char *cur_vcond = NULL, *cur_acond = NULL;
    bool cur_c = false;

    for (size_t i = 0; i < spec->nitems; i++) {
        const struct item *it = spec->items[i];
        const struct visibility *vis = NULL;
        const struct condition *cond = NULL;
        struct mu_value *item = NULL;
        bool c_decl = false;
        switch (it->kind) {
        case ITEM_CONST:
            vis = &it->u.cst->vis, cond = &it->u.cst->cond;
            item = const_item(a, it->u.cst);
            break;
        case ITEM_FLAGS:
            vis = &it->u.flags->vis, cond = &it->u.flags->cond;
            item = flags_item(a, it->u.flags);
            break;
        case ITEM_TYPEDEF:
            vis = &it->u.td->vis, cond = &it->u.td->cond;
            item = typedef_item(a, it->u.td);
            c_decl = true;
            break;
        case ITEM_AGGREGATE:
            /* older layouts live in the translation header */
            if (it->u.agg->old_of.text)
                continue;
            vis = &it->u.agg->vis, cond = &it->u.agg->cond;
            item = struct_item(&hc, it->u.agg);
            c_decl = true;
            break;
        case ITEM_VERBATIM:
            vis = &it->u.verbatim->vis, cond = &it->u.verbatim->cond;
            item = verbatim_item(a, it->u.verbatim);
            break;
        default:
            continue; /* registers have their own header */
        }
        const char *vcond = c_visibility_condition(a, vis);
        vcond = vcond ? vcond : "";
        const char *acond = abi_condition(a, spec, cond->abi_mask);
        bool new_block = !groups || strcmp(cur_vcond, vcond) != 0;
        if (new_block) {
            struct mu_value *b = mu_map(a);
            mu_map_str(a, b, "condition", vcond);
            mu_map_str(a, b, "condition_end", c_visibility_comment(a, vis));
            groups = mu_list(a);
            mu_map_set(a, b, "groups", groups);
            mu_list_push(a, blocks, b);
            cur_vcond = vcond;
        }
        if (new_block || strcmp(cur_acond, acond) != 0 || cur_c != c_decl) {
            struct mu_value *g = mu_map(a);
            cur_items = mu_list(a);
            mu_map_str(a, g, "abi_condition", acond);
            mu_map_bool(a, g, "sep", !new_block);
            mu_map_bool(a, g, "c", c_decl);
            mu_map_set(a, g, "items", cur_items);
            mu_list_push(a, groups, g);
            cur_acond = acond;
            cur_c = c_decl;
        }
        mu_list_push(a, cur_items, item);
    }
    ptrvec_free(&hc.shapes);
    return blocks;
}

/* __XEN_PUBLIC_ARCH_ARM_H__ for arch-arm.h */
const char *header_guard(struct arena *a, const char *header)
{
    struct buf b = {0};
    buf_puts(&b, "__XEN_PUBLIC_");
    for (const char *p = header; *p; p++) {
        char c = *p;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        else if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            c = '_';
        buf_putc(&b, c);
    }
    buf_puts(&b, "__");
    const char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

/* ---- layout assertions ------------------------------------------------ */

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
        const char *cond = empty_pad ? and_conditions(a, condition, "defined(__GNUC__) && !defined(__cplusplus)")
                                     : condition;
        if (member_is_view_padding(m))
            cond = and_conditions(a, cond, "defined(__XEN__) || defined(__XEN_TOOLS__)");
        if (m->name.text) {
            const char *path = arena_printf(a, "%s%s", prefix, m->name.text);
            add_check(ac, "offset", path, arena_printf(a, "offsetof(%s, %s)", ac->type, path),
                      base + ml->offset, cond);
            add_check(ac, "size", path, arena_printf(a, "sizeof(((%s *)0)->%s)", ac->type, path),
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
            const char *gnu = m->c11_union ? "" : "defined(__GNUC__) && !defined(__STRICT_ANSI__)";
            const char *alias_cond = *view && !(x->cond.views & VIEW_GUEST) ? view : gnu;
            if (*view && (x->cond.views & VIEW_GUEST) && !*gnu)
                alias_cond = view;
            else if (*view && (x->cond.views & VIEW_GUEST))
                alias_cond = arena_printf(a, strstr(view, "||") ? "%s && (%s)" : "%s && %s", alias_cond, view);
            const char *path = arena_printf(a, "%s%s", prefix, x->name.text);
            const char *vc = and_conditions(a, condition, alias_cond);
            const char *tag = *c_view_tag(x->cond.views) ? arena_printf(a, "%s_", c_view_tag(x->cond.views)) : "";
            add_check(ac, arena_printf(a, "%soffset", tag), path,
                      arena_printf(a, "offsetof(%s, %s)", ac->type, path), base + xl->offset, vc);
            add_check(ac, arena_printf(a, "%ssize", tag), path,
                      arena_printf(a, "sizeof(((%s *)0)->%s)", ac->type, path), xl->size, vc);
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
        vcond = and_conditions(a, vcond ? vcond : "", "!defined(__cplusplus)");
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

struct mu_value *view_layout_asserts(struct arena *a, struct spec *spec)
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
    return abis;
}
