/* SPDX-License-Identifier: MIT */
/*
 * State shared by the scanner and the parser for one source file. The
 * parser receives it through %parse-param, the scanner through yyextra;
 * there is no global state, so several files can be parsed at once.
 */
#ifndef REGC_PARSE_CTX_H
#define REGC_PARSE_CTX_H

#include "ast.h"
#include "diag.h"

/* Limits that turn hostile input into diagnostics instead of crashes. */
enum {
    REGC_MAX_NAME = 255,     /* bytes in an identifier */
    REGC_MAX_EXPR_DEPTH = 256, /* operators on the deepest path of an expression */
};

struct parse_ctx {
    struct diags *diags;
    struct arena *arena;
    struct source *src;
    /* scanner position: 1-based line, byte column of the next byte */
    uint32_t line, col;
    size_t off;              /* byte offset of the next byte */
    size_t nul_end;          /* end of the NUL run already reported */
    unsigned nesting;
    struct loc open_braces[REGC_MAX_NESTING]; /* the '{' still open, for messages */
    unsigned nopen;
    bool aborted;            /* the scanner gave up; the parser must not add noise */
    /* the last two tokens handed to the parser, for hints */
    uint32_t prev_line, prev_col, cur_line, cur_col;
    int prev_token, cur_token;
    struct buf strbuf;       /* string literal being scanned */
    uint32_t str_line, str_col;
    /* output */
    struct avec items;
};

struct loc parse_loc(const struct parse_ctx *ctx, uint32_t l0, uint32_t c0, uint32_t l1, uint32_t c1);

/*
 * Parses one file into ctx->items (struct item *). Includes are recorded
 * as ITEM_INCLUDE; load.c expands them. Returns false when the file had
 * syntax errors (they are in ctx->diags either way).
 */
bool parse_source(struct parse_ctx *ctx);

/* The scanner alone, for tests: every token of ctx->src until the end. */
struct lex_token {
    int kind;           /* token kind from parser.h, or a character */
    struct loc loc;
    const char *text;   /* IDENT and STRING */
    uint64_t num;       /* NUMBER */
};
size_t lex_source(struct parse_ctx *ctx, struct avec *tokens);

#endif
