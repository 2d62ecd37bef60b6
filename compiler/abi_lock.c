/* SPDX-License-Identifier: MIT */
/*
 * The ABI lock. Its text, one record per line:
 *
 *   interface domctl 0x18
 *   struct vcpu_guest_context tools domctl 0x18
 *     layout arm32 352 8
 *     member arm32 flags 0 4 u32 data
 *   register SCTLR_EL1 tools domctl 0x18
 *     width 64
 *     field DSSBS 44 44 FEAT_SSBS
 *     reserved 0x... 0x...
 *   const XEN_HYPERCALL_TAG guest
 *     value 0xea1 s32
 *
 * Visibility is "guest [since V] [until V]", or "tools INTERFACE VERSION
 * [guest-until V]"; xen-only items are not ABI and are left out.
 */
#include "abi_lock.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "cnames.h"
#include "layout.h"
#include "output.h"
#include "symtab.h"

#include <errno.h>

/* ---- rendering ------------------------------------------------------------ */

static void put_vis(struct buf *b, const struct visibility *v)
{
    buf_puts(b, v->kind == VIS_GUEST ? "guest" : v->kind == VIS_TOOLS ? "tools" : "xen");
    if (v->kind == VIS_GUEST) {
        if (v->has_since)
            buf_printf(b, " since 0x%" PRIx64, v->since);
        if (v->has_until)
            buf_printf(b, " until 0x%" PRIx64, v->until);
    } else if (v->kind == VIS_TOOLS) {
        buf_printf(b, " %s 0x%" PRIx64, v->iface.text, v->iface_decl ? v->iface_decl->version : 0);
        if (v->guest_window)
            buf_printf(b, " guest-until 0x%" PRIx64, v->until);
    }
}

static void put_type(struct buf *b, const struct type_ref *t)
{
    switch (t->kind) {
    case TR_HANDLE: buf_printf(b, "handle(%s)", t->name.text); return;
    case TR_HANDLE64: buf_printf(b, "handle64(%s)", t->name.text); return;
    case TR_INLINE: buf_puts(b, t->inline_agg->kind == AGG_STRUCT ? "struct{}" : "union{}"); return;
    case TR_NAME: break;
    }
    if (t->aligned)
        buf_printf(b, "aligned(%u)", t->aligned);
    if (t->cls == TC_AGG)
        buf_printf(b, "%s:%s", t->agg->kind == AGG_STRUCT ? "struct" : "union", t->name.text);
    else
        buf_puts(b, t->name.text);
}

static void put_dims(struct buf *b, const struct member *m)
{
    for (size_t i = 0; i < m->ndims; i++)
        buf_printf(b, "[%" PRIu64 "]", m->dims[i]);
}

static const char *kind_text(const struct member *m)
{
    switch (m->kind) {
    case MEMBER_PAD: return "pad";
    case MEMBER_RESERVED: return "reserved";
    default: return "data";
    }
}

static void put_members(struct buf *b, const struct aggregate *agg, unsigned abi, const char *abi_name,
                        const char *prefix)
{
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        const struct member_layout *ml = member_layout_on(m, abi);
        if (!ml)
            continue;
        if (m->kind == MEMBER_AGG && m->type.inline_agg && !m->name.text) {
            put_members(b, m->type.inline_agg, abi, abi_name, prefix);
            continue;
        }
        buf_printf(b, "  member %s %s%s %" PRIu64 " %" PRIu64 " ", abi_name, prefix, m->name.text,
                   ml->offset, ml->size);
        put_type(b, &m->type);
        put_dims(b, m);
        buf_printf(b, " %s\n", kind_text(m));
        for (size_t j = 0; j < m->naliases; j++) {
            const struct alias *x = m->aliases[j];
            const struct member_layout *xl = alias_layout_on(x, abi);
            if (!xl)
                continue;
            /* names only the hypervisor sees are not ABI, as xen items */
            if (!(x->cond.views & (VIEW_GUEST | VIEW_TOOLSTACK)))
                continue;
            /* a name may be an alias in one view and another in the other
             * (x86_64's eax): the view is part of the key */
            const char *tag = c_view_tag(x->cond.views);
            buf_printf(b, "  member %s %s%s%s%s %" PRIu64 " %" PRIu64 " ", abi_name, prefix, x->name.text,
                       *tag ? "@" : "", tag, xl->offset, xl->size);
            put_type(b, &x->type);
            buf_puts(b, " alias\n");
        }
    }
}

static void put_nested(struct buf *b, const struct aggregate *agg, unsigned abi, const char *abi_name,
                       const char *prefix, unsigned depth)
{
    /* members of named nested aggregates: "fpu_ctxt.x" */
    if (depth > 16)
        return;
    for (size_t i = 0; i < agg->nmembers; i++) {
        const struct member *m = agg->members[i];
        if (!member_layout_on(m, abi) || m->kind != MEMBER_AGG || !m->type.inline_agg)
            continue;
        struct buf p = {0};
        if (m->name.text)
            buf_printf(&p, "%s%s.", prefix, m->name.text);
        else
            buf_puts(&p, prefix);
        if (m->name.text)
            put_members(b, m->type.inline_agg, abi, abi_name, p.data);
        put_nested(b, m->type.inline_agg, abi, abi_name, p.data ? p.data : "", depth + 1);
        buf_free(&p);
    }
}

