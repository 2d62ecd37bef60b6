/* SPDX-License-Identifier: MIT */
/*
 * The ABI lock. Its text, one record per line:
 *
 *   interface domctl 0x18
 *   feature FEAT_SSBS 39
 *   struct vcpu_guest_context tools domctl 0x14
 *     layout arm32 352 8
 *     member arm32 flags 0 4 u32 data
 *   struct vcpu_guest_context_v13 tools domctl 0x14
 *     old vcpu_guest_context 0x13
 *     layout arm32 344 8
 *   register SCTLR_EL1 tools domctl 0x18
 *     width 64
 *     field DSSBS 44 44 FEAT_SSBS
 *     field nTLSMD 28 28 FEAT_LSMAOC res1
 *     reserved 0x... 0x...
 *   const XEN_HYPERCALL_TAG guest
 *     value 0xea1 s32
 *   flags VGCF tools domctl 0x18
 *     flag online 0 s32
 *
 * A register also has "enum FIELD NAME VALUE" after each field with
 * values, "reset VALUE MASK" when a field has a reset value, and "raz
 * MASK" (REG_RAZ is a macro apart from REG_RES0): every value a header
 * publishes is locked.
 *
 * "feature NAME NUMBER" records each feature's number, its ARCH_NAME
 * value in the accessor header; a lock written before features were
 * recorded has none, and then no feature is judged.
 *
 * Visibility is "guest [since V] [until V]", or "tools INTERFACE VERSION
 * [guest-until V]", VERSION being the one the item last changed in;
 * xen-only items are not ABI and are left out. A field's
 * feature is "-" when it has none; "res1" after it says that the bits read
 * as RES1, not RES0, where the feature is absent. The reserved masks are
 * RES0 (RAZ included) and RES1.
 */
#include "abi_lock.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cnames.h"
#include "layout.h"
#include "load.h"
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
        /* an item of a stable interface says so on its own line: it is
         * frozen, and a reviewer reads that where the item is */
        buf_printf(b, "%s %s 0x%" PRIx64, vis_is_stable(v) ? "-stable" : "", v->iface.text,
                   v->iface_decl ? v->iface_decl->version : 0);
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
        buf_printf(b, " %s", kind_text(m));
        /* what callers had to do with the slot at released versions */
        if (m->was_reserved && m->has_reserved_until)
            buf_printf(b, " was-reserved-until=0x%" PRIx64, m->reserved_until);
        else if (m->was_reserved)
            buf_puts(b, " was-reserved");
        buf_putc(b, '\n');
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
    /* members of named nested aggregates: "fpu_ctxt.x"; the scanner
     * bounds how deep they go */
    if (depth > REGC_MAX_NESTING)
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
        buf_printf(&b, "interface %s 0x%" PRIx64 "%s\n", x->name.text, x->version, x->stable ? " stable" : "");
    }
    /* declaration order, so that a new feature is one new line where it
     * was declared */
    for (size_t i = 0; i < spec->features.len; i++) {
        const struct feature *f = spec->features.items[i];
        buf_printf(&b, "feature %s %u\n", f->name.text, f->number);
    }
    for (size_t i = 0; i < spec->aggs.len; i++) {
        const struct aggregate *agg = spec->aggs.items[i];
        struct sym *s = symtab_get(spec->types, agg->name.text);
        if (!s || s->decl != agg || agg->vis.kind == VIS_XEN || agg->vis.kind == VIS_UNSET)
            continue;
        buf_printf(&b, "%s %s ", agg->kind == AGG_STRUCT ? "struct" : "union", agg->name.text);
        put_vis(&b, &agg->vis);
        buf_putc(&b, '\n');
        if (agg->old_of.text)
            buf_printf(&b, "  old %s 0x%" PRIx64 "\n", agg->old_of.text, agg->old_version);
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
            buf_printf(&b, "  field %s %u %u %s%s\n", f->name.text, f->msb, f->lsb,
                       f->feature.text ? f->feature.text : "-",
                       f->feature.text && f->absent_kind == BITS_RES1 ? " res1" : "");
            /* each value is a public macro, REG_FIELD_NAME */
            for (size_t k = 0; k < f->nenums; k++)
                buf_printf(&b, "  enum %s %s 0x%" PRIx64 "\n", f->name.text, f->enums[k]->name.text,
                           f->enums[k]->value);
        }
        struct mask128 reset, defined;
        if (reg_reset(r, &reset, &defined)) {
            buf_puts(&b, "  reset ");
            put_mask(&b, reset, r->width);
            buf_putc(&b, ' ');
            put_mask(&b, defined, r->width);
            buf_putc(&b, '\n');
        }
        buf_puts(&b, "  reserved ");
        put_mask(&b, mask_or(r->kind_mask[BITS_RES0], r->kind_mask[BITS_RAZ]), r->width);
        buf_putc(&b, ' ');
        put_mask(&b, r->kind_mask[BITS_RES1], r->width);
        buf_putc(&b, '\n');
        /* REG_RAZ is a macro of its own, apart from REG_RES0 */
        if (r->width <= 64) {
            buf_puts(&b, "  raz ");
            put_mask(&b, r->kind_mask[BITS_RAZ], r->width);
            buf_putc(&b, '\n');
        }
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
    for (size_t i = 0; i < spec->flagsets.len; i++) {
        const struct flagset *fs = spec->flagsets.items[i];
        if (fs->vis.kind == VIS_XEN || fs->vis.kind == VIS_UNSET || fs->failed)
            continue;
        buf_printf(&b, "flags %s", fs->name.text);
        if ((fs->cond.abi_mask & spec_all_abis(spec)) != spec_all_abis(spec))
            for (unsigned abi = 0; abi < arch->nabis; abi++)
                if (fs->cond.abi_mask & (1ull << abi))
                    buf_printf(&b, "@%s", arch->abis[abi]->name.text);
        buf_putc(&b, ' ');
        put_vis(&b, &fs->vis);
        buf_putc(&b, '\n');
        /* _PREFIX_NAME is the bit, PREFIX_NAME the mask, of the set's type */
        for (size_t k = 0; k < fs->nflags; k++)
            buf_printf(&b, "  flag %s %" PRIu64 " %s\n", fs->flags[k]->name.text, fs->flags[k]->bit,
                       base_type_name(fs->type));
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
    bool stable;               /* "tools-stable": of a stable interface */
    uint64_t since, until;
    bool has_since, has_until;
    struct avec rows;          /* struct lock_row */
    uint32_t line;
};

