/* SPDX-License-Identifier: MIT */
#include "view.h"

#include "cnames.h"
#include "layout.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

enum { DEFINE_COLUMN = 48 };

const char *view_hex(struct arena *a, uint64_t v, unsigned bits)
{
    unsigned digits = bits <= 8 ? 2 : bits <= 16 ? 4 : bits <= 32 ? 8 : 16;
    return arena_printf(a, "0x%0*" PRIx64, (int)digits, v);
}

const char *view_pad_to(struct arena *a, const char *s, unsigned column)
{
    size_t n = strlen(s);
    size_t spaces = n + 1 < column ? column - n : 1;
    char *p = arena_alloc(a, spaces + 1);
    memset(p, ' ', spaces);
    return p;
}

struct mu_value *view_doc_lines(struct arena *a, const char *doc)
{
    struct mu_value *list = mu_list(a);
    if (!doc)
        return list;
    const char *text = c_comment_text(a, doc);
    for (const char *p = text; *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        struct mu_value *line = mu_map(a);
        mu_map_set(a, line, "text", mu_strn(a, p, n));
        mu_list_push(a, list, line);
        p += n + (nl ? 1 : 0);
    }
    return list;
}

/* A one-line doc for a trailing comment: newlines become spaces. */
static const char *doc_inline(struct arena *a, const char *doc)
{
    if (!doc)
        return "";
    char *s = (char *)c_comment_text(a, doc);
    for (char *p = s; *p; p++)
        if (*p == '\n')
            *p = ' ';
    return s;
}

static void set_doc(struct arena *a, struct mu_value *m, const char *doc)
{
    mu_map_str(a, m, "doc", doc_inline(a, doc));
    mu_map_set(a, m, "doc_lines", view_doc_lines(a, doc));
    mu_map_bool(a, m, "has_doc", doc && doc[0]);
}

const char *view_upper(struct arena *a, const char *s)
{
    char *u = arena_strdup(a, s);
    for (char *p = u; *p; p++)
        *p = (char)toupper((unsigned char)*p);
    return u;
}