static void put_mask(struct buf *b, struct mask128 m, unsigned width)
{
    if (width > 64)
        buf_printf(b, "0x%016" PRIx64 "%016" PRIx64, m.hi, m.lo);
    else
        buf_printf(b, "0x%" PRIx64, m.lo);
}

char *lock_render(struct spec *spec, size_t *len)
{
    struct buf b = {0};
    const struct arch *arch = spec->arch;
    buf_puts(&b, "# ABI lock: what this spec's guest and tools ABI was when last approved.\n"
                 "# Written by regc --update-lock; review changes to it like changes to the ABI.\n");
    for (size_t i = 0; i < spec->interfaces.len; i++) {
        const struct interface *x = spec->interfaces.items[i];
        buf_printf(&b, "interface %s 0x%" PRIx64 "\n", x->name.text, x->version);
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        const struct aggregate *agg = spec->aggs.items[i];
        struct sym *s = symtab_get(spec->types, agg->name.text);
        if (!s || s->decl != agg || agg->vis.kind == VIS_XEN || agg->vis.kind == VIS_UNSET)
            continue;
        buf_printf(&b, "%s %s ", agg->kind == AGG_STRUCT ? "struct" : "union", agg->name.text);
        put_vis(&b, &agg->vis);
        buf_putc(&b, '\n');
        for (unsigned abi = 0; abi < arch->nabis; abi++) {
            struct aggregate *v = agg_variant_for_abi((struct aggregate *)agg, abi);
            const struct agg_layout *l = v ? agg_layout_on(v, abi) : NULL;
            if (!l || !l->ok)
                continue;
            const char *an = arch->abis[abi]->name.text;
            buf_printf(&b, "  layout %s %" PRIu64 " %" PRIu32 "\n", an, l->size, l->align);
            put_members(&b, v, abi, an, "");
            put_nested(&b, v, abi, an, "", 0);
        }
    }
    for (size_t i = 0; i < spec->regs.len; i++) {
        const struct reg *r = spec->regs.items[i];
        if (r->vis.kind == VIS_XEN || r->vis.kind == VIS_UNSET || !r->masks_ok)
            continue;
        buf_printf(&b, "register %s ", r->name.text);
        put_vis(&b, &r->vis);
        buf_printf(&b, "\n  width %u\n", r->width);
        for (size_t j = 0; j < r->nfields; j++) {
            const struct field *f = r->fields[j];
            if (f->kind != BITS_FIELD || !f->name.text)
                continue;
            buf_printf(&b, "  field %s %u %u %s\n", f->name.text, f->msb, f->lsb,
                       f->feature.text ? f->feature.text : "-");
        }
        buf_puts(&b, "  reserved ");
        put_mask(&b, mask_or(r->kind_mask[BITS_RES0], r->kind_mask[BITS_RAZ]), r->width);
        buf_putc(&b, ' ');
        put_mask(&b, r->kind_mask[BITS_RES1], r->width);
        buf_putc(&b, '\n');
    }
    for (size_t i = 0; i < spec->consts.len; i++) {
        const struct const_decl *c = spec->consts.items[i];
        if (c->vis.kind == VIS_XEN || c->vis.kind == VIS_UNSET || c->state != CONST_DONE)
            continue;
        buf_printf(&b, "const %s", c->name.text);
        /* a constant declared per ABI is one record per declaration */
        if ((c->cond.abi_mask & spec_all_abis(spec)) != spec_all_abis(spec))
            for (unsigned abi = 0; abi < arch->nabis; abi++)
                if (c->cond.abi_mask & (1ull << abi))
                    buf_printf(&b, "@%s", arch->abis[abi]->name.text);
        buf_putc(&b, ' ');
        put_vis(&b, &c->vis);
        buf_printf(&b, "\n  value 0x%" PRIx64 " %s\n", c->value, base_type_name(c->type));
    }
    return buf_steal(&b, len);
}

/* ---- reading --------------------------------------------------------------- */

struct lock_row {
    char **f;              /* space-separated fields */
    unsigned n;
    uint32_t line;
};

struct lock_item {
    const char *kind, *name;   /* "struct", "vcpu_guest_context" */
    const char *vis;           /* "guest", "tools" */
    const char *iface;
    uint64_t version;          /* of iface, for tools items */
    bool window;               /* tools item still visible to old guests */
    uint64_t since, until;
    bool has_since, has_until;
    struct avec rows;          /* struct lock_row */
    uint32_t line;
    bool seen;                 /* scratch for comparison */
};

struct lock {
    const struct source *src;
    struct avec items;         /* struct lock_item */
    struct avec ifaces;        /* struct lock_row: interface NAME VERSION */
};

