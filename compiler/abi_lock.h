/* SPDX-License-Identifier: MIT */
/*
 * The ABI lock: a deterministic text record of every guest and tools item
 * of a spec (visibility, interface version, layout on every ABI, register
 * fields and reserved bits, constant values), and the rules that judge a
 * spec against the lock it was last approved with. lock_from_spec() and
 * lock_parse() give the same model, so comparing is model against model.
 */
#ifndef REGC_ABI_LOCK_H
#define REGC_ABI_LOCK_H

#include "ast.h"
#include "diag.h"
#include "util.h"

struct lock;

/* The lock text of a checked, laid-out spec. malloc'd. */
char *lock_render(struct spec *spec, size_t *len);

/* Reads a lock; NULL after reporting [abi-lock-invalid]. The source must
 * outlive the diagnostics. */
struct lock *lock_parse(struct arena *a, const struct source *src, struct diags *d);

/* Judges the spec (whose lock text is `now`) against `was`. Reports every
 * break as an error and every allowed difference as an [abi-change] note,
 * and appends each difference to the JSON report (an array's elements).
 * Returns the number of differences judged a break. */
unsigned lock_compare(struct arena *a, struct spec *spec, const struct lock *was, const struct lock *now,
                      struct diags *d, struct buf *json);

/* SPEC-DIR/abi/STEM.lock */
char *lock_default_path(const char *spec_path);

struct outputs;
struct ptrvec;
struct load_opts;

/*
 * The ABI step of a compilation: reads the lock (lock_path, or the
 * default one when that exists), judges the spec against it, and queues
 * the rewritten lock (with update, when nothing broke) into `outputs` and
 * the JSON report into `report`. The lock's source joins the spec's, so
 * diagnostics can quote it and the depfile lists it. Returns false when
 * a named lock cannot be read. When nothing is wrong but the lock is not
 * the one --update-lock would write, an [abi-lock-stale] note gives the
 * command that approves it (with load's include dirs).
 */
bool abi_lock_step(struct spec *spec, const char *lock_path, bool update, const char *report_path,
                   const struct load_opts *load, struct diags *d, struct outputs *outputs,
                   struct outputs *report);

/*
 * The --abi-report of a run that could not judge the spec (it has errors,
 * or it has no lock): "judged": false, the reason, and the ids of the
 * errors reported from first_diag on. Written in place of any older
 * report, so that none survives a failed run. Nothing when report_path
 * is NULL.
 */
void abi_report_unjudged(const char *report_path, const char *spec_path, const char *reason,
                         const struct diags *d, size_t first_diag, struct outputs *report);

#endif