struct lock {
    const struct source *src;
    struct avec items;         /* struct lock_item */
    struct avec ifaces;        /* struct lock_row: interface NAME VERSION */
    struct avec features;      /* struct lock_row: feature NAME NUMBER */
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
    if (strcmp(it->vis, "tools") == 0 || strcmp(it->vis, "tools-stable") == 0) {
        it->stable = strcmp(it->vis, "tools-stable") == 0;
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

static bool parse_mask(const char *s, struct mask128 *m)
{
    size_t n = strlen(s);
    if (n < 3 || n > 34 || s[0] != '0' || s[1] != 'x')
        return false;
    *m = mask_none();
    for (s += 2; *s; s++) {
        const char *digits = "0123456789abcdef";
        const char *d = strchr(digits, *s);
        if (!d)
            return false;
        m->hi = (m->hi << 4) | (m->lo >> 60);
        m->lo = (m->lo << 4) | (uint64_t)(d - digits);
    }
    return true;
}

/* Why a detail row cannot belong to its item, or NULL when it can: the
 * comparison relies on every row having its fields. */
static const char *detail_problem(const struct lock_item *it, const struct lock_row *r)
{
    static const struct {
        const char *item, *row;
        unsigned n, alt_n;     /* field counts allowed */
        unsigned numbers;      /* bit i: field i is a number */
    } shapes[] = {
        {"struct", "old", 3, 3, 1u << 2},
        {"struct", "layout", 4, 4, 1u << 2 | 1u << 3},
        {"struct", "member", 7, 8, 1u << 3 | 1u << 4},
        {"union", "layout", 4, 4, 1u << 2 | 1u << 3},
        {"union", "member", 7, 8, 1u << 3 | 1u << 4},
        {"register", "width", 2, 2, 1u << 1},
        {"register", "field", 5, 6, 1u << 2 | 1u << 3},
        {"register", "reserved", 3, 3, 0},
        {"const", "value", 3, 3, 1u << 1},
        {"register", "enum", 4, 4, 1u << 3},
        {"register", "reset", 3, 3, 0},
        {"register", "raz", 2, 2, 0},
        {"flags", "flag", 4, 4, 1u << 2},
    };
    for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
        if (strcmp(shapes[i].item, it->kind) != 0 || strcmp(shapes[i].row, r->f[0]) != 0)
            continue;
        if (r->n != shapes[i].n && r->n != shapes[i].alt_n)
            return "a detail line with the wrong number of fields";
        uint64_t v;
        for (unsigned k = 0; k < r->n; k++)
            if ((shapes[i].numbers >> k & 1) && !parse_u64(r->f[k], &v))
                return "a detail line with a field that should be a number";
        struct mask128 m;
        if ((strcmp(r->f[0], "reserved") == 0 || strcmp(r->f[0], "reset") == 0) &&
            (!parse_mask(r->f[1], &m) || !parse_mask(r->f[2], &m)))
            return "register masks are hexadecimal numbers";
        if (strcmp(r->f[0], "raz") == 0 && !parse_mask(r->f[1], &m))
            return "register masks are hexadecimal numbers";
        if (strcmp(r->f[0], "member") == 0 && r->n == 8 && strcmp(r->f[7], "was-reserved") != 0 &&
            (strncmp(r->f[7], "was-reserved-until=", 19) != 0 || !parse_u64(r->f[7] + 19, &v)))
            return "a member's kind may only be followed by 'was-reserved' or 'was-reserved-until=VERSION'";
        if (strcmp(r->f[0], "field") == 0 && r->n == 6 && strcmp(r->f[5], "res1") != 0)
            return "a field's feature may only be followed by 'res1'";
        /* bits are compared as masks, which only bits 127..0 can be */
        uint64_t msb, lsb;
        if (strcmp(r->f[0], "field") == 0 && parse_u64(r->f[2], &msb) && parse_u64(r->f[3], &lsb) &&
            (msb > 127 || lsb > msb))
            return "a field's bits are MSB LSB, with LSB <= MSB <= 127";
        if (strcmp(r->f[0], "width") == 0 && parse_u64(r->f[1], &msb) && (msb < 1 || msb > 128))
            return "a register's width is 1 to 128 bits";
        return NULL;
    }
    return "a detail line this kind of record does not have";
}

/* Why a "feature NAME NUMBER" line cannot be judged, or NULL. */
static const char *feature_line_problem(const struct lock *lk, const struct lock_row *r)
{
    uint64_t v;
    if (r->n != 3 || !parse_u64(r->f[2], &v))
        return "a feature line is 'feature NAME NUMBER'";
    for (size_t i = 0; i < lk->features.len; i++)
        if (strcmp(((const struct lock_row *)lk->features.items[i])->f[1], r->f[1]) == 0)
            return "a feature listed twice";
    return NULL;
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
            else if ((why = detail_problem(cur, r)) == NULL)
                avec_push(a, &cur->rows, r);
        } else if ((r->n == 3 || r->n == 4) && strcmp(r->f[0], "interface") == 0) {
            uint64_t v;
            if (!parse_u64(r->f[2], &v))
                why = "an interface version is a number";
            else if (r->n == 4 && strcmp(r->f[3], "stable") != 0)
                why = "an interface's version may only be followed by 'stable'";
            else
                avec_push(a, &lk->ifaces, r);
            cur = NULL;
        } else if (r->n >= 1 && strcmp(r->f[0], "feature") == 0) {
            why = feature_line_problem(lk, r);
            if (!why)
                avec_push(a, &lk->features, r);
            cur = NULL;
        } else if (r->n >= 3 && (strcmp(r->f[0], "struct") == 0 || strcmp(r->f[0], "union") == 0 ||
                                 strcmp(r->f[0], "register") == 0 || strcmp(r->f[0], "const") == 0 ||
                                 strcmp(r->f[0], "flags") == 0)) {
            cur = ARENA_NEW(a, struct lock_item);
            memset(cur, 0, sizeof(*cur));
            cur->kind = r->f[0];
            cur->name = r->f[1];
            cur->line = lineno;
            if (!parse_vis(cur, r, 2))
                why = "a visibility is 'guest [since V] [until V]' or 'tools[-stable] INTERFACE VERSION [guest-until V]'";
            else
                avec_push(a, &lk->items, cur);
        } else {
            why = "expected 'interface', 'feature', 'struct', 'union', 'register', 'const' or 'flags'";
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
    unsigned breaks;       /* records judged a break */
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

static bool is_break(enum diag_id id)
{
    return id != DIAG_ABI_CHANGE;
}

/* One difference in the JSON report: every difference has a record, also
 * those whose diagnostic is a note of another's. */
static void record(struct judge *j, enum diag_id id, const struct lock_item *it, const char *what, const char *abi,
                   const char *was, const char *now, const char *follows, const char *msg)
{
    static const char *const keys[] = {"what", "abi", "old", "new", "follows", "message"};
    const char *values[] = {what, abi, was, now, follows, msg};
    struct buf *b = j->json;
    if (b->len)
        buf_puts(b, ",\n");
    buf_puts(b, "    {\"rule\": ");
    json_str(b, diag_id_name(id));
    buf_printf(b, ", \"verdict\": \"%s\", \"item\": ", is_break(id) ? "break" : "allowed");
    json_str(b, arena_printf(j->a, "%s %s", it->kind, it->name));
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        buf_printf(b, ", \"%s\": ", keys[k]);
        json_str(b, values[k] ? values[k] : "");
    }
    buf_putc(b, '}');
    if (is_break(id))
        j->breaks++;
}

/* The lock's value, at its line, and the spec's, as notes. */
static void value_notes(struct judge *j, struct diag *g, uint32_t lock_line, struct loc at, const char *abis,
                        const char *was, const char *now)
{
    const char *on = abis && *abis ? arena_printf(j->a, " on %s", abis) : "";
    if (was)
        diag_note(g, lock_loc(j->was->src, lock_line), "the lock has%s: %s", on, was);
    if (now)
        diag_note(g, at, "the spec has%s: %s", on, now);
}

/* One difference with one old and one new value: a diagnostic (an error,
 * or an [abi-change] note) and its record. */
static struct diag *verdict(struct judge *j, enum diag_id id, struct loc loc, const struct lock_item *it,
                            uint32_t lock_line, const char *what, const char *was, const char *now,
                            const char *fmt, ...) REGC_PRINTF(9, 10);

static struct diag *verdict(struct judge *j, enum diag_id id, struct loc loc, const struct lock_item *it,
                            uint32_t lock_line, const char *what, const char *was, const char *now,
                            const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(j->a, fmt, ap);
    va_end(ap);
    struct diag *g = diag_report(j->d, id, loc, "%s", msg);
    value_notes(j, g, lock_line ? lock_line : it->line, loc, NULL, was, now);
    record(j, id, it, what, "", was, now, "", msg);
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

/* The spec's flag set of a "flags" item ("VGCF@x86_64" is the set of
 * VGCF declared for x86_64 only). */
static const struct flagset *spec_flagset(struct judge *j, const char *key)
{
    const struct arch *arch = j->spec->arch;
    for (size_t i = 0; i < j->spec->flagsets.len; i++) {
        const struct flagset *fs = j->spec->flagsets.items[i];
        struct buf b = {0};
        buf_puts(&b, fs->name.text);
        if ((fs->cond.abi_mask & spec_all_abis(j->spec)) != spec_all_abis(j->spec))
            for (unsigned abi = 0; abi < arch->nabis; abi++)
                if (fs->cond.abi_mask & (1ull << abi))
                    buf_printf(&b, "@%s", arch->abis[abi]->name.text);
        bool hit = strcmp(b.data, key) == 0;
        buf_free(&b);
        if (hit)
            return fs;
    }
    return NULL;
}

/* The spec's declaration of an item ("K@arm32" is the constant K). */
static struct sym *spec_sym(struct judge *j, const struct lock_item *it)
{
    if (strcmp(it->kind, "flags") == 0)
        return NULL;
    char *name = arena_strdup(j->a, it->name);
    char *at = strchr(name, '@');
    if (at)
        *at = '\0';
    if (strcmp(it->kind, "register") == 0)
        return symtab_get(j->spec->registers, name);
    if (strcmp(it->kind, "const") == 0)
        return symtab_get(j->spec->macros, name);
    return symtab_get(j->spec->types, name);
}

/* Where the spec declares an item, for the diagnostic's location. */
static struct loc spec_loc(struct judge *j, const struct lock_item *it)
{
    struct loc none = {j->spec->sources[0], 1, 1, 1, 1};
    if (it && strcmp(it->kind, "flags") == 0) {
        const struct flagset *fs = spec_flagset(j, it->name);
        return fs ? fs->name.loc : none;
    }
    struct sym *s = it ? spec_sym(j, it) : NULL;
    return s ? s->loc : none;
}

static const struct visibility *spec_vis(struct judge *j, const struct lock_item *it)
{
    if (strcmp(it->kind, "flags") == 0) {
        const struct flagset *fs = spec_flagset(j, it->name);
        return fs ? &fs->vis : NULL;
    }
    struct sym *s = spec_sym(j, it);
    if (s && s->kind == SYM_AGGREGATE)
        return &((struct aggregate *)s->decl)->vis;
    if (s && s->kind == SYM_REGISTER)
        return &((struct reg *)s->decl)->vis;
    if (s && s->kind == SYM_CONST)
        return &((struct const_decl *)s->decl)->vis;
    return NULL;
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
    /* a member the ABI's declaration no longer has (removed) is reported
     * at that declaration, not at another ABI's of the same name */
    if (agg && agg->name.text)
        fallback = agg->name.loc;
    char *bare = arena_strdup(j->a, path);
    char *view = strchr(bare, '@');
    if (view)
        *view = '\0';
    const char *p = bare;
    for (unsigned depth = 0; agg && depth <= REGC_MAX_NESTING; depth++) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        const struct member *hit = NULL;
        /* anonymous members' own members are reached directly */
        const struct aggregate *stack[REGC_MAX_NESTING + 1];
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
                if (!m->name.text && m->type.inline_agg && ns < REGC_MAX_NESTING + 1)
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

/* The first detail row "K0 K1 K2 ..." of an item; k1 or k2 NULL match any. */
static const struct lock_row *find_row(const struct lock_item *it, const char *k0, const char *k1, const char *k2)
{
    for (size_t i = 0; i < it->rows.len; i++) {
        const struct lock_row *r = it->rows.items[i];
        if (strcmp(r->f[0], k0) == 0 && (!k1 || (r->n > 1 && strcmp(r->f[1], k1) == 0)) &&
            (!k2 || (r->n > 2 && strcmp(r->f[2], k2) == 0)))
            return r;
    }
    return NULL;
}

static bool same_from(const struct lock_row *r, const struct lock_row *q, unsigned from)
{
    if (r->n != q->n)
        return false;
    for (unsigned i = from; i < r->n; i++)
        if (strcmp(r->f[i], q->f[i]) != 0)
            return false;
    return true;
}

static uint64_t row_num(const struct lock_row *r, unsigned k)
{
    return strtoull(r->f[k], NULL, 0);
}

/* ---- visibility ---- */

/* The guest interface versions [lo, hi) that see an item; hi is
 * UINT64_MAX when unbounded. */
struct window {
    bool present;
    uint64_t lo, hi;
};

static struct window window_of(const struct lock_item *it)
{
    struct window w = {false, 0, UINT64_MAX};
    if (strcmp(it->vis, "guest") == 0) {
        w.present = true;
        if (it->has_since)
            w.lo = it->since;
        if (it->has_until)
            w.hi = it->until;
    } else if (it->window) {
        w.present = true;
        w.hi = it->until;
    }
    return w;
}

static const char *vis_words(struct arena *a, const struct lock_item *it)
{
    if (it->iface) {
        const char *t = arena_printf(a, "tools(%s)%s", it->iface, it->stable ? ", a stable interface" : "");
        return it->window ? arena_printf(a, "%s, and guests below 0x%" PRIx64, t, it->until) : t;
    }
    const char *s = "guest";
    if (it->has_since)
        s = arena_printf(a, "%s since 0x%" PRIx64, s, it->since);
    if (it->has_until)
        s = arena_printf(a, "%s until 0x%" PRIx64, s, it->until);
    return s;
}

static const char *versions_words(struct arena *a, uint64_t lo, uint64_t hi)
{
    if (hi == UINT64_MAX)
        return arena_printf(a, "0x%" PRIx64 " and later", lo);
    return arena_printf(a, "0x%" PRIx64 " up to, not including, 0x%" PRIx64, lo, hi);
}

/*
 * Judges who sees an item. A guest that could see the item in the lock
 * must still see it: narrowing its window is a break, except that an
 * unbounded window may get an upper bound (older guests keep the item) or
 * the item may be retired with a reason. Returns whether the guest rules
 * judge its layout: while any guest version sees it.
 */
static bool judge_visibility(struct judge *j, const struct lock_item *w, const struct lock_item *n)
{
    struct arena *a = j->a;
    struct window was = window_of(w), now = window_of(n);
    const struct visibility *v = spec_vis(j, n);
    struct loc loc = spec_loc(j, n);
    struct loc since_loc = v && v->has_since ? v->since_loc : loc;
    struct loc until_loc = v && v->has_until ? v->until_loc : loc;
    const char *old_words = vis_words(a, w), *new_words = vis_words(a, n);
    if (!was.present) {
        if (now.present)
            verdict(j, DIAG_ABI_CHANGE, loc, w, 0, "visibility", old_words, new_words,
                    "%s %s joins the guest ABI, and is frozen from now on", n->kind, n->name);
        return false;
    }
    if (!now.present) {
        if (v && v->retire) {
            verdict(j, DIAG_ABI_CHANGE, v->retire_loc, w, 0, "visibility", old_words, new_words,
                    "%s %s was retired from the guest ABI: %s", n->kind, n->name, v->retire);
            return false;
        }
        struct diag *g = verdict(j, DIAG_ABI_GUEST_VISIBILITY, loc, w, 0, "visibility", old_words, new_words,
                                 "%s %s is frozen guest ABI and cannot become tools-only", n->kind, n->name);
        diag_note(g, loc, "keep it for older guests with 'tools(%s) guest until VERSION', or say why no guest "
                          "uses it with 'tools(%s) retire \"...\"'", n->iface, n->iface);
        return true;
    }
    bool hidden = false;
    if (now.lo > was.lo) {
        verdict(j, DIAG_ABI_GUEST_VISIBILITY, since_loc, w, 0, "visibility", old_words, new_words,
                "%s %s is hidden from guests that ask for interface versions %s, which could see it", n->kind,
                n->name, versions_words(a, was.lo, now.lo < was.hi ? now.lo : was.hi));
        hidden = true;
    }
    /* bounding an unbounded window keeps every older guest's view */
    if (now.hi < was.hi && (was.hi != UINT64_MAX || now.hi <= was.lo)) {
        verdict(j, DIAG_ABI_GUEST_VISIBILITY, until_loc, w, 0, "visibility", old_words, new_words,
                "%s %s is hidden from guests that ask for interface versions %s, which could see it", n->kind,
                n->name, versions_words(a, now.hi > was.lo ? now.hi : was.lo, was.hi));
        hidden = true;
    }
    if (hidden || strcmp(old_words, new_words) == 0)
        return true;
    if (now.hi < was.hi)
        verdict(j, DIAG_ABI_CHANGE, until_loc, w, 0, "visibility", old_words, new_words,
                "%s %s left the guest ABI for guests from 0x%" PRIx64 " on; older guests still see it", n->kind,
                n->name, now.hi);
    else
        verdict(j, DIAG_ABI_CHANGE, loc, w, 0, "visibility", old_words, new_words,
                "%s %s changed visibility, and every guest version that saw it still does", n->kind, n->name);
    return true;
}

/* ---- layouts and values ---- */

enum change_kind {
    CH_CHANGED,   /* a member's size, type or kind */
    CH_REMOVED,
    CH_ADDED,
    CH_MOVED,     /* only its offset */
    CH_SIZE,      /* the struct's size or alignment */
    CH_VALUE,     /* a constant's value or type */
    CH_FILLED,    /* reserved padding that became a field: allowed when marked */
    CH_ALIAS,     /* a new name for an unchanged slot: allowed */
    CH_RENAMED,   /* padding with a new name, the same slot: allowed */
    CH_MARK,      /* what callers had to do with a slot (`was reserved`): history */
};

struct change {
    enum change_kind kind;
    const char *abi, *what;
    const struct lock_row *was, *now;  /* NULL when absent */
    const char *follows;               /* the change this one is a consequence of; NULL: its own */
    const char *slot;                  /* CH_ALIAS: the member whose slot it names */
};

static struct change *add_change(struct arena *a, struct avec *out, enum change_kind kind, const char *abi,
                                 const char *what, const struct lock_row *was, const struct lock_row *now)
{
    struct change *c = ARENA_NEW(a, struct change);
    *c = (struct change){kind, abi, what, was, now, NULL, NULL};
    avec_push(a, out, c);
    return c;
}

static bool is_member_on(const struct lock_row *r, const char *abi)
{
    return strcmp(r->f[0], "member") == 0 && strcmp(r->f[1], abi) == 0;
}

/* "fpu.x" is in "fpu"; "x" is at the top */
static bool same_parent(const char *p, const char *q)
{
    const char *dp = strrchr(p, '.'), *dq = strrchr(q, '.');
    size_t np = dp ? (size_t)(dp - p) : 0, nq = dq ? (size_t)(dq - q) : 0;
    return np == nq && strncmp(p, q, np) == 0;
}

static bool is_inside(const char *path, const char *container)
{
    size_t n = strlen(container);
    return strncmp(path, container, n) == 0 && path[n] == '.';
}

static bool has_row(const struct avec *v, const struct lock_row *r)
{
    for (size_t i = 0; i < v->len; i++)
        if (v->items[i] == r)
            return true;
    return false;
}

/* A member of the spec, not in the lock, that takes the place of a
 * reserved member of the lock: same ABI, offset and size. */
static const struct lock_row *filler_of(const struct lock_item *w, const struct lock_item *n, const struct lock_row *r,
                                        const struct avec *used)
{
    for (size_t k = 0; k < n->rows.len; k++) {
        const struct lock_row *x = n->rows.items[k];
        if (is_member_on(x, r->f[1]) && strcmp(x->f[6], "alias") != 0 && strcmp(x->f[3], r->f[3]) == 0 &&
            strcmp(x->f[4], r->f[4]) == 0 && !find_row(w, "member", r->f[1], x->f[2]) && !has_row(used, x))
            return x;
    }
    return NULL;
}

static bool is_padding(const struct lock_row *r)
{
    return strcmp(r->f[6], "reserved") == 0 || strcmp(r->f[6], "pad") == 0;
}

/* A member row's slot: offset, size, type and kind, without its mark. */
static bool same_slot(const struct lock_row *r, const struct lock_row *q)
{
    for (unsigned i = 3; i <= 6; i++)
        if (strcmp(r->f[i], q->f[i]) != 0)
            return false;
    return true;
}

/* The mark of a member row: "was-reserved...", or "" */
static const char *mark_of(const struct lock_row *r)
{
    return r && strcmp(r->f[0], "member") == 0 && r->n == 8 ? r->f[7] : "";
}

/* Padding of the spec with another name in the same slot as padding of
 * the lock: Xen renames padding freely (get_domain_state's pad1 became
 * pad0), and no byte changes. */
static const struct lock_row *renamed_padding(const struct lock_item *w, const struct lock_item *n,
                                              const struct lock_row *r, const struct avec *used)
{
    for (size_t k = 0; k < n->rows.len; k++) {
        const struct lock_row *x = n->rows.items[k];
        if (!is_member_on(x, r->f[1]) || !same_slot(r, x) || has_row(used, x) || strcmp(x->f[2], r->f[2]) == 0)
            continue;
        /* not the unchanged padding of its own name */
        const struct lock_row *own = find_row(w, "member", r->f[1], x->f[2]);
        if (!own || !same_from(own, x, 3))
            return x;
    }
    return NULL;
}

/* The unchanged member whose slot a new alias names, or NULL. */
static const char *alias_slot(const struct lock_item *w, const struct lock_item *n, const struct lock_row *q)
{
    if (strcmp(q->f[6], "alias") != 0)
        return NULL;
    uint64_t off = row_num(q, 3), end = off + row_num(q, 4);
    for (size_t k = 0; k < n->rows.len; k++) {
        const struct lock_row *m = n->rows.items[k];
        if (!is_member_on(m, q->f[1]) || strcmp(m->f[6], "alias") == 0 || !same_parent(m->f[2], q->f[2]))
            continue;
        const struct lock_row *old = find_row(w, "member", m->f[1], m->f[2]);
        if (old && same_from(old, m, 3) && row_num(m, 3) <= off && end <= row_num(m, 3) + row_num(m, 4))
            return m->f[2];
    }
    return NULL;
}

static bool is_own_kind(enum change_kind k)
{
    return k == CH_CHANGED || k == CH_REMOVED || k == CH_ADDED;
}

static uint64_t change_offset(const struct change *c)
{
    return row_num(c->was ? c->was : c->now, 3);
}

/*
 * Which changes follow from others: an inline struct or union that grew
 * because a member inside it changed; a member that only moved, after an
 * earlier member changed, was added or removed at the same level; the
 * struct's size, after any of them.
 */
static void find_causes(struct avec *out, size_t first)
{
    for (size_t i = first; i < out->len; i++) {
        struct change *c = out->items[i];
        if (c->kind != CH_CHANGED || !c->was || !c->now || strcmp(c->was->f[5], c->now->f[5]) != 0 ||
            strcmp(c->was->f[6], c->now->f[6]) != 0 ||
            (strcmp(c->was->f[5], "struct{}") != 0 && strcmp(c->was->f[5], "union{}") != 0))
            continue;
        for (size_t k = first; k < out->len && !c->follows; k++) {
            const struct change *d = out->items[k];
            if (is_own_kind(d->kind) && is_inside(d->what, c->what))
                c->follows = d->what;
        }
    }
    for (size_t i = first; i < out->len; i++) {
        struct change *c = out->items[i];
        if (c->kind != CH_MOVED)
            continue;
        for (size_t k = first; k < out->len && !c->follows; k++) {
            const struct change *d = out->items[k];
            bool cause = is_own_kind(d->kind) || (d->kind == CH_MOVED && k < i && !d->follows);
            if (d != c && cause && same_parent(d->what, c->what) && change_offset(d) <= change_offset(c))
                c->follows = d->what;
        }
    }
    for (size_t i = first; i < out->len; i++) {
        struct change *c = out->items[i];
        for (size_t k = first; k < out->len && c->kind == CH_SIZE && !c->follows; k++) {
            const struct change *d = out->items[k];
            if (is_own_kind(d->kind) || d->kind == CH_MOVED)
                c->follows = d->what;
        }
    }
}

/* The differences of a struct or union on one ABI. */
static void abi_changes(struct arena *a, const struct lock_item *w, const struct lock_item *n, const char *abi,
                        struct avec *out)
{
    const struct lock_row *r = find_row(w, "layout", abi, NULL), *q = find_row(n, "layout", abi, NULL);
    if (!r || !q) {
        /* an ABI the item gained or lost: one difference, not one per member */
        add_change(a, out, CH_SIZE, abi, "size and alignment", r, q);
        return;
    }
    size_t first = out->len;
    struct avec used = {0};  /* rows of the spec that fill or rename padding */
    struct avec done = {0};  /* rows of the lock matched by the first pass */
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *m = w->rows.items[i];
        const struct lock_row *x = is_member_on(m, abi) ? find_row(n, "member", abi, m->f[2]) : NULL;
        if (x && same_from(m, x, 3))
            avec_push(a, &done, (void *)m);
    }
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *m = w->rows.items[i];
        if (!is_member_on(m, abi) || has_row(&done, m) || !is_padding(m))
            continue;
        const struct lock_row *x = renamed_padding(w, n, m, &used);
        if (x) {
            avec_push(a, &used, (void *)x);
            avec_push(a, &done, (void *)m);
            add_change(a, out, CH_RENAMED, abi, x->f[2], m, x);
        }
    }
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *m = w->rows.items[i];
        if (!is_member_on(m, abi) || has_row(&done, m))
            continue;
        const struct lock_row *x = find_row(n, "member", abi, m->f[2]);
        if (x && has_row(&used, x))
            x = NULL;
        bool reserved = strcmp(m->f[6], "reserved") == 0;
        if (x && same_slot(m, x)) {
            add_change(a, out, CH_MARK, abi, m->f[2], m, x);
        } else if (x && strcmp(m->f[4], x->f[4]) == 0 && strcmp(m->f[5], x->f[5]) == 0 &&
                   strcmp(m->f[6], x->f[6]) == 0) {
            add_change(a, out, CH_MOVED, abi, m->f[2], m, x);
        } else if (reserved && x && strcmp(m->f[3], x->f[3]) == 0 && strcmp(m->f[4], x->f[4]) == 0 &&
                   strcmp(x->f[6], "data") == 0) {
            add_change(a, out, CH_FILLED, abi, m->f[2], m, x);
        } else if (reserved && !x && (x = filler_of(w, n, m, &used)) != NULL) {
            avec_push(a, &used, (void *)x);
            add_change(a, out, CH_FILLED, abi, x->f[2], m, x);
        } else {
            add_change(a, out, x ? CH_CHANGED : CH_REMOVED, abi, m->f[2], m, x);
        }
    }
    for (size_t i = 0; i < n->rows.len; i++) {
        const struct lock_row *x = n->rows.items[i];
        if (!is_member_on(x, abi) || find_row(w, "member", abi, x->f[2]) || has_row(&used, x))
            continue;
        const char *slot = alias_slot(w, n, x);
        struct change *c = add_change(a, out, slot ? CH_ALIAS : CH_ADDED, abi, x->f[2], NULL, x);
        c->slot = slot;
    }
    if (!same_from(r, q, 2))
        add_change(a, out, CH_SIZE, abi, "size and alignment", r, q);
    find_causes(out, first);
}

