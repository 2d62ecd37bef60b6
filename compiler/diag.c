/* SPDX-License-Identifier: MIT */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    enum severity severity;
    const char *summary;
} diag_table[DIAG_COUNT] = {
#define REGC_DIAG_ROW(e, name, sev, summary) [DIAG_##e] = {name, SEV_##sev, summary},
    REGC_DIAG_IDS(REGC_DIAG_ROW)
#undef REGC_DIAG_ROW
};

const char *diag_id_name(enum diag_id id)
{
    return id < DIAG_COUNT ? diag_table[id].name : "?";
}

const char *diag_id_summary(enum diag_id id)
{
    return id < DIAG_COUNT ? diag_table[id].summary : "";
}

enum severity diag_id_default_severity(enum diag_id id)
{
    return id < DIAG_COUNT ? diag_table[id].severity : SEV_ERROR;
}

enum diag_id diag_id_lookup(const char *name)
{
    for (int i = 0; i < DIAG_COUNT; i++)
        if (strcmp(diag_table[i].name, name) == 0)
            return (enum diag_id)i;
    return DIAG_COUNT;
}

void diags_init(struct diags *d)
{
    memset(d, 0, sizeof(*d));
    for (int i = 0; i < DIAG_COUNT; i++)
        d->policy.enabled[i] = true;
}

void diags_free(struct diags *d)
{
    for (size_t i = 0; i < d->len; i++) {
        free(d->items[i].message);
        for (size_t j = 0; j < d->items[i].nnotes; j++)
            free(d->items[i].notes[j].message);
        free(d->items[i].notes);
    }
    free(d->items);
    d->items = NULL;
    d->len = d->cap = 0;
}

static char *vformat(const char *fmt, va_list ap) REGC_PRINTF(1, 0);

static char *vformat(const char *fmt, va_list ap)
{
    struct buf b = {0};
    buf_vprintf(&b, fmt, ap);
    return buf_steal(&b, NULL);
}

struct diag *diag_vreport(struct diags *d, enum diag_id id, struct loc loc,
                          const char *fmt, va_list ap)
{
    enum severity sev = diag_id_default_severity(id);
    if (sev == SEV_NOTE && !d->policy.enabled[id])
        return NULL;
    if (sev == SEV_WARNING) {
        if (!d->policy.enabled[id])
            return NULL;
        if (d->policy.all_warnings_as_errors || d->policy.as_error[id])
            sev = SEV_ERROR;
    }
    if (sev == SEV_ERROR && d->policy.max_errors && d->errors >= d->policy.max_errors) {
        d->stopped = true;
        return NULL;
    }
    if (d->len == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = xrealloc(d->items, d->cap * sizeof(*d->items));
    }
    struct diag *g = &d->items[d->len++];
    memset(g, 0, sizeof(*g));
    g->id = id;
    g->severity = sev;
    g->loc = loc;
    g->message = vformat(fmt, ap);
    if (sev == SEV_ERROR)
        d->errors++;
    else if (sev == SEV_WARNING)
        d->warnings++;
    return g;
}

struct diag *diag_report(struct diags *d, enum diag_id id, struct loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    struct diag *g = diag_vreport(d, id, loc, fmt, ap);
    va_end(ap);
    return g;
}

void diag_note(struct diag *g, struct loc loc, const char *fmt, ...)
{
    if (!g)
        return;
    g->notes = xrealloc(g->notes, (g->nnotes + 1) * sizeof(*g->notes));
    va_list ap;
    va_start(ap, fmt);
    g->notes[g->nnotes].loc = loc;
    g->notes[g->nnotes].message = vformat(fmt, ap);
    va_end(ap);
    g->nnotes++;
}

/* ---- printing --------------------------------------------------------- */

/*
 * Paths and messages quote what the input wrote (an include path with a
 * \n escape, a file named with a line break): control bytes go out as C
 * escapes, so that every diagnostic stays one line that editors and
 * scripts can parse.
 */
void diag_put_text(const char *s, FILE *out)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x20 && c != 0x7f)
            fputc(c, out);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else
            fprintf(out, "\\x%02x", c);
    }
}

