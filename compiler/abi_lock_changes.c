/* SPDX-License-Identifier: MIT */
/*
 * The changes of a struct's layout or a constant's value between the lock
 * and the spec, which of them follow from others, and how the rules
 * report them.
 */
#include "abi_lock_parts.h"

#include <inttypes.h>
#include <string.h>

/* ---- layouts and values ---- */

static struct lock_change *add_change(struct arena *a, struct avec *out, enum lock_change_kind kind, const char *abi,
                                 const char *what, const struct lock_row *was, const struct lock_row *now)
{
    struct lock_change *c = ARENA_NEW(a, struct lock_change);
    *c = (struct lock_change){kind, abi, what, was, now, NULL, NULL};
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
            strcmp(x->f[4], r->f[4]) == 0 && !lock_find_row(w, "member", r->f[1], x->f[2]) && !has_row(used, x))
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
        const struct lock_row *own = lock_find_row(w, "member", r->f[1], x->f[2]);
        if (!own || !lock_rows_same_from(own, x, 3))
            return x;
    }
    return NULL;
}

/* The unchanged member whose slot a new alias names, or NULL. */
static const char *alias_slot(const struct lock_item *w, const struct lock_item *n, const struct lock_row *q)
{
    if (strcmp(q->f[6], "alias") != 0)
        return NULL;
    uint64_t off = lock_row_num(q, 3), end = off + lock_row_num(q, 4);
    for (size_t k = 0; k < n->rows.len; k++) {
        const struct lock_row *m = n->rows.items[k];
        if (!is_member_on(m, q->f[1]) || strcmp(m->f[6], "alias") == 0 || !same_parent(m->f[2], q->f[2]))
            continue;
        const struct lock_row *old = lock_find_row(w, "member", m->f[1], m->f[2]);
        if (old && lock_rows_same_from(old, m, 3) && lock_row_num(m, 3) <= off &&
            end <= lock_row_num(m, 3) + lock_row_num(m, 4))
            return m->f[2];
    }
    return NULL;
}

static bool is_own_kind(enum lock_change_kind k)
{
    return k == CH_CHANGED || k == CH_REMOVED || k == CH_ADDED;
}

static uint64_t change_offset(const struct lock_change *c)
{
    return lock_row_num(c->was ? c->was : c->now, 3);
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
        struct lock_change *c = out->items[i];
        if (c->kind != CH_CHANGED || !c->was || !c->now || strcmp(c->was->f[5], c->now->f[5]) != 0 ||
            strcmp(c->was->f[6], c->now->f[6]) != 0 ||
            (strcmp(c->was->f[5], "struct{}") != 0 && strcmp(c->was->f[5], "union{}") != 0))
            continue;
        for (size_t k = first; k < out->len && !c->follows; k++) {
            const struct lock_change *d = out->items[k];
            if (is_own_kind(d->kind) && is_inside(d->what, c->what))
                c->follows = d->what;
        }
    }
    for (size_t i = first; i < out->len; i++) {
        struct lock_change *c = out->items[i];
        if (c->kind != CH_MOVED)
            continue;
        for (size_t k = first; k < out->len && !c->follows; k++) {
            const struct lock_change *d = out->items[k];
            bool cause = is_own_kind(d->kind) || (d->kind == CH_MOVED && k < i && !d->follows);
            if (d != c && cause && same_parent(d->what, c->what) && change_offset(d) <= change_offset(c))
                c->follows = d->what;
        }
    }
    for (size_t i = first; i < out->len; i++) {
        struct lock_change *c = out->items[i];
        for (size_t k = first; k < out->len && c->kind == CH_SIZE && !c->follows; k++) {
            const struct lock_change *d = out->items[k];
            if (is_own_kind(d->kind) || d->kind == CH_MOVED)
                c->follows = d->what;
        }
    }
}

/* The differences of a struct or union on one ABI. */
static void abi_changes(struct arena *a, const struct lock_item *w, const struct lock_item *n, const char *abi,
                        struct avec *out)
{
    const struct lock_row *r = lock_find_row(w, "layout", abi, NULL), *q = lock_find_row(n, "layout", abi, NULL);
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
        const struct lock_row *x = is_member_on(m, abi) ? lock_find_row(n, "member", abi, m->f[2]) : NULL;
        if (x && lock_rows_same_from(m, x, 3))
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
        const struct lock_row *x = lock_find_row(n, "member", abi, m->f[2]);
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
        if (!is_member_on(x, abi) || lock_find_row(w, "member", abi, x->f[2]) || has_row(&used, x))
            continue;
        const char *slot = alias_slot(w, n, x);
        struct lock_change *c = add_change(a, out, slot ? CH_ALIAS : CH_ADDED, abi, x->f[2], NULL, x);
        c->slot = slot;
    }
    if (!lock_rows_same_from(r, q, 2))
        add_change(a, out, CH_SIZE, abi, "size and alignment", r, q);
    find_causes(out, first);
}