static void layout_changes(struct arena *a, const struct lock_item *w, const struct lock_item *n, struct avec *out)
{
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *r = w->rows.items[i];
        if (strcmp(r->f[0], "layout") == 0)
            abi_changes(a, w, n, r->f[1], out);
    }
    for (size_t i = 0; i < n->rows.len; i++) {
        const struct lock_row *q = n->rows.items[i];
        if (strcmp(q->f[0], "layout") == 0 && !find_row(w, "layout", q->f[1], NULL))
            add_change(a, out, CH_SIZE, q->f[1], "size and alignment", NULL, q);
    }
}

static void value_changes(struct arena *a, const struct lock_item *w, const struct lock_item *n, struct avec *out)
{
    const struct lock_row *r = find_row(w, "value", NULL, NULL), *q = find_row(n, "value", NULL, NULL);
    if (r && q && !same_from(r, q, 1))
        add_change(a, out, CH_VALUE, "", "value", r, q);
}

/* A row's value, as the notes and the report give it. */
/* A mark in words: "was reserved until 0x1" */
static const char *mark_words(struct arena *a, const char *mark)
{
    if (!*mark)
        return "";
    if (strcmp(mark, "was-reserved") == 0)
        return "was reserved";
    return arena_printf(a, "was reserved until %s", mark + strlen("was-reserved-until="));
}