static bool parse_u64(const char *s, uint64_t *v)
{
    char *end;
    if (!s || !*s)
        return false;
    *v = strtoull(s, &end, 0);
    return *end == '\0';
}

static struct lock_row *split(struct arena *a, const char *line, size_t n, uint32_t lineno)
{
    struct lock_row *r = ARENA_NEW(a, struct lock_row);
    struct avec f = {0};
    size_t i = 0;
    while (i < n) {
        while (i < n && line[i] == ' ')
            i++;
        size_t j = i;
        while (j < n && line[j] != ' ')
            j++;
        if (j > i) {
            char *w = arena_alloc(a, j - i + 1);
            memcpy(w, line + i, j - i);
            w[j - i] = '\0';
            avec_push(a, &f, w);
        }
        i = j;
    }
    r->f = (char **)f.items;
    r->n = (unsigned)f.len;
    r->line = lineno;
    return r;
}

static struct loc lock_loc(const struct source *src, uint32_t line)
{
    struct loc l = {src, line, 1, line, 1};
    return l;
}

/* Reads "guest [since V] [until V]" or "tools I V [guest-until V]" from
 * field k on. */
static bool parse_vis(struct lock_item *it, const struct lock_row *r, unsigned k)
{
    if (k >= r->n)
        return false;
    it->vis = r->f[k];
    if (strcmp(it->vis, "guest") == 0) {
        for (k++; k + 1 < r->n; k += 2) {
            if (strcmp(r->f[k], "since") == 0 && parse_u64(r->f[k + 1], &it->since))
                it->has_since = true;
            else if (strcmp(r->f[k], "until") == 0 && parse_u64(r->f[k + 1], &it->until))
                it->has_until = true;
            else
                return false;
        }
        return k == r->n;
    }
    if (strcmp(it->vis, "tools") == 0) {
        if (k + 2 >= r->n || !parse_u64(r->f[k + 2], &it->version))
            return false;
        it->iface = r->f[k + 1];
        if (k + 3 == r->n)
            return true;
        if (k + 5 == r->n && strcmp(r->f[k + 3], "guest-until") == 0 && parse_u64(r->f[k + 4], &it->until)) {
            it->window = true;
            return true;
        }
        return false;
    }
    return false;
}

struct lock *lock_parse(struct arena *a, const struct source *src, struct diags *d)
{
    struct lock *lk = ARENA_NEW(a, struct lock);
    memset(lk, 0, sizeof(*lk));
    lk->src = src;
    struct lock_item *cur = NULL;
    uint32_t lineno = 0;
    for (size_t pos = 0; pos < src->len;) {
        const char *line = src->text + pos;
        const char *nl = memchr(line, '\n', src->len - pos);
        size_t n = nl ? (size_t)(nl - line) : src->len - pos;
        pos += n + 1;
        lineno++;
        if (n == 0 || line[0] == '#')
            continue;
        struct lock_row *r = split(a, line, n, lineno);
        const char *why = NULL;
        if (line[0] == ' ') {
            if (!cur)
                why = "a record's details come after the record";
            else if (r->n == 0)
                why = "an empty detail line";
            else
                avec_push(a, &cur->rows, r);
        } else if (r->n == 3 && strcmp(r->f[0], "interface") == 0) {
            uint64_t v;
            if (!parse_u64(r->f[2], &v))
                why = "an interface version is a number";
            else
                avec_push(a, &lk->ifaces, r);
            cur = NULL;
        } else if (r->n >= 3 && (strcmp(r->f[0], "struct") == 0 || strcmp(r->f[0], "union") == 0 ||
                                 strcmp(r->f[0], "register") == 0 || strcmp(r->f[0], "const") == 0)) {
            cur = ARENA_NEW(a, struct lock_item);
            memset(cur, 0, sizeof(*cur));
            cur->kind = r->f[0];
            cur->name = r->f[1];
            cur->line = lineno;
            if (!parse_vis(cur, r, 2))
                why = "a visibility is 'guest [since V] [until V]' or 'tools INTERFACE VERSION [guest-until V]'";
            else
                avec_push(a, &lk->items, cur);
        } else {
            why = "expected 'interface', 'struct', 'union', 'register' or 'const'";
        }
        if (why) {
            struct diag *g = diag_report(d, DIAG_ABI_LOCK_INVALID, lock_loc(src, lineno),
                                         "cannot read this line of the ABI lock");
            diag_note(g, lock_loc(src, lineno), "%s", why);
            diag_note(g, lock_loc(src, lineno), "regenerate the lock from an approved spec with --update-lock");
            return NULL;
        }
    }
    return lk;
}

/* ---- judging --------------------------------------------------------------- */

struct judge {
    struct arena *a;
    struct spec *spec;
    const struct lock *was, *now;
    struct diags *d;
    struct buf *json;
    uint32_t row_line;     /* the lock line a difference is about, 0: the item's */
};

static void json_str(struct buf *b, const char *s)
{
    buf_putc(b, '"');
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            buf_printf(b, "\\%c", *s);
        else if ((unsigned char)*s < 0x20)
            buf_printf(b, "\\u%04x", (unsigned char)*s);
        else
            buf_putc(b, *s);
    }
    buf_putc(b, '"');
}

