/* SPDX-License-Identifier: MIT */
/*
 * Committing rendered outputs to disk. Everything is rendered in memory
 * first; then each changed file is written to a temporary file next to it
 * and renamed into place, so a reader (or a crash) only ever sees the old
 * or the complete new content, and a failure puts every old one back. A
 * file whose content would not change is not touched at all, so its mtime
 * stays and make/ninja see nothing to redo.
 */
#ifndef REGC_OUTPUT_H
#define REGC_OUTPUT_H

#include "util.h"

#include <stdio.h>

struct output {
    char *path;
    char *data;
    size_t len;
};

struct outputs {
    struct output *items;
    size_t len, cap;
};

struct write_stats {
    size_t written, unchanged;
};

/* Takes ownership of path and data. */
void outputs_add(struct outputs *o, char *path, char *data, size_t len);
void outputs_free(struct outputs *o);
const struct output *outputs_find(const struct outputs *o, const char *path);


/*
 * Writes all changed outputs, or none: on failure every output is as it
 * was before. First each new content goes to a temporary file next to its
 * output (a full disk or a read-only directory fails here), then each old
 * content gets a second name (a hard link, PATH.regc-XXXXXX), then the
 * temporaries are renamed into place. A replaced file keeps its mode; a
 * new one gets 0666 less the umask. When a rename fails, every output
 * already replaced is renamed back from its backup, and one that did not
 * exist before is removed. On success the backups are removed. An
 * unchanged output costs no write, link or rename at all.
 *
 * Each temporary file is fsync'ed before its rename and each directory
 * after the renames (REGC_FSYNC=0 skips both, to measure their cost).
 * The limit: a crash (SIGKILL, power loss) during the renames can leave
 * some outputs with their complete new content and the others with their
 * complete old content, and leftover PATH.regc-XXXXXX files; never a
 * partial or empty output. The next commit removes those leftovers beside
 * its outputs (regular files of exactly that name), holding an flock on
 * each directory so that it never takes another run's for leftovers.
 *
 * Returns false after reporting the failure, with the path and errno
 * text, on err.
 */
bool outputs_commit(const struct outputs *o, FILE *err, struct write_stats *stats);

/* A make/ninja depfile: "TARGETS: DEPS", with spaces and '$' escaped;
 * targets and deps each sorted (strcmp) and listed once. */
char *depfile_render(const char *const *targets, size_t ntargets, const char *const *deps,
                     size_t ndeps, size_t *len);

#endif