static const char *row_value(struct arena *a, const struct lock_row *r)
{
    if (!r)
        return "";
    if (strcmp(r->f[0], "layout") == 0)
        return arena_printf(a, "size %s, align %s", r->f[2], r->f[3]);
    if (strcmp(r->f[0], "value") == 0)
        return arena_printf(a, "%s, %s", r->f[1], r->f[2]);
    bool data = strcmp(r->f[6], "data") == 0;
    const char *mark = mark_words(a, mark_of(r));
    return arena_printf(a, "offset %s, size %s, %s%s%s%s%s%s", r->f[3], r->f[4], r->f[5], data ? "" : " (",
                        data ? "" : r->f[6], data ? "" : ")", *mark ? ", " : "", mark);
}

static const char *change_words(struct arena *a, const struct change *c)
{
    switch (c->kind) {
    case CH_CHANGED: return arena_printf(a, "its member '%s' changed", c->what);
    case CH_REMOVED: return arena_printf(a, "its member '%s' was removed", c->what);
    case CH_ADDED: return arena_printf(a, "it has a new member '%s'", c->what);
    case CH_MOVED: return arena_printf(a, "its member '%s' moved", c->what);
    case CH_SIZE: return "its size or alignment changed";
    case CH_VALUE: {
        /* a value row is "value VALUE TYPE": say which of them changed */
        bool value = strcmp(c->was->f[1], c->now->f[1]) != 0, type = strcmp(c->was->f[2], c->now->f[2]) != 0;
        return value && type ? "its value and its type changed" : type ? "its type changed" : "its value changed";
    }
    case CH_FILLED:
        return *mark_of(c->now)
                   ? arena_printf(a, "its reserved member '%s' is now the member '%s', which callers had to zero",
                                  c->was->f[2], c->now->f[2])
                   : arena_printf(a, "its reserved member '%s' is now the member '%s'", c->was->f[2], c->now->f[2]);
    case CH_ALIAS:
        return arena_printf(a, "'%s' is a new name for the unchanged slot of '%s'", c->what, c->slot);
    case CH_RENAMED:
        return arena_printf(a, "its padding '%s' is now called '%s'", c->was->f[2], c->now->f[2]);
    case CH_MARK:
        if (!*mark_of(c->was))
            return arena_printf(a, "its member '%s' now says it took the place of padding callers had to zero, "
                                   "which the lock does not", c->what);
        if (!*mark_of(c->now))
            return arena_printf(a, "its member '%s' no longer says it took the place of padding callers had to zero",
                                c->what);
        return arena_printf(a, "the versions whose callers had to zero its member '%s' changed", c->what);
    }
    return "";
}

/* How the rules judge a struct's or constant's changes. */
struct rules {
    bool guest;              /* frozen: the guest rules */
    bool stable;             /* frozen: the item is of a stable tools interface */
    const struct lock_row *history; /* the layout of a released version: "old NAME VERSION" */
    bool bumped;             /* tools: the interface's version went up */
    const char *iface;
    uint64_t locked, current;
};

/* Whether a change is allowed whatever the rules of the item: no byte
 * means anything else to any caller. Reserved padding that became a
 * member is, when the spec says callers had to zero it ('was reserved'):
 * zero then means what the padding did. */
static bool is_free_change(const struct change *c)
{
    return c->kind == CH_ALIAS || c->kind == CH_RENAMED || (c->kind == CH_FILLED && *mark_of(c->now));
}

static enum diag_id rule_of(const struct rules *ru, const struct change *c)
{
    /* what callers had to do at released versions is history too */
    if (ru->history || c->kind == CH_MARK)
        return DIAG_ABI_HISTORY_CHANGED;
    if (is_free_change(c))
        return DIAG_ABI_CHANGE;
    if (ru->guest)
        return DIAG_ABI_GUEST_CHANGED;
    if (ru->stable)
        return DIAG_ABI_STABLE_CHANGED;
    return ru->bumped ? DIAG_ABI_CHANGE : DIAG_ABI_TOOLS_UNBUMPED;
}

static const char *change_message(struct judge *j, const struct rules *ru, const struct lock_item *w,
                                  const struct change *c, const char *abis)
{
    struct arena *a = j->a;
    const char *words = change_words(a, c);
    const char *on = *abis ? arena_printf(a, " on %s", abis) : "";
    if (ru->history)
        return arena_printf(a, "%s %s is the layout %s had at %s version %s, which is released and frozen, and %s%s",
                            w->kind, w->name, ru->history->f[1], w->iface ? w->iface : "its interface's",
                            ru->history->f[2], words, on);
    if (c->kind == CH_MARK)
        return arena_printf(a, "in %s %s%s, %s: what callers of released versions had to do is history", w->kind,
                            w->name, on, words);
    if (is_free_change(c))
        return arena_printf(a, "in %s %s%s, %s", w->kind, w->name, on, words);
    if (ru->guest)
        return arena_printf(a, "%s %s is frozen guest ABI, and %s%s", w->kind, w->name, words, on);
    if (ru->stable)
        return arena_printf(a, "%s %s is frozen, as interface %s is stable, and %s%s", w->kind, w->name, w->iface,
                            words, on);
    if (ru->bumped)
        return arena_printf(a, "%s %s changed (%s%s), and interface %s was bumped from 0x%" PRIx64 " to 0x%" PRIx64,
                            w->kind, w->name, words, on, ru->iface, ru->locked, ru->current);
    return arena_printf(a, "%s %s changed without a version bump (%s%s): bump %s from 0x%" PRIx64 " to 0x%" PRIx64,
                        w->kind, w->name, words, on, ru->iface ? ru->iface : "its interface", ru->locked,
                        ru->locked + 1);
}

static bool same_group(const struct change *c, const struct change *d)
{
    return !d->follows && d->kind == c->kind && strcmp(d->what, c->what) == 0 &&
           ((c->kind != CH_FILLED && c->kind != CH_RENAMED) || strcmp(d->was->f[2], c->was->f[2]) == 0);
}

static const char *abi_list(struct arena *a, const char *list, const char *abi)
{
    return *list ? arena_printf(a, "%s, %s", list, abi) : abi;
}

/* One diagnostic for one member's own change, on every ABI it changed on,
 * with the old and new values as notes (ABIs with the same values share
 * them); and a record per ABI. */