const char *view_lower(struct arena *a, const char *s)
{
    char *u = arena_strdup(a, s);
    for (char *p = u; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return u;
}

const char *view_member_registers(struct arena *a, const struct member *m)
{
    if (m->reg_decl)
        return m->reg_decl->name.text;
    if (!m->select)
        return NULL;
    const struct reg_select *sel = m->select;
    struct buf b = {0};
    for (size_t i = 0; i < sel->nalts; i++) {
        buf_printf(&b, "%s%s if [", i ? ", " : "", sel->alts[i]->reg.text);
        if (sel->msb == sel->lsb)
            buf_printf(&b, "%u] = %" PRIu64, sel->lsb, sel->alts[i]->value);
        else
            buf_printf(&b, "%u:%u] = 0x%" PRIx64, sel->msb, sel->lsb, sel->alts[i]->value);
    }
    const char *s = arena_strdup(a, b.data ? b.data : "");
    buf_free(&b);
    return s;
}

const char *view_indent(struct arena *a, unsigned depth)
{
    char *s = arena_alloc(a, depth * 4 + 1);
    memset(s, ' ', depth * 4);
    s[depth * 4] = '\0';
    return s;
}

const char *view_dims(struct arena *a, const struct member *m)
{
    const char *s = "";
    for (size_t i = 0; i < m->ndims; i++)
        s = arena_printf(a, "%s[%" PRIu64 "]", s, m->dims[i]);
    return s;
}

const char *const view_stem_suffixes[STEM_OUTPUT_COUNT] = {
    [STEM_REGS] = "-regs.h",
    [STEM_LAYOUT_REPORT] = "-layout.txt",
    [STEM_ACCESSORS_XEN] = "-accessors-xen.h",
    [STEM_ACCESSORS_TOOLS] = "-accessors-tools.h",
    [STEM_XLAT] = "-xlat.h",
};

const char *view_stem(struct arena *a, const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    return arena_strndup(a, base, n);
}

void view_common(struct arena *a, struct mu_value *root, struct spec *spec)
{
    const char *stem = view_stem(a, spec->path);
    mu_map_str(a, root, "stem", stem);
    /* The file's name goes into include guards and function names, always
     * after a prefix, so mapping every other byte to '_' is enough to
     * make it an identifier: `my-spec.reg` guards with
     * __XEN_PUBLIC_MY_SPEC_REGS_H__, not __XEN_PUBLIC_MY-SPEC_REGS_H__,
     * which the preprocessor reads as __XEN_PUBLIC_MY. */
    char *id = arena_strdup(a, stem);
    for (char *p = id; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
            *p = '_';
    mu_map_str(a, root, "stem_id", id);
    mu_map_str(a, root, "STEM", view_upper(a, id));
    mu_map_str(a, root, "arch", spec->arch->name.text);
    mu_map_str(a, root, "ARCH", view_upper(a, spec->arch->name.text));
    const char *base = strrchr(spec->path, '/');
    mu_map_str(a, root, "spec_file", base ? base + 1 : spec->path);
    struct mu_value *abis = mu_list(a);
    for (size_t i = 0; i < spec->arch->nabis; i++) {
        struct abi *abi = spec->arch->abis[i];
        struct mu_value *m = mu_map(a);
        mu_map_str(a, m, "name", abi->name.text);
        mu_map_str(a, m, "predicate", abi->predicate);
        mu_map_bool(a, m, "first", i == 0);
        mu_list_push(a, abis, m);
    }
    mu_map_set(a, root, "abis", abis);
}

/* ---- registers -------------------------------------------------------- */

static struct mu_value *define(struct arena *a, const char *macro, const char *value)
{
    struct mu_value *m = mu_map(a);
    mu_map_str(a, m, "macro", macro);
    mu_map_str(a, m, "pad", view_pad_to(a, macro, DEFINE_COLUMN));
    mu_map_str(a, m, "value", value);
    return m;
}

static const char *wrap_mask(struct arena *a, const struct reg *r, struct mask128 m)
{
    return arena_printf(a, "%s(%s)", c_const_wrapper(reg_storage_type(r)), view_hex(a, m.lo, r->width));
}

static const char *wrap_value(struct arena *a, uint64_t v)
{
    if (v <= 0xffffffffu)
        return arena_printf(a, "xen_mk_uint(0x%" PRIx64 ")", v);
    return arena_printf(a, "xen_mk_ullong(0x%" PRIx64 ")", v);
}

struct reg_view {
    struct arena *a;
    struct mu_value *fields, *reserved, *features, *resets;
    struct mu_value *cur_field, *cur_enums;
    const struct reg *r;
};

static const char *kind_upper(enum bit_kind k)
{
    static const char *const names[BITS_KIND_COUNT] = {"FIELD", "RES0", "RES1", "RAZ", "UNKNOWN"};
    return names[k];
}

static void reg_view_macro(void *ctx, const struct reg_macro *m)
{
    struct reg_view *rv = ctx;
    struct arena *a = rv->a;
    const struct reg *r = rv->r;
    const struct field *f = m->field;
    switch (m->kind) {
    case RM_FIELD_SHIFT: {
        struct mu_value *fv = mu_map(a);
        mu_map_str(a, fv, "name", f->name.text);
        mu_map_str(a, fv, "bits", f->msb == f->lsb ? arena_printf(a, "%u", f->lsb)
                                                   : arena_printf(a, "%u:%u", f->msb, f->lsb));
        set_doc(a, fv, f->doc);
        mu_map_str(a, fv, "feature", f->feature_decl ? f->feature_decl->name.text : "");
        mu_map_str(a, fv, "absent", kind_upper(f->absent_kind));
        mu_map_set(a, fv, "shift", define(a, m->name, arena_printf(a, "%u", f->lsb)));
        mu_map_set(a, fv, "mask", mu_list(a));
        rv->cur_enums = mu_list(a);
        mu_map_set(a, fv, "enums", rv->cur_enums);
        mu_map_str(a, fv, "reset", f->has_reset ? arena_printf(a, "0x%" PRIx64, f->reset) : "");
        mu_list_push(a, rv->fields, fv);
        rv->cur_field = fv;
        break;
    }
    case RM_FIELD_WIDTH:
        mu_map_set(a, rv->cur_field, "width", define(a, m->name, arena_printf(a, "%u", f->msb - f->lsb + 1)));
        break;
    case RM_FIELD_MASK: {
        struct mu_value *list = mu_list(a);
        mu_list_push(a, list, define(a, m->name, wrap_mask(a, r, mask_range(f->msb, f->lsb))));
        mu_map_set(a, rv->cur_field, "mask", list);
        break;
    }
    case RM_ENUM: {
        struct mu_value *ev = define(a, m->name, wrap_value(a, m->ev->value));
        mu_map_str(a, ev, "name", m->ev->name.text);
        set_doc(a, ev, m->ev->doc);
        mu_list_push(a, rv->cur_enums, ev);
        break;
    }
    case RM_RESERVED: {
        struct mu_value *d = define(a, m->name, wrap_mask(a, r, r->kind_mask[m->reserved]));
        mu_map_str(a, d, "kind", kind_upper(m->reserved));
        mu_list_push(a, rv->reserved, d);
        break;
    }
    case RM_FEATURE_RESERVED: {
        struct mu_value *d = define(a, m->name, wrap_mask(a, r, m->mask));
        mu_map_str(a, d, "kind", kind_upper(m->reserved));
        mu_map_str(a, d, "feature", m->feature->name.text);
        set_doc(a, d, m->feature->doc);
        mu_list_push(a, rv->features, d);
        break;
    }
    case RM_RESET:
    case RM_RESET_MASK: {
        struct mask128 value, defined;
        reg_reset(r, &value, &defined);
        mu_list_push(a, rv->resets, define(a, m->name, wrap_mask(a, r, m->kind == RM_RESET ? value : defined)));
        break;
    }
    }
}

static struct mu_value *register_item(void *ctx, size_t i, struct arena *a)
{
    struct spec *spec = ctx;
    const struct reg *r = spec->regs.items[i];
    struct mu_value *m = mu_map(a);
    mu_map_str(a, m, "name", r->name.text);
    mu_map_strf(a, m, "width", "%u", r->width);
    set_doc(a, m, r->doc);
    const char *cond = c_visibility_condition(a, &r->vis);
    mu_map_str(a, m, "condition", cond ? cond : "");
    mu_map_str(a, m, "condition_end", c_visibility_comment(a, &r->vis));
    struct reg_view rv = {a, mu_list(a), mu_list(a), mu_list(a), mu_list(a), NULL, NULL, r};
    reg_macros(a, r, reg_view_macro, &rv);
    mu_map_set(a, m, "fields", rv.fields);
    mu_map_set(a, m, "reserved", rv.reserved);
    mu_map_set(a, m, "feature_masks", rv.features);
    mu_map_set(a, m, "reset", rv.resets);
    mu_map_bool(a, m, "has_masks", r->width <= 64);
    return m;
}

struct mu_value *view_registers(struct arena *a, struct spec *spec)
{
    return mu_lazy_list(a, spec->regs.len, register_item, spec);
}

/* ---- layouts ----------------------------------------------------------- */

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
    const struct agg_layout *al = agg_layout_on(agg, abi);
    uint64_t end = 0;
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        const struct member_layout *ml = member_layout_on(m, abi);
        if (!ml)
            continue;
        if (agg->kind == AGG_STRUCT && ml->offset > end)
            add_row(lr, base + end, arena_printf(a, "%" PRIu64, ml->offset - end), "",
                    arena_printf(a, "%s(hole)", indent), "", "implicit padding");
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
        if (ml->offset + ml->size > end)
            end = ml->offset + ml->size;
    }
    if (agg->kind == AGG_STRUCT && al && al->size > end)
        add_row(lr, base + end, arena_printf(a, "%" PRIu64, al->size - end), "",
                arena_printf(a, "%s(tail)", indent), "", "trailing padding");
}

