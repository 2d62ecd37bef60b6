/* SPDX-License-Identifier: MIT */
/*
 * Inside the ABI lock: the lock as read (abi_lock_text.c), the state of a
 * judgement (abi_lock_judge.c) and the changes it finds
 * (abi_lock_changes.c). Nothing outside abi_lock_*.c includes this.
 */
#ifndef REGC_ABI_LOCK_PARTS_H
#define REGC_ABI_LOCK_PARTS_H

#include "abi_lock.h"

/* ---- the lock as read ---------------------------------------------------- */

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

/* ---- a judgement ------------------------------------------------------- */

struct judge {
    struct arena *a;
    struct spec *spec;
    const struct lock *was, *now;
    struct diags *d;
    struct buf *json;
    unsigned breaks;       /* records judged a break */
};

enum lock_change_kind {
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

struct lock_change {
    enum lock_change_kind kind;
    const char *abi, *what;
    const struct lock_row *was, *now;  /* NULL when absent */
    const char *follows;               /* the change this one is a consequence of; NULL: its own */
    const char *slot;                  /* CH_ALIAS: the member whose slot it names */
};


/* How the rules judge a struct's or constant's changes. */
struct judge_rules {
    bool guest;              /* frozen: the guest rules */
    bool stable;             /* frozen: the item is of a stable tools interface */
    const struct lock_row *history; /* the layout of a released version: "old NAME VERSION" */
    bool bumped;             /* tools: the interface's version went up */
    const char *iface;
    uint64_t locked, current;
};

/* ---- abi_lock_text.c ---- */

bool lock_parse_u64(const char *s, uint64_t *v);
bool lock_parse_mask(const char *s, struct mask128 *m);
struct loc lock_loc(const struct source *src, uint32_t line);

/* ---- abi_lock_judge.c ---- */

const struct lock_row *lock_find_row(const struct lock_item *it, const char *k0, const char *k1, const char *k2);
bool lock_rows_same_from(const struct lock_row *r, const struct lock_row *q, unsigned from);
uint64_t lock_row_num(const struct lock_row *r, unsigned k);
const struct lock_item *lock_find_item(const struct lock *lk, const char *kind, const char *name);
void lock_json_str(struct buf *b, const char *s);
void judge_record(struct judge *j, enum diag_id id, const struct lock_item *it, const char *what, const char *abi,
                  const char *was, const char *now, const char *follows, const char *msg);
void judge_value_notes(struct judge *j, struct diag *g, uint32_t lock_line, struct loc at, const char *abis,
                       const char *was, const char *now);
struct loc judge_member_loc(struct judge *j, const struct lock_item *it, const char *abi_name, const char *path);
struct loc judge_spec_loc(struct judge *j, const struct lock_item *it);

/* ---- abi_lock_changes.c ---- */

void lock_layout_changes(struct arena *a, const struct lock_item *w, const struct lock_item *n, struct avec *out);
void lock_value_changes(struct arena *a, const struct lock_item *w, const struct lock_item *n, struct avec *out);
void judge_report_changes(struct judge *j, const struct judge_rules *ru, const struct lock_item *w,
                          const struct lock_item *n, const struct avec *changes);

#endif
