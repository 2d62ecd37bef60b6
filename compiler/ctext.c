/* SPDX-License-Identifier: MIT */
#include "ctext.h"

#include <string.h>

static bool is_word_char(char c)
{
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static void note_first(size_t *slot, size_t at)
{
    if (*slot == CTEXT_NONE)
        *slot = at;
}

/* The length of a line splice at p, or 0: a backslash, then blanks (GCC
 * and clang take "\ " before the line end as a splice, with a warning),
 * then the line break. */
static size_t splice_len(const char *p)
{
    if (*p != '\\')
        return 0;
    size_t n = 1;
    while (is_blank(p[n]))
        n++;
    return p[n] == '\n' ? n + 1 : 0;
}

void ctext_init(struct ctext *c, const char *text)
{
    *c = (struct ctext){.text = text, .p = text, .line = 1, .bol = true};
    c->open_comment = c->open_literal = c->line_comment = c->comment = CTEXT_NONE;
    c->line_break = c->splice = CTEXT_NONE;
}

static size_t off(const struct ctext *c, const char *p)
{
    return (size_t)(p - c->text);
}

/* Skips blanks, comments and splices, and line breaks unless in_line:
 * a line break ends a directive. */
static void ctext_skip(struct ctext *c, bool in_line)
{
    for (;;) {
        const char *p = c->p;
        size_t n;
        if (is_blank(*p)) {
            c->p++;
        } else if ((n = splice_len(p))) {
            note_first(&c->splice, off(c, p));
            c->p += n;
            c->line++;
        } else if (*p == '\n' && !in_line) {
            note_first(&c->line_break, off(c, p));
            c->p++;
            c->line++;
            c->bol = true;
            c->in_function_macro = false;
        } else if (*p == '/' && p[1] == '*') {
            note_first(&c->comment, off(c, p));
            const char *end = strstr(p + 2, "*/");
            if (!end)
                note_first(&c->open_comment, off(c, p));
            for (const char *q = p; q < (end ? end : p + strlen(p)); q++)
                c->line += *q == '\n';
            c->p = end ? end + 2 : p + strlen(p);
        } else if (*p == '/' && p[1] == '/') {
            note_first(&c->comment, off(c, p));
            note_first(&c->line_comment, off(c, p));
            /* a splice continues the comment, as in C99 */
            while (*c->p && *c->p != '\n') {
                if ((n = splice_len(c->p))) {
                    c->p += n;
                    c->line++;
                } else {
                    c->p++;
                }
            }
        } else {
            return;
        }
    }
}

/* Past a literal that starts at p; a line break that is no splice ends it
 * unterminated, as it does for the preprocessor. */
static void skip_literal(struct ctext *c)
{
    const char *start = c->p;
    char quote = *c->p++;
    for (;;) {
        size_t n;
        if (!*c->p || *c->p == '\n') {
            note_first(&c->open_literal, off(c, start));
            return;
        }
        if ((n = splice_len(c->p))) {
            c->p += n;
            c->line++;
        } else if (*c->p == '\\' && c->p[1] && c->p[1] != '\n') {
            c->p += 2;
        } else if (*c->p++ == quote) {
            return;
        }
    }
}

void ctext_next(struct ctext *c, struct ctok *t)
{
    ctext_skip(c, false);
    const char *s = c->p;
    bool bol = c->bol;
    c->bol = false;
    *t = (struct ctok){.kind = CTOK_END, .s = s, .at = off(c, s), .line = c->line};
    if (!*s)
        return;
    if (*s == '"' || *s == '\'') {
        skip_literal(c);
        t->kind = CTOK_LITERAL;
        t->len = (size_t)(c->p - s);
        return;
    }
    if (*s == '#' && bol) {
        c->p++;
        ctext_skip(c, true);
        const char *w = c->p;
        while (is_word_char(*c->p))
            c->p++;
        t->kind = CTOK_DIRECTIVE;
        t->s = w;
        t->len = (size_t)(c->p - w);
        bool define = ctext_word_is(t, "define");
        if (define || ctext_word_is(t, "undef")) {
            ctext_skip(c, true);
            const char *name = c->p;
            while (is_word_char(*c->p))
                c->p++;
            t->macro = name;
            t->macro_len = (size_t)(c->p - name);
            /* function-like only when '(' follows the name at once */
            if (define && c->p > name && *c->p == '(')
                c->in_function_macro = true;
        }
        return;
    }
    t->kind = is_word_char(*s) ? CTOK_WORD : CTOK_PUNCT;
    c->p++;
    while (t->kind == CTOK_WORD && is_word_char(*c->p))
        c->p++;
    t->len = (size_t)(c->p - s);
}

bool ctext_word_is(const struct ctok *t, const char *word)
{
    return t->len == strlen(word) && !strncmp(t->s, word, t->len);
}

size_t ctext_trigraph(const char *text)
{
    for (const char *p = text; (p = strstr(p, "??")); p++)
        if (p[2] && strchr("=(/)'<!>-", p[2]))
            return (size_t)(p - text);
    return CTEXT_NONE;
}

size_t ctext_trailing_splice(const char *text)
{
    size_t n = strlen(text);
    while (n && (is_blank(text[n - 1]) || text[n - 1] == '\n'))
        n--;
    return n && text[n - 1] == '\\' ? n - 1 : CTEXT_NONE;
}