static struct mu_value *aggregate_item(void *ctx, size_t i, struct arena *a)
{
    struct spec *spec = ctx;
    const struct aggregate *agg = spec->aggs.items[i];
    struct mu_value *m = mu_map(a);
    mu_map_str(a, m, "kind", agg->kind == AGG_STRUCT ? "struct" : "union");
    mu_map_str(a, m, "name", agg->name.text);
    set_doc(a, m, agg->doc);
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

struct mu_value *view_layouts(struct arena *a, struct spec *spec)
{
    return mu_lazy_list(a, spec->aggs.len, aggregate_item, spec);
}

/* ---- names the hypervisor gives structs -------------------------------- */

static bool is_ident_char(char c)
{
    return c == '_' || isalnum((unsigned char)c);
}

/* Reads an identifier at *p, skipping blanks before it. */
static const char *scan_ident(struct arena *a, const char **p)
{
    const char *s = *p;
    while (*s == ' ' || *s == '\t')
        s++;
    const char *start = s;
    if (!(*s == '_' || isalpha((unsigned char)*s)))
        return NULL;
    while (is_ident_char(*s))
        s++;
    *p = s;
    return arena_strndup(a, start, (size_t)(s - start));
}

static bool is_aggregate_tag(const struct spec *spec, const char *name)
{
    for (size_t i = 0; i < spec->aggs.len; i++) {
        const struct aggregate *agg = spec->aggs.items[i];
        if (agg->name.text && strcmp(agg->name.text, name) == 0)
            return true;
    }
    return false;
}

struct mu_value *view_xen_renames(struct arena *a, const struct spec *spec)
{
    struct mu_value *list = mu_list(a);
    struct ptrvec seen = {0};
    for (size_t i = 0; i < spec->verbatims.len; i++) {
        const struct verbatim *v = spec->verbatims.items[i];
        if (v->vis.kind != VIS_XEN || v->cond.present)
            continue;
        for (const char *line = v->text, *next; line && *line; line = next) {
            const char *nl = strchr(line, '\n');
            next = nl ? nl + 1 : NULL;
            const char *p = line;
            while (*p == ' ' || *p == '\t')
                p++;
            if (*p++ != '#')
                continue;
            const char *kw = scan_ident(a, &p);
            if (!kw || strcmp(kw, "define") != 0)
                continue;
            const char *name = scan_ident(a, &p);
            const char *other = name ? scan_ident(a, &p) : NULL;
            while (other && (*p == ' ' || *p == '\t' || *p == '\r'))
                p++;
            if (!other || (*p && *p != '\n') || !is_aggregate_tag(spec, name))
                continue;
            bool dup = false;
            for (size_t k = 0; k < seen.len && !dup; k++)
                dup = strcmp(seen.items[k], name) == 0;
            if (dup)
                continue;
            ptrvec_push(&seen, (void *)name);
            struct mu_value *m = mu_map(a);
            mu_map_str(a, m, "name", name);
            mu_map_str(a, m, "xen_name", other);
            mu_list_push(a, list, m);
        }
    }
    ptrvec_free(&seen);
    return list;
}