/* One difference: a diagnostic (error, or an [abi-change] note) and a JSON
 * record with the same facts. */
static struct diag *verdict(struct judge *j, enum diag_id id, struct loc loc, const struct lock_item *it,
                            const char *what, const char *was, const char *now, const char *fmt, ...)
    REGC_PRINTF(8, 9);

static struct diag *verdict(struct judge *j, enum diag_id id, struct loc loc, const struct lock_item *it,
                            const char *what, const char *was, const char *now, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(j->a, fmt, ap);
    va_end(ap);
    struct diag *g = diag_report(j->d, id, loc, "%s", msg);
    if (g && was)
        diag_note(g, lock_loc(j->was->src, j->row_line ? j->row_line : it->line), "the lock has: %s", was);
    if (g && now)
        diag_note(g, loc, "the spec has: %s", now);
    if (j->json->len)
        buf_puts(j->json, ",\n");
    buf_puts(j->json, "    {\"rule\": ");
    json_str(j->json, diag_id_name(id));
    buf_printf(j->json, ", \"verdict\": \"%s\", \"item\": ", id == DIAG_ABI_CHANGE ? "allowed" : "break");
    json_str(j->json, arena_printf(j->a, "%s %s", it->kind, it->name));
    buf_puts(j->json, ", \"what\": ");
    json_str(j->json, what ? what : "");
    buf_puts(j->json, ", \"old\": ");
    json_str(j->json, was ? was : "");
    buf_puts(j->json, ", \"new\": ");
    json_str(j->json, now ? now : "");
    buf_puts(j->json, ", \"message\": ");
    json_str(j->json, msg);
    buf_puts(j->json, "}");
    return g;
}

static const struct lock_item *find_item(const struct lock *lk, const char *kind, const char *name)
{
    for (size_t i = 0; i < lk->items.len; i++) {
        const struct lock_item *it = lk->items.items[i];
        if (strcmp(it->kind, kind) == 0 && strcmp(it->name, name) == 0)
            return it;
    }
    return NULL;
}

static uint64_t iface_version(const struct lock *lk, const char *name, bool *found)
{
    for (size_t i = 0; i < lk->ifaces.len; i++) {
        const struct lock_row *r = lk->ifaces.items[i];
        uint64_t v;
        if (strcmp(r->f[1], name) == 0 && parse_u64(r->f[2], &v)) {
            *found = true;
            return v;
        }
    }
    *found = false;
    return 0;
}

/* Where the spec declares an item, for the diagnostic's location. */
static struct loc spec_loc(struct judge *j, const struct lock_item *it)
{
    struct spec *spec = j->spec;
    struct loc none = {spec->sources[0], 1, 1, 1, 1};
    char *name = arena_strdup(j->a, it->name);
    char *at = strchr(name, '@');
    if (at)
        *at = '\0';
    struct sym *s = NULL;
    if (strcmp(it->kind, "register") == 0)
        s = symtab_get(spec->registers, name);
    else if (strcmp(it->kind, "const") == 0)
        s = symtab_get(spec->macros, name);
    else
        s = symtab_get(spec->types, name);
    return s ? s->loc : none;
}

/* The member a path names, on one ABI, for locations. */
static struct loc member_loc(struct judge *j, const struct lock_item *it, const char *abi_name, const char *path)
{
    struct loc fallback = spec_loc(j, it);
    struct sym *s = symtab_get(j->spec->types, it->name);
    if (!s || s->kind != SYM_AGGREGATE)
        return fallback;
    unsigned abi = 0;
    while (abi < j->spec->arch->nabis && strcmp(j->spec->arch->abis[abi]->name.text, abi_name) != 0)
        abi++;
    const struct aggregate *agg = abi < j->spec->arch->nabis ? agg_variant_for_abi(s->decl, abi) : NULL;
    char *bare = arena_strdup(j->a, path);
    char *view = strchr(bare, '@');
    if (view)
        *view = '\0';
    const char *p = bare;
    for (unsigned depth = 0; agg && depth < 16; depth++) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        const struct member *hit = NULL;
        /* anonymous members' own members are reached directly */
        const struct aggregate *stack[16];
        unsigned ns = 0;
        stack[ns++] = agg;
        while (ns && !hit) {
            const struct aggregate *g = stack[--ns];
            for (size_t i = 0; i < g->nmembers && !hit; i++) {
                const struct member *m = g->members[i];
                if (m->name.text && strlen(m->name.text) == n && strncmp(m->name.text, p, n) == 0)
                    hit = m;
                for (size_t k = 0; k < m->naliases && !hit; k++)
                    if (strlen(m->aliases[k]->name.text) == n && strncmp(m->aliases[k]->name.text, p, n) == 0)
                        hit = m;
                if (!m->name.text && m->type.inline_agg && ns < 16)
                    stack[ns++] = m->type.inline_agg;
            }
        }
        if (!hit)
            return fallback;
        if (!dot)
            return hit->loc;
        agg = hit->type.inline_agg;
        p = dot + 1;
    }
    return fallback;
}

