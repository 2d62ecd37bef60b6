/* SPDX-License-Identifier: MIT */
/*
 * Semantic checks, as a table of small named functions. A check's name is
 * the id of the diagnostics it reports and the name -W<id> switches.
 *
 * Prerequisites work per declaration: when a check reports an error about a
 * register, the register is marked failed for that check, and every check
 * that lists it as a prerequisite skips that register. One bad bit range is
 * one error, not one per check that would have tripped over it.
 */
#ifndef REGC_CHECK_H
#define REGC_CHECK_H

#include "ast.h"
#include "diag.h"

enum check_stage {
    STAGE_MODEL,  /* names, registers, structure shapes, constants */
    STAGE_LAYOUT, /* needs the per-ABI layout from layout.c */
};

struct check_ctx;
typedef void (*check_fn)(struct check_ctx *cc);

#define CHECK_MAX_PREREQS 4

struct check {
    enum diag_id id;                 /* its name, and what it reports */
    check_fn fn;
    enum check_stage stage;
    enum diag_id prereqs[CHECK_MAX_PREREQS]; /* DIAG_COUNT-padded; each is a row's id */
};

struct check_ctx {
    struct spec *spec;
    struct diags *diags;
    const struct check *check;
    uint64_t bit;       /* this check's bit in the `failed` masks */
    uint64_t skip_mask; /* bits of every prerequisite, transitively */
    void (*per_register)(struct check_ctx *cc, struct aggregate *top, struct member *m,
                         uint64_t abis); /* for visit_register_members() */
};

/* Runs every check of the stage, in table order. */
void check_spec(struct spec *spec, struct diags *diags, enum check_stage stage);

/* The table, for --help and the docs test. */
size_t check_count(void);
const struct check *check_at(size_t i);
/* The ids that no check reports, because the scanner, the parser, the
 * loader, the ABI lock or the templates do. With the ids the checks
 * report, every id is accounted for (the unit tests hold it so). */
const enum diag_id *check_outside_ids(size_t *n);
/* Whether the check may report this id: its own, or one it finds on the
 * way (unresolved-name reports names of the wrong kind, wrong-kind). */
bool check_reports(const struct check *c, enum diag_id id);

/* The reserved kind keyword a field name reads as ("res0" for RES0, Res0
 * or reso), or NULL; field-name-reserved-kind refuses such a field. */
const char *field_name_reserved_kind(const char *name);

/* For check functions. */
bool check_skip(const struct check_ctx *cc, uint64_t failed);
/* The bits of the row and of its prerequisites, transitively: a derived
 * fact the row judges is refused on a declaration whose failed mask (or
 * the spec's) has one. Walks the table: call it once per check. */
uint64_t check_row_bits(enum diag_id row);
struct diag *check_report(struct check_ctx *cc, uint64_t *failed, struct loc loc,
                          const char *fmt, ...) REGC_PRINTF(4, 5);
struct diag *check_report_as(struct check_ctx *cc, enum diag_id id, uint64_t *failed,
                             struct loc loc, const char *fmt, ...) REGC_PRINTF(5, 6);

/* check_names.c: the rows that report on what resolve_spec() linked. */
void check_duplicate_name(struct check_ctx *cc);
void check_unresolved_name(struct check_ctx *cc);
void check_feature_undeclared(struct check_ctx *cc);

#endif
