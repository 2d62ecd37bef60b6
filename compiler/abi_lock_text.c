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
#include "abi_lock_parts.h"

#include "cnames.h"
#include "layout.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

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

bool lock_parse_u64(const char *s, uint64_t *v)
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

struct loc lock_loc(const struct source *src, uint32_t line)
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
            if (strcmp(r->f[k], "since") == 0 && lock_parse_u64(r->f[k + 1], &it->since))
                it->has_since = true;
            else if (strcmp(r->f[k], "until") == 0 && lock_parse_u64(r->f[k + 1], &it->until))
                it->has_until = true;
            else
                return false;
        }
        return k == r->n;
    }
    if (strcmp(it->vis, "tools") == 0 || strcmp(it->vis, "tools-stable") == 0) {
        it->stable = strcmp(it->vis, "tools-stable") == 0;
        if (k + 2 >= r->n || !lock_parse_u64(r->f[k + 2], &it->version))
            return false;
        it->iface = r->f[k + 1];
        if (k + 3 == r->n)
            return true;
        if (k + 5 == r->n && strcmp(r->f[k + 3], "guest-until") == 0 && lock_parse_u64(r->f[k + 4], &it->until)) {
            it->window = true;
            return true;
        }
        return false;
    }
    return false;
}

bool lock_parse_mask(const char *s, struct mask128 *m)
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
            if ((shapes[i].numbers >> k & 1) && !lock_parse_u64(r->f[k], &v))
                return "a detail line with a field that should be a number";
        struct mask128 m;
        if ((strcmp(r->f[0], "reserved") == 0 || strcmp(r->f[0], "reset") == 0) &&
            (!lock_parse_mask(r->f[1], &m) || !lock_parse_mask(r->f[2], &m)))
            return "register masks are hexadecimal numbers";
        if (strcmp(r->f[0], "raz") == 0 && !lock_parse_mask(r->f[1], &m))
            return "register masks are hexadecimal numbers";
        if (strcmp(r->f[0], "member") == 0 && r->n == 8 && strcmp(r->f[7], "was-reserved") != 0 &&
            (strncmp(r->f[7], "was-reserved-until=", 19) != 0 || !lock_parse_u64(r->f[7] + 19, &v)))
            return "a member's kind may only be followed by 'was-reserved' or 'was-reserved-until=VERSION'";
        if (strcmp(r->f[0], "field") == 0 && r->n == 6 && strcmp(r->f[5], "res1") != 0)
            return "a field's feature may only be followed by 'res1'";
        /* bits are compared as masks, which only bits 127..0 can be */
        uint64_t msb, lsb;
        if (strcmp(r->f[0], "field") == 0 && lock_parse_u64(r->f[2], &msb) && lock_parse_u64(r->f[3], &lsb) &&
            (msb > 127 || lsb > msb))
            return "a field's bits are MSB LSB, with LSB <= MSB <= 127";
        if (strcmp(r->f[0], "width") == 0 && lock_parse_u64(r->f[1], &msb) && (msb < 1 || msb > 128))
            return "a register's width is 1 to 128 bits";
        return NULL;
    }
    return "a detail line this kind of record does not have";
}

/* Why a "feature NAME NUMBER" line cannot be judged, or NULL. */
static const char *feature_line_problem(const struct lock *lk, const struct lock_row *r)
{
    uint64_t v;
    if (r->n != 3 || !lock_parse_u64(r->f[2], &v))
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
            if (!lock_parse_u64(r->f[2], &v))
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