static const struct lock_row *find_row(const struct lock_item *it, const char *k0, const char *k1,
                                       const char *k2)
{
    for (size_t i = 0; i < it->rows.len; i++) {
        const struct lock_row *r = it->rows.items[i];
        if (r->n >= 3 && strcmp(r->f[0], k0) == 0 && strcmp(r->f[1], k1) == 0 &&
            (!k2 || strcmp(r->f[2], k2) == 0))
            return r;
    }
    return NULL;
}

static const char *row_text(struct arena *a, const struct lock_row *r, unsigned from)
{
    const char *s = "";
    for (unsigned i = from; i < r->n; i++)
        s = arena_printf(a, "%s%s%s", s, *s ? " " : "", r->f[i]);
    return s;
}

/* A layout difference of a struct, in words. */
struct change {
    const char *abi, *what, *was, *now;
    struct loc loc;
    uint32_t line;        /* of the lock's row */
};

static void layout_changes(struct judge *j, const struct lock_item *w, const struct lock_item *n,
                           struct avec *out)
{
    struct arena *a = j->a;
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *r = w->rows.items[i];
        if (r->n == 4 && strcmp(r->f[0], "layout") == 0) {
            const struct lock_row *q = find_row(n, "layout", r->f[1], NULL);
            if (!q || strcmp(row_text(a, r, 2), row_text(a, q, 2)) != 0) {
                struct change *c = ARENA_NEW(a, struct change);
                c->abi = r->f[1];
                c->what = "size and alignment";
                c->was = arena_printf(a, "%s: size %s, align %s", r->f[1], r->f[2], r->f[3]);
                c->now = q ? arena_printf(a, "%s: size %s, align %s", q->f[1], q->f[2], q->f[3])
                           : arena_printf(a, "nothing on %s", r->f[1]);
                c->loc = spec_loc(j, n);
                c->line = r->line;
                avec_push(a, out, c);
            }
        } else if (r->n == 7 && strcmp(r->f[0], "member") == 0) {
            const struct lock_row *q = find_row(n, "member", r->f[1], r->f[2]);
            if (q && strcmp(row_text(a, r, 3), row_text(a, q, 3)) == 0)
                continue;
            /* reserved padding that became a field of the same size */
            if (!q && strcmp(r->f[6], "reserved") == 0) {
                bool filled = false;
                for (size_t k = 0; k < n->rows.len && !filled; k++) {
                    const struct lock_row *x = n->rows.items[k];
                    filled = x->n == 7 && strcmp(x->f[0], "member") == 0 && strcmp(x->f[1], r->f[1]) == 0 &&
                             strcmp(x->f[3], r->f[3]) == 0 && strcmp(x->f[4], r->f[4]) == 0 &&
                             !find_row(w, "member", x->f[1], x->f[2]);
                }
                if (filled)
                    continue;
            }
            struct change *c = ARENA_NEW(a, struct change);
            c->abi = r->f[1];
            c->what = r->f[2];
            c->was = arena_printf(a, "%s on %s: offset %s, size %s, %s %s", r->f[2], r->f[1], r->f[3], r->f[4],
                                  r->f[5], r->f[6]);
            c->now = q ? arena_printf(a, "%s on %s: offset %s, size %s, %s %s", q->f[2], q->f[1], q->f[3],
                                      q->f[4], q->f[5], q->f[6])
                       : arena_printf(a, "no member '%s' on %s", r->f[2], r->f[1]);
            c->loc = q ? member_loc(j, n, q->f[1], q->f[2]) : spec_loc(j, n);
            c->line = r->line;
            avec_push(a, out, c);
        }
    }
    /* members the lock does not have: new ABI, unless they fill reserved
     * padding of the lock */
    for (size_t i = 0; i < n->rows.len; i++) {
        const struct lock_row *q = n->rows.items[i];
        if (q->n != 7 || strcmp(q->f[0], "member") != 0 || find_row(w, "member", q->f[1], q->f[2]))
            continue;
        bool fills = false;
        for (size_t k = 0; k < w->rows.len && !fills; k++) {
            const struct lock_row *r = w->rows.items[k];
            fills = r->n == 7 && strcmp(r->f[0], "member") == 0 && strcmp(r->f[6], "reserved") == 0 &&
                    strcmp(r->f[1], q->f[1]) == 0 && strcmp(r->f[3], q->f[3]) == 0 && strcmp(r->f[4], q->f[4]) == 0 &&
                    !find_row(n, "member", r->f[1], r->f[2]);
        }
        if (fills)
            continue;
        struct change *c = ARENA_NEW(a, struct change);
        c->abi = q->f[1];
        c->what = q->f[2];
        c->was = arena_printf(a, "no member '%s' on %s", q->f[2], q->f[1]);
        c->now = arena_printf(a, "%s on %s: offset %s, size %s, %s %s", q->f[2], q->f[1], q->f[3], q->f[4],
                              q->f[5], q->f[6]);
        c->loc = member_loc(j, n, q->f[1], q->f[2]);
        avec_push(a, out, c);
    }
}

