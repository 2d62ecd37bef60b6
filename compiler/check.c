/* SPDX-License-Identifier: MIT */
/*
 * The check framework: reporting and skipping, and the driver that runs
 * one stage of the table (check_table.c) in order.
 */
#include "check.h"

#include "layout.h"

#include <stdlib.h>

/* ---- reporting and skipping ----------------------------------------- */

bool check_skip(const struct check_ctx *cc, uint64_t failed)
{
    return ((failed | cc->spec->failed) & cc->skip_mask) != 0;
}

static struct diag *check_vreport(struct check_ctx *cc, enum diag_id id, uint64_t *failed,
                                  struct loc loc, const char *fmt, va_list ap) REGC_PRINTF(5, 0);

static struct diag *check_vreport(struct check_ctx *cc, enum diag_id id, uint64_t *failed,
                                  struct loc loc, const char *fmt, va_list ap)
{
    struct diag *d = diag_vreport(cc->diags, id, loc, fmt, ap);
    /* Only errors stop dependent checks; a warning leaves the model sound. */
    if (d && d->severity == SEV_ERROR && diag_id_default_severity(id) == SEV_ERROR && failed)
        *failed |= cc->bit;
    return d;
}

struct diag *check_report(struct check_ctx *cc, uint64_t *failed, struct loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct diag *d = check_vreport(cc, cc->check->id, failed, loc, fmt, ap);
    va_end(ap);
    return d;
}

struct diag *check_report_as(struct check_ctx *cc, enum diag_id id, uint64_t *failed,
                             struct loc loc, const char *fmt, ...)
{
    if (!check_reports(cc->check, id)) {
        fprintf(stderr, "regc: internal error: check '%s' reports '%s', which its row does not list\n",
                diag_id_name(cc->check->id), diag_id_name(id));
        fflush(stderr); /* main() buffers it, and abort() flushes nothing */
        abort();
    }
    va_list ap;
    va_start(ap, fmt);
    struct diag *d = check_vreport(cc, id, failed, loc, fmt, ap);
    va_end(ap);
    return d;
}

static size_t check_index_of(enum diag_id id)
{
    for (size_t i = 0; i < check_count(); i++)
        if (check_at(i)->id == id)
            return i;
    return SIZE_MAX;
}

/* Prerequisites are transitive: if FIELD_OUTSIDE failed for a register,
 * FIELD_UNCOVERED skips it too, via FIELD_OVERLAP. */
static uint64_t prereq_mask(size_t idx, unsigned depth)
{
    uint64_t m = 0;
    if (depth > check_count())
        return 0;
    for (int k = 0; k < CHECK_MAX_PREREQS; k++) {
        enum diag_id p = check_at(idx)->prereqs[k];
        if (p == DIAG_COUNT)
            continue;
        size_t j = check_index_of(p);
        if (j == SIZE_MAX) {
            /* the unit tests hold every prerequisite to be a row */
            fprintf(stderr, "regc: internal error: check '%s' needs '%s', which is no check\n",
                    diag_id_name(check_at(idx)->id), diag_id_name(p));
            fflush(stderr);
            abort();
        }
        m |= (1ull << j) | prereq_mask(j, depth + 1);
    }
    return m;
}

uint64_t check_row_bits(enum diag_id row)
{
    size_t i = check_index_of(row);
    return (1ull << i) | prereq_mask(i, 0);
}

/* In the layout stage, aggregates the engine could not lay out carry
 * LAYOUT_FAILED_BIT and every layout check skips them. */
void check_spec(struct spec *spec, struct diags *diags, enum check_stage stage)
{
    /* Without an arch there are no ABIs, so nothing was laid out. */
    if (stage == STAGE_LAYOUT && (!spec->arch || spec->failed))
        return;
    for (size_t i = 0; i < check_count(); i++) {
        const struct check *c = check_at(i);
        if (c->stage != stage)
            continue;
        struct check_ctx cc = {spec, diags, c, 1ull << i, prereq_mask(i, 0), NULL};
        if (stage == STAGE_LAYOUT)
            cc.skip_mask |= LAYOUT_FAILED_BIT;
        c->fn(&cc);
        /* A `like` register has its source's fields, which the field checks
         * judge only at the source: where they failed there, they failed
         * here too, so that no later check reads a bad field through it. */
        for (size_t k = 0; k < spec->regs.len; k++) {
            struct reg *r = spec->regs.items[k];
            if (r->like_decl)
                r->failed |= r->like_decl->failed & cc.bit;
        }
    }
}

