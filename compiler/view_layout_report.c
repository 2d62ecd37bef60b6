/* SPDX-License-Identifier: MIT */
/*
 * The view of the layout report (STEM-layout.txt), for reviewers: every
 * struct and union, its members' offsets, sizes and alignments row by
 * row, with the holes and trailing padding the compiler adds, grouped by
 * the ABIs that lay it out alike. Types are spelt as the spec writes
 * them, not as C does.
 */
#include "view_layout_report.h"

#include "cnames.h"
#include "layout.h"
#include "view.h"

#include <inttypes.h>
#include <string.h>

static const char *type_text(struct arena *a, const struct type_ref *t)
{
    const char *base;
    switch (t->kind) {
    case TR_HANDLE: base = arena_printf(a, "handle(%s)", t->name.text); break;
    case TR_HANDLE64: base = arena_printf(a, "handle64(%s)", t->name.text); break;
    case TR_INLINE: base = t->inline_agg->kind == AGG_STRUCT ? "struct {...}" : "union {...}"; break;
    default:
        if (t->cls == TC_AGG)
            base = arena_printf(a, "%s %s", t->agg->kind == AGG_STRUCT ? "struct" : "union", t->name.text);
        else
            base = t->name.text;
        break;
    }
    if (t->aligned)
        return arena_printf(a, "aligned(%u) %s", t->aligned, base);
    return base;
}

struct layout_rows {
    struct arena *a;
    struct buf text; /* the rows as text, to find ABIs that lay out alike */
    struct mu_value *rows;
};

static void add_row(struct layout_rows *lr, uint64_t off, const char *size, const char *align,
                    const char *name, const char *type, const char *note)
{
    struct arena *a = lr->a;
    struct mu_value *row = mu_map(a);
    mu_map_strf(a, row, "offset", "%8" PRIu64, off);
    mu_map_strf(a, row, "size", "%6s", size);
    mu_map_strf(a, row, "align", "%6s", align);
    mu_map_str(a, row, "name", name);
    mu_map_str(a, row, "name_pad", view_pad_to(a, name, 28));
    mu_map_str(a, row, "type", type);
    mu_map_str(a, row, "type_pad", note[0] ? view_pad_to(a, type, 24) : "");
    mu_map_str(a, row, "note", note);
    mu_list_push(a, lr->rows, row);
    buf_printf(&lr->text, "%" PRIu64 " %s %s %s %s %s\n", off, size, align, name, type, note);
}

static void layout_rows_of(struct layout_rows *lr, const struct aggregate *agg, unsigned abi,
                           uint64_t base, const char *indent)
{
    struct arena *a = lr->a;
    struct layout_holes holes = layout_holes(agg, abi);
    struct layout_hole hole;
    /* a union's bytes beyond its largest member are not shown */
    bool have = agg->kind == AGG_STRUCT && layout_hole_next(&holes, &hole);
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        const struct member_layout *ml = member_layout_on(m, abi);
        if (!ml)
            continue;
        if (have && hole.before == m) {
            add_row(lr, base + hole.offset, arena_printf(a, "%" PRIu64, hole.size), "",
                    arena_printf(a, "%s(hole)", indent), "", "implicit padding");
            have = layout_hole_next(&holes, &hole);
        }
        const char *name = arena_printf(a, "%s%s", indent, m->name.text ? m->name.text : "(anonymous)");
        const char *type = type_text(a, &m->type);
        if (m->ndims) {
            struct buf b = {0};
            buf_puts(&b, type);
            for (size_t d = 0; d < m->ndims; d++)
                buf_printf(&b, "[%" PRIu64 "]", m->dims[d]);
            type = arena_strdup(a, b.data);
            buf_free(&b);
        }
        const char *note = "";
        const char *regs = view_member_registers(a, m);
        if (regs)
            note = arena_printf(a, "holds %s%s", regs, m->truncate ? ", truncated" : "");
        else if (m->kind == MEMBER_PAD)
            note = "padding";
        else if (m->kind == MEMBER_RESERVED)
            note = "reserved, must be zero";
        if (member_is_view_padding(m))
            note = arena_printf(a, "%s; named in the tools view only", note);
        if (m->was_reserved) {
            const char *was = m->has_reserved_until
                                  ? arena_printf(a, "was padding callers had to zero, below 0x%" PRIx64, m->reserved_until)
                                  : "was padding callers had to zero";
            note = *note ? arena_printf(a, "%s; %s", note, was) : was;
        }
        add_row(lr, base + ml->offset, arena_printf(a, "%" PRIu64, ml->size),
                arena_printf(a, "%" PRIu32, ml->align), name, type, note);
        for (size_t j = 0; j < m->naliases; j++) {
            const struct alias *al2 = m->aliases[j];
            const struct member_layout *x = alias_layout_on(al2, abi);
            if (!x)
                continue;
            const char *tag = c_view_tag(al2->cond.views);
            const char *view = *tag ? arena_printf(a, "alias, %s view", tag) : "alias";
            add_row(lr, base + x->offset, arena_printf(a, "%" PRIu64, x->size),
                    arena_printf(a, "%" PRIu32, x->align), arena_printf(a, "%s  | %s", indent, al2->name.text),
                    type_text(a, &al2->type), view);
        }
        if (m->kind == MEMBER_AGG && m->type.inline_agg)
            layout_rows_of(lr, m->type.inline_agg, abi, base + ml->offset, arena_printf(a, "%s    ", indent));
    }
    if (have)
        add_row(lr, base + hole.offset, arena_printf(a, "%" PRIu64, hole.size), "",
                arena_printf(a, "%s(tail)", indent), "", "trailing padding");
}

