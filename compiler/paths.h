/* SPDX-License-Identifier: MIT */
/*
 * The files one run writes, checked against each other and against every
 * file the run read, before anything is written: `-M o/t.h` or
 * `--abi-report s.reg` would otherwise replace an output or a spec.
 * Paths are compared by what they name, not by spelling: an existing file
 * by device and inode (so `o/../o/t.h`, a symlink or a hard link to it is
 * the same file), one not yet there by its directory's real path and its
 * name (what rename() will create).
 */
#ifndef REGC_PATHS_H
#define REGC_PATHS_H

#include "util.h"

#include <stdio.h>

struct path_role {
    const char *path;
    const char *what; /* "the output", "the depfile (-M)", "the spec or include", ... */
    int group;        /* a write and a read of one group may be one file (the ABI lock) */
};

struct path_set {
    struct path_role *items;
    size_t len, cap;
};

void path_set_add(struct path_set *s, const char *path, const char *what, int group);
void path_set_free(struct path_set *s);

/* False after reporting, on err, the first two writes naming one file, or
 * a write naming a file that is read (outside its group). Group 0 is in
 * no group. */
bool paths_distinct(const struct path_set *writes, const struct path_set *reads, FILE *err);

#endif