void lock_layout_changes(struct arena *a, const struct lock_item *w, const struct lock_item *n, struct avec *out)
{
    for (size_t i = 0; i < w->rows.len; i++) {
        const struct lock_row *r = w->rows.items[i];
        if (strcmp(r->f[0], "layout") == 0)
            abi_changes(a, w, n, r->f[1], out);
    }
    for (size_t i = 0; i < n->rows.len; i++) {
        const struct lock_row *q = n->rows.items[i];
        if (strcmp(q->f[0], "layout") == 0 && !lock_find_row(w, "layout", q->f[1], NULL))
            add_change(a, out, CH_SIZE, q->f[1], "size and alignment", NULL, q);
    }
}

void lock_value_changes(struct arena *a, const struct lock_item *w, const struct lock_item *n, struct avec *out)
{
    const struct lock_row *r = lock_find_row(w, "value", NULL, NULL), *q = lock_find_row(n, "value", NULL, NULL);
    if (r && q && !lock_rows_same_from(r, q, 1))
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

static const char *change_words(struct arena *a, const struct lock_change *c)
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

/* Whether a change is allowed whatever the rules of the item: no byte
 * means anything else to any caller. Reserved padding that became a
 * member is, when the spec says callers had to zero it ('was reserved'):
 * zero then means what the padding did. */
static bool is_free_change(const struct lock_change *c)
{
    return c->kind == CH_ALIAS || c->kind == CH_RENAMED || (c->kind == CH_FILLED && *mark_of(c->now));
}

static enum diag_id rule_of(const struct judge_rules *ru, const struct lock_change *c)
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

static const char *change_message(struct judge *j, const struct judge_rules *ru, const struct lock_item *w,
                                  const struct lock_change *c, const char *abis)
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

static bool same_group(const struct lock_change *c, const struct lock_change *d)
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
static struct diag *report_group(struct judge *j, const struct judge_rules *ru, const struct lock_item *w,
                                 const struct lock_item *n, const struct avec *changes, size_t at)
{
    struct arena *a = j->a;
    const struct lock_change *c = changes->items[at];
    const char *abis = "";
    for (size_t k = at; k < changes->len; k++)
        if (same_group(c, changes->items[k]))
            abis = abi_list(a, abis, ((const struct lock_change *)changes->items[k])->abi);
    /* a removed member has no row now: it is reported at the declaration
     * of the ABI it left (member_loc falls back to it) */
    const struct lock_row *at_row = c->now ? c->now : c->was;
    struct loc loc = at_row && strcmp(at_row->f[0], "member") == 0 && c->abi && *c->abi
                         ? judge_member_loc(j, n, c->abi, c->now ? at_row->f[2] : "")
                         : judge_spec_loc(j, n);
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
        const struct lock_change *x = changes->items[k];
        if (!same_group(c, x))
            continue;
        const char *was = row_value(a, x->was), *now = row_value(a, x->now);
        judge_record(j, id, w, x->what, x->abi, was, now, "", msg);
        bool noted = false;
        for (size_t e = at; e < k && !noted; e++) {
            const struct lock_change *y = changes->items[e];
            noted = same_group(c, y) && strcmp(row_value(a, y->was), was) == 0 &&
                    strcmp(row_value(a, y->now), now) == 0;
        }
        if (noted)
            continue;
        const char *same = "";
        for (size_t e = k; e < changes->len; e++) {
            const struct lock_change *y = changes->items[e];
            if (same_group(c, y) && strcmp(row_value(a, y->was), was) == 0 &&
                strcmp(row_value(a, y->now), now) == 0)
                same = abi_list(a, same, y->abi);
        }
        judge_value_notes(j, g, x->was ? x->was->line : w->line, loc, same, x->was ? was : NULL, x->now ? now : NULL);
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
        const struct lock_change *c = changes->items[i];
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
static void report_consequences(struct judge *j, const struct judge_rules *ru, const struct lock_item *w,
                                const struct lock_item *n, const struct avec *changes, struct diag *g)
{
    struct arena *a = j->a;
    const char *done = "|";
    for (size_t i = 0; i < changes->len; i++) {
        const struct lock_change *c = changes->items[i];
        if (!c->follows)
            continue;
        enum diag_id id = rule_of(ru, c);
        judge_record(j, id, w, c->what, c->abi, row_value(a, c->was), row_value(a, c->now), c->follows,
                     arena_printf(a, "in %s %s on %s, a consequence of the change to '%s'", w->kind, w->name, c->abi,
                            c->follows));
        if (strstr(done, arena_printf(a, "|%s|", c->abi)))
            continue;
        const char *text = consequences_on(a, changes, c->abi), *abis = "";
        for (size_t k = i; k < changes->len; k++) {
            const struct lock_change *d = changes->items[k];
            if (d->follows && !strstr(done, arena_printf(a, "|%s|", d->abi)) &&
                strcmp(consequences_on(a, changes, d->abi), text) == 0) {
                abis = abi_list(a, abis, d->abi);
                done = arena_printf(a, "%s%s|", done, d->abi);
            }
        }
        diag_note(g, judge_spec_loc(j, n), "as a result, on %s: %s", abis, text);
    }
}

void judge_report_changes(struct judge *j, const struct judge_rules *ru, const struct lock_item *w,
                          const struct lock_item *n, const struct avec *changes)
{
    struct diag *first = NULL;
    bool any = false;
    for (size_t i = 0; i < changes->len; i++) {
        const struct lock_change *c = changes->items[i];
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

