/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "source.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct source *source_from_memory(const char *path, const char *text, size_t len)
{
    struct source *s = xcalloc(1, sizeof(*s));
    s->path = xstrdup(path);
    s->text = xmalloc(len + 2);
    memcpy(s->text, text, len);
    /* Two NULs: flex's yy_scan_buffer wants them, and the lexer relies on
     * a terminator past the last byte. */
    s->text[len] = s->text[len + 1] = '\0';
    s->len = len;
    return s;
}

/*
 * Only regular files are read, and never more than REGC_MAX_FILE_SIZE
 * bytes: /dev/zero would otherwise fill memory, and a FIFO block for
 * ever. O_NONBLOCK makes the open of a FIFO return at once, so that fstat
 * can refuse it; on a regular file the flag changes nothing.
 */
struct source *source_read(const char *path, const char **why)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        return NULL;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *why = strerror(errno);
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode) ? strerror(EISDIR) : "not a regular file";
        close(fd);
        return NULL;
    }
    static const char too_big[] = "file is larger than the 256 MiB limit";
    _Static_assert(REGC_MAX_FILE_SIZE == 256 * 1024 * 1024, "the message names the limit");
    if (st.st_size > REGC_MAX_FILE_SIZE) {
        *why = too_big;
        close(fd);
        return NULL;
    }
    /* The size is a hint: the file may grow or shrink while it is read,
     * and reading stops one byte past the limit. */
    size_t cap = (size_t)st.st_size + 1, len = 0;
    char *text = xmalloc(cap + 2);
    for (;;) {
        if (len == cap) {
            if (cap > REGC_MAX_FILE_SIZE)
                break;
            cap = cap * 2 < (size_t)REGC_MAX_FILE_SIZE + 1 ? cap * 2 : (size_t)REGC_MAX_FILE_SIZE + 1;
            text = xrealloc(text, cap + 2);
        }
        ssize_t n = read(fd, text + len, cap - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *why = strerror(errno);
            free(text);
            close(fd);
            return NULL;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    if (len > REGC_MAX_FILE_SIZE) {
        *why = too_big;
        free(text);
        return NULL;
    }
    struct source *s = xcalloc(1, sizeof(*s));
    s->path = xstrdup(path);
    s->text = text;
    /* the two NULs of source_from_memory */
    s->text[len] = s->text[len + 1] = '\0';
    s->len = len;
    return s;
}

void source_free(struct source *s)
{
    if (!s)
        return;
    free(s->path);
    free(s->text);
    free(s->line_starts);
    free(s);
}

static void source_index_lines(struct source *s)
{
    size_t cap = 64, n = 0;
    uint32_t *starts = xmalloc(cap * sizeof(*starts));
    starts[n++] = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (s->text[i] == '\n' && i + 1 <= s->len) {
            if (n == cap) {
                cap *= 2;
                starts = xrealloc(starts, cap * sizeof(*starts));
            }
            starts[n++] = (uint32_t)(i + 1);
        }
    }
    s->line_starts = starts;
    s->nlines = (uint32_t)n;
}

const char *source_line(struct source *s, uint32_t line, size_t *len)
{
    if (!s->line_starts)
        source_index_lines(s);
    if (line == 0 || line > s->nlines) {
        *len = 0;
        return "";
    }
    size_t start = s->line_starts[line - 1];
    /* from the index, not by scanning: a diagnostic per byte of a long
     * line would otherwise cost the square of its length */
    size_t end = line < s->nlines ? s->line_starts[line] - 1 : s->len;
    /* CRLF files: the CR is part of the terminator, not of the line. */
    if (end > start && s->text[end - 1] == '\r')
        end--;
    *len = end - start;
    return s->text + start;
}

struct loc loc_join(struct loc a, struct loc b)
{
    if (!a.src)
        return b;
    if (!b.src || a.src != b.src)
        return a;
    struct loc r = a;
    if (b.end_line > a.end_line || (b.end_line == a.end_line && b.end_col > a.end_col)) {
        r.end_line = b.end_line;
        r.end_col = b.end_col;
    }
    return r;
}

int loc_compare(const struct loc *a, const struct loc *b)
{
    unsigned ia = a->src ? a->src->index : 0, ib = b->src ? b->src->index : 0;
    if (ia != ib)
        return ia < ib ? -1 : 1;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->col != b->col)
        return a->col < b->col ? -1 : 1;
    return 0;
}
