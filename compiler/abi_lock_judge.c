/* SPDX-License-Identifier: MIT */
/*
 * Judging a spec against its lock: the rules for visibility, registers,
 * published values, interfaces and features, item by item
 * (lock_compare), with the record of each verdict for --abi-report.
 */
#include "abi_lock_parts.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* ---- judging --------------------------------------------------------------- */

void lock_json_str(struct buf *b, const char *s)
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
void judge_record(struct judge *j, enum diag_id id, const struct lock_item *it, const char *what, const char *abi,
                  const char *was, const char *now, const char *follows, const char *msg)
{
    static const char *const keys[] = {"what", "abi", "old", "new", "follows", "message"};
    const char *values[] = {what, abi, was, now, follows, msg};
    struct buf *b = j->json;
    if (b->len)
        buf_puts(b, ",\n");
    buf_puts(b, "    {\"rule\": ");
    lock_json_str(b, diag_id_name(id));
    buf_printf(b, ", \"verdict\": \"%s\", \"item\": ", is_break(id) ? "break" : "allowed");
    lock_json_str(b, arena_printf(j->a, "%s %s", it->kind, it->name));
    for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
        buf_printf(b, ", \"%s\": ", keys[k]);
        lock_json_str(b, values[k] ? values[k] : "");
    }
    buf_putc(b, '}');
    if (is_break(id))
        j->breaks++;
}

/* The lock's value, at its line, and the spec's, as notes. */
void judge_value_notes(struct judge *j, struct diag *g, uint32_t lock_line, struct loc at, const char *abis,
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
    judge_value_notes(j, g, lock_line ? lock_line : it->line, loc, NULL, was, now);
    judge_record(j, id, it, what, "", was, now, "", msg);
    return g;
}

