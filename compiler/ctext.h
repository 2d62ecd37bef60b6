/* SPDX-License-Identifier: MIT */
/*
 * The one scanner regc has for C text it copies into headers: verbatim
 * blocks and ABI predicates. It reads the text the way the preprocessor of
 * the headers' strictest dialect (C89, trigraphs on) does, far enough to
 * know where comments, literals, line splices and directives are, and
 * records what would make the text reach beyond itself. The checks build
 * their rules on its tokens and on what it records (check_verbatim.c).
 */
#ifndef REGC_CTEXT_H
#define REGC_CTEXT_H

#include <stdbool.h>
#include <stddef.h>

#define CTEXT_NONE ((size_t)-1)

struct ctext {
    const char *text;       /* the start, which offsets count from */
    const char *p;
    unsigned line;          /* of the text at p, 1-based */
    bool bol;               /* nothing but blanks and comments since the last line break */
    bool in_function_macro; /* the body of a #define NAME(...) */
    /* The first of each, as an offset into text, or CTEXT_NONE. */
    size_t open_comment;    /* a comment without its end */
    size_t open_literal;    /* a string or character literal that ends with its line */
    size_t line_comment;    /* a // comment, which C89 does not have */
    size_t comment;         /* any comment */
    size_t line_break;      /* a line break outside comments and literals */
    size_t splice;          /* a backslash that ends a line */
};

enum ctok_kind { CTOK_END, CTOK_WORD, CTOK_PUNCT, CTOK_LITERAL, CTOK_DIRECTIVE };

struct ctok {
    enum ctok_kind kind;
    /* WORD: an identifier or a number; PUNCT: one character; LITERAL: the
     * whole literal; DIRECTIVE: the directive's name, empty for a null
     * directive or a line marker */
    const char *s;
    size_t len;
    size_t at;              /* offset of the token; of its '#' for a directive */
    unsigned line;
    /* DIRECTIVE "define" or "undef": the macro it names (len 0 when malformed) */
    const char *macro;
    size_t macro_len;
};

void ctext_init(struct ctext *c, const char *text);
/* The next token; kind CTOK_END at the end of the text. */
void ctext_next(struct ctext *c, struct ctok *t);

/* The offset of the first trigraph (??= ??( ??/ ??) ??' ??< ??! ??> ??-),
 * or CTEXT_NONE. Trigraphs are replaced before anything else is read, in
 * comments and literals too. */
size_t ctext_trigraph(const char *text);

/* The offset of the backslash that would splice the line after the text
 * onto its last line, or CTEXT_NONE: a '\' followed by nothing but blanks
 * and line breaks up to the end, since the header drops the text's last
 * line breaks and puts its own. */
size_t ctext_trailing_splice(const char *text);

bool ctext_word_is(const struct ctok *t, const char *word);

#endif
