/* SPDX-License-Identifier: MIT */
/*
 * Source files held in memory for the whole compilation, so that any
 * diagnostic can quote the offending line long after lexing is over.
 */
#ifndef REGC_SOURCE_H
#define REGC_SOURCE_H

#include <stddef.h>
#include <stdint.h>

struct source {
    char *path;         /* as the user or the include named it */
    char *text;         /* whole file, NUL-terminated (may contain NULs) */
    size_t len;
    uint32_t *line_starts; /* byte offset of each line, built lazily */
    uint32_t nlines;
    /* The last column diag_display_col counted, so that many diagnostics
     * on one long line do not each count it from its start. */
    uint32_t dcol_line;
    size_t dcol_byte, dcol_chars;
    unsigned index;        /* order in which the spec read it */
    struct source *included_from; /* the file whose include read this one */
    uint32_t include_line, include_col;
};

/*
 * A span inside one source: 1-based line and byte column of its first and
 * last character (inclusive). A span on a NULL source is "no location".
 */
struct loc {
    const struct source *src;
    uint32_t line, col;
    uint32_t end_line, end_col;
};

struct source *source_from_memory(const char *path, const char *text, size_t len);
/* The largest file regc reads: specs, includes, templates, locks. */
enum { REGC_MAX_FILE_SIZE = 256 * 1024 * 1024 };

/*
 * Reads a regular file of at most REGC_MAX_FILE_SIZE bytes. Anything else
 * (a directory, a device, a FIFO, a larger file, an error) returns NULL
 * with *why saying what, for a message: it is refused before it is read.
 */
struct source *source_read(const char *path, const char **why);
void source_free(struct source *s);

/* The text of line `line` (1-based) without its terminator. */
const char *source_line(struct source *s, uint32_t line, size_t *len);

struct loc loc_join(struct loc a, struct loc b);
/* Source order: file read order, then line, then column. */
int loc_compare(const struct loc *a, const struct loc *b);

#endif