/* Reserved padding that became a field: allowed, and reported. */
static void report_filled_reserved(struct judge *j, const struct lock_item *w, const struct lock_item *n)
{
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *r = w->rows.items[i];
        if (r->n != 7 || strcmp(r->f[0], "member") != 0 || strcmp(r->f[6], "reserved") != 0 ||
            find_row(n, "member", r->f[1], r->f[2]))
            continue;
        for (size_t k = 0; k < n->rows.len; k++) {
            const struct lock_row *x = n->rows.items[k];
            if (x->n == 7 && strcmp(x->f[0], "member") == 0 && strcmp(x->f[1], r->f[1]) == 0 &&
                strcmp(x->f[3], r->f[3]) == 0 && strcmp(x->f[4], r->f[4]) == 0 &&
                !find_row(w, "member", x->f[1], x->f[2])) {
                verdict(j, DIAG_ABI_CHANGE, member_loc(j, n, x->f[1], x->f[2]), w, x->f[2],
                        row_text(j->a, r, 2), row_text(j->a, x, 2),
                        "reserved '%s' of %s %s is now the field '%s' on %s", r->f[2], w->kind, w->name,
                        x->f[2], x->f[1]);
                break;
            }
        }
    }
}

static struct loc field_loc(struct judge *j, const struct lock_item *it, const char *field)
{
    struct sym *s = symtab_get(j->spec->registers, it->name);
    if (s) {
        const struct reg *r = s->decl;
        for (size_t i = 0; i < r->nfields; i++)
            if (r->fields[i]->name.text && strcmp(r->fields[i]->name.text, field) == 0)
                return r->fields[i]->loc;
    }
    return spec_loc(j, it);
}

/* Registers: fields keep their bits; new fields take reserved bits. */
static void judge_register(struct judge *j, const struct lock_item *w, const struct lock_item *n)
{
    struct arena *a = j->a;
    struct loc loc = spec_loc(j, n);
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *r = w->rows.items[i];
        if (r->n == 2 && strcmp(r->f[0], "width") == 0) {
            const struct lock_row *q = NULL;
            for (size_t k = 0; k < n->rows.len && !q; k++)
                if (strcmp(((struct lock_row *)n->rows.items[k])->f[0], "width") == 0)
                    q = n->rows.items[k];
            if (q && strcmp(q->f[1], r->f[1]) != 0)
                verdict(j, DIAG_ABI_REGISTER_CHANGED, loc, w, "width", arena_printf(a, "%s bits", r->f[1]),
                        arena_printf(a, "%s bits", q->f[1]), "register %s changed width", w->name);
        }
        if (r->n != 5 || strcmp(r->f[0], "field") != 0)
            continue;
        const struct lock_row *q = find_row(n, "field", r->f[1], NULL);
        j->row_line = r->line;
        if (!q) {
            verdict(j, DIAG_ABI_REGISTER_CHANGED, loc, w, r->f[1], arena_printf(a, "%s at [%s:%s]", r->f[1], r->f[2], r->f[3]),
                    "reserved bits", "field %s.%s was removed", w->name, r->f[1]);
        } else if (strcmp(q->f[2], r->f[2]) != 0 || strcmp(q->f[3], r->f[3]) != 0) {
            verdict(j, DIAG_ABI_REGISTER_CHANGED, field_loc(j, n, q->f[1]), w, r->f[1], arena_printf(a, "%s at [%s:%s]", r->f[1], r->f[2], r->f[3]),
                    arena_printf(a, "%s at [%s:%s]", q->f[1], q->f[2], q->f[3]), "field %s.%s moved or changed size",
                    w->name, r->f[1]);
        }
    }
    j->row_line = 0;
    for (size_t i = 0; i < n->rows.len; i++) {
        const struct lock_row *q = n->rows.items[i];
        if (q->n == 5 && strcmp(q->f[0], "field") == 0 && !find_row(w, "field", q->f[1], NULL))
            verdict(j, DIAG_ABI_CHANGE, field_loc(j, n, q->f[1]), w, q->f[1], "reserved bits",
                    arena_printf(a, "%s at [%s:%s]%s%s", q->f[1], q->f[2], q->f[3],
                                 strcmp(q->f[4], "-") ? " with " : "", strcmp(q->f[4], "-") ? q->f[4] : ""),
                    "%s.%s names bits that were reserved", w->name, q->f[1]);
    }
}

static const char *vis_words(struct arena *a, const struct lock_item *it)
{
    if (strcmp(it->vis, "tools") == 0)
        return it->window ? arena_printf(a, "tools(%s), and guests below 0x%" PRIx64, it->iface, it->until)
                          : arena_printf(a, "tools(%s)", it->iface);
    return "guest";
}

