/* SPDX-License-Identifier: MIT */
#include "source.h"

#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

struct source *source_from_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
        buf_put(&b, chunk, n);
    if (ferror(f)) {
        int e = errno ? errno : EIO;
        fclose(f);
        buf_free(&b);
        errno = e;
        return NULL;
    }
    fclose(f);
    struct source *s = source_from_memory(path, b.data ? b.data : "", b.len);
    buf_free(&b);
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