static void print_include_chain(const struct source *src, FILE *out)
{
    for (const struct source *s = src; s && s->included_from; s = s->included_from) {
        fputs(s == src ? "In file included from " : "                 from ", out);
        diag_put_text(s->included_from->path, out);
        fprintf(out, ":%u:\n", s->include_line);
    }
}

size_t utf8_char_len(const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    if (n == 0)
        return 0;
    if (s[0] < 0x80)
        return 1;
    size_t len;
    uint32_t cp;
    if (s[0] >= 0xc2 && s[0] <= 0xdf) {
        len = 2; cp = s[0] & 0x1f;
    } else if (s[0] >= 0xe0 && s[0] <= 0xef) {
        len = 3; cp = s[0] & 0x0f;
    } else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
        len = 4; cp = s[0] & 0x07;
    } else {
        return 0;
    }
    if (len > n)
        return 0;
    for (size_t k = 1; k < len; k++) {
        if ((s[k] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[k] & 0x3f);
    }
    /* no overlong forms, no surrogates, nothing above U+10FFFF */
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
        (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

/* Bytes of the character at line[i]: an invalid byte is a character of
 * its own, shown as '?'. */
static size_t char_at(const char *line, size_t len, size_t i)
{
    size_t n = utf8_char_len(line + i, len - i);
    return n ? n : 1;
}

/* Characters in line[from, to), the way columns and underlines count. */
static size_t char_count(const char *line, size_t len, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t i = from; i < to && i < len; i += char_at(line, len, i))
        n++;
    return n;
}

unsigned diag_display_col(const struct loc *loc)
{
    if (!loc->src || loc->col == 0)
        return loc->col;
    size_t len;
    const char *line = source_line((struct source *)loc->src, loc->line, &len);
    size_t before = loc->col - 1;
    size_t in_line = before < len ? before : len;
    /* Diagnostics print in source order: go on from the last column
     * counted on this line rather than from the line's start. */
    struct source *s = (struct source *)loc->src;
    size_t i = 0, n = 0;
    if (s->dcol_line == loc->line && s->dcol_byte <= in_line) {
        i = s->dcol_byte;
        n = s->dcol_chars;
    }
    for (; i < in_line; i += char_at(line, len, i))
        n++;
    s->dcol_line = loc->line;
    s->dcol_byte = i;
    s->dcol_chars = n;
    return (unsigned)(n + (before - in_line) + 1);
}

static int gutter_width(uint32_t line)
{
    int w = 1;
    for (uint32_t v = line; v >= 10; v /= 10)
        w++;
    return w < 5 ? 5 : w;
}

/*
 * Prints the line with a gutter, then an underline that starts under the
 * first character of the span and is as long as the span is in
 * characters: a UTF-8 character takes one column, whatever its bytes.
 * Tabs before the span are copied into the underline so that the caret
 * lands in the right place whatever the terminal's tab width.
 */
/* Excerpts of long lines show this many bytes around the span, so that a
 * generated or hostile one-line spec does not flood the terminal. */
#define EXCERPT_WIDTH 120

static void print_excerpt(const struct loc *loc, FILE *out)
{
    size_t len;
    const char *line = source_line((struct source *)loc->src, loc->line, &len);
    if (loc->line == 0)
        return;
    size_t start = loc->col ? loc->col - 1 : 0;
    if (start > len)
        start = len;
    size_t end; /* exclusive byte index of the span on this line */
    if (loc->end_line == loc->line && loc->end_col >= loc->col)
        end = loc->end_col;
    else
        end = len;
    if (end > len)
        end = len;
    size_t from = 0, to = len;
    if (len > EXCERPT_WIDTH) {
        from = start > EXCERPT_WIDTH / 2 ? start - EXCERPT_WIDTH / 2 : 0;
        to = from + EXCERPT_WIDTH < len ? from + EXCERPT_WIDTH : len;
        /* cut between characters, not inside one */
        while (from < start && ((unsigned char)line[from] & 0xc0) == 0x80)
            from++;
        while (to > end && to < len && ((unsigned char)line[to] & 0xc0) == 0x80)
            to--;
        if (end > to)
            end = to;
    }
    int gw = gutter_width(loc->line);
    const char *lead = from ? "..." : "";
    fprintf(out, "%*u | %s", gw, loc->line, lead);
    for (size_t i = from; i < to;) {
        size_t n = utf8_char_len(line + i, to - i);
        unsigned char c = (unsigned char)line[i];
        /* Control bytes, NULs and broken UTF-8 would corrupt a terminal or a log. */
        if (n > 1)
            fwrite(line + i, 1, n, out);
        else
            fputc(c == '\t' || (n == 1 && c >= 0x20 && c != 0x7f) ? c : '?', out);
        i += n ? n : 1;
    }
    fputs(to < len ? "...\n" : "\n", out);
    fprintf(out, "%*s | %s", gw, "", from ? "   " : "");
    for (size_t i = from; i < start; i += char_at(line, len, i))
        fputc(line[i] == '\t' ? '\t' : ' ', out);
    fputc('^', out);
    for (size_t n = char_count(line, len, start, end); n > 1; n--)
        fputc('~', out);
    fputc('\n', out);
}

static void print_one(const struct loc *loc, const char *kind, const char *message,
                      const char *id, FILE *out)
{
    if (loc->src) {
        diag_put_text(loc->src->path, out);
        fprintf(out, ":%u:%u: %s: ", loc->line, diag_display_col(loc), kind);
    } else {
        fprintf(out, "regc: %s: ", kind);
    }
    diag_put_text(message, out);
    if (id)
        fprintf(out, " [%s]", id);
    fputc('\n', out);
    if (loc->src)
        print_excerpt(loc, out);
}

void diag_print(const struct diag *g, FILE *out)
{
    if (g->loc.src)
        print_include_chain(g->loc.src, out);
    print_one(&g->loc, g->severity == SEV_ERROR ? "error" : g->severity == SEV_WARNING ? "warning" : "note",
              g->message,
              diag_id_name(g->id), out);
    for (size_t i = 0; i < g->nnotes; i++)
        print_one(&g->notes[i].loc, "note", g->notes[i].message, NULL, out);
}

/* Checks run one after the other, but people read a file top to bottom:
 * print in source order, and in check order at one position. */
static int diag_compare(const void *a, const void *b)
{
    const struct diag *x = *(const struct diag *const *)a, *y = *(const struct diag *const *)b;
    int c = loc_compare(&x->loc, &y->loc);
    if (c)
        return c;
    return x < y ? -1 : x > y;
}

void diags_print_from(const struct diags *d, size_t from, FILE *out)
{
    if (from >= d->len)
        return;
    size_t n = d->len - from;
    const struct diag **order = xmalloc(n * sizeof(*order));
    for (size_t i = 0; i < n; i++)
        order[i] = &d->items[from + i];
    qsort(order, n, sizeof(*order), diag_compare);
    for (size_t i = 0; i < n; i++)
        diag_print(order[i], out);
    free(order);
}

void diags_print(const struct diags *d, FILE *out)
{
    diags_print_from(d, 0, out);
    diags_print_summary(d, out);
}

void diags_print_summary(const struct diags *d, FILE *out)
{
    if (d->stopped)
        fprintf(out, "regc: note: stopped after %u errors (-fmax-errors=%u; 0 means no limit)\n",
                d->errors, d->policy.max_errors);
    if (d->errors || d->warnings) {
        fprintf(out, "%u error%s and %u warning%s generated.\n", d->errors,
                d->errors == 1 ? "" : "s", d->warnings, d->warnings == 1 ? "" : "s");
    }
}

void diag_bit_ranges(struct buf *b, struct mask128 m)
{
    bool first = true;
    for (int bit = mask_msb(m); bit >= 0;) {
        if (!mask_test(m, (unsigned)bit)) {
            bit--;
            continue;
        }
        int msb = bit;
        while (bit >= 0 && mask_test(m, (unsigned)bit))
            bit--;
        int lsb = bit + 1;
        buf_printf(b, "%s%d", first ? "" : ", ", msb);
        if (msb != lsb)
            buf_printf(b, ":%d", lsb);
        first = false;
    }
}

void diag_bits(struct buf *b, struct mask128 m)
{
    int msb = mask_msb(m);
    bool one = msb >= 0 && mask_eq(m, mask_range((unsigned)msb, (unsigned)msb));
    buf_puts(b, one ? "bit " : "bits ");
    diag_bit_ranges(b, m);
}