static void judge_item(struct judge *j, const struct lock_item *w, const struct lock_item *n)
{
    struct arena *a = j->a;
    bool was_guest = strcmp(w->vis, "guest") == 0, is_guest = strcmp(n->vis, "guest") == 0;
    bool guest_rules = was_guest;
    struct loc loc = spec_loc(j, n);
    if (was_guest && !is_guest) {
        /* leaving the guest ABI: only with a bound or a retirement */
        const struct visibility *v = NULL;
        struct sym *s = symtab_get(strcmp(n->kind, "register") == 0 ? j->spec->registers
                                   : strcmp(n->kind, "const") == 0 ? j->spec->macros : j->spec->types, n->name);
        if (s && s->kind == SYM_AGGREGATE)
            v = &((struct aggregate *)s->decl)->vis;
        else if (s && s->kind == SYM_REGISTER)
            v = &((struct reg *)s->decl)->vis;
        else if (s && s->kind == SYM_CONST)
            v = &((struct const_decl *)s->decl)->vis;
        if (n->window) {
            verdict(j, DIAG_ABI_CHANGE, loc, w, "visibility", "guest", vis_words(a, n),
                    "%s %s left the guest ABI for guests from 0x%" PRIx64 " on; older guests still see it",
                    n->kind, n->name, n->until);
        } else if (v && v->retire) {
            verdict(j, DIAG_ABI_CHANGE, v->retire_loc, w, "visibility", "guest", vis_words(a, n),
                    "%s %s was retired from the guest ABI: %s", n->kind, n->name, v->retire);
            guest_rules = false;
        } else {
            struct diag *g = verdict(j, DIAG_ABI_GUEST_VISIBILITY, loc, w, "visibility", "guest", vis_words(a, n),
                                     "%s %s is frozen guest ABI and cannot become tools-only", n->kind, n->name);
            if (g)
                diag_note(g, loc, "keep it for older guests with 'tools(%s) guest until VERSION', or say why no "
                                  "guest uses it with 'tools(%s) retire \"...\"'", n->iface, n->iface);
            return;
        }
    } else if (!was_guest && is_guest) {
        verdict(j, DIAG_ABI_CHANGE, loc, w, "visibility", vis_words(a, w), "guest",
                "%s %s joins the guest ABI, and is frozen from now on", n->kind, n->name);
    }

    if (strcmp(w->kind, "register") == 0) {
        judge_register(j, w, n);
        return;
    }
    struct avec changes = {0};
    if (strcmp(w->kind, "const") == 0) {
        const struct lock_row *r = find_row(w, "value", "", NULL), *q = NULL;
        for (size_t i = 0; i < w->rows.len; i++)
            if (strcmp(((struct lock_row *)w->rows.items[i])->f[0], "value") == 0)
                r = w->rows.items[i];
        for (size_t i = 0; i < n->rows.len; i++)
            if (strcmp(((struct lock_row *)n->rows.items[i])->f[0], "value") == 0)
                q = n->rows.items[i];
        if (r && q && strcmp(row_text(a, r, 1), row_text(a, q, 1)) != 0) {
            struct change *c = ARENA_NEW(a, struct change);
            c->abi = "";
            c->what = "value";
            c->was = row_text(a, r, 1);
            c->now = row_text(a, q, 1);
            c->loc = loc;
            avec_push(a, &changes, c);
        }
    } else {
        layout_changes(j, w, n, &changes);
        if (!changes.len)
            report_filled_reserved(j, w, n);
    }
    if (!changes.len)
        return;
    if (guest_rules) {
        /* the first difference on each ABI, a member's before the size:
         * the rest usually follow from it */
        const char *done = "";
        for (size_t k = 0; k < 2 * changes.len; k++) {
            const struct change *c = changes.items[k % changes.len];
            if ((k < changes.len) == (strcmp(c->what, "size and alignment") == 0))
                continue;
            char key[80];
            snprintf(key, sizeof key, "|%s|", c->abi);
            if (strstr(done, key))
                continue;
            done = arena_printf(a, "%s%s", done, key);
            j->row_line = c->line;
            verdict(j, DIAG_ABI_GUEST_CHANGED, c->loc, w, c->what, c->was, c->now,
                    "%s %s is frozen guest ABI, and its %s changed%s%s", w->kind, w->name,
                    strcmp(c->what, "value") == 0 ? "value" : "layout", *c->abi ? " on " : "", c->abi);
        }
        return;
    }
    /* tools rules: one bump of the interface covers every change */
    const char *iface = n->iface ? n->iface : w->iface;
    bool found;
    uint64_t locked = iface ? iface_version(j->was, iface, &found) : 0;
    uint64_t current = iface ? iface_version(j->now, iface, &found) : 0;
    const struct change *c = changes.items[0];
    for (size_t i = 0; i < changes.len; i++)
        if (strcmp(((const struct change *)changes.items[i])->what, "size and alignment") != 0) {
            c = changes.items[i];
            break;
        }
    j->row_line = c->line;
    if (iface && current > locked) {
        verdict(j, DIAG_ABI_CHANGE, c->loc, w, c->what, c->was, c->now,
                "%s %s changed, and interface %s was bumped from 0x%" PRIx64 " to 0x%" PRIx64, w->kind, w->name,
                iface, locked, current);
        return;
    }
    struct diag *g = verdict(j, DIAG_ABI_TOOLS_UNBUMPED, c->loc, w, c->what, c->was, c->now,
                             "%s %s changed without a version bump: bump %s from 0x%" PRIx64 " to 0x%" PRIx64,
                             w->kind, w->name, iface ? iface : "its interface", locked, locked + 1);
    if (g && changes.len > 1)
        diag_note(g, c->loc, "%zu differences in all; one bump covers them", changes.len);
}

