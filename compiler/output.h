/* SPDX-License-Identifier: MIT */
/*
 * Committing rendered outputs to disk. Everything is rendered in memory
 * first; then each changed file is written to a temporary file next to it
 * and renamed into place, so a reader (or a crash) only ever sees the old
 * or the complete new content. A file whose content would not change is not
 * touched at all, so its mtime stays and make/ninja see nothing to redo.
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
 * Writes all changed outputs: every temporary file first, then every
 * rename, so that a failure while writing (a full disk, a read-only
 * directory) leaves every existing file as it was. Returns false after
 * reporting the failure, with the path and errno text, on err.
 */
bool outputs_commit(const struct outputs *o, FILE *err, struct write_stats *stats);

/* A make/ninja depfile: "TARGETS: DEPS", with spaces and '$' escaped. */
char *depfile_render(const char *const *targets, size_t ntargets, const char *const *deps,
                     size_t ndeps, size_t *len);

#endif
