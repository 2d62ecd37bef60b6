/* SPDX-License-Identifier: MIT */
/*
 * Inside the Mustache engine: the compiled form, which
 * mustache_compile.c builds and mustache_render.c walks. Nothing outside
 * mustache_*.c includes this.
 */
#ifndef REGC_MUSTACHE_TREE_H
#define REGC_MUSTACHE_TREE_H

#include "mustache.h"

enum node_kind { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_PARENT, N_BLOCK };

struct mu_node {
    enum node_kind kind;
    const char *text;          /* N_TEXT: the text; tags: the name */
    size_t len;
    bool dynamic;              /* {{>*name}}: the name is looked up in the context */
    struct mu_node **children; /* sections; for parents, only blocks count */
    size_t nchildren;
    unsigned line, col;
    /* partials, parents and blocks on a standalone line */
    bool standalone;
    const char *indent;
    size_t indent_len;
    /* blocks: the content as template text, and the delimiters it starts with */
    const char *content;
    size_t content_len;
    const char *otag, *ctag;
    size_t olen, clen;
};

struct mu_template {
    const char *name;
    struct mu_node **nodes;
    size_t nnodes;
};

/* Whitespace inside tags and on standalone lines. */
static inline bool is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* Compiles with the given delimiters, as a block or partial expanded
 * after a set-delimiter tag needs. */
struct mu_template *compile_with(struct arena *a, const char *name, const char *text, size_t len,
                                 const char *otag, size_t olen, const char *ctag, size_t clen,
                                 struct mu_error *err);

#endif
