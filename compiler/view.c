/* SPDX-License-Identifier: MIT */
#include "view.h"

#include "cnames.h"

#include <ctype.h>
#include <inttypes.h>
#include <string.h>

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

void view_set_doc(struct arena *a, struct mu_value *m, const char *doc)
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

const char *view_layout_check_name(struct arena *a, const char *header)
{
    size_t n = strlen(header);
    if (n > 2 && strcmp(header + n - 2, ".h") == 0)
        n -= 2;
    return arena_printf(a, "%.*s-layout.h", (int)n, header);
}

void view_header_names(struct arena *a, struct mu_value *root, struct spec *spec)
{
    const char *header = spec->arch->header;
    const char *check = view_layout_check_name(a, header);
    mu_map_str(a, root, "header", header);
    mu_map_str(a, root, "guard", header_guard(a, header));
    mu_map_str(a, root, "layout_check", check);
    mu_map_str(a, root, "layout_guard", header_guard(a, check));
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

void view_xen_names(struct arena *a, struct mu_value *root, struct spec *spec)
{
    struct mu_value *renames = view_xen_renames(a, spec);
    mu_map_bool(a, root, "has_xen_renames", renames->n > 0);
    mu_map_set(a, root, "xen_renames", renames);
}