const struct lock_item *lock_find_item(const struct lock *lk, const char *kind, const char *name)
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
        if (strcmp(r->f[1], name) == 0 && lock_parse_u64(r->f[2], &v)) {
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
struct loc judge_spec_loc(struct judge *j, const struct lock_item *it)
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
struct loc judge_member_loc(struct judge *j, const struct lock_item *it, const char *abi_name, const char *path)
{
    struct loc fallback = judge_spec_loc(j, it);
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
const struct lock_row *lock_find_row(const struct lock_item *it, const char *k0, const char *k1, const char *k2)
{
    for (size_t i = 0; i < it->rows.len; i++) {
        const struct lock_row *r = it->rows.items[i];
        if (strcmp(r->f[0], k0) == 0 && (!k1 || (r->n > 1 && strcmp(r->f[1], k1) == 0)) &&
            (!k2 || (r->n > 2 && strcmp(r->f[2], k2) == 0)))
            return r;
    }
    return NULL;
}

bool lock_rows_same_from(const struct lock_row *r, const struct lock_row *q, unsigned from)
{
    if (r->n != q->n)
        return false;
    for (unsigned i = from; i < r->n; i++)
        if (strcmp(r->f[i], q->f[i]) != 0)
            return false;
    return true;
}

uint64_t lock_row_num(const struct lock_row *r, unsigned k)
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
    struct loc loc = judge_spec_loc(j, n);
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
    return judge_spec_loc(j, it);
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
    return judge_spec_loc(j, it);
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
            b.width = (unsigned)lock_row_num(r, 1);
        else if (strcmp(r->f[0], "field") == 0)
            b.fields = mask_or(b.fields, mask_range((unsigned)lock_row_num(r, 2), (unsigned)lock_row_num(r, 3)));
        else if (strcmp(r->f[0], "reserved") == 0 &&
                 (!lock_parse_mask(r->f[1], &b.res0) || !lock_parse_mask(r->f[2], &b.res1)))
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
    const struct lock_row *r = lock_find_row(w, "reserved", NULL, NULL);
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
    struct mask128 bits = mask_range((unsigned)lock_row_num(q, 2), (unsigned)lock_row_num(q, 3));
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
    struct loc loc = judge_spec_loc(j, n);
    const struct lock_row *rw = lock_find_row(w, "width", NULL, NULL), *qw = lock_find_row(n, "width", NULL, NULL);
    bool same_width = !rw || !qw || strcmp(rw->f[1], qw->f[1]) == 0;
    if (!same_width)
        verdict(j, DIAG_ABI_REGISTER_CHANGED, loc, w, rw->line, "width", arena_printf(a, "%s bits", rw->f[1]),
                arena_printf(a, "%s bits", qw->f[1]), "register %s changed width", w->name);
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *r = w->rows.items[i];
        if (strcmp(r->f[0], "field") != 0)
            continue;
        const struct lock_row *q = lock_find_row(n, "field", r->f[1], NULL);
        const char *was = arena_printf(a, "%s at [%s:%s]", r->f[1], r->f[2], r->f[3]);
        if (!q) {
            /* a field renamed is removed under its old name: its bits are
             * the new field's now, not reserved ones */
            const char *now = "reserved bits";
            for (size_t k = 0; k < n->rows.len; k++) {
                const struct lock_row *o = n->rows.items[k];
                if (strcmp(o->f[0], "field") == 0 && strcmp(o->f[2], r->f[2]) == 0 && strcmp(o->f[3], r->f[3]) == 0 &&
                    !lock_find_row(w, "field", o->f[1], NULL))
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
        if (strcmp(q->f[0], "field") == 0 && !lock_find_row(w, "field", q->f[1], NULL))
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
    struct loc loc = judge_spec_loc(j, it);
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
static void judge_values(struct judge *j, const struct judge_rules *ru, const struct lock_item *w,
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
        const struct lock_row *q = lock_find_row(n, row, nkey >= 1 ? r->f[1] : NULL, nkey >= 2 ? r->f[2] : NULL);
        if (q && lock_rows_same_from(r, q, 1))
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
        if (strcmp(q->f[0], row) != 0 || lock_find_row(w, row, nkey >= 1 ? q->f[1] : NULL, nkey >= 2 ? q->f[2] : NULL))
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
    struct loc loc = judge_spec_loc(j, n);
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
    struct judge_rules ru = {judge_visibility(j, w, n), false, NULL, false, NULL, 0, 0};
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
        if (lock_find_row(w, "raz", NULL, NULL))
            judge_values(j, &ru, w, n, "raz", 0);
        return;
    }
    if (strcmp(w->kind, "flags") == 0) {
        judge_values(j, &ru, w, n, "flag", 1);
        return;
    }
    /* a layout recorded for a released version is history: no bump
     * makes another layout the one that version had */
    ru.history = lock_find_row(w, "old", NULL, NULL);
    if (ru.history) {
        const struct lock_row *q = lock_find_row(n, "old", NULL, NULL);
        if (!q || !lock_rows_same_from(ru.history, q, 1)) {
            const char *iface = w->iface ? w->iface : "version";
            const char *was = arena_printf(j->a, "the layout of %s at %s %s", ru.history->f[1], iface, ru.history->f[2]);
            const char *now = q ? arena_printf(j->a, "the layout of %s at %s %s", q->f[1], iface, q->f[2])
                                : "a layout of no older version";
            struct sym *sym = spec_sym(j, n);
            struct loc at = judge_spec_loc(j, n);
            if (q && sym && sym->kind == SYM_AGGREGATE)
                at = ((const struct aggregate *)sym->decl)->old_loc;
            verdict(j, DIAG_ABI_HISTORY_CHANGED, at, w, ru.history->line, "old", was, now,
                    "%s %s was recorded as %s, which is released and frozen", w->kind, w->name, was);
        }
    }
    struct avec changes = {0};
    if (strcmp(w->kind, "const") == 0)
        lock_value_changes(j->a, w, n, &changes);
    else
        lock_layout_changes(j->a, w, n, &changes);
    if (!changes.len)
        return;
    /* tools rules: one bump of the interface covers every change */
    judge_report_changes(j, &ru, w, n, &changes);
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
        uint64_t locked = lock_row_num(r, 2), current = iface_version(j->now, r->f[1], &found);
        if (!found || current >= locked)
            continue;
        struct loc loc = judge_spec_loc(j, NULL);
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
        uint64_t locked = lock_row_num(w, 2), current = lock_row_num(n, 2);
        if (locked == current)
            continue;
        const struct feature *f = spec_feature(j->spec, w->f[1]);
        struct loc at = f ? (f->has_number ? f->number_loc : f->name.loc) : judge_spec_loc(j, NULL);
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
        verdict(j, DIAG_ABI_CHANGE, f ? f->name.loc : judge_spec_loc(j, NULL), &it, 0, "number", NULL, n->f[2],
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
        const struct lock_item *n = lock_find_item(now, w->kind, w->name);
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
        if (lock_find_item(was, n->kind, n->name))
            continue;
        if (window_of(n).present)
            verdict(&j, DIAG_ABI_CHANGE, judge_spec_loc(&j, n), n, 0, "item", NULL, vis_words(a, n),
                    "%s %s is new guest ABI, frozen from now on", n->kind, n->name);
        else
            verdict(&j, DIAG_ABI_CHANGE, judge_spec_loc(&j, n), n, 0, "item", NULL, vis_words(a, n),
                    n->stable ? "%s %s is new in stable interface %s, and frozen from now on"
                              : "%s %s is new in interface %s",
                    n->kind, n->name, n->iface);
    }
    return j.breaks;
}