static struct diag *report_group(struct judge *j, const struct rules *ru, const struct lock_item *w,
                                 const struct lock_item *n, const struct avec *changes, size_t at)
{
    struct arena *a = j->a;
    const struct change *c = changes->items[at];
    const char *abis = "";
    for (size_t k = at; k < changes->len; k++)
        if (same_group(c, changes->items[k]))
            abis = abi_list(a, abis, ((const struct change *)changes->items[k])->abi);
    /* a removed member has no row now: it is reported at the declaration
     * of the ABI it left (member_loc falls back to it) */
    const struct lock_row *at_row = c->now ? c->now : c->was;
    struct loc loc = at_row && strcmp(at_row->f[0], "member") == 0 && c->abi && *c->abi
                         ? member_loc(j, n, c->abi, c->now ? at_row->f[2] : "")
                         : spec_loc(j, n);
    enum diag_id id = rule_of(ru, c);
    const char *msg = change_message(j, ru, w, c, abis);
    struct diag *g = diag_report(j->d, id, loc, "%s", msg);
    if (c->kind == CH_FILLED && id != DIAG_ABI_CHANGE)
        diag_note(g, loc, "if callers had to zero '%s', say so, and the change needs no bump: 'was reserved %s %s;'",
                  c->was->f[2], c->now->f[5], c->now->f[2]);
    else if (*mark_of(c->now) && c->kind != CH_MARK && id != DIAG_ABI_CHANGE)
        diag_note(g, loc, "'was reserved' is for a member in the place of 'reserved' padding, which callers had to "
                          "zero; the lock has none there");
    if (id == DIAG_ABI_STABLE_CHANGED && c->kind == CH_VALUE)
        diag_note(g, loc, "every version of a stable interface stays supported: keep this value, and give a new "
                          "one a constant of its own");
    else if (id == DIAG_ABI_STABLE_CHANGED)
        diag_note(g, loc, "every version of a stable interface stays supported: keep this layout, and give what "
                          "is new a struct of its own, or reserved padding ('was reserved')");
    for (size_t k = at; k < changes->len; k++) {
        const struct change *x = changes->items[k];
        if (!same_group(c, x))
            continue;
        const char *was = row_value(a, x->was), *now = row_value(a, x->now);
        record(j, id, w, x->what, x->abi, was, now, "", msg);
        bool noted = false;
        for (size_t e = at; e < k && !noted; e++) {
            const struct change *y = changes->items[e];
            noted = same_group(c, y) && strcmp(row_value(a, y->was), was) == 0 &&
                    strcmp(row_value(a, y->now), now) == 0;
        }
        if (noted)
            continue;
        const char *same = "";
        for (size_t e = k; e < changes->len; e++) {
            const struct change *y = changes->items[e];
            if (same_group(c, y) && strcmp(row_value(a, y->was), was) == 0 &&
                strcmp(row_value(a, y->now), now) == 0)
                same = abi_list(a, same, y->abi);
        }
        value_notes(j, g, x->was ? x->was->line : w->line, loc, same, x->was ? was : NULL, x->now ? now : NULL);
    }
    return g;
}

/* What the changes that follow from others did on one ABI, in words: the
 * first few members, then the size. */
static const char *consequences_on(struct arena *a, const struct avec *changes, const char *abi)
{
    const char *s = "", *size = NULL;
    unsigned shown = 0, more = 0;
    for (size_t i = 0; i < changes->len; i++) {
        const struct change *c = changes->items[i];
        if (!c->follows || strcmp(c->abi, abi) != 0)
            continue;
        if (c->kind == CH_SIZE) {
            size = arena_printf(a, "the size and alignment are %s, %s (were %s, %s)", c->now->f[2], c->now->f[3],
                                c->was->f[2], c->was->f[3]);
        } else if (shown == 3) {
            more++;
        } else {
            const char *part = c->kind == CH_MOVED
                                   ? arena_printf(a, "'%s' moved from offset %s to %s", c->what, c->was->f[3], c->now->f[3])
                                   : arena_printf(a, "'%s' is %s bytes (was %s)", c->what, c->now->f[4], c->was->f[4]);
            s = shown++ ? arena_printf(a, "%s; %s", s, part) : part;
        }
    }
    if (more)
        s = arena_printf(a, "%s; %u more member%s moved", s, more, more == 1 ? "" : "s");
    if (size)
        s = *s ? arena_printf(a, "%s; %s", s, size) : size;
    return s;
}

/* The changes that follow from a member's own change: one note, on the
 * item's first diagnostic, per set of ABIs where they are the same; and a
 * record each. */
static void report_consequences(struct judge *j, const struct rules *ru, const struct lock_item *w,
                                const struct lock_item *n, const struct avec *changes, struct diag *g)
{
    struct arena *a = j->a;
    const char *done = "|";
    for (size_t i = 0; i < changes->len; i++) {
        const struct change *c = changes->items[i];
        if (!c->follows)
            continue;
        enum diag_id id = rule_of(ru, c);
        record(j, id, w, c->what, c->abi, row_value(a, c->was), row_value(a, c->now), c->follows,
               arena_printf(a, "in %s %s on %s, a consequence of the change to '%s'", w->kind, w->name, c->abi,
                            c->follows));
        if (strstr(done, arena_printf(a, "|%s|", c->abi)))
            continue;
        const char *text = consequences_on(a, changes, c->abi), *abis = "";
        for (size_t k = i; k < changes->len; k++) {
            const struct change *d = changes->items[k];
            if (d->follows && !strstr(done, arena_printf(a, "|%s|", d->abi)) &&
                strcmp(consequences_on(a, changes, d->abi), text) == 0) {
                abis = abi_list(a, abis, d->abi);
                done = arena_printf(a, "%s%s|", done, d->abi);
            }
        }
        diag_note(g, spec_loc(j, n), "as a result, on %s: %s", abis, text);
    }
}

static void report_changes(struct judge *j, const struct rules *ru, const struct lock_item *w,
                           const struct lock_item *n, const struct avec *changes)
{
    struct diag *first = NULL;
    bool any = false;
    for (size_t i = 0; i < changes->len; i++) {
        const struct change *c = changes->items[i];
        if (c->follows)
            continue;
        bool reported = false;
        for (size_t k = 0; k < i && !reported; k++)
            reported = same_group(changes->items[k], c);
        if (reported)
            continue;
        struct diag *g = report_group(j, ru, w, n, changes, i);
        if (!any)
            first = g;
        any = true;
    }
    report_consequences(j, ru, w, n, changes, first);
}

/* ---- registers ---- */

static const struct reg *spec_reg(struct judge *j, const struct lock_item *it)
{
    struct sym *s = symtab_get(j->spec->registers, it->name);
    return s && s->kind == SYM_REGISTER ? s->decl : NULL;
}

static struct loc field_loc(struct judge *j, const struct lock_item *it, const char *field)
{
    const struct reg *r = spec_reg(j, it);
    for (size_t i = 0; r && i < r->nfields; i++)
        if (r->fields[i]->name.text && strcmp(r->fields[i]->name.text, field) == 0)
            return r->fields[i]->loc;
    return spec_loc(j, it);
}

/* The statement that makes some of `bits` reserved of `kind`. */
static struct loc reserved_loc(struct judge *j, const struct lock_item *it, enum bit_kind kind, struct mask128 bits)
{
    const struct reg *r = spec_reg(j, it);
    for (size_t i = 0; r && i < r->nfields; i++) {
        const struct field *f = r->fields[i];
        bool kind_ok = f->kind == kind || (kind == BITS_RES0 && f->kind == BITS_RAZ);
        if (kind_ok && !mask_empty(mask_and(mask_range(f->msb, f->lsb), bits)))
            return f->loc;
    }
    /* bits of `rest`: at the `res0 rest` that gave them */
    if (r && r->rest_loc.src)
        return r->rest_loc;
    return spec_loc(j, it);
}

/* "bit 31", "bits 35:32, 7" */
static const char *bits_words(struct arena *a, struct mask128 m)
{
    struct buf b = {0};
    diag_bits(&b, m);
    const char *s = arena_strdup(a, b.data);
    buf_free(&b);
    return s;
}

static const char *feature_words(struct arena *a, const struct lock_row *r)
{
    if (strcmp(r->f[4], "-") == 0)
        return "no feature";
    return arena_printf(a, "%s, %s without it", r->f[4], r->n == 6 ? "RES1" : "RES0");
}

/* A field's feature: software may rely on a field without a feature
 * everywhere, and on one with a feature where that feature is. */
static void judge_feature(struct judge *j, const struct lock_item *w, const struct lock_item *n,
                          const struct lock_row *r, const struct lock_row *q)
{
    struct arena *a = j->a;
    const char *f0 = r->f[4], *f1 = q->f[4];
    struct loc loc = field_loc(j, n, q->f[1]);
    const char *was = feature_words(a, r), *now = feature_words(a, q);
    if (strcmp(was, now) == 0)
        return;
    if (strcmp(f0, f1) == 0)
        verdict(j, DIAG_ABI_REGISTER_CHANGED, loc, w, r->line, q->f[1], was, now,
                "without %s, %s.%s now reads as %s, not %s", f0, w->name, q->f[1], q->n == 6 ? "RES1" : "RES0",
                r->n == 6 ? "RES1" : "RES0");
    else if (strcmp(f1, "-") == 0)
        verdict(j, DIAG_ABI_CHANGE, loc, w, r->line, q->f[1], was, now, "%s.%s no longer depends on %s", w->name,
                q->f[1], f0);
    else if (strcmp(f0, "-") == 0)
        verdict(j, DIAG_ABI_REGISTER_CHANGED, loc, w, r->line, q->f[1], was, now,
                "%s.%s is now defined only with %s: software that uses it without checking for %s breaks where "
                "it is absent", w->name, q->f[1], f1, f1);
    else
        verdict(j, DIAG_ABI_REGISTER_CHANGED, loc, w, r->line, q->f[1], was, now,
                "%s.%s is now defined with %s instead of %s", w->name, q->f[1], f1, f0);
}

/* A register's bits by what software may rely on: reserved RES0 (RAZ
 * included), RES1, fields, and UNKNOWN (the rest). */
struct reg_bits {
    struct mask128 res0, res1, fields, unknown;
    unsigned width;
};

static struct reg_bits bits_of(const struct lock_item *it)
{
    struct reg_bits b = {mask_none(), mask_none(), mask_none(), mask_none(), 0};
    for (size_t i = 0; i < it->rows.len; i++) {
        const struct lock_row *r = it->rows.items[i];
        if (strcmp(r->f[0], "width") == 0)
            b.width = (unsigned)row_num(r, 1);
        else if (strcmp(r->f[0], "field") == 0)
            b.fields = mask_or(b.fields, mask_range((unsigned)row_num(r, 2), (unsigned)row_num(r, 3)));
        else if (strcmp(r->f[0], "reserved") == 0 && (!parse_mask(r->f[1], &b.res0) || !parse_mask(r->f[2], &b.res1)))
            b.res0 = b.res1 = mask_none();
    }
    if (b.width >= 1 && b.width <= 128)
        b.unknown = mask_andnot(mask_range(b.width - 1, 0), mask_or(mask_or(b.res0, b.res1), b.fields));
    return b;
}

/* Reserved bits keep their kind: software writes RES0 bits as zeros and
 * RES1 bits as ones, and may rely on neither once they are UNKNOWN. Bits
 * that were UNKNOWN may get a kind. Fields are judged as fields. */