static struct mu_value *aggregate_item(void *ctx, size_t i, struct arena *a)
{
    struct spec *spec = ctx;
    const struct aggregate *agg = spec->aggs.items[i];
    struct mu_value *m = mu_map(a);
    mu_map_str(a, m, "kind", agg->kind == AGG_STRUCT ? "struct" : "union");
    mu_map_str(a, m, "name", agg->name.text);
    view_set_doc(a, m, agg->doc);
    const char *vis = "guest";
    switch (agg->vis.kind) {
    case VIS_TOOLS:
        vis = arena_printf(a, "tools(%s)%s", agg->vis.iface.text, vis_is_stable(&agg->vis) ? " stable" : "");
        break;
    case VIS_XEN: vis = "xen"; break;
    default: break;
    }
    if (agg->vis.has_since)
        vis = arena_printf(a, "%s since 0x%08" PRIx64, vis, agg->vis.since);
    if (agg->vis.has_until)
        vis = arena_printf(a, "%s until 0x%08" PRIx64, vis, agg->vis.until);
    mu_map_str(a, m, "visibility", vis);

    /* One group per distinct layout, naming the ABIs that share it. */
    struct mu_value *groups = mu_list(a);
    size_t nabis = spec->arch->nabis;
    char **texts = ARENA_ARRAY(a, char *, nabis);
    struct mu_value **group_of = ARENA_ARRAY(a, struct mu_value *, nabis);
    for (unsigned abi = 0; abi < nabis; abi++) {
        const struct agg_layout *al = agg_layout_on(agg, abi);
        if (!al || !al->ok)
            continue;
        struct layout_rows lr = {a, {0}, mu_list(a)};
        buf_printf(&lr.text, "%" PRIu64 " %" PRIu32 "\n", al->size, al->align);
        layout_rows_of(&lr, agg, abi, 0, "");
        texts[abi] = arena_strdup(a, lr.text.data);
        buf_free(&lr.text);
        for (unsigned prev = 0; prev < abi; prev++) {
            if (texts[prev] && strcmp(texts[prev], texts[abi]) == 0) {
                struct mu_value *g = group_of[prev];
                const struct mu_value *names = mu_map_get(g, "abis", 4);
                mu_map_strf(a, g, "abis", "%s, %s", names->str, spec->arch->abis[abi]->name.text);
                group_of[abi] = g;
                break;
            }
        }
        if (group_of[abi])
            continue;
        struct mu_value *g = mu_map(a);
        mu_map_str(a, g, "abis", spec->arch->abis[abi]->name.text);
        mu_map_strf(a, g, "size", "%" PRIu64, al->size);
        mu_map_strf(a, g, "align", "%" PRIu32, al->align);
        mu_map_set(a, g, "rows", lr.rows);
        mu_list_push(a, groups, g);
        group_of[abi] = g;
    }
    mu_map_set(a, m, "layouts", groups);
    return m;
}

void view_layout_report(struct arena *a, struct mu_value *root, struct spec *spec)
{
    mu_map_set(a, root, "aggregates", mu_lazy_list(a, spec->aggs.len, aggregate_item, spec));
}