void lock_compare(struct arena *a, struct spec *spec, const struct lock *was, const struct lock *now,
                  struct diags *d, struct buf *json)
{
    struct judge j = {a, spec, was, now, d, json, 0};
    for (size_t i = 0; i < was->items.len; i++) {
        const struct lock_item *w = was->items.items[i];
        j.row_line = 0;
        const struct lock_item *n = find_item(now, w->kind, w->name);
        if (n) {
            judge_item(&j, w, n);
            continue;
        }
        struct loc at = lock_loc(was->src, w->line);
        if (strcmp(w->vis, "guest") == 0) {
            verdict(&j, DIAG_ABI_GUEST_REMOVED, at, w, "item", vis_words(a, w), NULL,
                    "%s %s is frozen guest ABI, and the spec no longer declares it", w->kind, w->name);
            continue;
        }
        bool found;
        uint64_t locked = iface_version(was, w->iface, &found), current = iface_version(now, w->iface, &found);
        if (found && current > locked)
            verdict(&j, DIAG_ABI_CHANGE, at, w, "item", vis_words(a, w), NULL,
                    "%s %s was removed, with interface %s bumped to 0x%" PRIx64, w->kind, w->name, w->iface, current);
        else
            verdict(&j, DIAG_ABI_TOOLS_UNBUMPED, at, w, "item", vis_words(a, w), NULL,
                    "%s %s was removed without a version bump: bump %s from 0x%" PRIx64 " to 0x%" PRIx64, w->kind,
                    w->name, w->iface, locked, locked + 1);
    }
}

char *lock_default_path(const char *spec_path)
{
    const char *slash = strrchr(spec_path, '/');
    const char *base = slash ? slash + 1 : spec_path;
    size_t dir = slash ? (size_t)(slash - spec_path) : 0;
    size_t stem = strlen(base);
    if (stem > 4 && strcmp(base + stem - 4, ".reg") == 0)
        stem -= 4;
    struct buf b = {0};
    if (slash)
        buf_printf(&b, "%.*s/", (int)dir, spec_path);
    buf_printf(&b, "abi/%.*s.lock", (int)stem, base);
    return buf_steal(&b, NULL);
}

/* ---- the step -------------------------------------------------------------- */

static void adopt_source(struct spec *spec, struct source *src)
{
    spec->sources = xrealloc(spec->sources, (spec->nsources + 1) * sizeof(*spec->sources));
    src->index = (unsigned)spec->nsources;
    spec->sources[spec->nsources++] = src;
}

static const char *stem_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

bool abi_lock_step(struct spec *spec, const char *lock_path, bool update, const char *report_path,
                   struct diags *d, struct outputs *outputs, struct outputs *report)
{
    struct arena a = {0};
    char *path = lock_path ? xstrdup(lock_path) : lock_default_path(spec->path);
    struct source *src = source_from_file(path);
    bool ok = true;
    if (!src && lock_path && !update) {
        diag_report(d, DIAG_IO, (struct loc){0}, "cannot read the ABI lock '%s': %s", path, strerror(errno));
        ok = false;
    }
    if (!src && !update && !report_path) {
        /* no lock, and none asked for: nothing to judge or write */
        free(path);
        arena_free(&a);
        return ok;
    }
    size_t len;
    char *text = lock_render(spec, &len);
    struct buf json = {0};
    unsigned errors_before = d->errors;
    if (src) {
        adopt_source(spec, src);
        struct source *now_src = source_from_memory(path, text, len);
        struct lock *was = lock_parse(&a, src, d);
        struct lock *now = lock_parse(&a, now_src, d);
        if (was && now)
            lock_compare(&a, spec, was, now, d, &json);
        source_free(now_src);
    }
    bool broke = d->errors != errors_before;
    if (update && ok && !broke && d->errors == 0)
        outputs_add(outputs, path, text, len);
    else {
        free(path);
        free(text);
    }
    if (report_path && ok) {
        struct buf r = {0};
        buf_puts(&r, "{\n  \"spec\": ");
        json_str(&r, stem_of(spec->path));
        buf_printf(&r, ",\n  \"lock\": %s,\n  \"breaks\": %u,\n  \"differences\": [\n%s%s  ]\n}\n",
                   src ? "true" : "false", d->errors - errors_before, json.data ? json.data : "",
                   json.len ? "\n" : "");
        size_t rlen;
        char *rtext = buf_steal(&r, &rlen);
        outputs_add(report, xstrdup(report_path), rtext, rlen);
    }
    buf_free(&json);
    arena_free(&a);
    return ok;
}