static void judge_reserved(struct judge *j, const struct lock_item *w, const struct lock_item *n)
{
    struct reg_bits was = bits_of(w), now = bits_of(n);
    const struct lock_row *r = find_row(w, "reserved", NULL, NULL);
    static const struct {
        unsigned from, to;   /* 0 RES0, 1 RES1, 2 UNKNOWN */
        enum diag_id id;
    } turns[] = {
        {0, 1, DIAG_ABI_REGISTER_CHANGED}, {1, 0, DIAG_ABI_REGISTER_CHANGED}, {0, 2, DIAG_ABI_REGISTER_CHANGED},
        {1, 2, DIAG_ABI_REGISTER_CHANGED}, {2, 0, DIAG_ABI_CHANGE},            {2, 1, DIAG_ABI_CHANGE},
    };
    static const char *const kinds[] = {"RES0", "RES1", "UNKNOWN"};
    static const enum bit_kind bit_kinds[] = {BITS_RES0, BITS_RES1, BITS_UNKNOWN};
    const struct mask128 old_masks[] = {was.res0, was.res1, was.unknown}, new_masks[] = {now.res0, now.res1, now.unknown};
    for (size_t t = 0; t < sizeof(turns) / sizeof(turns[0]); t++) {
        struct mask128 bits = mask_and(old_masks[turns[t].from], new_masks[turns[t].to]);
        if (mask_empty(bits))
            continue;
        const char *words = bits_words(j->a, bits), *from = kinds[turns[t].from], *to = kinds[turns[t].to];
        bool many = strncmp(words, "bits", 4) == 0;
        verdict(j, turns[t].id, reserved_loc(j, n, bit_kinds[turns[t].to], bits), w, r ? r->line : 0, words,
                arena_printf(j->a, "%s %s", words, from), arena_printf(j->a, "%s %s", words, to),
                "%s of %s %s %s and %s now %s", words, w->name, many ? "were" : "was", from, many ? "are" : "is", to);
    }
}

/* A new field over reserved bits (an ISA extension) is allowed when,
 * without its feature, the bits read as they did: a field over RES1 bits
 * says "else res1", one over RES0 bits does not. */
static void judge_new_field(struct judge *j, const struct lock_item *w, const struct lock_item *n,
                            const struct lock_row *q)
{
    struct arena *a = j->a;
    struct reg_bits was = bits_of(w);
    struct mask128 bits = mask_range((unsigned)row_num(q, 2), (unsigned)row_num(q, 3));
    bool gated = strcmp(q->f[4], "-") != 0, absent_res1 = q->n == 6;
    struct mask128 clash = !gated ? mask_none() : absent_res1 ? mask_and(bits, was.res0) : mask_and(bits, was.res1);
    const char *now = arena_printf(a, "%s at [%s:%s], %s", q->f[1], q->f[2], q->f[3], feature_words(a, q));
    if (mask_empty(clash)) {
        bool reserved = mask_empty(mask_and(bits, was.fields));
        verdict(j, DIAG_ABI_CHANGE, field_loc(j, n, q->f[1]), w, 0, q->f[1], reserved ? "reserved bits" : NULL, now,
                reserved ? "%s.%s names bits that were reserved" : "%s.%s is a new field, over bits of the lock's fields",
                w->name, q->f[1]);
        return;
    }
    const char *words = bits_words(a, clash);
    verdict(j, DIAG_ABI_REGISTER_CHANGED, field_loc(j, n, q->f[1]), w, 0, q->f[1],
            arena_printf(a, "%s %s", words, absent_res1 ? "RES0" : "RES1"), now,
            "%s.%s takes %s, which %s %s, but reads as %s without %s", w->name, q->f[1], words,
            strncmp(words, "bits", 4) == 0 ? "were" : "was", absent_res1 ? "RES0" : "RES1",
            absent_res1 ? "RES1" : "RES0", q->f[4]);
}

/* Registers: fields keep their bits and features; reserved bits keep
 * their kind; new fields take reserved bits. */
static void judge_register(struct judge *j, const struct lock_item *w, const struct lock_item *n)
{
    struct arena *a = j->a;
    struct loc loc = spec_loc(j, n);
    const struct lock_row *rw = find_row(w, "width", NULL, NULL), *qw = find_row(n, "width", NULL, NULL);
    bool same_width = !rw || !qw || strcmp(rw->f[1], qw->f[1]) == 0;
    if (!same_width)
        verdict(j, DIAG_ABI_REGISTER_CHANGED, loc, w, rw->line, "width", arena_printf(a, "%s bits", rw->f[1]),
                arena_printf(a, "%s bits", qw->f[1]), "register %s changed width", w->name);
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *r = w->rows.items[i];
        if (strcmp(r->f[0], "field") != 0)
            continue;
        const struct lock_row *q = find_row(n, "field", r->f[1], NULL);
        const char *was = arena_printf(a, "%s at [%s:%s]", r->f[1], r->f[2], r->f[3]);
        if (!q) {
            /* a field renamed is removed under its old name: its bits are
             * the new field's now, not reserved ones */
            const char *now = "reserved bits";
            for (size_t k = 0; k < n->rows.len; k++) {
                const struct lock_row *o = n->rows.items[k];
                if (strcmp(o->f[0], "field") == 0 && strcmp(o->f[2], r->f[2]) == 0 && strcmp(o->f[3], r->f[3]) == 0 &&
                    !find_row(w, "field", o->f[1], NULL))
                    now = arena_printf(a, "field %s at [%s:%s]", o->f[1], o->f[2], o->f[3]);
            }
            verdict(j, DIAG_ABI_REGISTER_CHANGED, loc, w, r->line, r->f[1], was, now, "field %s.%s was removed",
                    w->name, r->f[1]);
        }
        else if (strcmp(q->f[2], r->f[2]) != 0 || strcmp(q->f[3], r->f[3]) != 0)
            verdict(j, DIAG_ABI_REGISTER_CHANGED, field_loc(j, n, q->f[1]), w, r->line, r->f[1], was,
                    arena_printf(a, "%s at [%s:%s]", q->f[1], q->f[2], q->f[3]), "field %s.%s moved or changed size",
                    w->name, r->f[1]);
        else
            judge_feature(j, w, n, r, q);
    }
    for (size_t i = 0; i < n->rows.len; i++) {
        const struct lock_row *q = n->rows.items[i];
        if (strcmp(q->f[0], "field") == 0 && !find_row(w, "field", q->f[1], NULL))
            judge_new_field(j, w, n, q);
    }
    /* bits of another width are not the same bits */
    if (same_width)
        judge_reserved(j, w, n);
}

/* ---- published values: enumerations, resets, flags ---- */

/* The public macro a value row is. */
static const char *value_macro(struct arena *a, const struct lock_item *it, const struct lock_row *r)
{
    const char *base = arena_strdup(a, it->name);
    char *at = strchr((char *)base, '@');
    if (at)
        *at = '\0';
    if (strcmp(r->f[0], "enum") == 0)
        return arena_printf(a, "%s_%s_%s", base, r->f[1], r->f[2]);
    if (strcmp(r->f[0], "flag") == 0)
        return arena_printf(a, "%s_%s", base, r->f[1]);
    if (strcmp(r->f[0], "raz") == 0)
        return arena_printf(a, "%s_RAZ", base);
    return arena_printf(a, "%s_RESET", base);
}

static const char *value_words(struct arena *a, const struct lock_item *it, const struct lock_row *r)
{
    if (strcmp(r->f[0], "enum") == 0)
        return arena_printf(a, "%s = %s", value_macro(a, it, r), r->f[3]);
    if (strcmp(r->f[0], "flag") == 0)
        return arena_printf(a, "%s = bit %s, %s", value_macro(a, it, r), r->f[2], r->f[3]);
    if (strcmp(r->f[0], "raz") == 0)
        return arena_printf(a, "%s = %s", value_macro(a, it, r), r->f[1]);
    return arena_printf(a, "%s = %s, of the bits %s", value_macro(a, it, r), r->f[1], r->f[2]);
}

static const char *value_what(struct arena *a, const struct lock_row *r)
{
    if (strcmp(r->f[0], "enum") == 0)
        return arena_printf(a, "%s.%s", r->f[1], r->f[2]);
    if (strcmp(r->f[0], "flag") == 0)
        return r->f[1];
    return r->f[0];
}

/* Where the spec declares a value row's value. */
static struct loc value_loc(struct judge *j, const struct lock_item *it, const struct lock_row *r)
{
    struct loc loc = spec_loc(j, it);
    if (strcmp(r->f[0], "enum") == 0) {
        const struct reg *reg = spec_reg(j, it);
        for (size_t i = 0; reg && i < reg->nfields; i++) {
            const struct field *f = reg->fields[i];
            if (f->kind != BITS_FIELD || !f->name.text || strcmp(f->name.text, r->f[1]) != 0)
                continue;
            loc = f->name.loc;
            for (size_t k = 0; k < f->nenums; k++)
                if (strcmp(f->enums[k]->name.text, r->f[2]) == 0)
                    loc = f->enums[k]->name.loc;
        }
    } else if (strcmp(r->f[0], "flag") == 0) {
        const struct flagset *fs = spec_flagset(j, it->name);
        for (size_t i = 0; fs && i < fs->nflags; i++)
            if (strcmp(fs->flags[i]->name.text, r->f[1]) == 0)
                loc = fs->flags[i]->name.loc;
    }
    return loc;
}

/*
 * Values a header publishes as macros of their own: a register field's
 * enumeration values, a register's reset value, a flag set's bits. Each
 * is ABI like a constant: a value changed or removed is frozen for a
 * guest item and needs a bump for a tools one; a new value is allowed.
 * Rows of kind `row` are keyed by their first `nkey` fields.
 */
