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

#include <inttypes.h>
#include <string.h>

/* The ABIs of mask as a preprocessor test, or "" when mask covers every
 * ABI, so that a declaration every ABI has is not wrapped in an #if. */
static const char *abi_condition(struct arena *a, const struct spec *spec, uint64_t mask)
{
    if ((mask & spec_all_abis(spec)) == spec_all_abis(spec))
        return "";
    return c_abi_condition(a, spec->arch, mask);
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
            mu_map_str(a, b, "test", C_TEST_GNU_C);
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
    mu_map_str(a, v, "value", c_const_value(a, c->type, c->value));
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
        mu_map_str(a, e, "mask", c_flag_mask(a, fs->type, bit));
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
void view_public_header(struct arena *a, struct mu_value *root, struct spec *spec)
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
    mu_map_set(a, root, "blocks", blocks);
}