static void judge_values(struct judge *j, const struct rules *ru, const struct lock_item *w,
                         const struct lock_item *n, const char *row, unsigned nkey)
{
    struct arena *a = j->a;
    enum diag_id id = ru->guest    ? DIAG_ABI_GUEST_CHANGED
                      : ru->stable ? DIAG_ABI_STABLE_CHANGED
                      : ru->bumped ? DIAG_ABI_CHANGE
                                   : DIAG_ABI_TOOLS_UNBUMPED;
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *r = w->rows.items[i];
        if (strcmp(r->f[0], row) != 0)
            continue;
        const struct lock_row *q = find_row(n, row, nkey >= 1 ? r->f[1] : NULL, nkey >= 2 ? r->f[2] : NULL);
        if (q && same_from(r, q, 1))
            continue;
        const char *words = q ? arena_printf(a, "%s changed", value_macro(a, w, r))
                              : arena_printf(a, "%s was removed", value_macro(a, w, r));
        const char *msg;
        if (ru->guest)
            msg = arena_printf(a, "%s %s is frozen guest ABI, and %s", w->kind, w->name, words);
        else if (ru->stable)
            msg = arena_printf(a, "%s %s is frozen, as interface %s is stable, and %s", w->kind, w->name, w->iface,
                               words);
        else if (ru->bumped)
            msg = arena_printf(a, "%s %s changed (%s), and interface %s was bumped from 0x%" PRIx64 " to 0x%" PRIx64,
                               w->kind, w->name, words, ru->iface, ru->locked, ru->current);
        else
            msg = arena_printf(a, "%s %s changed without a version bump (%s): bump %s from 0x%" PRIx64
                                  " to 0x%" PRIx64,
                               w->kind, w->name, words, ru->iface ? ru->iface : "its interface", ru->locked,
                               ru->locked + 1);
        struct loc at = q ? value_loc(j, n, q) : value_loc(j, w, r);
        verdict(j, id, at, w, r->line, value_what(a, r), value_words(a, w, r), q ? value_words(a, n, q) : NULL,
                "%s", msg);
    }
    for (size_t i = 0; i < n->rows.len; i++) {
        const struct lock_row *q = n->rows.items[i];
        if (strcmp(q->f[0], row) != 0 || find_row(w, row, nkey >= 1 ? q->f[1] : NULL, nkey >= 2 ? q->f[2] : NULL))
            continue;
        verdict(j, DIAG_ABI_CHANGE, value_loc(j, n, q), w, 0, value_what(a, q), NULL, value_words(a, n, q),
                "%s %s has a new value, %s", w->kind, w->name, value_macro(a, n, q));
    }
}

/* ---- items ---- */

/*
 * A stable interface keeps every version supported, so its items are
 * frozen while they are in it: one may join it, or the guest ABI (as
 * frozen), but not leave for an interface whose versions come and go.
 * Returns whether the stable rules judge the item.
 */
static bool judge_stability(struct judge *j, const struct lock_item *w, const struct lock_item *n)
{
    struct loc loc = spec_loc(j, n);
    if (!w->stable) {
        if (n->stable)
            verdict(j, DIAG_ABI_CHANGE, loc, w, 0, "visibility", vis_words(j->a, w), vis_words(j->a, n),
                    "%s %s joins stable interface %s, and is frozen from now on", n->kind, n->name, n->iface);
        return false;
    }
    if ((n->stable && strcmp(w->iface, n->iface) == 0) || window_of(n).present)
        return true;
    bool same = n->iface && strcmp(w->iface, n->iface) == 0;
    struct diag *g = verdict(j, DIAG_ABI_STABLE_CHANGED, loc, w, 0, "visibility", vis_words(j->a, w),
                             vis_words(j->a, n),
                             same ? "%s %s is frozen, as interface %s was stable, which it no longer is"
                                  : "%s %s is frozen, as interface %s is stable, and cannot leave it",
                             n->kind, n->name, w->iface);
    diag_note(g, loc, "callers of every version of %s rely on it: declare what the other interface needs "
                      "as a struct of its own", w->iface);
    return true;
}

static void judge_item(struct judge *j, const struct lock_item *w, const struct lock_item *n)
{
    struct rules ru = {judge_visibility(j, w, n), false, NULL, false, NULL, 0, 0};
    ru.stable = !ru.guest && judge_stability(j, w, n);
    bool found;
    ru.iface = n->iface ? n->iface : w->iface;
    ru.locked = ru.iface ? iface_version(j->was, ru.iface, &found) : 0;
    ru.current = ru.iface ? iface_version(j->now, ru.iface, &found) : 0;
    ru.bumped = ru.iface && ru.current > ru.locked;
    if (strcmp(w->kind, "register") == 0) {
        judge_register(j, w, n);
        judge_values(j, &ru, w, n, "enum", 2);
        judge_values(j, &ru, w, n, "reset", 0);
        /* a lock from before RAZ was apart has no row: nothing to judge */
        if (find_row(w, "raz", NULL, NULL))
            judge_values(j, &ru, w, n, "raz", 0);
        return;
    }
    if (strcmp(w->kind, "flags") == 0) {
        judge_values(j, &ru, w, n, "flag", 1);
        return;
    }
    /* a layout recorded for a released version is history: no bump
     * makes another layout the one that version had */
    ru.history = find_row(w, "old", NULL, NULL);
    if (ru.history) {
        const struct lock_row *q = find_row(n, "old", NULL, NULL);
        if (!q || !same_from(ru.history, q, 1)) {
            const char *iface = w->iface ? w->iface : "version";
            const char *was = arena_printf(j->a, "the layout of %s at %s %s", ru.history->f[1], iface, ru.history->f[2]);
            const char *now = q ? arena_printf(j->a, "the layout of %s at %s %s", q->f[1], iface, q->f[2])
                                : "a layout of no older version";
            struct sym *sym = spec_sym(j, n);
            struct loc at = spec_loc(j, n);
            if (q && sym && sym->kind == SYM_AGGREGATE)
                at = ((const struct aggregate *)sym->decl)->old_loc;
            verdict(j, DIAG_ABI_HISTORY_CHANGED, at, w, ru.history->line, "old", was, now,
                    "%s %s was recorded as %s, which is released and frozen", w->kind, w->name, was);
        }
    }
    struct avec changes = {0};
    if (strcmp(w->kind, "const") == 0)
        value_changes(j->a, w, n, &changes);
    else
        layout_changes(j->a, w, n, &changes);
    if (!changes.len)
        return;
    /* tools rules: one bump of the interface covers every change */
    report_changes(j, &ru, w, n, &changes);
}

/*
 * An interface's version never goes down. The lock's version is the
 * highest it recorded, and the items of that version are what the lock
 * has: a lower version, once approved, would let a later bump back to a
 * released number pass with other contents under that number.
 */
static void judge_interfaces(struct judge *j)
{
    for (size_t i = 0; i < j->was->ifaces.len; i++) {
        const struct lock_row *r = j->was->ifaces.items[i];
        bool found;
        uint64_t locked = row_num(r, 2), current = iface_version(j->now, r->f[1], &found);
        if (!found || current >= locked)
            continue;
        struct loc loc = spec_loc(j, NULL);
        for (size_t k = 0; k < j->spec->interfaces.len; k++) {
            const struct interface *x = j->spec->interfaces.items[k];
            if (strcmp(x->name.text, r->f[1]) == 0)
                loc = x->version_loc;
        }
        struct lock_item it = {0};
        it.kind = "interface";
        it.name = r->f[1];
        it.line = r->line;
        struct diag *g = verdict(j, DIAG_ABI_VERSION_LOWERED, loc, &it, r->line, "version",
                                 arena_printf(j->a, "0x%" PRIx64, locked), arena_printf(j->a, "0x%" PRIx64, current),
                                 "interface %s went down from 0x%" PRIx64 " to 0x%" PRIx64
                                 ": a version number, once released, is never used again",
                                 r->f[1], locked, current);
        diag_note(g, loc, "keep %s at 0x%" PRIx64 " while nothing changes, and bump it to 0x%" PRIx64 " for a change",
                  r->f[1], locked, locked + 1);
    }
}

static const struct lock_row *find_feature(const struct lock *lk, const char *name)
{
    for (size_t i = 0; i < lk->features.len; i++) {
        const struct lock_row *r = lk->features.items[i];
        if (strcmp(r->f[1], name) == 0)
            return r;
    }
    return NULL;
}

static const struct feature *spec_feature(const struct spec *spec, const char *name)
{
    for (size_t i = 0; i < spec->features.len; i++) {
        const struct feature *f = spec->features.items[i];
        if (strcmp(f->name.text, name) == 0)
            return f;
    }
    return NULL;
}

/*
 * A feature's number is an enumerator's value in the accessor header,
 * which code built against it keeps: like x86's cpufeatureset.h numbers,
 * it is given once and never changes, and a removed feature's enumerator
 * is gone from code that uses it. A new feature only adds a number. A
 * lock without feature lines predates them: there is nothing to judge.
 */
static void judge_features(struct judge *j)
{
    if (!j->was->features.len)
        return;
    for (size_t i = 0; i < j->was->features.len; i++) {
        const struct lock_row *w = j->was->features.items[i];
        const struct lock_row *n = find_feature(j->now, w->f[1]);
        struct lock_item it = {0};
        it.kind = "feature";
        it.name = w->f[1];
        it.line = w->line;
        if (!n) {
            struct diag *g = verdict(j, DIAG_ABI_FEATURE_CHANGED, lock_loc(j->was->src, w->line), &it, w->line,
                                     "number", w->f[2], NULL,
                                     "feature %s was removed: code built against the accessor header uses its "
                                     "number %s", w->f[1], w->f[2]);
            diag_note(g, lock_loc(j->was->src, w->line), "keep declaring it, with its number");
            continue;
        }
        uint64_t locked = row_num(w, 2), current = row_num(n, 2);
        if (locked == current)
            continue;
        const struct feature *f = spec_feature(j->spec, w->f[1]);
        struct loc at = f ? (f->has_number ? f->number_loc : f->name.loc) : spec_loc(j, NULL);
        struct diag *g = verdict(j, DIAG_ABI_FEATURE_CHANGED, at, &it, w->line, "number", w->f[2], n->f[2],
                                 "feature %s changed its number from %" PRIu64 " to %" PRIu64
                                 ": code built against the accessor header keeps the old one",
                                 w->f[1], locked, current);
        if (f && !f->has_number)
            diag_note(g, at, "features without numbers are numbered in declaration order: give each its "
                      "number, 'feature %s = %" PRIu64 "', and a new one the next free number",
                      w->f[1], locked);
        else
            diag_note(g, at, "give it back %" PRIu64 ", and a new feature the next free number", locked);
    }
    for (size_t i = 0; i < j->now->features.len; i++) {
        const struct lock_row *n = j->now->features.items[i];
        if (find_feature(j->was, n->f[1]))
            continue;
        const struct feature *f = spec_feature(j->spec, n->f[1]);
        struct lock_item it = {0};
        it.kind = "feature";
        it.name = n->f[1];
        it.line = n->line;
        verdict(j, DIAG_ABI_CHANGE, f ? f->name.loc : spec_loc(j, NULL), &it, 0, "number", NULL, n->f[2],
                "feature %s is new, with number %s", n->f[1], n->f[2]);
    }
}

unsigned lock_compare(struct arena *a, struct spec *spec, const struct lock *was, const struct lock *now,
                      struct diags *d, struct buf *json)
{
    struct judge j = {a, spec, was, now, d, json, 0};
    judge_interfaces(&j);
    judge_features(&j);
    for (size_t i = 0; i < was->items.len; i++) {
        const struct lock_item *w = was->items.items[i];
        const struct lock_item *n = find_item(now, w->kind, w->name);
        if (n) {
            judge_item(&j, w, n);
            continue;
        }
        struct loc at = lock_loc(was->src, w->line);
        if (window_of(w).present) {
            verdict(&j, DIAG_ABI_GUEST_REMOVED, at, w, 0, "item", vis_words(a, w), NULL,
                    "%s %s is frozen guest ABI, and the spec no longer declares it", w->kind, w->name);
            continue;
        }
        if (w->stable) {
            verdict(&j, DIAG_ABI_STABLE_CHANGED, at, w, 0, "item", vis_words(a, w), NULL,
                    "%s %s is frozen, as interface %s is stable, and the spec no longer declares it", w->kind,
                    w->name, w->iface);
            continue;
        }
        bool found;
        uint64_t locked = iface_version(was, w->iface, &found), current = iface_version(now, w->iface, &found);
        if (found && current > locked)
            verdict(&j, DIAG_ABI_CHANGE, at, w, 0, "item", vis_words(a, w), NULL,
                    "%s %s was removed, with interface %s bumped to 0x%" PRIx64, w->kind, w->name, w->iface, current);
        else
            verdict(&j, DIAG_ABI_TOOLS_UNBUMPED, at, w, 0, "item", vis_words(a, w), NULL,
                    "%s %s was removed without a version bump: bump %s from 0x%" PRIx64 " to 0x%" PRIx64, w->kind,
                    w->name, w->iface, locked, locked + 1);
    }
    for (size_t i = 0; i < now->items.len; i++) {
        const struct lock_item *n = now->items.items[i];
        if (find_item(was, n->kind, n->name))
            continue;
        if (window_of(n).present)
            verdict(&j, DIAG_ABI_CHANGE, spec_loc(&j, n), n, 0, "item", NULL, vis_words(a, n),
                    "%s %s is new guest ABI, frozen from now on", n->kind, n->name);
        else
            verdict(&j, DIAG_ABI_CHANGE, spec_loc(&j, n), n, 0, "item", NULL, vis_words(a, n),
                    n->stable ? "%s %s is new in stable interface %s, and frozen from now on"
                              : "%s %s is new in interface %s",
                    n->kind, n->name, n->iface);
    }
    return j.breaks;
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

/* ---- the version an item last changed in ---------------------------------- */

/* Whether a tools item is what the lock had, apart from its version label. */
static bool unchanged_tools_item(const struct lock_item *w, const struct lock_item *n)
{
    if (!n->iface || !w->iface || strcmp(w->vis, n->vis) != 0 || strcmp(w->iface, n->iface) != 0 ||
        w->window != n->window || (w->window && w->until != n->until) || w->rows.len != n->rows.len)
        return false;
    for (size_t i = 0; i < w->rows.len; i++)
        if (!same_from(w->rows.items[i], n->rows.items[i], 0))
            return false;
    return true;
}

/*
 * The lock text with each tools item labelled with the version it last
 * changed in: the lock's label for an item the lock has unchanged, the
 * interface's current version for the others. Labelling every item with
 * the current version would rewrite every line of an interface at each
 * bump and bury the real changes in the lock's diff.
 */
static char *relabel(const struct lock *was, const struct lock *now, const char *text, size_t len,
                     size_t *out_len)
{
    struct buf b = {0};
    uint32_t lineno = 0;
    size_t next = 0;
    for (size_t pos = 0; pos < len;) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t n = nl ? (size_t)(nl - line) + 1 : len - pos;
        pos += n;
        lineno++;
        const struct lock_item *it = NULL;
        while (next < now->items.len && ((const struct lock_item *)now->items.items[next])->line < lineno)
            next++;
        if (next < now->items.len && ((const struct lock_item *)now->items.items[next])->line == lineno)
            it = now->items.items[next];
        const struct lock_item *w = it ? find_item(was, it->kind, it->name) : NULL;
        if (!w || !unchanged_tools_item(w, it) || w->version == it->version) {
            buf_printf(&b, "%.*s", (int)n, line);
            continue;
        }
        /* "KIND NAME tools[-stable] IFACE VERSION [guest-until V]" */
        buf_printf(&b, "%s %s %s %s 0x%" PRIx64, it->kind, it->name, it->vis, it->iface, w->version);
        if (it->window)
            buf_printf(&b, " guest-until 0x%" PRIx64, it->until);
        buf_putc(&b, '\n');
    }
    return buf_steal(&b, out_len);
}

/* ---- the step -------------------------------------------------------------- */

/* A word of a shell command, quoted when the shell would split or expand
 * it, so that the command a note gives can be pasted as it is. */
static void put_shell_word(struct buf *b, const char *s)
{
    bool plain = *s != '\0';
    for (const char *c = s; *c && plain; c++)
        plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_./:=+,@%-", *c) != NULL;
    if (plain) {
        buf_puts(b, s);
        return;
    }
    buf_putc(b, '\'');
    for (const char *c = s; *c; c++) {
        if (*c == '\'')
            buf_puts(b, "'\\''");
        else
            buf_putc(b, *c);
    }
    buf_putc(b, '\'');
}

/*
 * The lock was judged, nothing broke and nothing is wrong, but the lock
 * --update-lock would write is not the one on disk: say so now, with the
 * command that approves it, rather than leave the stale lock to fail the
 * lock check later. Located at the lock's first line that differs.
 */
static void report_stale(const struct spec *spec, struct source *src, const char *lock_path,
                         const struct load_opts *load, const char *text, size_t len, struct diags *d)
{
    size_t pos = 0;
    while (pos < src->len && pos < len && src->text[pos] == text[pos])
        pos++;
    if (pos == src->len && pos == len)
        return;
    uint32_t line = 1;
    for (size_t i = 0; i < pos; i++)
        line += src->text[i] == '\n';
    /* a lock the new text only goes on from: point at its last line */
    if (pos == src->len && pos > 0 && src->text[pos - 1] == '\n')
        line--;
    size_t line_len;
    source_line(src, line, &line_len);
    struct loc at = {src, line, 1, line, line_len ? (uint32_t)line_len : 1};
    struct diag *g = diag_report(d, DIAG_ABI_LOCK_STALE, at,
                                 "the ABI lock no longer matches the spec: its differences are allowed, but the "
                                 "lock is not updated yet");
    if (!g)
        return;
    struct buf cmd = {0};
    buf_puts(&cmd, "regc --check --update-lock");
    for (size_t i = 0; load && i < load->ninclude_dirs; i++) {
        buf_puts(&cmd, " -I ");
        put_shell_word(&cmd, load->include_dirs[i]);
    }
    if (lock_path) {
        buf_puts(&cmd, " --abi-lock ");
        put_shell_word(&cmd, lock_path);
    }
    buf_putc(&cmd, ' ');
    put_shell_word(&cmd, spec->path);
    diag_note(g, (struct loc){0}, "approve them, then commit the lock: %s", cmd.data);
    buf_free(&cmd);
}

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

static void queue_report(struct outputs *report, const char *report_path, struct buf *r)
{
    size_t len;
    char *text = buf_steal(r, &len);
    outputs_add(report, xstrdup(report_path), text, len);
}

void abi_report_unjudged(const char *report_path, const char *spec_path, const char *reason,
                         const struct diags *d, size_t first_diag, struct outputs *report)
{
    if (!report_path)
        return;
    struct buf r = {0};
    buf_puts(&r, "{\n  \"spec\": ");
    json_str(&r, stem_of(spec_path));
    buf_puts(&r, ",\n  \"judged\": false,\n  \"reason\": ");
    json_str(&r, reason);
    buf_puts(&r, ",\n  \"errors\": [");
    bool listed[DIAG_COUNT] = {false};
    const char *sep = "";
    for (size_t i = first_diag; i < d->len; i++) {
        const struct diag *g = &d->items[i];
        if (g->severity != SEV_ERROR || listed[g->id])
            continue;
        listed[g->id] = true;
        buf_puts(&r, sep);
        json_str(&r, diag_id_name(g->id));
        sep = ", ";
    }
    buf_puts(&r, "]\n}\n");
    queue_report(report, report_path, &r);
}

bool abi_lock_step(struct spec *spec, const char *lock_path, bool update, const char *report_path,
                   const struct load_opts *load, struct diags *d, struct outputs *outputs,
                   struct outputs *report)
{
    struct arena a = {0};
    size_t first_diag = d->len;
    char *path = lock_path ? xstrdup(lock_path) : lock_default_path(spec->path);
    const char *why = NULL;
    struct source *src = source_read(path, &why);
    if (!src && lock_path && !update) {
        diag_report(d, DIAG_IO, (struct loc){0}, "cannot read the ABI lock '%s': %s", path, why);
        abi_report_unjudged(report_path, spec->path, "the ABI lock cannot be read", d, first_diag, report);
        free(path);
        return false;
    }
    if (!src && !update) {
        /* no lock, and none asked for: nothing to judge or write */
        abi_report_unjudged(report_path, spec->path, "there is no ABI lock to judge the spec against", d,
                            first_diag, report);
        free(path);
        return true;
    }
    size_t len;
    char *text = lock_render(spec, &len);
    struct buf json = {0};
    unsigned errors_before = d->errors, breaks = 0;
    bool judged = false;
    if (src) {
        adopt_source(spec, src);
        struct source *now_src = source_from_memory(path, text, len);
        struct lock *was = lock_parse(&a, src, d);
        struct lock *now = lock_parse(&a, now_src, d);
        if (was && now) {
            breaks = lock_compare(&a, spec, was, now, d, &json);
            judged = true;
            size_t relen;
            char *re = relabel(was, now, text, len, &relen);
            free(text);
            text = re;
            len = relen;
            if (!update && breaks == 0 && d->errors == 0)
                report_stale(spec, src, lock_path, load, text, len, d);
        }
        source_free(now_src);
    }
    /* --update-lock writes only what every rule allows */
    if (update && breaks == 0 && d->errors == errors_before && d->errors == 0)
        outputs_add(outputs, path, text, len);
    else {
        free(path);
        free(text);
    }
    if (judged && report_path) {
        struct buf r = {0};
        buf_puts(&r, "{\n  \"spec\": ");
        json_str(&r, stem_of(spec->path));
        buf_printf(&r, ",\n  \"judged\": true,\n  \"breaks\": %u,\n  \"differences\": [\n%s%s  ]\n}\n", breaks,
                   json.data ? json.data : "", json.len ? "\n" : "");
        queue_report(report, report_path, &r);
    } else if (!judged) {
        abi_report_unjudged(report_path, spec->path,
                            src ? "the ABI lock cannot be read"
                                : "there is no ABI lock yet: this run writes the first one",
                            d, first_diag, report);
    }
    buf_free(&json);
    arena_free(&a);
    return true;
}
